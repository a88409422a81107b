#!/usr/bin/env bash
# Runs CrowdPortal on SQLite after installing whatever is missing: http://127.0.0.1:5080 (PORT=... to change).
# Data lives in the checkout: data/ (the SQLite file), uploads/, models/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export ConnectionStrings__Sqlite="${ConnectionStrings__Sqlite:-Data Source=$root/data/crowdportal.db}"
export Storage__UploadsPath="${Storage__UploadsPath:-$root/uploads}"
export Storage__KeysPath="${Storage__KeysPath:-$root/data/keys}"
export Analysis__ModelsPath="${Analysis__ModelsPath:-$root/models}"
echo "CrowdPortal: http://127.0.0.1:${PORT:-5080}"
exec dotnet "src/CrowdPortal.Web/bin/${CONFIGURATION:-Release}/net10.0/CrowdPortal.Web.dll" \
  --urls "http://${HOST:-127.0.0.1}:${PORT:-5080}" --contentRoot "$root/src/CrowdPortal.Web"
