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

echo "== Czech morphology: lemmas beside the light stemmer (docs/stemmer.md)"
tests/bench/morphology.sh

echo "== metadata extraction (labelled minutes; goals on the archive: date right >= 97 % of the dated"
echo "   with <= 1 % wrong, town right >= 95 %, body with its town >= 90 %)"
for c in archive real; do
  if [ -f "$shared/corpus/$c/MANIFEST.tsv" ]; then
    echo "../shared/corpus/$c/MANIFEST.tsv:"
    build/tools/meta-eval "$shared/corpus/$c/MANIFEST.tsv" "$shared/corpus/$c" | grep -v '^  '
  else
    echo "../shared/corpus/$c absent, skipped"
  fi
done
echo "corpus/seed-labels.tsv:"
build/tools/meta-eval corpus/seed-labels.tsv corpus/seed | grep -v '^  '

echo "== organisation facet on the archive (first 20 values; no tax, ID, vote or body words)"
if [ -d "$shared/corpus/archive" ]; then
  bin/zapisy-index --quiet --db "$work/db-archive" "$shared/corpus/archive" "$shared/corpus/real" corpus/seed || true
  for q in skola dotace smlouva pirati 'socialni sluzby'; do
    vals=$(bin/zapisy-search --db "$work/db-archive" --facets --limit 0 --json "$q" |
           jq -r '[.facets.organisations[:20][] | .value] | join(" | ")')
    bad=$(tr '|' '\n' <<< "$vals" | sed 's/^ *//; s/ *$//' |
          grep -cxE 'DPH|IČO|IČ|DIČ|PSČ|ČR|RM|ZM|ZO|RV|PRO|PROTI|ZDRŽEL|SE|Kč' || true)
    echo "orgs '$q' ($bad tax/ID/vote/body words): $vals"
  done
fi

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

echo "== Praha 7: 31,047 real resolutions beside bare Xapian, omindex and Xapian's own matching"
tests/bench/praha7.sh
echo "== metadata of Praha 7's 31,047 resolutions against their manifest (date, body, title; every one"
echo "   is the district's: town Praha 7)"
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { print "file", "source", "town", "meeting_date", "body", "kind", "organisation", "title"; next }
             { print $1, $2, "Praha 7", $4, $3, "", "", $6 }' build/praha7/MANIFEST.tsv > "$work/praha7-labels.tsv"
build/tools/meta-eval "$work/praha7-labels.tsv" build/praha7 | grep -v '^  '
echo "== Praha 7 in 1, 2 and 4 shards, local and through xapian-tcpsrv (docs/shards.md)"
tests/bench/shards.sh

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
awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "index re-run over the same %s files, nothing changed: %.2f s\n", "'"$docs"'", t1 - t0 }'
touch "$work/scaled"/zapis-00*.txt
t0=$(date +%s.%N); bin/zapisy-index --quiet --db "$work/db-scaled" "$work/scaled"; t1=$(date +%s.%N)
awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "index re-run after touching 100 files (same bytes): %.2f s\n", t1 - t0 }'

echo "== indexing per format (200 generated minutes each)"
. tests/fixtures/make.sh
per=200
for fmt in txt cp1250 html docx odt rtf pdf; do
  mkdir -p "$work/fmt/$fmt"
  for f in $(ls "$work/scaled" | sed -n "1,${per}p"); do
    in=$work/scaled/$f out=$work/fmt/$fmt/${f%.txt}
    case $fmt in
      txt) cp "$in" "$out.txt" ;;
      cp1250) iconv -f UTF-8 -t WINDOWS-1250//TRANSLIT "$in" > "$out.txt" ;;
      html) make_html_cp1250 "$in" "$out.html" ;;
      docx) make_docx "$in" "$out.docx" ;;
      odt) make_odt "$in" "$out.odt" ;;
      rtf) make_rtf_cp1250 "$in" "$out.rtf" ;;
      pdf) make_pdf "$in" "$out.pdf" ;;
    esac
  done
  bytes=$(du -sb "$work/fmt/$fmt" | cut -f1)
  t0=$(date +%s.%N); bin/zapisy-index --quiet --db "$work/db-fmt-$fmt" "$work/fmt/$fmt"; t1=$(date +%s.%N)
  awk -v n="$per" -v b="$bytes" -v t0="$t0" -v t1="$t1" -v f="$fmt" \
    'BEGIN { s = t1 - t0; printf "format %-6s: %d files, %.1f MB in %.2f s: %.0f files/s, %.2f MB/s\n", f, n, b / 1048576, s, n / s, b / 1048576 / s }'
done
doc=tests/fixtures/zapis.doc
mkdir -p "$work/fmt/doc"
for i in $(seq $per); do cp "$doc" "$work/fmt/doc/zapis-$i.doc"; done
t0=$(date +%s.%N); bin/zapisy-index --quiet --db "$work/db-fmt-doc" "$work/fmt/doc"; t1=$(date +%s.%N)
awk -v n="$per" -v t0="$t0" -v t1="$t1" 'BEGIN { s = t1 - t0; printf "format doc   : %d copies of the Word 97 fixture in %.2f s: %.0f files/s\n", n, s, n / s }'

echo "== queries at $docs documents"
build/tools/bench-query "$work/db-scaled" 20

# web_bench DB LABEL MODE: wrk on the search page served by lighttpd, with
# zapisy.cgi as FastCGI processes that stay or as a CGI run per request.
web_bench() {
  local db=$1 label=$2 mode=$3 port lpid
  port=$(( 20000 + RANDOM % 20000 ))
  conf=$(tools/lighttpd.sh "$db" "$port" "$work/var-$mode" "$mode")
  /usr/sbin/lighttpd -D -f "$conf" &
  lpid=$!
  for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  wrk -t2 -c8 -d20s --latency -s tests/bench/query-mix.lua "http://127.0.0.1:$port" > "$work/wrk.txt"
  awk -v label="$label" -v mode="$mode" '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
       END {printf "web %s, %s: %s requests/s, latency p50 %s, p99 %s%s\n", label, mode, rps, p50, p99, bad ? ", non-2xx: " bad : ""}' "$work/wrk.txt"
  kill $lpid; wait $lpid 2>/dev/null || true
}

echo "== search page (lighttpd on loopback, wrk, 2 threads, 8 connections, 20 s; goal: >= 2,000 requests/s, p99 <= 25 ms at 31,047 documents)"
for mode in fastcgi cgi; do web_bench "$work/db-scaled" "$docs documents" "$mode"; done
p7=$(ls -d build/bench/praha7/db-zapisy-31047 2>/dev/null || true)
[ -n "$p7" ] && web_bench "$p7" "Praha 7, 31,047 documents" fastcgi
