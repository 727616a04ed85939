# PHP's mail() goes to privlab's SMTP sink on 127.0.0.1:$PRIVLAB_SMTP_PORT through msmtp.
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# php_mail_ini APP [USER]: writes an msmtp config USER may read; prints the php -d option that uses it.
php_mail_ini() {
  local app="$1" owner="${2:-$(id -un)}" conf="$BENCH_REAL_STATE/$1-msmtprc"
  printf 'account default\nhost 127.0.0.1\nport %s\nauth off\ntls off\nfrom %s@bench.test\nlogfile %s\n' \
    "$PRIVLAB_SMTP_PORT" "$app" "$BENCH_REAL_STATE/$app-msmtp.log" >"$conf"
  touch "$BENCH_REAL_STATE/$app-msmtp.log"
  chown "$owner" "$conf" "$BENCH_REAL_STATE/$app-msmtp.log"
  chmod 600 "$conf"
  echo "sendmail_path=/usr/bin/msmtp -C $conf -t -i"
}
