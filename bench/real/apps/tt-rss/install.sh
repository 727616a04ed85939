#!/usr/bin/env bash
# Tiny Tiny RSS (Debian 12 package `tt-rss`, GPL-3.0+): a web feed reader with self-registration,
# on MariaDB; its mails go through msmtp to privlab's SMTP sink.
. "$(dirname "$0")/../../lib/common.sh"
# No dbconfig-common database set-up: start.sh makes its own database.
echo "tt-rss tt-rss/dbconfig-install boolean false" | debconf-set-selections 2>/dev/null || true
apt_install tt-rss php-cli php-mysql mariadb-server msmtp curl
