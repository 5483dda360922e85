#!/usr/bin/env bash
# The interop stage: third-party tools and libraries judge a running AuthServer.
# Needs the solution already built (dotnet build, Debug); builds nothing itself.
# Starts BubbleSimulator, two AuthServer nodes on one SQLite store (the second mints short-lived tokens,
# for the "expired" case) and SampleApi, each on a free loopback port, runs the checks, and stops
# everything on exit. Exits non-zero when any check fails. See README.md beside this file.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin=bin/Debug/net10.0
authserver_dll="$root/src/AuthServer/$bin/AuthServer.dll"
sampleapi_dll="$root/src/SampleApi/$bin/SampleApi.dll"
simulator_dll="$root/tests/BubbleSimulator/$bin/BubbleSimulator.dll"

# Throwaway fixtures for a throwaway store; not secrets.
audience=sample-api
scope=sample-api.read
write_scope=sample-api.write # same audience, other scope: the "missing scope" case
script_client=interop-script;        script_secret=interop-script-secret-0123456789
other_client=interop-other-api;      other_secret=interop-other-secret-0123456789
bubble_client=interop-bubble-app;    bubble_secret=interop-bubble-secret-0123456789
writer_client=interop-writer;        writer_secret=interop-writer-secret-0123456789
bubble_email=interop@example.com;    bubble_password=interop-password

# Everything here is on loopback: never through a proxy from the environment.
export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}" NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for dll in "$authserver_dll" "$sampleapi_dll" "$simulator_dll"; do
  [[ -f "$dll" ]] || { echo "interop: $dll is missing; run dotnet build first" >&2; exit 1; }
done

if ! /usr/bin/python3 -c 'import jwt' 2>/dev/null; then
  echo "interop: installing python3-jwt"
  # A fresh machine may have no package lists yet.
  apt-get install -y -qq python3-jwt >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq python3-jwt >/dev/null; }
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

