#!/usr/bin/env bash
# Publishes AuthServer for linux-x64, self-contained: the .NET runtime is inside the folder, so the server it is
# copied to needs nothing installed (docs/deploying.md). Needs the .NET SDK; runs on any OS it supports.
#
#   bash deploy/publish.sh [OUTPUT_DIR]      default: artifacts/authserver-linux-x64 in the checkout
#
# The folder holds the executable AuthServer (the server, and the admin CLI with a command), its libraries and
# appsettings.json. Install it as /opt/authserver. The interop stage publishes with this script
# (tests/interop/checks/60-deploy-caddy.sh), so a change that breaks it fails CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/authserver-linux-x64}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish "$root/src/AuthServer" --configuration Release --runtime linux-x64 --self-contained \
  --output "$out" --verbosity quiet
echo "Published to $out"
