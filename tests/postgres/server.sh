#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests: its own data directory, a free loopback port, no password
# (trust, loopback only), fsync off (the tests kill AuthServer, never PostgreSQL's host).
#   server.sh start DIR   starts it and prints its connection string (without a database name)
#   server.sh stop DIR    stops it at once (as a crash would); DIR can then be deleted
#   server.sh resume DIR  starts a stopped one again, on the same port, with its data
# As root, the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
set -euo pipefail
action=${1:?start or stop}
dir=$(realpath -m "${2:?data directory}")
self=$(realpath "$0")
# The server's user may not be allowed into the caller's folder (a checkout readable by its owner only):
# runuser would warn "could not change directory" into our output, and pg_ctl would start there.
cd /

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" ]]; then
  echo "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it." >&2
  exit 1
fi

as_server_user() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $action in
  start)
    mkdir -p "$dir"
    if [[ $(id -u) == 0 ]]; then chown postgres "$dir"; fi
    as_server_user "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log"
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$dir/port"
    bash "$self" resume "$dir"
    echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres"
    ;;
  resume)
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $(cat "$dir/port") -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=500" \
      start >/dev/null
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop|resume DIR" >&2
    exit 2
    ;;
esac
