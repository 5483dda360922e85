#!/usr/bin/env bash
# The Postman collection of docs/postman, run by newman against the stage's processes: the environment file a user
# imports, with the stage's URLs, clients, user and reuse leeway put over it. Every assertion runs (no --bail), and
# newman exits non-zero when any fails.
set -euo pipefail
leeway_seconds=2 # run.sh's Auth__RefreshTokenReuseLeeway; the collection waits it out, plus 1 s, before its replay
postman="$INTEROP_DIR/../../docs/postman"
"$INTEROP_DIR/node_modules/.bin/newman" run "$postman/AuthServer.postman_collection.json" \
  --environment "$postman/AuthServer.local.postman_environment.json" \
  --env-var "authserver_url=$ISSUER" --env-var "issuer=$ISSUER" \
  --env-var "sampleapi_url=$SAMPLEAPI_URL" --env-var "simulator_url=$SIMULATOR_URL" \
  --env-var "audience=$AUDIENCE" --env-var "scope=$SCOPE" \
  --env-var "script_client=$SCRIPT_CLIENT" --env-var "script_secret=$SCRIPT_SECRET" \
  --env-var "bubble_client=$BUBBLE_CLIENT" --env-var "bubble_secret=$BUBBLE_SECRET" \
  --env-var "bubble_email=$BUBBLE_EMAIL" --env-var "bubble_password=$BUBBLE_PASSWORD" \
  --env-var "refresh_token_reuse_leeway_seconds=$leeway_seconds" \
  --timeout 120000 --timeout-request 20000 --color off
