#!/usr/bin/env bash
# Sharded archives: the same files indexed into one database, into local
# shards (by path and by folder) and into three xapian-tcpsrv servers give
# the same answers -- hits, totals, facets, timeline, suggestions, acronym
# synonyms, display forms.  A shard that is down, stalled or of another
# version is named, or left out with partial results when asked.
. "$(dirname "$0")/lib.sh"

command -v xapian-tcpsrv >/dev/null || { not_ok "xapian-tcpsrv is installed (make deps)"; exit 1; }
src=$tmp/src
mkdir -p "$src"
cp -r "$shared/corpus/archive" "$src/archive"
cp -r "$root/corpus/seed" "$src/seed"
cp -r "$shared/corpus/real" "$src/real"
cluster=$tmp/cluster
trap '"$root/tools/cluster.sh" stop "$cluster" 2>/dev/null; stop_fcgis; rm -rf "$tmp"' EXIT

# A base port with three free ports after it.
free_base() {
  local base
  for _ in $(seq 50); do
    base=$((20000 + RANDOM % 20000))
    local busy=0
    for p in $base $((base + 1)) $((base + 2)); do
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && busy=1
    done
    [ $busy = 0 ] && { echo "$base"; return; }
  done
  echo 0
}

run "$bin/zapisy-index" --db "$tmp/single" "$src"
expect_rc "the single database is indexed" 0
total=$(printf '%s' "$out" | sed -n 's/.* holds \([0-9]*\) documents.*/\1/p')

run "$bin/zapisy-index" --db "$tmp/three" --shards 3 "$src"
expect_rc "--shards 3 indexes" 0
expect_in "... and says so" "holds $total documents in 3 shards" "$out"
if [ -f "$tmp/three/XAPIANDB" ] && [ "$(grep -c '^auto shard-0[0-2]$' "$tmp/three/XAPIANDB")" = 3 ]; then
  ok "... a stub lists the three shards, relative to it"
else
  not_ok "... a stub lists the three shards, relative to it" "$(cat "$tmp/three/XAPIANDB" 2>&1)"
fi
counts=$(for s in "$tmp"/three/shard-0*; do xapian-delve "$s" 2>/dev/null | sed -n 's/^number of documents = //p'; done | tr '\n' ' ')
if [ "$(echo $counts | wc -w)" = 3 ] && ! echo " $counts" | grep -q ' 0 '; then
  ok "... every shard holds documents ($counts)"
else
  not_ok "... every shard holds documents" "counts: $counts"
fi
run "$bin/zapisy-index" --db "$tmp/three" "$src"
expect_in "a second run over the shards changes nothing" "indexed 0, unchanged $total, removed 0" "$out"
run "$bin/zapisy-index" --db "$tmp/three" --shards 4 "$src"
expect_rc "another number of shards is refused" 2
expect_in "... saying why" "has 3 shards, not 4" "$errout"
run "$bin/zapisy-index" --db "$tmp/single" --shards 2 "$src"
expect_rc "sharding a single database is refused" 2
expect_in "... saying why" "is a single database" "$errout"

run "$bin/zapisy-index" --db "$tmp/folders" --shard-by folder "$src"
expect_in "--shard-by folder makes a shard a folder" "holds $total documents in 3 shards" "$out"
# Every shard records each acronym's synonym, not only the shard of the
# minutes that defined it: searched alone, a shard's "opu" finds the minutes
# that name the organisation in full as well.  (By folder: seed/ defines
# "Organizace pro pomoc uprchlíkům (OPU)", archive/ names it in full.)
expanded=""
for s in "$tmp"/folders/folder-*; do
  search "$s" opu; a=$(printf '%s' "$out" | jq -r .total)
  search "$s" 'opu OR "organizace pro pomoc uprchlikum"'; e=$(printf '%s' "$out" | jq -r .total)
  expanded="$expanded $(basename "$s"):$a/$e"
