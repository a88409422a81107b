#!/usr/bin/env bash
# Measures many live cameras sharing one machine: serves N loopback cameras (ffmpeg plays .cache/vtest.avi in real
# time, 10 fps, the stream copied, not re-encoded, so the test streams cost almost nothing), starts the portal on a
# scratch database, adds and starts every camera, lets them run, then prints each camera's analysed frames/s (the
# portal's own figure, sampled every 2 s), the slowest and fastest, the total, and the CPU the portal used (with the
# ffmpeg processes that decode the streams) as a share of all cores. Run scripts/setup.sh --test first.
#   scripts/bench-cameras.sh [--cameras 8] [--seconds 30] [--fps 5] [--rate 1]
#     --fps 0: no Cameras:AnalysisFps cap. --rate R: each stream plays R times faster than real time (10R fps), so
#     uncapped cameras can ask for more than the cores give.
#   scripts/bench-cameras.sh --vs-single [--cameras 8] [--seconds 30] [--rate 2]
#     The uncapped throughput test: first ONE camera at rate cameras x R, then the cameras at rate R each (the same
#     frames per second offered in all, so the stream readers cost the same), both uncapped; prints both totals and
#     the many cameras' total as a share of the single stream's.
# Ports: the portal on $PORT (3410), the cameras on the ports after it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cameras=8 seconds=30 fps=5 rate=1 vs_single=0 rate_given=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cameras) cameras="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --fps) fps="$2"; shift 2 ;;
    --rate) rate="$2"; rate_given=1; shift 2 ;;
    --vs-single) vs_single=1; shift ;;
    *) echo "usage: $0 [--cameras N] [--seconds S] [--fps F] [--rate R] | --vs-single [--cameras N] [--seconds S] [--rate R]" >&2; exit 2 ;;
  esac
done

if [ "$vs_single" = 1 ]; then
  [ "$rate_given" = 1 ] || rate=2
  single_rate=$(awk -v r="$rate" -v n="$cameras" 'BEGIN { print r * n }')
  echo "== 1 camera, uncapped, stream at ${single_rate}x real time"
  single=$("$0" --cameras 1 --seconds "$seconds" --fps 0 --rate "$single_rate" | tee /dev/stderr | sed -n 's/.*; total \([0-9.]*\) analysed fps.*/\1/p')
  echo "== $cameras cameras, uncapped, streams at ${rate}x real time each"
  many=$("$0" --cameras "$cameras" --seconds "$seconds" --fps 0 --rate "$rate" | tee /dev/stderr | sed -n 's/.*; total \([0-9.]*\) analysed fps.*/\1/p')
  awk -v s="$single" -v m="$many" -v n="$cameras" 'BEGIN {
    printf "uncapped: %d cameras %.1f analysed fps in all against one stream %.1f: %.0f %% of the single stream\n", n, m, s, (s > 0 ? 100 * m / s : 0) }'
  exit 0
fi
video="$root/.cache/vtest.avi"
[ -s "$video" ] || "$root/scripts/get-sample-video.sh"
port="${PORT:-3410}"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
jar="$work/cookies"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# One camera: ffmpeg's HTTP server serves one client and exits, so it is restarted, as a camera would be there again.
for i in $(seq 1 "$cameras"); do
  (
    while :; do
      ffmpeg -nostdin -loglevel error -readrate "$rate" -stream_loop -1 -i "$video" -c copy -f matroska -listen 1 \
        "http://127.0.0.1:$((port + i))/camera.mkv" 2>/dev/null || sleep 0.2
    done
  ) &
  pids+=($!)
done

cap="$fps"
[ "$fps" = 0 ] && cap=1000
ConnectionStrings__Sqlite="Data Source=$work/portal.db" Storage__UploadsPath="$work/uploads" Storage__KeysPath="$work/keys" \
Analysis__ModelsPath="$root/models" Cameras__AnalysisFps="$cap" Cameras__AllowLoopback=true ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$root/src/CrowdPortal.Web/bin/Release/net10.0/CrowdPortal.Web.dll" --urls "$base" --contentRoot "$root/src/CrowdPortal.Web" \
  >"$work/portal.log" 2>&1 &
portal=$!
pids+=("$portal")
for _ in $(seq 1 240); do curl -sf "$base/Account/Login" >/dev/null && break; sleep 0.5; done

