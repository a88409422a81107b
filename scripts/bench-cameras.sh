#!/usr/bin/env bash
# Measures many live cameras sharing one machine: serves N loopback cameras (ffmpeg plays .cache/vtest.avi in real
# time, 10 fps, the stream copied, not re-encoded, so the test streams cost almost nothing), starts the portal on a
# scratch database, adds and starts every camera, lets them run, then prints each camera's analysed frames/s (the
# portal's own figure, sampled every 2 s), the slowest and fastest, the total, the CPU the portal used (with the ffmpeg
# processes that decode the streams) as a share of all cores, and CPU ms per analysed frame. Every wait is bounded: a
# camera that never analyses is reported as such, never waited for. Run scripts/setup.sh --test first.
#   scripts/bench-cameras.sh [--cameras 8] [--seconds 30] [--fps 5] [--rate 1] [--upload]
#     --fps 0: no Cameras:AnalysisFps cap. --rate R: each stream plays R times faster than real time (10R fps), so
#     uncapped cameras can ask for more than the cores give. --upload: then (the cameras still running) uploads
#     .cache/vtest.avi and times its analysis through the portal: wall seconds from the request to completed, the job's
#     own seconds, the CPU seconds of the portal and its stream readers meanwhile, and the cameras' analysed fps then.
#     --cameras 0 --upload times the upload alone.
#   scripts/bench-cameras.sh --vs-single [--cameras 8] [--seconds 30] [--rate 2]
#     The uncapped throughput test: first ONE camera at rate cameras x R, then the cameras at rate R each (the same
#     frames per second offered in all, so the stream readers cost the same), both uncapped; prints both totals and
#     the ratio of the many cameras' total to the single stream's.
# Ports: the portal on $PORT (3410), the cameras on the ports after it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cameras=8 seconds=30 fps=5 rate=1 vs_single=0 rate_given=0 upload=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cameras) cameras="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --fps) fps="$2"; shift 2 ;;
    --rate) rate="$2"; rate_given=1; shift 2 ;;
    --vs-single) vs_single=1; shift ;;
    --upload) upload=1; shift ;;
    *) echo "usage: $0 [--cameras N] [--seconds S] [--fps F] [--rate R] [--upload] | --vs-single [--cameras N] [--seconds S] [--rate R]" >&2; exit 2 ;;
  esac
done

if [ "$vs_single" = 1 ]; then
  [ "$rate_given" = 1 ] || rate=2
  single_rate=$(awk -v r="$rate" -v n="$cameras" 'BEGIN { print r * n }')
  out="$(mktemp)"
  trap 'rm -f "$out"' EXIT
  # Each half in a file, not a pipe: nothing a half leaves behind can hold this script's output open. Bounded anyway.
  limit=$((seconds + 240))
  echo "== 1 camera, uncapped, stream at ${single_rate}x real time"
  timeout "$limit" "$0" --cameras 1 --seconds "$seconds" --fps 0 --rate "$single_rate" >"$out" || echo "(the single camera's run failed or timed out)"
  cat "$out"
  single=$(sed -n 's/.*; total \([0-9.]*\) analysed fps.*/\1/p' "$out")
  echo "== $cameras cameras, uncapped, streams at ${rate}x real time each"
  timeout "$limit" "$0" --cameras "$cameras" --seconds "$seconds" --fps 0 --rate "$rate" >"$out" || echo "(the $cameras cameras' run failed or timed out)"
  cat "$out"
  many=$(sed -n 's/.*; total \([0-9.]*\) analysed fps.*/\1/p' "$out")
  awk -v s="${single:-0}" -v m="${many:-0}" -v n="$cameras" 'BEGIN {
    printf "uncapped: %d cameras %.1f analysed fps in all against one camera %.1f: ratio %.2f (%.0f %% of the single camera)\n",
      n, m, s, (s > 0 ? m / s : 0), (s > 0 ? 100 * m / s : 0) }'
  exit 0
