#!/usr/bin/env bash
# The Praha 7 benchmark (make bench): 31,047 real resolutions, indexed and
# searched by zapisy beside its floors, measured in the same run -- a
# bare-Xapian indexer (tests/bench/bare-xapian.cc: TermGenerator with
# positions, the text stored, one thread), omindex (Omega) and SQLite FTS5
# (tests/bench/fts5-bench.c) -- and queried beside Xapian's own matching
# (quest's work, in-process) and FTS5 (with snippets).  Figures as
# ratios to the floors, at 10,000 and 31,047 documents, with time per
# document so the growth shows.  Unpacks into build/ (never into git).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/bench/praha7-text.sh praha7
work=build/bench/praha7
rm -rf "$work"; mkdir -p "$work"
find build/praha7/text -type f -name '*.txt' | sort > "$work/all.list"
total=$(wc -l < "$work/all.list")

# timed NAME CMD...: runs CMD, appends "NAME wall user sys maxrss_kb" to times.
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" > "$work/out" 2> "$work/err" || {
    echo "praha7: $name failed:"; tail -3 "$work/err"; return 1; }
  echo "$name $(cat "$work/t")" >> "$work/times"
}

# the benchmark's questions, shared with shards.sh
queries=tests/bench/praha7-queries.txt

# latency CMD...: CMD run on the questions, its "p50 X ms, p95 Y ms" as "X Y".
latency() {
  "$@" < "$queries" | sed -n 's/^p50 \([0-9.]*\) ms, p95 \([0-9.]*\) ms.*/\1 \2/p'
}

