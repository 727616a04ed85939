#!/usr/bin/env bash
# WordPress 6.1 from Debian 12 (package `wordpress`, GPL-2.0+) and its default theme (the posts and their
# comment form are shown through it), with MariaDB and msmtp for its mail.
. "$(dirname "$0")/../../lib/common.sh"
apt_install wordpress wordpress-theme-twentytwentythree php-cli php-mysql mariadb-server msmtp curl
