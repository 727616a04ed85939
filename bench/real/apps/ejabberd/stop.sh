#!/usr/bin/env bash
# Stops the ejabberd node this bed started (and the epmd it brought up on loopback).
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../lib/common.sh"
. "$here/env.sh"
. "$here/ctl.sh"
[ -f "$EJ_STATE/ejabberdctl.cfg" ] && ctl stop >/dev/null 2>&1 || true
