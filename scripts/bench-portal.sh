#!/usr/bin/env bash
# Measures an analysis through the portal against the same analysis with the command line, on the sample video:
# starts the portal on a scratch database and port, registers a user, uploads .cache/vtest.avi, analyses it through
# the REST API and prints both wall-clock times and their ratio. Run scripts/setup.sh --test first (or scripts/test.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/bench-portal.sh
source "$root/scripts/lib/bench-portal.sh"
video="${1:-$root/.cache/vtest.avi}"
port="${PORT:-5091}"
work="$(mktemp -d)"
base="http://127.0.0.1:$port"
trap 'kill "$portal" 2>/dev/null || true; rm -rf "$work"' EXIT

start_portal

register_user
af=$(token /Videos)
id=$(curl -s -b "$jar" -H "RequestVerificationToken: $af" -F "file=@$video" "$base/api/v1/videos" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
start=$(date +%s.%N)
curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $af" -X POST "$base/api/v1/videos/$id/analysis"
while :; do
  status=$(curl -s -b "$jar" "$base/api/v1/videos/$id")
  case "$status" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
  sleep 0.2
done
portal_s=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { print a - b }')
job_s=$(sed -n 's/.*"analysisSeconds":\([0-9.]*\).*/\1/p' <<<"$status")

cli_start=$(date +%s.%N)
dotnet "$root/src/CrowdPortal.Cli/bin/Release/net10.0/crowdportal.dll" analyze "$video" --models-dir "$root/models" >/dev/null 2>&1
cli_s=$(awk -v a="$(date +%s.%N)" -v b="$cli_start" 'BEGIN { print a - b }')

printf 'portal: %.1f s from POST to completed (job %.1f s)\ncli:    %.1f s for crowdportal analyze\nratio:  %.2f\n' \
  "$portal_s" "$job_s" "$cli_s" "$(awk -v a="$portal_s" -v b="$cli_s" 'BEGIN { print a / b }')"
