#!/usr/bin/env bash
# Starts (or stops) a private MariaDB server for the integration tests, without systemd: its own data folder under
# .cache/mariadb, loopback TCP only, a test account allowed to create the per-test databases.
# Usage: scripts/mariadb-test-server.sh start|stop. `start` prints the connection string for CROWDPORTAL_TEST_MYSQL.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/daemon.sh
source "$root/scripts/lib/daemon.sh"
dir="$root/.cache/mariadb"
port="${CROWDPORTAL_TEST_MYSQL_PORT:-3307}"
sock="$dir/mariadb.sock"
pidfile="$dir/mariadb.pid"

case "${1:-}" in
  start)
    if running "$pidfile"; then
      :
    else
      rm -rf "$dir"
      mkdir -p "$dir/data"
      chown -R mysql:mysql "$dir"
      mariadb-install-db --user=mysql --datadir="$dir/data" --auth-root-authentication-method=normal >"$dir/install.log" 2>&1
      mariadbd --user=mysql --datadir="$dir/data" --socket="$sock" --port="$port" --bind-address=127.0.0.1 \
        --skip-name-resolve --pid-file="$pidfile" --log-error="$dir/error.log" \
        --innodb-flush-log-at-trx-commit=2 --skip-log-bin >/dev/null 2>&1 &
      for _ in $(seq 1 60); do
        mariadb -uroot --socket="$sock" -e "SELECT 1" >/dev/null 2>&1 && break
        sleep 0.5
      done
      mariadb -uroot --socket="$sock" -e "CREATE USER IF NOT EXISTS 'crowdportal_test'@'127.0.0.1' IDENTIFIED BY 'crowdportal_test';
        GRANT ALL PRIVILEGES ON \`cp_test_%\`.* TO 'crowdportal_test'@'127.0.0.1'; FLUSH PRIVILEGES;"
    fi
    echo "Server=127.0.0.1;Port=$port;User ID=crowdportal_test;Password=crowdportal_test;SslMode=None;AllowPublicKeyRetrieval=true"
    ;;
  stop)
    stop_daemon "$pidfile"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
