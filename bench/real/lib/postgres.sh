# A PostgreSQL 15 cluster of the bed's own, on 127.0.0.1:$BENCH_PG_PORT, data in $BENCH_REAL_STATE/postgres
# (run as the postgres user; trust auth on loopback only).
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export BENCH_PG_PORT="${BENCH_PG_PORT:-5433}"
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$BENCH_REAL_STATE/postgres"
export PG_SOCKET_DIR="$BENCH_REAL_STATE/pgsock"

pg_sql() { runuser -u postgres -- psql -h "$PG_SOCKET_DIR" -p "$BENCH_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

pg_start() {
  apt_install postgresql
  mkdir -p "$PG_SOCKET_DIR"; chown postgres "$PG_SOCKET_DIR"
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"; chown postgres "$PG_DIR"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -U postgres --auth=trust >"$BENCH_REAL_STATE/postgres-init.log"
  fi
  pg_sql -c 'select 1' >/dev/null 2>&1 && return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $BENCH_PG_PORT -k $PG_SOCKET_DIR" start >/dev/null
}

pg_stop() {
  [ -f "$PG_DIR/postmaster.pid" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null || true
}
