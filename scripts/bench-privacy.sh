#!/usr/bin/env bash
# Measures what the privacy levels cost on the sample video: starts the portal on a scratch database and port,
# registers a user, uploads .cache/vtest.avi three times (levels off, blur, counts-only), then prints
#   - the time to serve frame.jpg at 10 moments at each level (median and slowest; counts-only: the first request makes
#     the clean plate, later ones read it), and
#   - each level's analysis from POST to completed (blur makes the heatmap background once; counts-only samples 25
#     frames for the clean plate).
# Run scripts/setup.sh --test first (or scripts/test.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/bench-portal.sh
source "$root/scripts/lib/bench-portal.sh"
video="${1:-$root/.cache/vtest.avi}"
port="${PORT:-5092}"
work="$(mktemp -d)"
base="http://127.0.0.1:$port"
trap 'kill "$portal" 2>/dev/null || true; rm -rf "$work"' EXIT

start_portal

register_user
af=$(token /Videos)

# median and max of the numbers on stdin
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "median %.0f ms, slowest %.0f ms", v[int((NR + 1) / 2)] * 1000, v[NR] * 1000 }'; }

for level in off blur counts-only; do
  id=$(curl -s -b "$jar" -H "RequestVerificationToken: $af" -F "file=@$video" "$base/api/v1/videos" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
  curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $af" -H "Content-Type: application/json" -X PUT \
    -d "{\"level\":\"$level\",\"confirm\":true}" "$base/api/v1/videos/$id/privacy"
  first=$(curl -s -o /dev/null -w '%{time_total}' -b "$jar" "$base/api/v1/videos/$id/frame.jpg?t=0")
  times=$(for t in 5 12 20 28 35 43 50 58 65 72; do curl -s -o /dev/null -w '%{time_total}\n' -b "$jar" "$base/api/v1/videos/$id/frame.jpg?t=$t"; done)
  printf '%-12s frame.jpg: first %.0f ms; then %s\n' "$level" "$(awk -v s="$first" 'BEGIN { print s * 1000 }')" "$(stats <<<"$times")"

  start=$(date +%s.%N)
  curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $af" -X POST "$base/api/v1/videos/$id/analysis"
  while :; do
    status=$(curl -s -b "$jar" "$base/api/v1/videos/$id")
    case "$status" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
    sleep 0.2
  done
  printf '%-12s analysis: %.1f s from POST to completed\n' "$level" "$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { print a - b }')"
done
