#!/usr/bin/env bash
# Measures webhook delivery on this machine: starts the portal on a scratch SQLite database and port with a local
# receiver (python3, loopback), registers a user, creates a webhook channel, then
#  1. latency: LATENCY_EVENTS (50) events one after the other, each written to the outbox by the API (the same commit
#     and sender path as an alert's row) and timed from its stored timestamp to its arrival: median and p95;
#  2. throughput: THROUGHPUT_EVENTS (500) events queued while the receiver answers 503, then the receiver recovers and
#     the time from its first to its last accepted event gives the events per second one node delivers to one channel.
# Prints the load average beside the figures. Build first: dotnet build CrowdPortal.sln -c Release.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/bench-portal.sh
source "$root/scripts/lib/bench-portal.sh"
port="${PORT:-5093}"
hook_port="${HOOK_PORT:-5094}"
latency_events="${LATENCY_EVENTS:-50}"
throughput_events="${THROUGHPUT_EVENTS:-500}"
work="$(mktemp -d)"
base="http://127.0.0.1:$port"
portal=""
receiver=""
trap 'kill $portal $receiver 2>/dev/null || true; rm -rf "$work"' EXIT

# The receiver: one line per request (arrival time, status, the event's stored timestamp); 503 while $work/down exists.
cat >"$work/receiver.py" <<'PY'
import http.server, json, os, sys, time
from datetime import datetime
work = sys.argv[2]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        now = time.time()
        status = 503 if os.path.exists(os.path.join(work, "down")) else 200
        stamp = json.loads(body)["timestamp"].rstrip("Z")
        stored = datetime.fromisoformat(stamp[:26] + "+00:00").timestamp()
        with open(os.path.join(work, "received"), "a") as f:
            f.write(f"{now:.6f} {status} {stored:.6f}\n")
        self.send_response(status); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *args): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
PY
python3 "$work/receiver.py" "$hook_port" "$work" &
receiver=$!

start_portal Logging__LogLevel__Default=Warning Notifications__AllowPrivateNetworks=true Notifications__MaxFailures=1000000 \
  Notifications__InitialBackoffSeconds=0.2 Notifications__MaxBackoffSeconds=1

register_user
af=$(token /Settings/Notifications)
api() { curl -s -b "$jar" -H "RequestVerificationToken: $af" -H "Content-Type: application/json" "$@"; }
channel=$(api -d "{\"kind\":\"webhook\",\"name\":\"bench\",\"url\":\"http://127.0.0.1:$hook_port/hook\",\"events\":[\"alert.started\"]}" \
  "$base/api/v1/channels" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
[ -n "$channel" ] || { echo "could not create the channel"; cat "$work/portal.log"; exit 1; }
received() { [ -f "$work/received" ] && awk -v s="$1" '$2 == s' "$work/received" | wc -l || echo 0; }

for i in $(seq 1 "$latency_events"); do
  api -o /dev/null -X POST "$base/api/v1/channels/$channel/test"
  while [ "$(received 200)" -lt "$i" ]; do sleep 0.01; done
done
awk '$2 == 200 { print ($1 - $3) * 1000 }' "$work/received" | sort -n >"$work/latency"
median=$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$work/latency")
p95=$(awk '{ a[NR] = $1 } END { i = int(NR * 0.95 + 0.999); if (i > NR) i = NR; print a[i] }' "$work/latency")
printf 'event stored -> webhook received: median %.1f ms, p95 %.1f ms (%d events; load average %s)\n' \
  "$median" "$p95" "$latency_events" "$(cut -d' ' -f1-3 /proc/loadavg)"

mv "$work/received" "$work/received.latency"
touch "$work/down"
for _ in $(seq 1 "$throughput_events"); do api -o /dev/null -X POST "$base/api/v1/channels/$channel/test"; done
rm "$work/down"
while [ "$(received 200)" -lt "$throughput_events" ]; do sleep 0.1; done
rate=$(awk '$2 == 200 { if (first == "" || $1 < first) first = $1; if ($1 > last) last = $1; n++ } END { printf "%.0f", (n - 1) / (last - first) }' "$work/received")
printf 'one node, one channel: %s events/s delivered (%d queued while the receiver answered 503; load average %s)\n' \
  "$rate" "$throughput_events" "$(cut -d' ' -f1-3 /proc/loadavg)"
