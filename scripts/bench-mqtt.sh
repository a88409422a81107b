#!/usr/bin/env bash
# Measures MQTT channel delivery on one node: from an event being stored (an alert of a real analysis of the sample
# video, whose outbox row is written in the alert's transaction, and the event's "timestamp" is that moment) to the
# message received on <prefix>/events by mosquitto_sub (median and p95), then how many events per second the node
# publishes when a backlog is waiting (events queued while the broker address was wrong, released by correcting it).
# Starts the portal on a scratch SQLite database and port, and mosquitto (scripts/mosquitto-test-server.sh) unless
# CROWDPORTAL_TEST_MQTT names one. Usage: scripts/bench-mqtt.sh [backlog events, default 500]. Run scripts/setup.sh
# --test first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/bench-portal.sh
source "$root/scripts/lib/bench-portal.sh"
video="$root/.cache/vtest.avi"
backlog="${1:-500}"
port="${PORT:-5093}"
work="$(mktemp -d)"
base="http://127.0.0.1:$port"
started_broker=""
if [ -z "${CROWDPORTAL_TEST_MQTT:-}" ]; then
  CROWDPORTAL_TEST_MQTT="$("$root/scripts/mosquitto-test-server.sh" start)"
  started_broker=1
fi
mqtt_host="${CROWDPORTAL_TEST_MQTT%:*}"
mqtt_port="${CROWDPORTAL_TEST_MQTT##*:}"
prefix="bench/$$"
cleanup() {
  kill "$portal" "$sub" 2>/dev/null || true
  [ -n "$started_broker" ] && "$root/scripts/mosquitto-test-server.sh" stop
  rm -rf "$work"
}
trap cleanup EXIT

start_portal Notifications__AllowPrivateNetworks=true \
  Notifications__MaxFailures=1000000 Notifications__MaxBackoffSeconds=2

register_user
af=$(token /Videos)
api() { curl -s -b "$jar" -H "RequestVerificationToken: $af" -H "Content-Type: application/json" "$@"; }
channel() { # name port
  printf '{"kind":"mqtt","name":"%s","host":"%s","port":%s,"topicPrefix":"%s","events":["alert.started","alert.ended","analysis.completed"]}' \
    "$1" "$mqtt_host" "$2" "$prefix"
}

# Every message on <prefix>/events with the moment it arrived (seconds.nanoseconds).
mosquitto_sub -h "$mqtt_host" -p "$mqtt_port" -t "$prefix/events" -F '%U %p' >"$work/events.txt" &
sub=$!

# 1. Latency: a real analysis with alerts.
id=$(curl -s -b "$jar" -H "RequestVerificationToken: $af" -F "file=@$video" "$base/api/v1/videos" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
api -X PUT --data '[{"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]],"warning":2,"critical":4}]' \
  "$base/api/v1/videos/$id/zones" >/dev/null
ch=$(api -X POST --data "$(channel latency "$mqtt_port")" "$base/api/v1/channels" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
for _ in $(seq 1 100); do api "$base/api/v1/channels/$ch" | grep -q '"connection":"connected' && break; sleep 0.2; done
api -o /dev/null -X POST "$base/api/v1/videos/$id/analysis"
while :; do
  case "$(api "$base/api/v1/videos/$id")" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
  sleep 0.5
done
for _ in $(seq 1 60); do grep -q analysis.completed "$work/events.txt" && break; sleep 0.5; done
cp "$work/events.txt" "$work/latency.txt"

# 2. Throughput: a backlog queued against a wrong port, released by correcting it.
api -o /dev/null -X DELETE "$base/api/v1/channels/$ch"
ch=$(api -X POST --data "$(channel backlog 1)" "$base/api/v1/channels" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
seq 1 "$backlog" | xargs -P 8 -I{} curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $af" -X POST "$base/api/v1/channels/$ch/test"
skip=$(wc -l <"$work/events.txt") # mosquitto_sub keeps writing at its offset: count lines instead of truncating
api -o /dev/null -X PUT --data "$(channel backlog "$mqtt_port")" "$base/api/v1/channels/$ch"
for _ in $(seq 1 600); do [ "$(grep -a -c '"type":"test"' "$work/events.txt" || true)" -ge "$backlog" ] && break; sleep 0.2; done

node - "$work/latency.txt" "$work/events.txt" "$backlog" "$skip" <<'JS'
const fs = require('fs');
const [latencyFile, backlogFile, backlog, skip] = process.argv.slice(2);
const parse = (f, from = 0) => fs.readFileSync(f, 'utf8').split('\n').slice(from).filter(l => l.includes(' {')).map(l => {
  const i = l.indexOf(' ');
  return { at: parseFloat(l.slice(0, i)) * 1000, body: JSON.parse(l.slice(i + 1)) };
});
const lat = parse(latencyFile).map(m => m.at - Date.parse(m.body.timestamp)).sort((a, b) => a - b);
const q = p => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
console.log(`latency, event stored -> MQTT message received: ${lat.length} events (alerts and completion of vtest.avi), median ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms`);
const got = parse(backlogFile, Number(skip)).filter(m => m.body.type === 'test');
const span = (got[got.length - 1].at - got[0].at) / 1000;
console.log(`throughput: ${got.length} of ${backlog} waiting events published in ${span.toFixed(2)} s: ${(got.length / span).toFixed(0)} events/s from one node`);
JS
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
