#!/usr/bin/env bash
# Cluster mode on the same machine and the same MariaDB + Redis, two measurements (both by default):
#   ratio     analyses .cache/vtest.avi through the REST API RUNS times (default 3) on (1) one portal process and (2) a
#             web node plus one worker on Redis; prints the median time from POST to completed for each, the CPU
#             seconds the processes used, and the ratio.
#   failover  a web node and two workers: RUNS times, SIGKILLs the worker analysing vtest.avi half-way and times how
#             long until another worker has started it again and until it is completed; then RUNS times, SIGKILLs the
#             worker running a loopback camera (ffmpeg plays vtest.avi in real time) and times how long until another
#             worker stores the camera's counts again. A fresh worker replaces each killed one. Prints the medians.
#   scripts/bench-cluster.sh [ratio|failover]
# Needs CROWDPORTAL_TEST_MYSQL (a MariaDB account allowed to create cp_test_* databases) and CROWDPORTAL_TEST_REDIS
# (a Redis FOR TESTS ONLY: it is emptied), as scripts/mariadb-test-server.sh and scripts/redis-test-server.sh print,
# and a Release build (dotnet build src/CrowdPortal.Web -c Release). Ports: PORT (5191) and the 9 after it: the
# ratio part's nodes on PORT..PORT+2, the failover web node on PORT+3, its workers in the five slots PORT+4..PORT+8
# (a replacement takes a killed worker's slot), the loopback camera on PORT+9. Every wait gives up after a bound
# (WAIT, default 600 s) with the reason, instead of hanging.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
video="${VIDEO:-$root/.cache/vtest.avi}"
runs="${RUNS:-3}"
port="${PORT:-5191}"
parts="${1:-ratio failover}"
wait_limit="${WAIT:-600}"
: "${CROWDPORTAL_TEST_MYSQL:?set CROWDPORTAL_TEST_MYSQL}" "${CROWDPORTAL_TEST_REDIS:?set CROWDPORTAL_TEST_REDIS}"
work="$(mktemp -d)"
pids=()
cleanup() {
  # A background loop's own children (the camera's ffmpeg) would outlive it and keep its port: ended by parent id.
  for p in "${pids[@]}"; do
    local kids; kids=$(pgrep -P "$p" || true)
    kill "$p" 2>/dev/null || true
    [ -z "$kids" ] || kill $kids 2>/dev/null || true
  done
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT
dll="$root/src/CrowdPortal.Web/bin/Release/net10.0/CrowdPortal.Web.dll"

# start_node NAME PORT DATABASE [VAR=VALUE...]: a portal process with the given settings; its pid goes to $work/NAME.pid.
start_node() {
  local name=$1 port=$2 database=$3; shift 3
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider=MySql "ConnectionStrings__MySql=$CROWDPORTAL_TEST_MYSQL;Database=$database" \
    Storage__UploadsPath="$work/uploads" Storage__KeysPath="$work/keys" Analysis__ModelsPath="$root/models" Cluster__NodeName="$name" "$@" \
    dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/CrowdPortal.Web" >"$work/$name.log" 2>&1 &
  pids+=($!)
  echo $! >"$work/$name.pid"
  disown # no "Killed" line from the shell when the failover part SIGKILLs it
  for _ in $(seq 1 240); do curl -sf --max-time 5 "http://127.0.0.1:$port/healthz/ready" >/dev/null && return; sleep 0.5; done
  echo "node $name did not start" >&2; cat "$work/$name.log" >&2; exit 1
}

cpu_seconds() { # user+system CPU seconds of the given pids
  local total=0
  for p in "$@"; do total=$(awk -v t="$total" -v tck="$(getconf CLK_TCK)" '{ print t + ($14 + $15) / tck }' "/proc/$p/stat"); done
  echo "$total"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }

# wait_for WHAT COMMAND...: runs COMMAND (in this shell, so it may set variables) every 0.3 s until it succeeds; after
# $wait_limit seconds the bench stops with the reason.
wait_for() {
  local what=$1; shift
  local started; started=$(now)
  until "$@"; do
    if awk -v a="$(now)" -v b="$started" -v l="$wait_limit" 'BEGIN { exit !(a - b > l) }'; then
      echo "bench-cluster: gave up after $wait_limit s waiting for $what" >&2
      exit 1
    fi
    sleep 0.3
  done
}

# sign_up BASE_URL: registers a user (the first one on a fresh database: the administrator) into the cookie jar $jar
# and sets $af, the antiforgery token the pages' scripts send.
sign_up() {
  local base=$1
  local form; form=$(curl -s -b "$jar" -c "$jar" "$base/Account/Register" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "UserName=bench$RANDOM" --data-urlencode "Password=bench passphrase 1" \
    --data-urlencode "ConfirmPassword=bench passphrase 1" --data-urlencode "__RequestVerificationToken=$form" "$base/Account/Register"
  af=$(curl -s -b "$jar" "$base/Videos" | sed -n 's/.*name="request-verification-token" content="\([^"]*\)".*/\1/p' | head -1)
}

# measure BASE_URL PIDS...: registers a user, then RUNS analyses; prints "median_seconds cpu_seconds_per_run".
measure() {
  local base=$1; shift
  local times=() cpu0 cpu1
  jar="$work/jar-$RANDOM"
  sign_up "$base"
  local id; id=$(curl -s -b "$jar" -H "RequestVerificationToken: $af" -F "file=@$video" "$base/api/v1/videos" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
  cpu0=$(cpu_seconds "$@")
  for _ in $(seq 1 "$runs"); do
    local start; start=$(date +%s.%N)
    curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $af" -X POST "$base/api/v1/videos/$id/analysis"
    ended() { case "$(curl -s --max-time 30 -b "$jar" "$base/api/v1/videos/$id")" in *'"status":"completed"'*|*'"status":"failed"'*) return 0 ;; esac; return 1; }
    wait_for "the analysis of video $id to end" ended
    times+=("$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { print a - b }')")
  done
  cpu1=$(cpu_seconds "$@")
  echo "$(printf '%s\n' "${times[@]}" | median) $(awk -v a="$cpu1" -v b="$cpu0" -v n="$runs" 'BEGIN { print (a - b) / n }') ${times[*]}"
}

suffix="$(date +%s)"
if [[ " $parts " == *" ratio "* ]]; then
  start_node single "$port" "cp_test_bench_single_$suffix"
  read -r single_s single_cpu single_all < <(measure "http://127.0.0.1:$port" "$(cat "$work/single.pid")")
  kill "$(cat "$work/single.pid")"

  redis-cli -u "redis://$CROWDPORTAL_TEST_REDIS" FLUSHALL >/dev/null
  start_node web $((port + 1)) "cp_test_bench_cluster_$suffix" ConnectionStrings__Redis="$CROWDPORTAL_TEST_REDIS" Cluster__Role=web
  start_node worker $((port + 2)) "cp_test_bench_cluster_$suffix" ConnectionStrings__Redis="$CROWDPORTAL_TEST_REDIS" Cluster__Role=worker
  read -r cluster_s cluster_cpu cluster_all < <(measure "http://127.0.0.1:$((port + 1))" "$(cat "$work/web.pid")" "$(cat "$work/worker.pid")")
  kill "$(cat "$work/web.pid")" "$(cat "$work/worker.pid")"

  printf 'single process: %.1f s median from POST to completed (runs: %s), %.1f CPU s per run\n' "$single_s" "$single_all" "$single_cpu"
  printf 'cluster (web + 1 worker): %.1f s median (runs: %s), %.1f CPU s per run (both processes)\n' "$cluster_s" "$cluster_all" "$cluster_cpu"
  printf 'ratio cluster/single: %.2f\n' "$(awk -v a="$cluster_s" -v b="$single_s" 'BEGIN { print a / b }')"
fi

if [[ " $parts " == *" failover "* ]]; then
  database="cp_test_bench_failover_$suffix"
  cluster=(ConnectionStrings__Redis="$CROWDPORTAL_TEST_REDIS" Cameras__AllowLoopback=true)
  redis-cli -u "redis://$CROWDPORTAL_TEST_REDIS" FLUSHALL >/dev/null
  base="http://127.0.0.1:$((port + 3))"
  start_node fweb $((port + 3)) "$database" "${cluster[@]}" Cluster__Role=web
  next_worker=1
  declare -A slot_of=() # worker name -> its port slot (0..4)
  slot_free=(1 1 1 1 1)
  add_worker() { # starts worker N in a free slot (a killed worker's slot is free again)
    local slot=0
    while [ "${slot_free[$slot]}" -eq 0 ]; do slot=$((slot + 1)); done
    slot_free[$slot]=0
    slot_of["worker$next_worker"]=$slot
    start_node "worker$next_worker" $((port + 4 + slot)) "$database" "${cluster[@]}" Cluster__Role=worker
    next_worker=$((next_worker + 1))
  }
  add_worker
  add_worker
  jar="$work/jar-failover"
  sign_up "$base"
  api() { curl -s --max-time 30 -b "$jar" -H "RequestVerificationToken: $af" "$@"; }
  # owner_of KIND ID: the node whose list (videos or cameras) on the System status holds the id, or nothing.
  owner_of() { api "$base/api/v1/admin/status" | jq -r --arg kind "$1" --argjson id "$2" '.nodes[] | select(.[$kind] | index($id)) | .name' | head -1; }
  kill_node() {
    local pid; pid=$(cat "$work/$1.pid")
    kill -9 "$pid"
    # Its port is free once the process is gone (or a zombie, which holds no socket).
    gone() { [ ! -e "/proc/$pid" ] || grep -q '^[^ ]* ([^)]*) Z' "/proc/$pid/stat" 2>/dev/null; }
    wait_for "$1 to die" gone
    slot_free[${slot_of[$1]}]=1
  }

  # Jobs: kill the worker half-way through the analysis; time until another worker has restarted it and completed it.
  video_id=$(api -F "file=@$video" "$base/api/v1/videos" | jq -r .id)
  job_restart=() job_done=()
  for _ in $(seq 1 "$runs"); do
    api -o /dev/null -X POST "$base/api/v1/videos/$video_id/analysis"
    past_40() {
      read -r status progress < <(api "$base/api/v1/videos/$video_id" | jq -r '"\(.status) \(.progress // 0)"')
      owner=$(owner_of videos "$video_id")
      [ "$status" = analysing ] && [ -n "$owner" ] && awk -v p="$progress" 'BEGIN { exit !(p >= 0.4) }'
    }
    wait_for "the analysis to pass 40 % on a worker" past_40
    kill_node "$owner"
    killed=$(now)
    restarted=""
    completed_elsewhere() {
      read -r status progress < <(api "$base/api/v1/videos/$video_id" | jq -r '"\(.status) \(.progress // 0)"')
      [ -z "$restarted" ] && awk -v p="$progress" 'BEGIN { exit !(p < 0.4) }' && restarted=$(since "$killed")
      [ "$status" = failed ] && { echo "the analysis failed after the kill" >&2; exit 1; }
      [ "$status" = completed ]
    }
    wait_for "another worker to complete the analysis" completed_elsewhere
    job_done+=("$(since "$killed")")
    job_restart+=("${restarted:-0}")
    add_worker
  done

  # Cameras: kill the worker running the camera; time until another worker stores the camera's counts again.
  camera_port=$((port + 9))
  (
    while :; do
      ffmpeg -nostdin -loglevel error -re -stream_loop -1 -i "$video" -c copy -f matroska -listen 1 \
        "http://127.0.0.1:$camera_port/camera.mkv" 2>/dev/null || sleep 0.2
    done
  ) &
  pids+=($!)
  disown
  camera_id=$(api -H 'Content-Type: application/json' -d "{\"name\":\"bench\",\"url\":\"http://127.0.0.1:$camera_port/camera.mkv\"}" "$base/api/v1/cameras" | jq -r .id)
  api -o /dev/null -X POST "$base/api/v1/cameras/$camera_id/start"
  latest_row() { api "$base/api/v1/cameras/$camera_id/counts.csv" | awk -F, 'NR > 1 && $1 > m { m = $1 } END { print m + 0 }'; }
  camera_takeover=()
  for _ in $(seq 1 "$runs"); do
    counting() { owner=$(owner_of cameras "$camera_id"); [ -n "$owner" ] && awk -v b="$(latest_row)" 'BEGIN { exit !(b > 0) }'; }
    wait_for "a worker to count the camera" counting
    # Counting on the owner for a moment: three more seconds of counts stored.
    first=$(latest_row)
    rows_after() { awk -v a="$(latest_row)" -v b="$1" 'BEGIN { exit !(a > b) }'; }
    wait_for "three seconds of counts on $owner" rows_after "$(awk -v f="$first" 'BEGIN { print f + 2 }')"
    kill_node "$owner"
    killed=$(now)
    before=$(latest_row)
    wait_for "another worker to store the camera's counts" rows_after "$before"
    camera_takeover+=("$(since "$killed")")
    add_worker
    # The new owner must be on the node list before the next kill.
    taken_over() { local now_owner; now_owner=$(owner_of cameras "$camera_id"); [ -n "$now_owner" ] && [ "$now_owner" != "$owner" ]; }
    wait_for "the new owner on the node list" taken_over
  done
  api -o /dev/null -X POST "$base/api/v1/cameras/$camera_id/stop"

  printf 'job failover (worker SIGKILLed at 40 %%): restarted on another worker after %s s (median; runs: %s), completed %s s after the kill (median; runs: %s)\n' \
    "$(printf '%s\n' "${job_restart[@]}" | median)" "${job_restart[*]}" "$(printf '%s\n' "${job_done[@]}" | median)" "${job_done[*]}"
  printf 'camera failover (owner SIGKILLed): counts stored again by another worker after %s s (median; runs: %s)\n' \
    "$(printf '%s\n' "${camera_takeover[@]}" | median)" "${camera_takeover[*]}"
fi
