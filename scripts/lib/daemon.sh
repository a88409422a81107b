# Sourced by the private test servers (MariaDB, Redis, mosquitto): each runs as a daemon with its pid in a file.

# running PIDFILE: true when the process named in PIDFILE is alive.
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_daemon PIDFILE: asks the process named in PIDFILE to stop, waits up to 10 s for it to exit, removes the file.
stop_daemon() {
  if [ -f "$1" ]; then
    kill "$(cat "$1")" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null || break
      sleep 0.25
    done
    rm -f "$1"
  fi
}
