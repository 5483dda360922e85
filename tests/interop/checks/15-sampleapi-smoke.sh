#!/usr/bin/env bash
# SampleApi, the C# twin of the validators, on the same real token: a smoke check that the stage's wiring is right.
set -euo pipefail
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $GOOD_TOKEN" "$SAMPLEAPI_URL/data")
[[ $status == 200 ]] || { echo "SampleApi /data answered $status to the real token" >&2; exit 1; }
