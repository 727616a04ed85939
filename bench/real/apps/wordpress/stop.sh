#!/usr/bin/env bash
# Stops the WordPress server this bed started (MariaDB is shared: bench/real/lib/stop-mariadb.sh).
. "$(dirname "$0")/../../lib/common.sh"
stop_bg wordpress
