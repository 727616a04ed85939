# Tiny Tiny RSS: its site name, port and database.
export TT_HOST=rss.bench.test
export TT_PORT="${TT_PORT:-8383}"
export TT_DB=bench_ttrss TT_DB_USER=bench_tt TT_DB_PASSWORD=bench-tt-db
