#!/usr/bin/env bash
# Runs every test tier: unit, vision (real video), CLI, integration on SQLite and on a real MariaDB, end-to-end in
# Debian's Chromium, and the cluster tier (web and worker processes on MariaDB + Redis). Installs what is missing first
# and starts (then stops) a private MariaDB server, a private Redis and a private mosquitto (MQTT channels).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CONFIGURATION="${CONFIGURATION:-Release}"
scripts/setup.sh --test

CROWDPORTAL_TEST_MYSQL="$(scripts/mariadb-test-server.sh start)"
export CROWDPORTAL_TEST_MYSQL
trap 'scripts/mariadb-test-server.sh stop' EXIT
CROWDPORTAL_TEST_REDIS="$(scripts/redis-test-server.sh start)"
export CROWDPORTAL_TEST_REDIS
trap 'scripts/redis-test-server.sh stop; scripts/mariadb-test-server.sh stop' EXIT
CROWDPORTAL_TEST_MQTT="$(scripts/mosquitto-test-server.sh start)"
export CROWDPORTAL_TEST_MQTT
trap 'scripts/mosquitto-test-server.sh stop; scripts/redis-test-server.sh stop; scripts/mariadb-test-server.sh stop' EXIT

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
set +e
# Conventions kept by tools: the C# layout and naming rules (dotnet format), the front end's lint (ESLint) and its
# zone geometry (node --test). A failure here fails the run, after the test assemblies have still run.
conventions=0
# Generated migrations keep the EF tools' layout. Third-party analyzers already fail the build; these two are the IDE's.
unformatted=(--exclude src/CrowdPortal.Migrations.Sqlite/Migrations src/CrowdPortal.Migrations.MySql/Migrations)
for part in whitespace style; do
  dotnet format "$part" CrowdPortal.sln --verify-no-changes --no-restore "${unformatted[@]}" -v quiet \
    || { echo "test.sh: dotnet format $part found code to change (run: dotnet format $part CrowdPortal.sln)"; conventions=1; }
done
node node_modules/eslint/bin/eslint.js --max-warnings 0 src/CrowdPortal.Web/wwwroot/js tests/js || conventions=1
node --test tests/js/ > "$results/node-test.tap" 2>&1 || { cat "$results/node-test.tap"; conventions=1; }
# -m:1: one test assembly at a time. Run side by side on a 2-core machine, the CLI's analyses, the E2E app with Chromium
# and the live-camera tests starve each other and the camera tests measure the contention instead of the product.
dotnet test CrowdPortal.sln -c "$CONFIGURATION" --no-build -m:1 --logger trx --results-directory "$results" -nologo 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies, summed from dotnet test's per-assembly lines.
sed -n 's/.*\(Passed\|Failed\)! *- Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\2 \3 \4/p' "$results/console.log" \
  | awk '{ f += $1; p += $2; s += $3 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }'
[ "$conventions" -eq 0 ] || echo "test.sh: conventions (dotnet format, ESLint or node --test) failed, see above"
[ "$status" -ne 0 ] && exit "$status"
exit "$conventions"