form_token=$(curl -s -b "$jar" -c "$jar" "$base/Account/Register" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "UserName=cams$$" --data-urlencode "Password=bench passphrase 1" \
  --data-urlencode "ConfirmPassword=bench passphrase 1" --data-urlencode "__RequestVerificationToken=$form_token" "$base/Account/Register"
af=$(curl -s -b "$jar" -c "$jar" "$base/Videos" | sed -n 's/.*name="request-verification-token" content="\([^"]*\)".*/\1/p' | head -1)
ids=()
for i in $(seq 1 "$cameras"); do
  id=$(curl -s -b "$jar" -H "RequestVerificationToken: $af" -H 'Content-Type: application/json' \
    -d "{\"name\":\"loopback $i\",\"url\":\"http://127.0.0.1:$((port + i))/camera.mkv\"}" "$base/api/v1/cameras" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
  [ -n "$id" ] || { echo "could not add camera $i; portal log: $work/portal.log" >&2; tail -20 "$work/portal.log" >&2; exit 1; }
  ids+=("$id")
done
for id in "${ids[@]}"; do curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $af" -X POST "$base/api/v1/cameras/$id/start"; done

camera() { curl -s -b "$jar" "$base/api/v1/cameras/$1"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$2" | head -1; }
# Waits until every camera is analysing, then a few seconds more so the fps window is full.
for _ in $(seq 1 120); do
  ready=0
  for id in "${ids[@]}"; do
    json=$(camera "$id")
    [ "$(field state "$json")" = online ] && awk -v f="$(field fps "$json")" 'BEGIN { exit !(f > 0) }' && ready=$((ready + 1))
  done
  [ "$ready" = "$cameras" ] && break
  sleep 1
done
sleep 4

# CPU seconds (user + sys) of the portal and its children (the ffmpeg readers), from /proc.
tree_cpu() {
  local total=0 p
  for p in "$portal" $(pgrep -P "$portal" || true); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
  done
  echo "$total"
}
ticks=$(getconf CLK_TCK)
cpu0=$(tree_cpu)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s.%N)
declare -A sum=() samples=() states=()
end=$(( $(date +%s) + seconds ))
while [ "$(date +%s)" -lt "$end" ]; do
  sleep 2
  for id in "${ids[@]}"; do
    json=$(camera "$id")
    sum[$id]=$(awk -v a="${sum[$id]:-0}" -v b="$(field fps "$json")" 'BEGIN { print a + b }')
    samples[$id]=$(( ${samples[$id]:-0} + 1 ))
    state=$(field state "$json")
    [ "$state" = online ] || states[$id]="${states[$id]:-}$state "
  done
done
cpu1=$(tree_cpu)
wall=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print a - b }')

printf 'cameras: %s at Cameras:AnalysisFps %s, streams at %sx real time (%s fps each), %s s, %s cores, load average before/after: %s / %s\n' \
  "$cameras" "$([ "$fps" = 0 ] && echo 'uncapped' || echo "$fps")" "$rate" "$(awk -v r="$rate" 'BEGIN { print 10 * r }')" "$seconds" "$(nproc)" \
  "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)"
detector_line=$(grep -m1 -o 'Person detector .*' "$work/portal.log" || true)
printf 'detector: %s\n' "${detector_line:-unknown (not in the portal log)}"
all=()
for i in "${!ids[@]}"; do
  id=${ids[$i]}
  mean=$(awk -v s="${sum[$id]}" -v n="${samples[$id]}" 'BEGIN { printf "%.2f", s / n }')
  all+=("$mean")
  printf '  camera %d: %s analysed fps%s\n' "$((i + 1))" "$mean" "${states[$id]:+ (not online at times: ${states[$id]})}"
done
printf '%s\n' "${all[@]}" | awk -v cpu=$((cpu1 - cpu0)) -v ticks="$ticks" -v wall="$wall" -v cores="$(nproc)" '
  { total += $1; if (NR == 1 || $1 < min) min = $1; if (NR == 1 || $1 > max) max = $1 }
  END {
    printf "slowest %.2f, fastest %.2f fps (slowest/fastest %.2f); total %.1f analysed fps\n", min, max, (max > 0 ? min / max : 0), total
    printf "CPU: portal + its stream readers %.1f s in %.1f s = %.0f %% of %d cores\n", cpu / ticks, wall, 100 * cpu / ticks / wall / cores, cores
  }'