done
if [ -n "$expanded" ] && ! printf '%s\n' $expanded | awk -F'[:/]' '$2 != $3 { bad = 1 } END { exit !bad }'; then
  ok "every shard expands an acronym to the name on its own ($expanded)"
else
  not_ok "every shard expands an acronym to the name on its own" "opu / opu OR the name:$expanded"
fi
expect_in "... named after the folder" "auto folder-archive" "$(cat "$tmp/folders/XAPIANDB" 2>&1)"

# same DB_A DB_B WHAT ARGS...: both answer the same JSON.  Hits of equal
# weight may come in another order (Xapian breaks ties by document id,
# which interleaves over shards); everything else is compared as it is.
same() {
  local a=$1 b=$2 what=$3; shift 3
  "$bin/zapisy-search" --db "$a" --json --facets --timeline --limit 1000 "$@" > "$tmp/a.json" 2>"$tmp/a.err"
  "$bin/zapisy-search" --db "$b" --json --facets --timeline --limit 1000 "$@" > "$tmp/b.json" 2>"$tmp/b.err"
  local diff
  diff=$("$root/tools/same-results.py" "$tmp/a.json" "$tmp/b.json")
  if [ -z "$diff" ] && [ -s "$tmp/a.json" ]; then ok "$what"; else not_ok "$what" "$diff" "$(cat "$tmp/a.err" "$tmp/b.err")"; fi
}

# compare DB LABEL: the benchmark of questions, against the single database.
compare() {
  local db=$1 label=$2
  same "$tmp/single" "$db" "$label: words in any form" rozpocet obce
  same "$tmp/single" "$db" "$label: a decision" usneseni schvaluje
  same "$tmp/single" "$db" "$label: an acronym finds the name (synonyms)" opu
  same "$tmp/single" "$db" "$label: the name finds the acronym" organizace pro pomoc uprchlikum
  same "$tmp/single" "$db" "$label: an organisation filter by acronym" --org OPU
  same "$tmp/single" "$db" "$label: a phrase" '"konaneho dne"'
  same "$tmp/single" "$db" "$label: OR" dotace OR grant
  same "$tmp/single" "$db" "$label: a town filter and date sort" --town prostejov --sort -date
  same "$tmp/single" "$db" "$label: a year" --year 2019 zastupitelstvo
  same "$tmp/single" "$db" "$label: a suggestion, one edit (display form)" zebrk
  same "$tmp/single" "$db" "$label: a suggestion, two edits" rozpoccet
  same "$tmp/single" "$db" "$label: a suggestion, i/y" charyta
  same "$tmp/single" "$db" "$label: a suggestion in a query with operators" 'zebrk OR "rozpoccet obce"'
  same "$tmp/single" "$db" "$label: a phrase in decisions" --decisions '"rozpoctove opatreni"'
  same "$tmp/single" "$db" "$label: a relaxed query" zebrik xylofon
  same "$tmp/single" "$db" "$label: grouped by meeting" --group zastupitelstvo
  same "$tmp/single" "$db" "$label: decisions only" --decisions dotace
  same "$tmp/single" "$db" "$label: browse, newest first (facets of everything)" --town praha
}
compare "$tmp/three" "3 local shards"
compare "$tmp/folders" "shards by folder"
same "$tmp/single" "$tmp/three/shard-00,$tmp/three/shard-01,$tmp/three/shard-02" \
  "a list of shards in --db answers as the stub does" rozpocet obce
run "$bin/zapisy-index" --db "$tmp/three/shard-00,$tmp/three/shard-01" "$src"
expect_rc "a list is not written into" 2
expect_in "... saying so" "can be searched, not written" "$errout"

