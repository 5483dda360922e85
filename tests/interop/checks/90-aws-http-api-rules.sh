#!/usr/bin/env bash
# The AWS HTTP API JWT authorizer's rules (RSA + kid in the JWKS, exact iss, aud, a scope string, discovery and JWKS
# within 1,500 ms, JWKS under 150,000 bytes) before and after a key rotation made with the admin CLI, which leaves
# an announced and a retired key in the JWKS. Numbered 90 because it changes the shared key set: it must run last.
set -euo pipefail
rules="$(dirname "${BASH_SOURCE[0]}")/90-aws-http-api-rules.mjs"
state="$INTEROP_WORK/aws-rules-state.json"
keys="$INTEROP_WORK/aws-rules-keys.json"

# The admin CLI as the nodes are configured (run.sh's AUTHSERVER_SETTINGS, one KEY=VALUE a line), from the
# binaries' folder so it reads the same appsettings.json.
mapfile -t settings <<<"$AUTHSERVER_SETTINGS"
cli() {
  (cd "$(dirname "$AUTHSERVER_DLL")" &&
    env ASPNETCORE_ENVIRONMENT=Testing DOTNET_ENVIRONMENT=Testing "${settings[@]}" dotnet "$AUTHSERVER_DLL" "$@")
}

status=0
node "$rules" before "$state" || status=1

# rotate --now: a new key signs at once and the current one (GOOD_TOKEN's) retires, still published;
# rotate: the next key is announced. The CLI's audit lines go to stderr; shown only when a command fails.
log="$INTEROP_WORK/aws-rules-cli.log"
for command in "keys rotate --now" "keys rotate"; do
  # shellcheck disable=SC2086 # the command is words on purpose
  answer=$(cli $command 2>"$log") || { echo "  aws-rules FAIL $command: $(cat "$log")" >&2; exit 1; }
  echo "  aws-rules: $command: $answer"
done
cli keys list --json >"$keys" 2>"$log" || { echo "  aws-rules FAIL keys list: $(cat "$log")" >&2; exit 1; }

node "$rules" after "$state" "$keys" || status=1
exit $status
