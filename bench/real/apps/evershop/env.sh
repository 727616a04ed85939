# EverShop: where it is installed, its site name, port and database.
export ES_DIR="$BENCH_REAL_STATE/evershop"
export ES_HOST=shop.bench.test
export ES_PORT="${ES_PORT:-8484}"
export ES_DB=bench_evershop
