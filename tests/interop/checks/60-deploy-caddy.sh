#!/usr/bin/env bash
# The way to go live (deploy/, docs/deploying.md), run here on loopback: AuthServer published with deploy/publish.sh
# (self-contained linux-x64) and started as deploy/authserver.service would start it (its folder's executable, the
# settings of deploy/authserver.env, Production), behind Caddy running deploy/Caddyfile itself. Caddy's internal CA
# stands in for Let's Encrypt: a Caddyfile made here holds only the global options of this test (free ports, no admin
# API, local certificates, nothing installed in the system's trust store) and imports the shipped file, which is
# parametrised by environment as on a server (AUTHSERVER_DOMAIN, AUTHSERVER_UPSTREAM).
# Checks: discovery over https names the https issuer; jose validates a token fetched through Caddy, trusting only
# Caddy's root; X-Forwarded-* are honoured from Caddy's address only; /metrics and the console stay off the public
# side; the unit file parses. Needs Debian's caddy (.ci/run installs it).
set -euo pipefail
root="$(cd "$INTEROP_DIR/../.." && pwd)"
started=$SECONDS

command -v caddy >/dev/null || { echo "  deploy: caddy is missing: apt-get install caddy (bash .ci/run installs it)" >&2; exit 1; }

work="$INTEROP_WORK/deploy"
mkdir -p "$work/state" "$work/caddy"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
fail() {
  echo "  deploy FAIL: $*" >&2
  # Caddy's 502s while AuthServer was starting say nothing about the failure.
  for log in "$work"/*.log; do
    [[ -f $log ]] && { echo "  --- last lines of $(basename "$log")" >&2; grep -v 'connect: connection refused' "$log" | tail -n 20 >&2; }
  done
  exit 1
}
ok() { echo "  deploy ok   $*"; }
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json() { /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# 1. Publish with the shipped script.
publish_started=$SECONDS
bash "$root/deploy/publish.sh" "$work/publish" >"$work/publish.log" 2>&1 || fail "deploy/publish.sh failed"
[[ -x $work/publish/AuthServer && -f $work/publish/libcoreclr.so ]] || fail "the publish output is not a self-contained linux-x64 AuthServer"
ok "deploy/publish.sh: self-contained AuthServer in $((SECONDS - publish_started)) s"

# The guide installs every file of deploy/ and names none that is missing.
guide="$root/docs/deploying.md"
for file in "$root"/deploy/*; do
  grep -q "\`$(basename "$file")\`" "$guide" || fail "docs/deploying.md does not say where deploy/$(basename "$file") goes"
done
while read -r named; do
  [[ -e $root/$named ]] || fail "docs/deploying.md names $named, which does not exist"
done < <(grep -o 'deploy/[A-Za-z.-]*[A-Za-z]' "$guide" | sort -u)
ok "docs/deploying.md places every file of deploy/ and names no missing one"

# 2. The unit file parses, and starts the executable the publish output holds. systemd-analyze checks that ExecStart
# exists, so it reads the shipped unit with only that line pointed at a stand-in; warnings count as failures.
unit="$root/deploy/authserver.service"
grep -qx 'ExecStart=/opt/authserver/AuthServer' "$unit" || fail "authserver.service does not start /opt/authserver/AuthServer"
sed 's#^ExecStart=.*#ExecStart=/bin/true#' "$unit" >"$work/authserver.service"
analysis=$(systemd-analyze verify "$work/authserver.service" 2>&1) && [[ -z $analysis ]] || fail "authserver.service: $analysis"
ok "authserver.service parses without a warning"

# 3. AuthServer as the unit runs it: the environment file's settings (read as authserver-cli reads it), in its
# working directory. Overridden here only what a test on a shared machine must: free ports, the paths of the store and
# of the certificate, the issuer's host, and one client.
https_port=$(free_port); http_port=$(free_port); app_port=$(free_port); admin_port=$(free_port)
issuer="https://localhost:$https_port"
env_file="$root/deploy/authserver.env"
grep -qx 'ForwardedHeaders__KnownProxies__0=127.0.0.1' "$env_file" || fail "authserver.env does not trust Caddy on 127.0.0.1"
grep -q '^ASPNETCORE_URLS=http://127\.0\.0\.1:5000$' "$env_file" || fail "authserver.env does not keep AuthServer on loopback"
# The Data Protection certificate made as docs/deploying.md makes it (there in /etc/authserver): the server must load
# it (or it does not start) and then not warn that the key ring is unencrypted (event 4021).
mkdir -p "$work/dp"
(umask 077 && cd "$work/dp" &&
  openssl req -x509 -newkey rsa:3072 -noenc -days 3650 -subj /CN=authserver-data-protection -keyout dp.key -out dp.crt &&
  openssl pkcs12 -export -inkey dp.key -in dp.crt -out dataprotection.pfx -passout pass: && rm dp.key dp.crt) \
  >"$work/openssl.out" 2>&1 || fail "the Data Protection certificate commands of docs/deploying.md failed: $(cat "$work/openssl.out")"
# as_service COMMAND...: COMMAND with those settings, in the store's folder (the unit's WorkingDirectory).
as_service() (
  set -a
  # shellcheck source=/dev/null
  . "$env_file"
  Auth__Issuer=$issuer
  ASPNETCORE_URLS=http://127.0.0.1:$app_port
  Admin__Urls__0=http://127.0.0.1:$admin_port
  ConnectionStrings__AuthServer="Data Source=$work/state/authserver.db"
  DataProtection__CertificatePath=$work/dp/dataprotection.pfx
  Scopes__0__Name=$SCOPE Scopes__0__Resources__0=$AUDIENCE
  Clients__0__ClientId=$SCRIPT_CLIENT Clients__0__ClientSecret=$SCRIPT_SECRET
  Clients__0__GrantTypes__0=client_credentials Clients__0__Scopes__0=$SCOPE
  set +a
  cd "$work/state"
  exec "$@"
)
as_service "$work/publish/AuthServer" >"$work/authserver.log" 2>&1 &
pids+=($!)

# 4. Caddy with the shipped Caddyfile. Its data (the local CA, the certificates) stays in this test's folder.
cat >"$work/Caddyfile" <<EOF
{
	admin off
	local_certs
	skip_install_trust
	http_port $http_port
	https_port $https_port
}
import $root/deploy/Caddyfile
EOF
(
  export AUTHSERVER_DOMAIN=localhost AUTHSERVER_UPSTREAM=127.0.0.1:$app_port
  export HOME="$work/caddy" XDG_DATA_HOME="$work/caddy/data" XDG_CONFIG_HOME="$work/caddy/config"
  exec caddy run --config "$work/Caddyfile" --adapter caddyfile
) >"$work/caddy.log" 2>&1 &
pids+=($!)

ca="$work/caddy/data/caddy/pki/authorities/local/root.crt"
for _ in $(seq 1 600); do
  kill -0 "${pids[0]}" 2>/dev/null || fail "AuthServer stopped"
  kill -0 "${pids[1]}" 2>/dev/null || fail "Caddy stopped"
  if [[ -f $ca ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' --cacert "$ca" "$issuer/health/ready" || true) == 200 ]]; then break; fi
  sleep 0.1
done
[[ -f $ca ]] || fail "Caddy made no local CA at $ca in 60 s"
curl -sf -o /dev/null --cacert "$ca" "$issuer/health/ready" || fail "AuthServer did not become ready through Caddy at $issuer in 60 s"
ok "AuthServer ready through Caddy at $issuer"
grep -q 'stored unencrypted' "$work/authserver.log" && fail "the server warns that the key ring is unencrypted, with the certificate"
ok "the key ring is encrypted with the certificate made as docs/deploying.md says"

# The first admin, with the published executable's CLI as authserver-cli runs it (same settings, same store).
printf '%s\n' 'deploy-check-password-0123' | as_service "$work/publish/AuthServer" admins add deploy-admin >"$work/cli.log" 2>&1 ||
  fail "admins add with the published CLI failed: $(cat "$work/cli.log")"
as_service "$work/publish/AuthServer" admins list --json 2>"$work/cli.log" | grep -q '"deploy-admin"' ||
  fail "admins list does not show the admin just added: $(cat "$work/cli.log")"
ok "the published CLI adds the first admin to the running server's store"

# 5. https with Caddy's certificate: refused without its root, discovery names the https issuer.
code=0; curl -s -o /dev/null "$issuer/.well-known/openid-configuration" || code=$?
[[ $code == 60 ]] || fail "a client that does not trust Caddy's root got curl exit $code, not 60 (certificate not trusted)"
discovery=$(curl -sf --cacert "$ca" "$issuer/.well-known/openid-configuration") || fail "discovery over https failed"
[[ $(json issuer <<<"$discovery") == "$issuer" ]] || fail "discovery names issuer $(json issuer <<<"$discovery"), not $issuer"
[[ $(json token_endpoint <<<"$discovery") == "$issuer/connect/token" ]] || fail "token_endpoint is $(json token_endpoint <<<"$discovery")"
[[ $(json jwks_uri <<<"$discovery") == "$issuer/"* ]] || fail "jwks_uri is $(json jwks_uri <<<"$discovery")"
ok "discovery over https names $issuer and its endpoints under it"

# 6. A token through Caddy, validated by jose with Caddy's root as the only addition to Node's CAs. Caddy replaces
# the X-Forwarded-* a client sends, so forged ones change nothing.
token_response=$(curl -sf --cacert "$ca" -u "$SCRIPT_CLIENT:$SCRIPT_SECRET" -d grant_type=client_credentials -d "scope=$SCOPE" \
  -H 'X-Forwarded-Proto: http' -H 'X-Forwarded-Host: evil.example' -H 'X-Forwarded-For: 203.0.113.7' \
  "$issuer/connect/token") || fail "client_credentials through Caddy (with forged X-Forwarded-* headers) failed"
token=$(json access_token <<<"$token_response") || fail "no access_token through Caddy: $token_response"
(cd "$INTEROP_DIR" && NODE_EXTRA_CA_CERTS="$ca" ISSUER="$issuer" AUDIENCE="$AUDIENCE" SCOPE="$SCOPE" TOKEN="$token" \
  node checks/60-deploy-caddy.mjs) || fail "jose did not validate the token fetched through Caddy"

# 7. Forwarded headers from Caddy only. Production requires https, so a plain http request straight to AuthServer
# is refused; from 127.0.0.2, which is not the listed proxy, a forged X-Forwarded-Proto does not change that.
direct="http://127.0.0.1:$app_port"
# token_answer CURL_ARGS...: the status and body of a client_credentials request, on one line.
token_answer() {
  curl -s -w ' %{http_code}' -u "$SCRIPT_CLIENT:$SCRIPT_SECRET" -d grant_type=client_credentials -d "scope=$SCOPE" "$@"
}
refused_as_http() { [[ $1 == *'"invalid_request"'*'only accepts HTTPS'*' 400' ]]; }
answer=$(token_answer "$direct/connect/token")
refused_as_http "$answer" || fail "plain http straight to AuthServer was not refused as plain http: $answer"
answer=$(token_answer --interface 127.0.0.2 -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-For: 203.0.113.7' "$direct/connect/token")
refused_as_http "$answer" || fail "X-Forwarded-Proto from 127.0.0.2 (not a listed proxy) was not ignored: $answer"
# The same header from 127.0.0.1, the listed proxy's address, is believed: the refusal above is for the sender alone.
answer=$(token_answer --interface 127.0.0.1 -H 'X-Forwarded-Proto: https' "$direct/connect/token")
[[ $answer == *'"access_token"'*' 200' ]] || fail "X-Forwarded-Proto from 127.0.0.1 (Caddy's address) was not believed: $answer"
ok "X-Forwarded-Proto is believed from Caddy's address, 127.0.0.1, and ignored from 127.0.0.2"
# From the listed address a forged Host or X-Forwarded-Host still changes no URL: they all come from Auth:Issuer.
forged=$(curl -sf -H 'Host: evil.example' -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-Host: evil.example' \
  "$direct/.well-known/openid-configuration") || fail "discovery from 127.0.0.1 with X-Forwarded-Proto: https failed"
[[ $(json issuer <<<"$forged") == "$issuer" && $(json token_endpoint <<<"$forged") == "$issuer/connect/token" ]] ||
  fail "a forged Host / X-Forwarded-Host changed discovery: $forged"
ok "a forged Host or X-Forwarded-Host changes neither the issuer nor the endpoints"

# 8. What stays off the public side: /metrics (Caddyfile) and the console (Admin:Urls on loopback).
[[ $(curl -s -o /dev/null -w '%{http_code}' --cacert "$ca" "$issuer/metrics") == 404 ]] || fail "/metrics answers through Caddy"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$direct/metrics") == 200 ]] || fail "/metrics does not answer on loopback"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$direct/health/ready") == 200 ]] || fail "/health/ready does not answer on loopback (docs/deploying.md checks it so)"
[[ $(curl -s -o /dev/null -w '%{http_code}' --cacert "$ca" "$issuer/admin") == 404 ]] || fail "the console answers through Caddy"
console=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin_port/admin")
[[ $console == 2* || $console == 3* ]] || fail "the console does not answer on its loopback address ($console)"
ok "/metrics and the console answer on loopback only"

# 9. http to https: Caddy redirects the public name's plain http.
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$http_port/.well-known/jwks")
[[ $redirect == "308 https://localhost"*"/.well-known/jwks" ]] || fail "plain http is not redirected to https (got: $redirect)"
ok "plain http redirects to https"

echo "  deploy: $((SECONDS - started)) s in all"
