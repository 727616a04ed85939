#!/usr/bin/env bash
# ejabberd 23.01 from Debian 12 (package `ejabberd`, GPL-2.0+): XMPP server with web registration.
. "$(dirname "$0")/../../lib/common.sh"
apt_install ejabberd curl