# The suggestion is really there (not two empty answers).
search "$tmp/three" zebrk
expect_in "the shards suggest in display form" '"suggestion":"Žebřík"' "$out"
search "$tmp/three" opu
opu=$(printf '%s' "$out" | jq -r '.total')
search "$tmp/three" '"opu"'
if [ "${opu:-0}" -gt "$(printf '%s' "$out" | jq -r '.total')" ]; then
  ok "the acronym reaches more minutes through its synonym ($opu)"
else
  not_ok "the acronym reaches more minutes through its synonym" "opu: $opu, \"opu\": $(printf '%s' "$out" | jq -r '.total')"
fi

# Document ids are unique over the shards: the document page opens each.
search "$tmp/three" --limit 1000 --sort date ''
ids=$(printf '%s' "$out" | jq -r '.hits[].id' | sort -u | wc -l)
if [ "$ids" = "$total" ]; then ok "every document has its own id over the shards ($ids)"; else not_ok "every document has its own id over the shards" "$ids of $total"; fi
id=$(printf '%s' "$out" | jq -r '.hits[7].id')
run env ZAPISY_DB="$tmp/three" ZAPISY_TEMPLATES="$root/web/templates" QUERY_STRING="doc=$id" REQUEST_METHOD=GET "$bin/zapisy.cgi"
expect_in "the page shows a document of a shard by its id" "Status: 200" "$out"

# ---- remote shards ----------------------------------------------------------
base=$(free_base)
mkdir -p "$tmp/remote"
run "$root/tools/cluster.sh" start --writable "$cluster" "$base" "$tmp/remote/a" "$tmp/remote/b" "$tmp/remote/c"
expect_rc "three writable xapian-tcpsrv servers start" 0
run "$bin/zapisy-index" --db "$cluster" "$src"
expect_in "zapisy-index writes into them through the stub" "holds $total documents in 3 shards" "$out"
run "$root/tools/cluster.sh" start "$cluster" "$base" "$tmp/remote/a" "$tmp/remote/b" "$tmp/remote/c"
expect_rc "... and they are served for searching" 0
compare "$cluster" "3 remote shards"

# A page and its JSON through the CGI, from the remote shards.
# split_response: $out, a CGI answer, into $status and $body.
split_response() {
  status=$(printf '%s' "$out" | sed -n 's/^Status: \([0-9]*\).*/\1/p' | head -1)
  body=$(printf '%s' "$out" | sed '1,/^\r*$/d')
}
cgi_json() {
  out=$(env ZAPISY_DB="$cluster" ZAPISY_TEMPLATES="$root/web/templates" QUERY_STRING="$1" REQUEST_METHOD=GET \
        "$bin/zapisy.cgi" 2>"$tmp/stderr")
  split_response
}
# fcgi_get SOCKET QUERY_STRING: one request to a FastCGI process.
fcgi_get() {
  out=$(REQUEST_METHOD=GET QUERY_STRING=$2 cgi-fcgi -bind -connect "$1" 2>"$tmp/stderr")
  split_response
}
cgi_json "q=opu&seskupit=0&format=json"
if [ "$status" = 200 ] && [ "$(printf '%s' "$body" | jq -r .total)" = "$opu" ]; then
  ok "the CGI searches the remote shards"
else
  not_ok "the CGI searches the remote shards" "status $status" "${body:0:300}"
fi

# A FastCGI process keeps the shards open from request to request.
fcgi=$tmp/fcgi.sock
start_fcgi "$cluster" "$fcgi"
fcgi_get "$fcgi" "q=opu&seskupit=0&format=json"
expect_in "FastCGI searches the remote shards" "\"total\":$opu," "$body"

