#!/usr/bin/env bash
# Stops the ejabberd node this bed started (and the epmd it brought up on loopback).
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../lib/common.sh"
. "$here/env.sh"
. "$here/ctl.sh"
[ -f "$EJ_STATE/ejabberdctl.cfg" ] && ctl stop >/dev/null 2>&1 || true
# The node brought up epmd; end it too when no other Erlang node is registered with it.
if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then epmd -kill >/dev/null 2>&1 || true; fi
