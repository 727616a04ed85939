# PHP's mail() goes to privlab's SMTP sink on 127.0.0.1:$PRIVLAB_SMTP_PORT through msmtp.
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# php_mail_ini APP: writes an msmtp config and a php.ini fragment; prints the -d options for `php -S`.
php_mail_ini() {
  local app="$1" conf="$BENCH_REAL_STATE/$1-msmtprc"
  printf 'account default\nhost 127.0.0.1\nport %s\nauth off\ntls off\nfrom %s@bench.test\nlogfile %s\n' \
    "$PRIVLAB_SMTP_PORT" "$app" "$BENCH_REAL_STATE/$app-msmtp.log" >"$conf"
  chmod 600 "$conf"
  echo "-d sendmail_path=\"/usr/bin/msmtp -C $conf -t -i\""
}