# One shard down.
pids=($(cat "$cluster/pids"))
kill "${pids[1]}"; sleep 0.3
down="remote 127.0.0.1:$((base + 1))"
search "$cluster" opu
expect_rc "a shard down fails the search" 2
expect_in "... naming the shard" "$down" "$errout"
search "$cluster" --allow-partial opu
expect_rc "--allow-partial searches the others" 0
expect_in "... says which shard is missing on stderr" "results without shard $down" "$errout"
partial_out=$out
# how many of the hits the down shard holds (its documents, read from its
# files; placed by path as in the local three shards): the others' are the rest
search "$tmp/three" --limit 100 opu
opu_ids=$(printf '%s' "$out" | jq -r '.hits[].id' | sort)
search "$tmp/remote/b" --limit 1000 ''
held=$(comm -12 <(printf '%s\n' "$opu_ids") <(printf '%s' "$out" | jq -r '.hits[].id' | sort) | grep -c .)
# (exactly: every shard records the acronym's synonym, not only the shard
# of the minutes that defined it, so the others still expand it)
if [ "$(printf '%s' "$partial_out" | jq -r '.partial[0].shard')" = "$down" ] &&
   [ "$(( $(printf '%s' "$partial_out" | jq -r '.total') + held ))" = "$opu" ] &&
   [ "$(printf '%s' "$partial_out" | jq -r '.total')" = "$(printf '%s' "$partial_out" | jq -r '.hits | length')" ]; then
  ok "... and in JSON partial[], with the others' hits ($(printf '%s' "$partial_out" | jq -r '.total') of $opu, the down shard holding $held)"
else
  not_ok "... and in JSON partial[], with the hits of the others" "down shard's: $held of $opu" "${partial_out:0:300}"
fi
cgi_json "q=opu"
expect_in "the page is a 503, not a 500" "503" "$status"
expect_in "... naming the shard" "$down" "$body"
cgi_json "q=opu&partial=1"
expect_in "partial=1 shows the others' results" "200" "$status"
expect_in "... with a notice naming the shard" "Výsledky bez shardu <b>$down</b>" "$body"
cgi_json "q=opu&partial=1&format=json"
expect_in "... and partial[] in JSON" "\"partial\":[{\"shard\":\"$down\"" "$body"

fcgi_get "$fcgi" "q=opu&format=json"
expect_in "the FastCGI process, its shards open, answers 503 when one goes down" "503" "$status"
fcgi_get "$fcgi" "q=opu&partial=1&seskupit=0&format=json"
expect_in "... and with partial=1 the others' results, naming it" "\"partial\":[{\"shard\":\"$down\"" "$body"

# One shard stalled (stopped, not dead): the timeout, not a hang.
kill -STOP "${pids[2]}"
start=$(date +%s)
search "$cluster" --allow-partial opu
took=$(( $(date +%s) - start ))
kill -CONT "${pids[2]}"
# (exit 0, or 1 when the path hash put none of the hits on the one shard left)
stalled="remote 127.0.0.1:$((base + 2))"
if [ "$took" -le 10 ] && { [ "$rc" = 0 ] || [ "$rc" = 1 ]; } && [[ $errout == *"$stalled"* ]]; then
  ok "a stalled shard costs the timeout ($took s), not a hang, and is named"
else
  not_ok "a stalled shard costs the timeout" "took $took s, exit $rc" "stderr: $errout"
fi
expect_in "... and is named" "remote 127.0.0.1:$((base + 2)): did not answer" "$errout"
"$root/tools/cluster.sh" stop "$cluster"

# A shard of another version of the index.
cp -r "$tmp/three" "$tmp/mixed"
xapian-metadata set "$tmp/mixed/shard-01" zapisy.version 2
search "$tmp/mixed" opu
expect_rc "a shard of another version fails the search" 2
expect_in "... naming it" "shard auto shard-01" "$errout"
expect_in "... and what to do" "re-index" "$errout"
search "$tmp/mixed" --allow-partial opu
expect_rc "--allow-partial leaves it out" 0
expect_in "... and names it" "results without shard auto shard-01" "$errout"

# A shard being written: a writer holds it; searching goes on.
rm "$src/archive/$(ls "$src/archive" | grep -v MANIFEST | head -1)"
run "$bin/zapisy-index" --db "$tmp/three" "$src"
expect_in "a deleted file leaves its shard" "indexed 0, unchanged $((total - 1)), removed 1" "$out"

