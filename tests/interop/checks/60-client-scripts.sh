#!/usr/bin/env bash
# samples/client-scripts, run as a user runs them: a client registered with the admin CLI with two public keys
# (`clients set-jwks --private-key-jwt-only`), then get_token.py (PyJWT, RS256) and get-token.mjs (jose, ES256) each
# get a token with private_key_jwt and call SampleApi's /data with it; the JWKS registered is the one the scripts'
# own --jwks printed. A key the client never registered is refused, and so is the secret `clients add` generated.
# Last, the sample's Postman collection (the secret-based client_credentials flow) runs under newman.
set -euo pipefail
sample="$INTEROP_DIR/../../samples/client-scripts"
work="$INTEROP_WORK/client-scripts"
mkdir -p "$work"
client=interop-private-key-jwt
(cd "$sample" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

mapfile -t settings <<<"$AUTHSERVER_SETTINGS"
cli() {
  (cd "$(dirname "$AUTHSERVER_DLL")" &&
    env ASPNETCORE_ENVIRONMENT=Testing DOTNET_ENVIRONMENT=Testing "${settings[@]}" dotnet "$AUTHSERVER_DLL" "$@")
}

# Private keys in PKCS#8 PEM, as `openssl genpkey` writes them (README.md); made with the cryptography package
# PyJWT already needs, so the stage needs no openssl binary.
/usr/bin/python3 - "$work" <<'PY'
import sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
keys = {"rsa.pem": rsa.generate_private_key(65537, 2048), "ec.pem": ec.generate_private_key(ec.SECP256R1()),
        "unregistered.pem": rsa.generate_private_key(65537, 2048)}
for name, key in keys.items():
    with open(f"{sys.argv[1]}/{name}", "wb") as file:
        file.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
PY
PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 "$sample/get_token.py" --key "$work/rsa.pem" --kid rsa-1 --jwks >"$work/rsa.jwks.json"
node "$sample/get-token.mjs" --key "$work/ec.pem" --kid ec-1 --jwks >"$work/ec.jwks.json"
/usr/bin/python3 -c 'import json, sys; print(json.dumps({"keys": [k for f in sys.argv[1:] for k in json.load(open(f))["keys"]]}))' \
  "$work/rsa.jwks.json" "$work/ec.jwks.json" >"$work/client.jwks.json"

added=$(cli clients add --client-id "$client" --grant client_credentials --scope "$SCOPE")
secret=$(sed -n 's/.*store it now): //p' <<<"$added")
cli clients set-jwks "$client" --jwks-file "$work/client.jwks.json" --private-key-jwt-only >/dev/null

failures=0
ok() { echo "  client-scripts ok   $1"; }
fail() { echo "  client-scripts FAIL $1" >&2; failures=$((failures + 1)); }

# run NAME COMMAND...: the sample's answer from /data must name the client as the caller. The server sees a
# CLI change within its client cache's second: the first attempts may still find the client unknown.
run() {
  local name=$1 out=""; shift
  for _ in $(seq 1 30); do
    if out=$("$@" 2>"$work/stderr"); then break; fi
    out=""; sleep 0.2
  done
  if [[ -n $out ]] && /usr/bin/python3 -c 'import json, sys; sys.exit(json.loads(sys.argv[1])["caller"] != sys.argv[2])' "$out" "$client"; then
    ok "$name: token with private_key_jwt, then /data answered for $client"
  else
    fail "$name: $(cat "$work/stderr") $out"
  fi
}
common=(--issuer "$ISSUER" --client-id "$client" --scope "$SCOPE" --call "$SAMPLEAPI_URL/data")
run "get_token.py (PyJWT, RS256)" env PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 "$sample/get_token.py" --key "$work/rsa.pem" --kid rsa-1 "${common[@]}"
run "get-token.mjs (jose, ES256)" node "$sample/get-token.mjs" --key "$work/ec.pem" --kid ec-1 "${common[@]}"

if PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 "$sample/get_token.py" --key "$work/unregistered.pem" --kid rsa-1 "${common[@]}" \
  >/dev/null 2>"$work/stderr"; then
  fail "a key the client never registered got a token"
elif grep -q '401' "$work/stderr" && grep -q 'invalid_client' "$work/stderr"; then
  ok "a key the client never registered: 401 invalid_client"
else
  fail "a key the client never registered: $(cat "$work/stderr")"
fi

status=$(curl -s -o /dev/null -w '%{http_code}' -u "$client:$secret" -d grant_type=client_credentials "$ISSUER/connect/token")
[[ -n $secret && $status == 401 ]] && ok "the client's generated secret is refused (private_key_jwt only)" \
  || fail "the client's generated secret answered $status, expected 401"

if "$INTEROP_DIR/node_modules/.bin/newman" run "$sample/client-credentials.postman_collection.json" \
  --env-var "authserver_url=$ISSUER" --env-var "client_id=$SCRIPT_CLIENT" --env-var "client_secret=$SCRIPT_SECRET" \
  --env-var "scope=$SCOPE" --env-var "api_url=$SAMPLEAPI_URL/data" \
  --timeout-request 20000 --color off >"$work/newman.log" 2>&1; then
  ok "client-credentials.postman_collection.json (client secret): token, then /data"
else
  fail "client-credentials.postman_collection.json: $(tail -n 30 "$work/newman.log")"
fi

[[ $failures -eq 0 ]]
