#!/usr/bin/env bash
# Stops the EverShop server this bed started (PostgreSQL is shared: bench/real/lib/stop-shared.sh).
. "$(dirname "$0")/../../lib/common.sh"
stop_bg evershop
