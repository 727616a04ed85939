# Shared by the apps' install/start/stop scripts: where state lives, ports, apt installs, waiting.
# State (databases, logs, pid files) lives outside the repository, in $BENCH_REAL_STATE.
set -euo pipefail
export BENCH_REAL_STATE="${BENCH_REAL_STATE:-/var/tmp/privlab-bench-real}"
export PRIVLAB_SMTP_PORT="${PRIVLAB_SMTP_PORT:-2525}"
mkdir -p "$BENCH_REAL_STATE"

# apt_install PKG...: installs only the packages not yet installed (needs root or sudo).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# wait_http URL [SECONDS]: until the URL answers (any HTTP status).
wait_http() {
  local url="$1" n="${2:-60}"
  for _ in $(seq "$n"); do curl -s -o /dev/null --max-time 2 "$url" && return 0; sleep 1; done
  echo "no answer from $url after $n s" >&2; return 1
}

# start_bg NAME CMD...: runs CMD in a session of its own (log and pid in the state folder), so that
# stop_bg NAME ends it with every child (PHP's server workers, runuser's child).
start_bg() {
  local name="$1"; shift
  setsid "$@" >"$BENCH_REAL_STATE/$name.log" 2>&1 </dev/null &
  echo $! >"$BENCH_REAL_STATE/$name.pid"
}

# stop_bg NAME | stop_pidfile FILE: ends the process group a start script recorded (only that one).
stop_bg() { stop_pidfile "$BENCH_REAL_STATE/$1.pid" group; }
stop_pidfile() {
  local f="$1" target
  [ -f "$f" ] || return 0
  local pid; pid="$(cat "$f")"
  target="$pid"; [ "${2:-}" = group ] && target="-$pid"
  if kill -0 "$pid" 2>/dev/null; then
    kill -- "$target"; for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$f"
}
