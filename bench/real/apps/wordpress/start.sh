#!/usr/bin/env bash
# Starts MariaDB and WordPress (PHP's built-in server) on 127.0.0.1; the site believes it is
# https://wp.bench.test (privlab's proxy terminates TLS and routes the name here). Idempotent.
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../lib/mariadb.sh"
. "$here/../../lib/php-mail.sh"
. "$here/env.sh"
mariadb_start
mariadb_app_db "$WP_DB" "$WP_DB_USER" "$WP_DB_PASSWORD"
cat >"/etc/wordpress/config-$WP_HOST.php" <<PHP
<?php
// Written by privlab bench/real/apps/wordpress/start.sh
define('DB_NAME', '$WP_DB');
define('DB_USER', '$WP_DB_USER');
define('DB_PASSWORD', '$WP_DB_PASSWORD');
define('DB_HOST', '127.0.0.1:$BENCH_MARIADB_PORT');
define('WP_HOME', 'https://$WP_HOST');
define('WP_SITEURL', 'https://$WP_HOST');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
// TLS ends at the proxy; the site is served as https.
\$_SERVER['HTTPS'] = 'on';
PHP
if ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$WP_PORT/"; then
  PHP_CLI_SERVER_WORKERS=4 start_bg wordpress php -d "$(php_mail_ini wordpress)" -S "127.0.0.1:$WP_PORT" -t /usr/share/wordpress
fi
wait_http "http://127.0.0.1:$WP_PORT/wp-login.php"
# First start: install the site, open registration (role subscriber), as its admin would in Settings.
HTTP_HOST="$WP_HOST" php -d sendmail_path=/bin/true "$here/setup-site.php"
