#!/usr/bin/env bash
# jose, aws-jwt-verify and PyJWT judge the same cases, built once from real tokens (make-cases.mjs).
set -euo pipefail
cases="$INTEROP_WORK/cases.json"
node "$INTEROP_DIR/make-cases.mjs" "$cases"
status=0
for validator in "node $INTEROP_DIR/validators/jose.mjs" "node $INTEROP_DIR/validators/aws.mjs" \
                 "/usr/bin/python3 $INTEROP_DIR/validators/pyjwt.py"; do
  if $validator "$cases"; then echo "  $validator: passed"; else echo "  $validator: FAILED" >&2; status=1; fi
done
exit $status