fi
video="$root/.cache/vtest.avi"
[ -s "$video" ] || "$root/scripts/get-sample-video.sh"
port="${PORT:-3410}"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
jar="$work/cookies"
loops=()
portal=
cleanup() {
  touch "$work/stop"
  [ -n "$portal" ] && kill "$portal" 2>/dev/null || true
  # Each camera loop leads its own process group (setsid): the group goes whole, the ffmpeg it runs included.
  for p in "${loops[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM INT

# One camera: ffmpeg's HTTP server serves one client and exits, so it is restarted, as a camera would be there again.
for i in $(seq 1 "$cameras"); do
  setsid bash -c 'while [ ! -e "$1/stop" ]; do
      ffmpeg -nostdin -loglevel error -readrate "$2" -stream_loop -1 -i "$3" -c copy -f matroska -listen 1 "$4" </dev/null >/dev/null 2>&1 || sleep 0.2
    done' camera "$work" "$rate" "$video" "http://127.0.0.1:$((port + i))/camera.mkv" </dev/null >/dev/null 2>&1 &
  loops+=($!)
done

cap="$fps"
[ "$fps" = 0 ] && cap=1000
ConnectionStrings__Sqlite="Data Source=$work/portal.db" Storage__UploadsPath="$work/uploads" Storage__KeysPath="$work/keys" \
Analysis__ModelsPath="$root/models" Cameras__AnalysisFps="$cap" Cameras__AllowLoopback=true ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$root/src/CrowdPortal.Web/bin/Release/net10.0/CrowdPortal.Web.dll" --urls "$base" --contentRoot "$root/src/CrowdPortal.Web" \
  </dev/null >"$work/portal.log" 2>&1 &
portal=$!
# Every request bounded: a portal too busy to answer must not hang the bench.
get() { curl -s --max-time 10 -b "$jar" -c "$jar" "$@"; }
for _ in $(seq 1 240); do curl -sf --max-time 5 "$base/Account/Login" >/dev/null && break; sleep 0.5; done
curl -sf --max-time 5 "$base/Account/Login" >/dev/null || { echo "the portal did not start; its log:" >&2; tail -20 "$work/portal.log" >&2; exit 1; }

form_token=$(get "$base/Account/Register" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
get -o /dev/null --data-urlencode "UserName=cams$$" --data-urlencode "Password=bench passphrase 1" \
  --data-urlencode "ConfirmPassword=bench passphrase 1" --data-urlencode "__RequestVerificationToken=$form_token" "$base/Account/Register"
af=$(get "$base/Videos" | sed -n 's/.*name="request-verification-token" content="\([^"]*\)".*/\1/p' | head -1)
ids=()
for i in $(seq 1 "$cameras"); do
  id=$(get -H "RequestVerificationToken: $af" -H 'Content-Type: application/json' \
    -d "{\"name\":\"loopback $i\",\"url\":\"http://127.0.0.1:$((port + i))/camera.mkv\"}" "$base/api/v1/cameras" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
  [ -n "$id" ] || { echo "could not add camera $i; portal log:" >&2; tail -20 "$work/portal.log" >&2; exit 1; }
  ids+=("$id")
done
for id in "${ids[@]}"; do get -o /dev/null -H "RequestVerificationToken: $af" -X POST "$base/api/v1/cameras/$id/start"; done

camera() { get "$base/api/v1/cameras/$1" || true; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$2" | head -1; }
# Waits (60 s at most) until every camera is analysing, then a few seconds more so the fps window is full.
deadline=$(( $(date +%s) + 60 ))
while [ "$cameras" -gt 0 ] && [ "$(date +%s)" -lt "$deadline" ]; do
  ready=0
  for id in "${ids[@]}"; do
    json=$(camera "$id")
    [ "$(field state "$json")" = online ] && awk -v f="$(field fps "$json")" 'BEGIN { exit !(f > 0) }' && ready=$((ready + 1))
  done
  [ "$ready" = "$cameras" ] && break
  sleep 1
done
[ "$cameras" -gt 0 ] && [ "${ready:-0}" != "$cameras" ] && echo "warning: only ${ready:-0} of $cameras cameras analysing after 60 s; measuring anyway" >&2
[ "$cameras" -gt 0 ] && sleep 4

# CPU seconds (user + sys) of the portal and its children (the ffmpeg readers), from /proc, in clock ticks.
tree_cpu() {
  local total=0 p
  for p in "$portal" $(pgrep -P "$portal" || true); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
ticks=$(getconf CLK_TCK)
declare -A sum=() samples=() states=()
# Adds one fps sample of every camera to sum/samples (and notes any state but online).
sample_cameras() {
  local id json state
  for id in "${ids[@]}"; do
    json=$(camera "$id")
    sum[$id]=$(awk -v a="${sum[$id]:-0}" -v b="$(field fps "$json")" 'BEGIN { print a + (b == "" ? 0 : b) }')
    samples[$id]=$(( ${samples[$id]:-0} + 1 ))
    state=$(field state "$json")
    [ "$state" = online ] || states[$id]="${states[$id]:-}${state:-no-answer} "
  done
}
# Prints each camera's mean analysed fps, slowest/fastest, the total, the CPU share and CPU ms per analysed frame.
report_cameras() { # cpu ticks, wall seconds[, "no-cpu": the CPU was not the cameras' alone]
  local all=() i id mean
  for i in "${!ids[@]}"; do
    id=${ids[$i]}
    mean=$(awk -v s="${sum[$id]:-0}" -v n="${samples[$id]:-0}" 'BEGIN { printf "%.2f", (n > 0 ? s / n : 0) }')
    all+=("$mean")
    printf '  camera %d: %s analysed fps%s\n' "$((i + 1))" "$mean" "${states[$id]:+ (not online at times: ${states[$id]})}"
  done
  printf '%s\n' "${all[@]}" | awk -v cpu="$1" -v ticks="$ticks" -v wall="$2" -v cores="$(nproc)" -v show_cpu="${3:-}" '
    { total += $1; if (NR == 1 || $1 < min) min = $1; if (NR == 1 || $1 > max) max = $1 }
    END {
      printf "slowest %.2f, fastest %.2f fps (slowest/fastest %.2f); total %.1f analysed fps\n", min, max, (max > 0 ? min / max : 0), total
      if (show_cpu == "no-cpu") exit
      frames = total * wall
      printf "CPU: portal + its stream readers %.1f s in %.1f s = %.0f %% of %d cores; %s CPU ms per analysed frame\n",
        cpu / ticks, wall, 100 * cpu / ticks / wall / cores, cores, (frames > 0 ? sprintf("%.1f", 1000 * cpu / ticks / frames) : "n/a")
    }'
}

if [ "$cameras" -gt 0 ]; then
  cpu0=$(tree_cpu)
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  t0=$(date +%s.%N)
  end=$(( $(date +%s) + seconds ))
  while [ "$(date +%s)" -lt "$end" ]; do
    sleep 2
    sample_cameras
  done
  cpu1=$(tree_cpu)
  wall=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print a - b }')

  printf 'cameras: %s at Cameras:AnalysisFps %s, streams at %sx real time (%s fps each), %s s, %s cores, load average before/after: %s / %s\n' \
    "$cameras" "$([ "$fps" = 0 ] && echo 'uncapped' || echo "$fps")" "$rate" "$(awk -v r="$rate" 'BEGIN { print 10 * r }')" "$seconds" "$(nproc)" \
    "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
  detector_line=$(grep -m1 -o 'Person detector .*' "$work/portal.log" || true)
  printf 'detector: %s\n' "${detector_line:-unknown (not in the portal log)}"
  report_cameras "$((cpu1 - cpu0))" "$wall"
fi

if [ "$upload" = 1 ]; then
  vid=$(get -H "RequestVerificationToken: $af" -F "file=@$video" "$base/api/v1/videos" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
  [ -n "$vid" ] || { echo "the upload failed; portal log:" >&2; tail -20 "$work/portal.log" >&2; exit 1; }
  sum=() samples=() states=()
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu0=$(tree_cpu)
  t0=$(date +%s.%N)
  get -o /dev/null -H "RequestVerificationToken: $af" -X POST "$base/api/v1/videos/$vid/analysis"
  status= deadline=$(( $(date +%s) + 600 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    status=$(get "$base/api/v1/videos/$vid" || true)
    case "$status" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
    if [ "$cameras" -gt 0 ]; then sample_cameras; else sleep 0.2; fi
  done
  cpu1=$(tree_cpu)
  wall=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print a - b }')
  job_s=$(sed -n 's/.*"analysisSeconds":\([0-9.]*\).*/\1/p' <<<"$status")
  printf 'upload: %s %s in %.1f s wall from the request to completed (the job %s s), %.1f CPU s (portal + stream readers), %s cameras running; load average before/after: %s / %s\n' \
    "$(basename "$video")" "$(field status "$status")" "$wall" "${job_s:-?}" "$(awk -v c=$((cpu1 - cpu0)) -v t="$ticks" 'BEGIN { print c / t }')" \
    "$cameras" "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$cameras" -gt 0 ]; then
    echo "cameras during the upload:"
    report_cameras "$((cpu1 - cpu0))" "$wall" no-cpu
  fi
fi
