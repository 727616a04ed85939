#!/usr/bin/env bash
# Starts ejabberd (its own config, spool and logs under $BENCH_REAL_STATE/ejabberd, epmd on loopback).
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../lib/common.sh"
. "$here/env.sh"
mkdir -p "$EJ_STATE/spool" "$EJ_STATE/logs"
sed -e "s/@EJ_HOST@/$EJ_HOST/" -e "s/@EJ_PORT@/$EJ_PORT/" -e "s/@EJ_C2S_PORT@/${EJ_C2S_PORT:-5322}/" "$here/ejabberd.yml.in" >"$EJ_STATE/ejabberd.yml"
# Debian's ejabberdctl.cfg would point back at /etc/ejabberd (listening on every interface): use our own.
cat >"$EJ_STATE/ejabberdctl.cfg" <<CFG
EJABBERD_CONFIG_PATH=$EJ_STATE/ejabberd.yml
EJABBERD_PID_PATH=$EJ_STATE/ejabberd.pid
ERL_EPMD_ADDRESS=127.0.0.1
INET_DIST_INTERFACE=127.0.0.1
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
CFG
chown -R ejabberd:ejabberd "$EJ_STATE"
. "$here/ctl.sh"
if ! ctl status >/dev/null 2>&1; then
  ctl start
  ctl started
fi
wait_http "http://127.0.0.1:$EJ_PORT/register/"