work="$(mktemp -d -t authserver-interop-XXXXXX)"
pids=()
failed=0
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $status -ne 0 || $failed -ne 0 ]]; then
    for log in "$work"/*.log; do
      [[ -f "$log" ]] && { echo "--- last lines of $(basename "$log")"; tail -n 30 "$log"; }
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_url() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(f"http://127.0.0.1:{s.getsockname()[1]}")'
}

# start NAME DLL URL [KEY=VALUE...]: the app in its own folder (its appsettings.json), configured by environment.
start() {
  local name=$1 dll=$2 url=$3; shift 3
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Testing DOTNET_ENVIRONMENT=Testing "$@" \
    dotnet "$dll" --urls="$url" >"$work/$name.log" 2>&1) &
  pids+=($!)
}

# wait_ready NAME URL [any]: until URL answers 2xx (or any status with "any"), for at most 90 s.
wait_ready() {
  local name=$1 url=$2 any=${3:-}
  for _ in $(seq 1 900); do
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    if [[ $code == 2* || ( -n $any && $code != 000 ) ]]; then return 0; fi
    sleep 0.1
  done
  echo "interop: $name did not become ready at $url in 90 s" >&2
  return 1
}

# token URL CLIENT SECRET SCOPE: a client_credentials access token.
token() {
  curl -sf -u "$2:$3" -d grant_type=client_credentials -d "scope=$4" "$1/connect/token" |
    /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

simulator_url=$(free_url)
start simulator "$simulator_dll" "$simulator_url" \
  "Simulator__Users__9__Email=$bubble_email" "Simulator__Users__9__Password=$bubble_password" "Simulator__Users__9__Fields__plan=pro"

issuer=$(free_url)
authserver_settings=(
  "Auth__Issuer=$issuer" Auth__RequireHttps=false
  Bubble__AllowPrivateAddresses=true # the simulator is on loopback; outside Development that is refused by default
  Auth__RefreshTokenReuseLeeway=00:00:02 # not 30 s: checks/20-postman.sh waits it out before its replay
  Database__Provider=Sqlite "ConnectionStrings__AuthServer=Data Source=$work/authserver.db"
  "Scopes__0__Name=$scope" "Scopes__0__Resources__0=$audience"
  Scopes__1__Name=other-api.read Scopes__1__Resources__0=other-api
  "Scopes__2__Name=$write_scope" "Scopes__2__Resources__0=$audience"
  "Clients__0__ClientId=$script_client" "Clients__0__ClientSecret=$script_secret"
  Clients__0__GrantTypes__0=client_credentials "Clients__0__Scopes__0=$scope"
  "Clients__1__ClientId=$other_client" "Clients__1__ClientSecret=$other_secret"
  Clients__1__GrantTypes__0=client_credentials Clients__1__Scopes__0=other-api.read
  "Clients__2__ClientId=$bubble_client" "Clients__2__ClientSecret=$bubble_secret"
  Clients__2__GrantTypes__0=token_exchange Clients__2__GrantTypes__1=refresh_token
  "Clients__2__Scopes__0=$scope" Clients__2__Scopes__1=offline_access
  "Clients__2__BubbleAppUrl=$simulator_url" Clients__2__BubbleClaims__0=plan
  "Clients__3__ClientId=$writer_client" "Clients__3__ClientSecret=$writer_secret"
  Clients__3__GrantTypes__0=client_credentials "Clients__3__Scopes__0=$write_scope"
)
start authserver "$authserver_dll" "$issuer" "${authserver_settings[@]}"
wait_ready simulator "$simulator_url/" any
wait_ready authserver "$issuer/health/ready"

# A second node on the same store and issuer (so the same keys) whose tokens live 2 s: the "expired" case
# is a real, well-signed token past its exp, not one crafted by the test. Started once the first node has
# migrated the store.
short_url=$(free_url)
start authserver-short-lived "$authserver_dll" "$short_url" "${authserver_settings[@]}" Auth__AccessTokenLifetime=00:00:02
sampleapi_url=$(free_url)
start sampleapi "$sampleapi_dll" "$sampleapi_url" "Auth__Authority=$issuer" "Auth__Audience=$audience" Auth__RequireHttpsMetadata=false
wait_ready authserver-short-lived "$short_url/health/ready"
wait_ready sampleapi "$sampleapi_url/anonymous"

export ISSUER=$issuer AUDIENCE=$audience SCOPE=$scope WRITE_SCOPE=$write_scope
export SHORT_LIVED_URL=$short_url SIMULATOR_URL=$simulator_url SAMPLEAPI_URL=$sampleapi_url
export SCRIPT_CLIENT=$script_client SCRIPT_SECRET=$script_secret OTHER_CLIENT=$other_client OTHER_SECRET=$other_secret
export BUBBLE_CLIENT=$bubble_client BUBBLE_SECRET=$bubble_secret WRITER_CLIENT=$writer_client WRITER_SECRET=$writer_secret
export BUBBLE_EMAIL=$bubble_email BUBBLE_PASSWORD=$bubble_password
export AUTHSERVER_DLL=$authserver_dll AUTHSERVER_DB=$work/authserver.db INTEROP_WORK=$work INTEROP_DIR=$here
# The nodes' settings, one KEY=VALUE a line, so a check can run the admin CLI on the same store and keys.
export AUTHSERVER_SETTINGS="$(printf '%s\n' "${authserver_settings[@]}")"
EXPIRED_TOKEN=$(token "$short_url" "$script_client" "$script_secret" "$scope")
GOOD_TOKEN=$(token "$issuer" "$script_client" "$script_secret" "$scope")
OTHER_AUDIENCE_TOKEN=$(token "$issuer" "$other_client" "$other_secret" other-api.read)
MISSING_SCOPE_TOKEN=$(token "$issuer" "$writer_client" "$writer_secret" "$write_scope")
export EXPIRED_TOKEN GOOD_TOKEN OTHER_AUDIENCE_TOKEN MISSING_SCOPE_TOKEN
sleep 3 # past the short-lived token's exp; every check runs with no clock leeway

check() {
  local name=$1; shift
  if "$@"; then echo "interop: $name passed"; else echo "interop: $name FAILED" >&2; failed=1; fi
}
# Each check is one script in checks/, run in name order with the environment above. A check that changes
# shared state (the key set, say) must come last and say so in its name's number.
for script in "$here"/checks/*.sh; do
  check "$(basename "$script" .sh)" bash "$script"
done

if [[ $failed -ne 0 ]]; then echo "interop: FAILED" >&2; exit 1; fi
echo "interop: all checks passed"
