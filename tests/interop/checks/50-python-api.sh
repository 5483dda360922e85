#!/usr/bin/env bash
# samples/python-api (PyJWT's PyJWKClient behind http.server) on the stage's real tokens: the Python twin of
# SampleApi answers 200 with the token's fields, 401 invalid_token to a bad token, a bare 401 Bearer challenge to a
# request without a token (RFC 6750 §3.1: no error code then) and 403 insufficient_scope to a valid one without the
# route's scope (RFC 6750 §3).
set -euo pipefail
sample="$INTEROP_DIR/../../samples/python-api"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
log="$INTEROP_WORK/python-api.log"

PYTHONDONTWRITEBYTECODE=1 AUTHSERVER_ISSUER="$ISSUER" AUTHSERVER_AUDIENCE="$AUDIENCE" PORT="$port" \
  /usr/bin/python3 "$sample/app.py" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 200); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$url/me" || true) != 000 ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "python-api exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done

# The real token with one bit of its signature bytes flipped.
tampered=$(/usr/bin/python3 -c '
import base64, sys
header, payload, signature = sys.argv[1].split(".")
raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
raw[len(raw) // 2] ^= 1
print(".".join([header, payload, base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()]))' "$GOOD_TOKEN")

failures=0
# expect NAME PATH TOKEN STATUS [CHALLENGE]: one line; CHALLENGE must appear in WWW-Authenticate. Leaves the body in
# $body and the WWW-Authenticate header's value in $challenge_value.
expect() {
  local name=$1 path=$2 token=$3 want=$4 challenge=${5:-} status header=()
  [[ -n $token ]] && header=(-H "Authorization: Bearer $token")
  status=$(curl -s -D "$INTEROP_WORK/python-api.headers" -o "$INTEROP_WORK/python-api.body" -w '%{http_code}' "${header[@]}" "$url$path")
  body=$(cat "$INTEROP_WORK/python-api.body")
  local got_challenge
  got_challenge=$(grep -i '^WWW-Authenticate:' "$INTEROP_WORK/python-api.headers" | tr -d '\r' || true)
  challenge_value=${got_challenge#*: }
  if [[ $status == "$want" && ( -z $challenge || $got_challenge == *"$challenge"* ) ]]; then
    echo "  python-api ok   $name: $path answered $status ${got_challenge:+($got_challenge)}"
  else
    echo "  python-api FAIL $name: $path answered $status ${got_challenge:-without WWW-Authenticate}, expected $want $challenge" >&2
    failures=$((failures + 1))
  fi
}

# field CHECK-DESCRIPTION PYTHON-EXPRESSION: asserts an expression over the last JSON body (as `b`).
field() {
  if /usr/bin/python3 -c 'import json, os, sys; b = json.loads(sys.argv[2]); sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" "$body"; then
    echo "  python-api ok   $1"
  else
    echo "  python-api FAIL $1: $body" >&2; failures=$((failures + 1))
  fi
}

expect "real token" /data "$GOOD_TOKEN" 200
field "/data names the caller and lists the items" 'b["caller"] == os.environ["SCRIPT_CLIENT"] and len(b["items"]) == 2'
expect "real token" /me "$GOOD_TOKEN" 200
field "/me shows sub, client_id and the scopes as a list" \
  'b["sub"] == b["client_id"] == os.environ["SCRIPT_CLIENT"] and os.environ["SCOPE"] in b["scope"] and "email" in b'
expect "tampered signature" /data "$tampered" 401 'error="invalid_token"'
expect "expired" /data "$EXPIRED_TOKEN" 401 'error="invalid_token"'
expect "other audience" /data "$OTHER_AUDIENCE_TOKEN" 401 'error="invalid_token"'
expect "missing scope" /data "$MISSING_SCOPE_TOKEN" 403 'error="insufficient_scope"'
expect "no Authorization header" /me "" 401 'Bearer'
if [[ $challenge_value == "Bearer" ]]; then
  echo "  python-api ok   no Authorization header: a bare Bearer challenge, no error code (RFC 6750 §3.1)"
else
  echo "  python-api FAIL no Authorization header: challenge '$challenge_value', expected a bare 'Bearer'" >&2
  failures=$((failures + 1))
fi

if [[ $failures -ne 0 ]]; then echo "--- python-api log" >&2; cat "$log" >&2; exit 1; fi
