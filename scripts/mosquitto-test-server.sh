#!/usr/bin/env bash
# Starts (or stops) a private mosquitto MQTT broker for the notification tests, without systemd: loopback only,
# anonymous, no persistence, its pid, config and log under .cache/mosquitto. Usage: scripts/mosquitto-test-server.sh
# start|stop. The port is CROWDPORTAL_TEST_MQTT_PORT (default 18830); `start` prints host:port for CROWDPORTAL_TEST_MQTT.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/daemon.sh
source "$root/scripts/lib/daemon.sh"
dir="$root/.cache/mosquitto"
port="${CROWDPORTAL_TEST_MQTT_PORT:-18830}"
pidfile="$dir/mosquitto.pid"

case "${1:-}" in
  start)
    if running "$pidfile"; then
      :
    else
      mkdir -p "$dir"
      # mosquitto 2 refuses anonymous clients on an explicit listener unless told; the broker is loopback-only.
      cat > "$dir/mosquitto.conf" <<CONF
listener $port 127.0.0.1
# Run as whoever starts it (as root it would otherwise switch to the mosquitto user, who cannot write here).
user $(id -un)
allow_anonymous true
persistence false
pid_file $pidfile
log_dest file $dir/mosquitto.log
max_queued_messages 10000
CONF
      mosquitto -c "$dir/mosquitto.conf" -d 2>>"$dir/mosquitto.err"
      for _ in $(seq 1 40); do
        mosquitto_pub -h 127.0.0.1 -p "$port" -t crowdportal/ping -m ping -q 0 >/dev/null 2>&1 && break
        sleep 0.25
      done
    fi
    echo "127.0.0.1:$port"
    ;;
  stop)
    stop_daemon "$pidfile"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
