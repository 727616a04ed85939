#!/usr/bin/env bash
# WordPress 6.1 from Debian 12 (package `wordpress`, GPL-2.0+), with MariaDB and msmtp for its mail.
. "$(dirname "$0")/../../lib/common.sh"
apt_install wordpress php-cli php-mysql mariadb-server msmtp curl
