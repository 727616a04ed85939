# The ejabberd server's XMPP domain, web port and where its state lives.
export EJ_HOST=chat.bench.test
export EJ_PORT="${EJ_PORT:-8282}"
export EJ_STATE="$BENCH_REAL_STATE/ejabberd"
