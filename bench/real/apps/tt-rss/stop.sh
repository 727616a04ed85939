#!/usr/bin/env bash
# Stops the Tiny Tiny RSS server this bed started (MariaDB is shared: bench/real/lib/stop-shared.sh).
. "$(dirname "$0")/../../lib/common.sh"
stop_bg tt-rss
