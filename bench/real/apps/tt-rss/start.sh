#!/usr/bin/env bash
# Starts MariaDB and Tiny Tiny RSS (PHP's built-in server) on 127.0.0.1; the site believes it is
# https://rss.bench.test. Registration open. Idempotent.
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../lib/mariadb.sh"
. "$here/../../lib/php-mail.sh"
. "$here/env.sh"
mariadb_start
mariadb_app_db "$TT_DB" "$TT_DB_USER" "$TT_DB_PASSWORD"
if [ "$(mariadb_sql -N "$TT_DB" -e "SHOW TABLES LIKE 'ttrss_users'")" = "" ]; then
  mariadb_sql "$TT_DB" </usr/share/tt-rss/schema/ttrss_schema_mysql.sql
fi
# The Debian config, with the bench's database, address and open registration.
cat >/etc/tt-rss/database.php <<PHP
<?php
// Written by privlab bench/real/apps/tt-rss/start.sh
\$dbuser='$TT_DB_USER'; \$dbpass='$TT_DB_PASSWORD'; \$basepath=''; \$dbname='$TT_DB';
\$dbserver='127.0.0.1'; \$dbport='$BENCH_MARIADB_PORT'; \$dbtype='mysql';
PHP
sed -i -e "s|define('SELF_URL_PATH', .*|define('SELF_URL_PATH', 'https://$TT_HOST/');|" \
  -e "s|define('ENABLE_REGISTRATION', .*|define('ENABLE_REGISTRATION', true);|" \
  -e "s|define('REG_MAX_USERS', .*|define('REG_MAX_USERS', 0);|" \
  -e "s|define('CHECK_FOR_UPDATES', .*|define('CHECK_FOR_UPDATES', false);|" \
  -e "s|define('REG_NOTIFY_ADDRESS', .*|define('REG_NOTIFY_ADDRESS', 'admin@bench.test');|" \
  -e "s|define('SMTP_FROM_ADDRESS', .*|define('SMTP_FROM_ADDRESS', 'noreply@$TT_HOST');|" /etc/tt-rss/config.php
if ! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$TT_PORT/"; then
  # tt-rss refuses to run as root; TLS ends at privlab's proxy, so requests are marked https.
  echo "<?php \$_SERVER['HTTPS'] = 'on';" >"$BENCH_REAL_STATE/https-on.php"
  PHP_CLI_SERVER_WORKERS=4 start_bg tt-rss runuser -u www-data -- php -d "$(php_mail_ini tt-rss www-data)" \
    -d auto_prepend_file="$BENCH_REAL_STATE/https-on.php" -S "127.0.0.1:$TT_PORT" -t /usr/share/tt-rss/www
fi
wait_http "http://127.0.0.1:$TT_PORT/register.php"
