#!/usr/bin/env bash
# Starts (or stops) a private Redis for the cluster tests, without systemd: loopback only, no persistence, its pid and
# log under .cache/redis. Usage: scripts/redis-test-server.sh start|stop. `start` prints the connection string for
# CROWDPORTAL_TEST_REDIS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/daemon.sh
source "$root/scripts/lib/daemon.sh"
dir="$root/.cache/redis"
port="${CROWDPORTAL_TEST_REDIS_PORT:-6390}"
pidfile="$dir/redis.pid"

case "${1:-}" in
  start)
    if running "$pidfile"; then
      :
    else
      mkdir -p "$dir"
      redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --pidfile "$pidfile" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
      for _ in $(seq 1 40); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && break
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