sizes=${PRAHA7_SIZES:-"10000 $total"}
for n in $sizes; do
  docs=$work/docs-$n
  mkdir -p "$docs"
  head -n "$n" "$work/all.list" | while read -r f; do
    rel=${f#build/praha7/text/}
    mkdir -p "$docs/$(dirname "$rel")"
    ln "$f" "$docs/$rel"
  done
  bytes=$(du -sbL "$docs" | cut -f1)
  find "$docs" -type f | sort > "$work/list-$n"
  timed "zapisy-$n" bin/zapisy-index --quiet --db "$work/db-zapisy-$n" "$docs"
  timed "zapisy-1core-$n" taskset -c 0 bin/zapisy-index --quiet --db "$work/db-zapisy1-$n" "$docs"
  timed "zapisy-shards-$n" bin/zapisy-index --quiet --shards 2 --db "$work/db-zapisy2-$n" "$docs"
  timed "bare-$n" sh -c "build/tools/bare-xapian index '$work/db-bare-$n' < '$work/list-$n'"
  timed "omindex-$n" omindex --db "$work/db-omindex-$n" --url / "$docs"
  timed "fts5-$n" sh -c "build/tools/fts5-bench index '$work/db-fts5-$n' < '$work/list-$n'"
  echo "size-$n $bytes $(du -sk "$work/db-zapisy-$n" | cut -f1) $(du -sk "$work/db-bare-$n" | cut -f1) $(du -sk "$work/db-omindex-$n" | cut -f1) $(du -sk "$work/db-zapisy2-$n" | cut -f1) $(du -sk "$work/db-fts5-$n" | cut -f1)" >> "$work/sizes"
  for limit in 10 100; do
    z=$(latency build/tools/bench-query "$work/db-zapisy-$n" 5 "$limit" 0)
    zf=$(latency build/tools/bench-query "$work/db-zapisy-$n" 5 "$limit" 1)
    b=$(latency build/tools/bare-xapian query "$work/db-bare-$n" "$limit" 5)
    # the database kept open from query to query, as a FastCGI process keeps it
    zk=$(BENCH_KEEP_OPEN=1 latency build/tools/bench-query "$work/db-zapisy-$n" 5 "$limit" 1)
    # SQLite FTS5, with a snippet for each hit
    f5=$(latency build/tools/fts5-bench query "$work/db-fts5-$n" "$limit" 5)
    # kept open, no facets: with passages, and without (the highlighter's
    # floor: everything a page costs but its passages)
    zp=$(BENCH_KEEP_OPEN=1 latency build/tools/bench-query "$work/db-zapisy-$n" 5 "$limit" 0)
    zn=$(BENCH_KEEP_OPEN=1 BENCH_NO_PASSAGES=1 latency build/tools/bench-query "$work/db-zapisy-$n" 5 "$limit" 0)
    echo "query-$n-$limit $z $zf $b $zk $f5 $zp $zn" >> "$work/queries.txt"
  done
done

# The table.
awk -v sizes="$sizes" '
  FNR == 1 { file++ }
  file == 1 { wall[$1] = $2; cpu[$1] = $3 + $4; rss[$1] = $5 }
  file == 2 { text[$1] = $2; zs[$1] = $3; bs[$1] = $4; os[$1] = $5; ss[$1] = $6; fs[$1] = $7 }
  file == 3 { q[$1] = $0 }
  END {
    nn = split(sizes, ns, " ")
    for (k = 1; k <= nn; k++) {
      n = ns[k]
      printf "praha7 %d documents (%.1f MB of text):\n", n, text["size-" n] / 1048576
      printf "  %-22s %9s %9s %9s %9s %12s\n", "", "wall s", "CPU s", "RSS MB", "index MB", "ms/document"
      split("zapisy zapisy-shards zapisy-1core bare omindex fts5", who, " ")
      for (w = 1; w <= 6; w++) {
        key = who[w] "-" n
        size = who[w] == "bare" ? bs["size-" n] : who[w] == "omindex" ? os["size-" n] : who[w] == "fts5" ? fs["size-" n] : who[w] == "zapisy-shards" ? ss["size-" n] : zs["size-" n]
        label = who[w] == "zapisy" ? "zapisy, 2 cores" : who[w] == "zapisy-shards" ? "zapisy, 2 shards" : who[w] == "zapisy-1core" ? "zapisy, 1 core" : who[w] == "bare" ? "bare Xapian" : who[w] == "fts5" ? "SQLite FTS5" : "omindex"
        printf "  %-22s %9.1f %9.1f %9.0f %9.0f %12.2f\n", label,
               wall[key], cpu[key], rss[key] / 1024, size / 1024, 1000 * wall[key] / n
      }
      printf "  zapisy / bare Xapian: wall %.2fx on 2 cores (%.2fx in 2 shards; goal <= 0.75), %.2fx on one core (goal <= 1.2); / omindex %.2fx; / SQLite FTS5 %.1fx\n",
             wall["zapisy-" n] / wall["bare-" n], wall["zapisy-shards-" n] / wall["bare-" n], wall["zapisy-1core-" n] / wall["bare-" n], wall["zapisy-" n] / wall["omindex-" n], wall["zapisy-" n] / wall["fts5-" n]
      for (l = 10; l <= 100; l += 90) {
        split(q["query-" n "-" l], f, " ")
        printf "  queries, %3d hits: zapisy p50 %s / p95 %s ms (with facets+timeline %s / %s; kept open, as FastCGI, %s / %s); Xapian alone (quest) p50 %s / p95 %s ms; ratio p50 %.1fx; SQLite FTS5 with snippets p50 %s / p95 %s ms\n",
               l, f[2], f[3], f[4], f[5], f[8], f[9], f[6], f[7], (f[6] > 0 ? f[2] / f[6] : 0), f[10], f[11]
        printf "             kept open, no facets: zapisy p50 %s ms with passages, %s ms without them (everything but the highlighter); / quest %.2fx and %.2fx\n",
               f[12], f[14], (f[6] > 0 ? f[12] / f[6] : 0), (f[6] > 0 ? f[14] / f[6] : 0)
      }
    }
  }' "$work/times" "$work/sizes" "$work/queries.txt"