# A FastCGI process over shards by folder finds a folder's new shard once
# the indexer has written it (the stub changed under the open database).
fcgi2=$tmp/fcgi2.sock
start_fcgi "$tmp/folders" "$fcgi2"
fcgi_get "$fcgi2" "q=xylofonista&format=json"
expect_in "before: no minutes of the new folder" '"total":0' "$body"
mkdir -p "$src/novy"
printf 'Zápis z jednání komise\nDne: 1. 2. 2024\nXylofonista zahrál na zahájení.\n' > "$src/novy/komise.txt"
run "$bin/zapisy-index" --db "$tmp/folders" "$src"
expect_in "a new folder gets its own shard" "in 4 shards" "$out"
fcgi_get "$fcgi2" "q=xylofonista&format=json"
expect_in "... which the running FastCGI process searches at once" '"total":1' "$body"
kill "$(cat "$fcgi2.pid")" 2>/dev/null
rm -rf "$src/novy"

# Shards being written: searches go on at each shard's last commit, a second
# writer is refused naming the shard, kill -9 loses only what was not
# committed, and Ctrl-C stops the writers too.
big=$tmp/big
# (6,000 documents: a run long enough, on a fast machine too, to be met in the middle)
"$root/corpus/scale.sh" "$root/corpus/seed" 6000 "$big" >/dev/null
"$bin/zapisy-index" --db "$tmp/db-big" --shards 2 "$big" > "$tmp/big.out" 2>&1 &
pid=$!
seen=0 errors=0
for _ in $(seq 600); do
  kill -0 $pid 2>/dev/null || break
  t=$("$bin/zapisy-search" --db "$tmp/db-big" --json --limit 0 zapis 2>"$tmp/s.err" | jq -r '.total // 0' 2>/dev/null)
  grep -q "being built\|no database" "$tmp/s.err" || [ ! -s "$tmp/s.err" ] || errors=$((errors + 1))
  [ "${t:-0}" -gt 0 ] && seen=$((seen + 1))
  [ $seen -ge 2 ] && break
  sleep 0.1
done
if [ $seen -ge 2 ] && [ $errors = 0 ]; then
  ok "searches during a sharded run see its commits, without errors"
else
  not_ok "searches during a sharded run see its commits, without errors" "seen $seen, errors $errors" "$(cat "$tmp/s.err")"
fi
run "$bin/zapisy-index" --db "$tmp/db-big" "$big"
expect_rc "a second writer on the shards exits 2" 2
expect_in "... naming the locked shard" "shard-0" "$errout"
expect_in "... as locked" "locked by another writer" "$errout"
kill -KILL $pid; wait $pid 2>/dev/null
run "$bin/zapisy-index" --db "$tmp/db-big" "$big"
expect_in "after kill -9 the next run finishes the job" "holds 6000 documents in 2 shards" "$out"
unchanged=$(printf '%s' "$out" | sed -n 's/.*unchanged \([0-9]*\).*/\1/p')
[ "${unchanged:-0}" -gt 0 ] && ok "... keeping what the shards had committed ($unchanged unchanged)" || not_ok "the shards' commits are kept" "$out"
rm -rf "$tmp/db-big"
"$bin/zapisy-index" --db "$tmp/db-big" --shards 2 "$big" > "$tmp/big.out" 2>&1 &
pid=$!
sleep 1.5
kill -INT $pid; wait $pid; rc=$?
[ "$rc" = 130 ] && ok "Ctrl-C stops a sharded run with exit 130" || not_ok "Ctrl-C stops a sharded run with exit 130" "exit $rc" "$(cat "$tmp/big.out")"
run "$bin/zapisy-index" --db "$tmp/db-big" "$big"
expect_in "... and the next run finishes it" "holds 6000 documents in 2 shards" "$out"
echo "1..$n"
