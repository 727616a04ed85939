#!/usr/bin/env bash
# Starts PostgreSQL and EverShop on 127.0.0.1 (its migrations run at start); the shop believes it is
# https://shop.bench.test. Idempotent.
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../lib/postgres.sh"
. "$here/env.sh"
pg_start
pg_sql -tc "SELECT 1 FROM pg_database WHERE datname='$ES_DB'" | grep -q 1 || pg_sql -c "CREATE DATABASE $ES_DB"
# Always a fresh process: EverShop allows 8 sign-ups and sign-ins per address per 15 minutes, counted in
# memory, and one variant makes 3 of them, all from 127.0.0.1 (the proxy). The scenario restarts it per variant.
stop_bg evershop
if ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$ES_PORT/"; then
  cd "$ES_DIR"
  # EverShop listens on every interface unless told otherwise; the preload keeps it on loopback.
  PORT="$ES_PORT" EVERSHOP_HOME_URL="https://$ES_HOST" NODE_OPTIONS="--require $here/../../lib/loopback-only.cjs" start_bg evershop npx evershop start
fi
wait_http "http://127.0.0.1:$ES_PORT/" 120
