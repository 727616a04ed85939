#!/usr/bin/env bash
# EverShop 2.2.1 (npm `@evershop/evershop`, GPL-3.0) on PostgreSQL 15 (Debian), installed into
# $BENCH_REAL_STATE/evershop and its storefront built once (webpack, a few minutes). Idempotent.
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../lib/postgres.sh"
. "$here/env.sh"
apt_install postgresql curl
mkdir -p "$ES_DIR"
cd "$ES_DIR"
[ -f package.json ] || echo '{"name":"bench-evershop","private":true,"type":"module"}' >package.json
if [ ! -d node_modules/@evershop/evershop ]; then
  # 2.2.1 imports concat-stream without declaring it.
  npm install --no-audit --no-fund @evershop/evershop@2.2.1 concat-stream@2 >&2
fi
cat >.env <<ENV
DB_HOST=127.0.0.1
DB_PORT=$BENCH_PG_PORT
DB_NAME=$ES_DB
DB_USER=postgres
DB_PASSWORD=
DB_SSLMODE=disable
ENV
if [ ! -d .evershop/build ]; then
  pg_start
  pg_sql -tc "SELECT 1 FROM pg_database WHERE datname='$ES_DB'" | grep -q 1 || pg_sql -c "CREATE DATABASE $ES_DB"
  echo "building the EverShop storefront (once)" >&2
  npx evershop build >"$BENCH_REAL_STATE/evershop-build.log" 2>&1 || { echo "evershop build failed: $BENCH_REAL_STATE/evershop-build.log" >&2; exit 1; }
fi
