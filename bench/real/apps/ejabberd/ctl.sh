# ctl ARGS: ejabberdctl on the bed's node (its ctl config, spool and logs); epmd on loopback only.
export ERL_EPMD_ADDRESS=127.0.0.1
ctl() { ejabberdctl --ctl-config "$EJ_STATE/ejabberdctl.cfg" --spool "$EJ_STATE/spool" --logs "$EJ_STATE/logs" "$@"; }
