#!/usr/bin/env bash
# Serves shards over Xapian's remote backend on this machine: one
# xapian-tcpsrv a shard on 127.0.0.1, ports BASE, BASE+1, ..., and a stub in
# STATE (STATE/XAPIANDB, one "remote 127.0.0.1:PORT" line a shard) that
# zapisy-search, zapisy.cgi and zapisy-index take as --db.  `make cluster`
# and the shard tests use it; docs/shards.md shows the same on several
# machines with systemd.
#   tools/cluster.sh start [--writable] STATE BASE SHARD_DIR...
#   tools/cluster.sh stop STATE
# --writable serves each shard to one writer (zapisy-index --db STATE); a
# writable server takes one connection at a time, so a search cluster is
# started without it.
set -euo pipefail

die() { echo "cluster.sh: $*" >&2; exit 2; }

# Waits until something listens on 127.0.0.1:$1 (at most 10 s).
wait_port() {
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

stop() {
  local state=$1
  [ -f "$state/pids" ] || return 0
  while read -r pid; do
    kill "$pid" 2>/dev/null || true
  done < "$state/pids"
  while read -r pid; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done < "$state/pids"
  rm -f "$state/pids"
}

cmd=${1:-}; shift || true
case "$cmd" in
start)
  writable=
  if [ "${1:-}" = --writable ]; then writable=--writable; shift; fi
  [ $# -ge 3 ] || die "usage: cluster.sh start [--writable] STATE BASE SHARD_DIR..."
  command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv is not installed (make deps installs xapian-tools)"
  state=$1 base=$2; shift 2
  mkdir -p "$state"
  stop "$state"
  : > "$state/pids"
  : > "$state/XAPIANDB.new"
  port=$base
  for shard in "$@"; do
    # in its own session: it outlives the shell that started it
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" $writable "$shard" \
      > "$state/tcpsrv-$port.log" 2>&1 < /dev/null &
    echo $! >> "$state/pids"
    echo "remote 127.0.0.1:$port" >> "$state/XAPIANDB.new"
    port=$((port + 1))
  done
  port=$base
  for shard in "$@"; do
    wait_port "$port" || { stop "$state"; die "xapian-tcpsrv for $shard did not start on port $port: $(cat "$state/tcpsrv-$port.log")"; }
    port=$((port + 1))
  done
  mv "$state/XAPIANDB.new" "$state/XAPIANDB"
  echo "$# shards served on 127.0.0.1:$base-$((base + $# - 1)); search them with --db $state"
  ;;
stop)
  [ $# -eq 1 ] || die "usage: cluster.sh stop STATE"
  stop "$1"
  ;;
*)
  die "usage: cluster.sh start [--writable] STATE BASE SHARD_DIR... | stop STATE"
  ;;
esac
