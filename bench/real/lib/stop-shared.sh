#!/usr/bin/env bash
# Stops the services the apps share (MariaDB), started by lib/mariadb.sh.
. "$(dirname "$0")/common.sh"
stop_pidfile "$BENCH_REAL_STATE/mariadb.pid"
. "$(dirname "$0")/postgres.sh"
pg_stop
