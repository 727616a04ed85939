# The WordPress site's name and port, shared by start.sh, stop.sh and ground-truth queries.
export WP_HOST=wp.bench.test
export WP_PORT="${WP_PORT:-8181}"
export WP_DB=bench_wordpress WP_DB_USER=bench_wp WP_DB_PASSWORD=bench-wp-db
