#!/usr/bin/env bash
# Shards on the Praha 7 corpus (make bench): the 31,047 resolutions indexed
# into 1, 2 and 4 shards (both cores), then searched locally and through
# xapian-tcpsrv on loopback -- query p50/p95 at 10 and 100 hits with facets
# and timeline -- and every benchmark query's answer (100 hits, facets,
# timeline) compared with the single database's.  Unpacks into build/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/bench/praha7-text.sh shards
work=build/bench/shards
cluster=$work/cluster
tools/cluster.sh stop "$cluster" 2>/dev/null || true
rm -rf "$work"; mkdir -p "$work"
trap 'tools/cluster.sh stop "$cluster" 2>/dev/null || true' EXIT
docs=build/praha7/text
n=$(find "$docs" -type f -name '*.txt' | wc -l)
base=${SHARDS_PORT:-18700}

# the benchmark's questions, as praha7.sh asks them
queries=tests/bench/praha7-queries.txt

# p50/p95 of bench-query over DB at LIMIT hits with facets and timeline
# (KEEP=1: the database kept open from query to query, as in FastCGI).
latency() {
  BENCH_KEEP_OPEN=${KEEP:-0} build/tools/bench-query "$1" 5 "$2" 1 < "$queries" |
    sed -n 's/^p50 \([0-9.]*\) ms, p95 \([0-9.]*\) ms.*/\1 \2/p'
}

# How many benchmark queries DB answers as the single database does.
agree() {
  local db=$1 same=0 q
  while read -r q; do
    bin/zapisy-search --db "$db" --json --facets --timeline --limit 100 $q > "$work/b.json" 2>/dev/null || true
    bin/zapisy-search --db "$work/db-1" --json --facets --timeline --limit 100 $q > "$work/a.json" 2>/dev/null || true
    if [ -z "$(tools/same-results.py "$work/a.json" "$work/b.json")" ]; then same=$((same + 1)); fi
  done < "$queries"
  echo "$same"
}

printf 'praha7, %d documents, %d cores: shards\n' "$n" "$(nproc)"
printf '  %-26s %8s %8s %8s %10s   %-17s %-17s %s\n' "" "wall s" "CPU s" "RSS MB" "index MB" "10 hits p50/p95" "100 hits p50/p95" "same answers"
for k in 1 2 4; do
  if [ "$k" = 1 ]; then opts=(); else opts=(--shards "$k"); fi
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" bin/zapisy-index --quiet --db "$work/db-$k" "${opts[@]}" "$docs" > /dev/null
  read -r wall user sys rss < "$work/t"
  size=$(du -sk "$work/db-$k" | cut -f1)
  l10=$(latency "$work/db-$k" 10); l100=$(latency "$work/db-$k" 100)
  same=$([ "$k" = 1 ] && wc -l < "$queries" || agree "$work/db-$k")
  printf '  %-26s %8.1f %8.1f %8.0f %10.0f   %-17s %-17s %s of %s\n' "$k shard$([ "$k" = 1 ] && echo '' || echo s), local" \
    "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$((size / 1024))" "${l10/ //}" "${l100/ //}" "$same" "$(wc -l < "$queries")"
  if [ "$k" != 1 ]; then
    tools/cluster.sh start "$cluster" "$base" "$work/db-$k"/shard-* > /dev/null
    l10=$(latency "$cluster" 10); l100=$(latency "$cluster" 100)
    same=$(agree "$cluster")
    printf '  %-26s %8s %8s %8s %10s   %-17s %-17s %s of %s\n' "$k shards, xapian-tcpsrv" "" "" "" "" \
      "${l10/ //}" "${l100/ //}" "$same" "$(wc -l < "$queries")"
    l10=$(KEEP=1 latency "$cluster" 10); l100=$(KEEP=1 latency "$cluster" 100)
    printf '  %-26s %8s %8s %8s %10s   %-17s %-17s\n' "  ... kept open (FastCGI)" "" "" "" "" "${l10/ //}" "${l100/ //}"
    tools/cluster.sh stop "$cluster"
  fi
done
