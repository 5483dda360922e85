#!/usr/bin/env bash
# samples/aws-lambda-authorizer, invoked locally as API Gateway would, with real tokens: installed from
# the sample's own lock file, so the versions tested are the ones a user deploys.
set -euo pipefail
sample="$INTEROP_DIR/../../samples/aws-lambda-authorizer"
(cd "$sample" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
node "$INTEROP_DIR/lambda-authorizer.mjs" "$sample"
