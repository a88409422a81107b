#!/usr/bin/env bash
# Cluster mode against the single process, on the same machine and the same MariaDB: analyses .cache/vtest.avi through
# the REST API RUNS times (default 3) on (1) one portal process and (2) a web node plus one worker on Redis, and prints
# the median time from POST to completed for each, the CPU seconds the processes used, and the ratio.
# Needs CROWDPORTAL_TEST_MYSQL (a MariaDB account allowed to create cp_test_* databases) and CROWDPORTAL_TEST_REDIS
# (a Redis FOR TESTS ONLY: it is emptied), as scripts/mariadb-test-server.sh and scripts/redis-test-server.sh print.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
video="${VIDEO:-$root/.cache/vtest.avi}"
runs="${RUNS:-3}"
: "${CROWDPORTAL_TEST_MYSQL:?set CROWDPORTAL_TEST_MYSQL}" "${CROWDPORTAL_TEST_REDIS:?set CROWDPORTAL_TEST_REDIS}"
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
dll="$root/src/CrowdPortal.Web/bin/Release/net10.0/CrowdPortal.Web.dll"

# start_node NAME PORT DATABASE [VAR=VALUE...]: a portal process with the given settings; its pid goes to $work/NAME.pid.
start_node() {
  local name=$1 port=$2 database=$3; shift 3
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider=MySql "ConnectionStrings__MySql=$CROWDPORTAL_TEST_MYSQL;Database=$database" \
    Storage__UploadsPath="$work/uploads" Storage__KeysPath="$work/keys" Analysis__ModelsPath="$root/models" Cluster__NodeName="$name" "$@" \
    dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/CrowdPortal.Web" >"$work/$name.log" 2>&1 &
  pids+=($!)
  echo $! >"$work/$name.pid"
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && return; sleep 0.5; done
  echo "node $name did not start" >&2; cat "$work/$name.log" >&2; exit 1
}

cpu_seconds() { # user+system CPU seconds of the given pids
  local total=0
  for p in "$@"; do total=$(awk -v t="$total" -v tck="$(getconf CLK_TCK)" '{ print t + ($14 + $15) / tck }' "/proc/$p/stat"); done
  echo "$total"
}

# measure BASE_URL PIDS...: registers a user, then RUNS analyses; prints "median_seconds cpu_seconds_per_run".
measure() {
  local base=$1; shift
  local jar="$work/jar-$RANDOM" times=() cpu0 cpu1
  local form; form=$(curl -s -b "$jar" -c "$jar" "$base/Account/Register" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "UserName=bench$RANDOM" --data-urlencode "Password=bench passphrase 1" \
    --data-urlencode "ConfirmPassword=bench passphrase 1" --data-urlencode "__RequestVerificationToken=$form" "$base/Account/Register"
  local af; af=$(curl -s -b "$jar" "$base/Videos" | sed -n 's/.*name="request-verification-token" content="\([^"]*\)".*/\1/p' | head -1)
  local id; id=$(curl -s -b "$jar" -H "RequestVerificationToken: $af" -F "file=@$video" "$base/api/v1/videos" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
  cpu0=$(cpu_seconds "$@")
  for _ in $(seq 1 "$runs"); do
    local start; start=$(date +%s.%N)
    curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $af" -X POST "$base/api/v1/videos/$id/analysis"
    while :; do
      case "$(curl -s -b "$jar" "$base/api/v1/videos/$id")" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
      sleep 0.2
    done
    times+=("$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { print a - b }')")
  done
  cpu1=$(cpu_seconds "$@")
  echo "$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }') $(awk -v a="$cpu1" -v b="$cpu0" -v n="$runs" 'BEGIN { print (a - b) / n }') ${times[*]}"
}

suffix="$(date +%s)"
start_node single 5191 "cp_test_bench_single_$suffix"
read -r single_s single_cpu single_all < <(measure http://127.0.0.1:5191 "$(cat "$work/single.pid")")
kill "$(cat "$work/single.pid")"

redis-cli -u "redis://$CROWDPORTAL_TEST_REDIS" FLUSHALL >/dev/null
start_node web 5192 "cp_test_bench_cluster_$suffix" ConnectionStrings__Redis="$CROWDPORTAL_TEST_REDIS" Cluster__Role=web
start_node worker 5193 "cp_test_bench_cluster_$suffix" ConnectionStrings__Redis="$CROWDPORTAL_TEST_REDIS" Cluster__Role=worker
read -r cluster_s cluster_cpu cluster_all < <(measure http://127.0.0.1:5192 "$(cat "$work/web.pid")" "$(cat "$work/worker.pid")")

printf 'single process: %.1f s median from POST to completed (runs: %s), %.1f CPU s per run\n' "$single_s" "$single_all" "$single_cpu"
printf 'cluster (web + 1 worker): %.1f s median (runs: %s), %.1f CPU s per run (both processes)\n' "$cluster_s" "$cluster_all" "$cluster_cpu"
printf 'ratio cluster/single: %.2f\n' "$(awk -v a="$cluster_s" -v b="$single_s" 'BEGIN { print a / b }')"
