#!/usr/bin/env bash
# Runs every test tier: unit, vision (real video), CLI, integration on SQLite and on a real MariaDB, end-to-end in
# Debian's Chromium. Installs what is missing first and starts (then stops) a private MariaDB server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CONFIGURATION="${CONFIGURATION:-Release}"
scripts/setup.sh --test

CROWDPORTAL_TEST_MYSQL="$(scripts/mariadb-test-server.sh start)"
export CROWDPORTAL_TEST_MYSQL
trap 'scripts/mariadb-test-server.sh stop' EXIT

results="$root/artifacts/test-results"
rm -rf "$results"
set +e
dotnet test CrowdPortal.sln -c "$CONFIGURATION" --no-build --logger "trx" --results-directory "$results" -nologo
status=$?
set -e

# One closing line over all test assemblies, counted from the TRX reports.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
