# One MariaDB for the PHP apps, on 127.0.0.1:$BENCH_MARIADB_PORT, data in $BENCH_REAL_STATE/mariadb.
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export BENCH_MARIADB_PORT="${BENCH_MARIADB_PORT:-3307}"
MARIADB_DIR="$BENCH_REAL_STATE/mariadb"
export MARIADB_SOCKET="$BENCH_REAL_STATE/mariadb.sock"

mariadb_sql() { mariadb --socket="$MARIADB_SOCKET" -uroot "$@"; }

mariadb_start() {
  apt_install mariadb-server
  if mariadb_sql -e 'select 1' >/dev/null 2>&1; then return 0; fi
  if [ ! -d "$MARIADB_DIR/mysql" ]; then
    mariadb-install-db --user="$(id -un)" --datadir="$MARIADB_DIR" --auth-root-authentication-method=socket >"$BENCH_REAL_STATE/mariadb-install.log" 2>&1
  fi
  nohup mariadbd --user="$(id -un)" --datadir="$MARIADB_DIR" --socket="$MARIADB_SOCKET" \
    --bind-address=127.0.0.1 --port="$BENCH_MARIADB_PORT" --pid-file="$BENCH_REAL_STATE/mariadb.pid" \
    --log-error="$BENCH_REAL_STATE/mariadb.err" >/dev/null 2>&1 &
  for _ in $(seq 60); do mariadb_sql -e 'select 1' >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "MariaDB did not start; see $BENCH_REAL_STATE/mariadb.err" >&2; return 1
}

# mariadb_app_db NAME USER PASSWORD: a database and a user that may use it (idempotent).
mariadb_app_db() {
  mariadb_sql -e "CREATE DATABASE IF NOT EXISTS \`$1\` CHARACTER SET utf8mb4;
    CREATE USER IF NOT EXISTS '$2'@'127.0.0.1' IDENTIFIED BY '$3';
    CREATE USER IF NOT EXISTS '$2'@'localhost' IDENTIFIED BY '$3';
    GRANT ALL ON \`$1\`.* TO '$2'@'127.0.0.1'; GRANT ALL ON \`$1\`.* TO '$2'@'localhost';"
}
