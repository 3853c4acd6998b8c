#!/usr/bin/env bash
# make bench: stemmer quality on the lemma list, indexing throughput on the
# real minutes and on a scaled corpus of 10,000 documents, and query latency
# at that size.  Figures are kept in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared
work=build/bench
docs=${BENCH_DOCS:-10000}
rm -rf "$work"; mkdir -p "$work"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"

echo "== stemmer (../shared/lemmas)"
if [ -f "$shared/lemmas/cs-forms-lemmas.tsv" ]; then
  build/tools/stem-eval "$shared/lemmas/cs-forms-lemmas.tsv"
else
  echo "stemmer: ../shared/lemmas absent, skipped"
fi

echo "== metadata extraction (labelled minutes)"
if [ -f "$shared/corpus/real/MANIFEST.tsv" ]; then
  echo "../shared/corpus/real/MANIFEST.tsv:"
  build/tools/meta-eval "$shared/corpus/real/MANIFEST.tsv" "$shared/corpus/real"
fi
echo "corpus/seed-labels.tsv:"
build/tools/meta-eval corpus/seed-labels.tsv corpus/seed

# index_bench NAME DB PATH...: times one indexing run.
index_bench() {
  local name=$1 db=$2; shift 2
  local bytes files t0 t1
  bytes=$(find "$@" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  files=$(find "$@" -type f -name '*.txt' | wc -l)
  t0=$(date +%s.%N)
  bin/zapisy-index --quiet --db "$db" "$@"
  t1=$(date +%s.%N)
  awk -v n="$files" -v b="$bytes" -v t0="$t0" -v t1="$t1" -v name="$name" -v size="$(du -sk "$db" | cut -f1)" \
    'BEGIN { s = t1 - t0; printf "index %s: %d files, %.1f MB in %.2f s: %.0f documents/s, %.2f MB/s; index %.1f MB (%.2f x text)\n",
             name, n, b / 1048576, s, n / s, b / 1048576 / s, size / 1024, size * 1024 / b }'
}

echo "== indexing"
if [ -d "$shared/corpus/real" ]; then
  src=$shared/corpus/real
  index_bench "real minutes" "$work/db-real" "$src"/*.txt
else
  src=corpus/seed
  echo "index real minutes: ../shared/corpus/real absent, scaling corpus/seed"
fi
corpus/scale.sh "$src" "$docs" "$work/scaled"
index_bench "scaled corpus" "$work/db-scaled" "$work/scaled"
t0=$(date +%s.%N); bin/zapisy-index --quiet --db "$work/db-scaled" "$work/scaled"; t1=$(date +%s.%N)
awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "index re-run over the same %s files: %.2f s (every file re-read: incremental indexing is not built yet)\n", "'"$docs"'", t1 - t0 }'

echo "== queries at $docs documents"
build/tools/bench-query "$work/db-scaled" 20

echo "== search page at $docs documents (lighttpd + CGI on loopback, wrk, 2 threads, 8 connections, 20 s)"
port=$(( 20000 + RANDOM % 20000 ))
conf=$(tools/lighttpd.sh "$work/db-scaled" "$port" "$work/var")
/usr/sbin/lighttpd -D -f "$conf" &
lpid=$!
trap 'kill $lpid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
wrk -t2 -c8 -d20s --latency -s tests/bench/query-mix.lua "http://127.0.0.1:$port" > "$work/wrk.txt"
awk '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
     END {printf "web: %s requests/s, latency p50 %s, p99 %s%s\n", rps, p50, p99, bad ? ", non-2xx: " bad : ""}' "$work/wrk.txt"
kill $lpid; wait $lpid 2>/dev/null || true
