#!/usr/bin/env bash
# Re-running zapisy-index does only what changed; files that are gone leave
# the index; an interrupted or killed run loses nothing and the next run
# finishes the job; a second writer is told the database is locked.
. "$(dirname "$0")/lib.sh"

src=$tmp/src
mkdir -p "$src"
cp "$root/corpus/seed/"*.txt "$src/"
printf 'Zápis z jednání komise\nDne: 1. 2. 2020\nProjednán rozpočet obce.\n' > "$src/komise.txt"
db=$tmp/db
summary() { printf '%s' "$out" | grep '^indexed'; }

run "$bin/zapisy-index" --db "$db" "$src"
expect_in "the first run indexes everything" "indexed 3, unchanged 0, removed 0" "$out"
run "$bin/zapisy-index" --db "$db" "$src"
expect_in "a second run changes nothing" "indexed 0, unchanged 3, removed 0" "$out"
expect_rc "... and exits 0" 0

touch -d '2030-01-01' "$src/komise.txt"
run "$bin/zapisy-index" --db "$db" "$src"
expect_in "a touched file with the same bytes is not re-indexed" "indexed 0, unchanged 3" "$out"
run "$bin/zapisy-index" --db "$db" "$src"
expect_in "... and its new time is remembered" "indexed 0, unchanged 3" "$out"

printf 'Zápis z jednání komise\nDne: 1. 2. 2020\nProjednán rozpočet obce a nový xylofon pro Žebřík.\n' > "$src/komise.txt"
run "$bin/zapisy-index" --db "$db" "$src"
expect_in "an edited file is re-indexed" "indexed 1, unchanged 2" "$out"
search "$db" 'xylofon zebrik'
expect_in "... and found by its new words" "komise.txt" "$out"

mv "$src/komise.txt" "$src/komise-2020.txt"
run "$bin/zapisy-index" --db "$db" "$src"
expect_in "a renamed file is indexed under its new name and the old removed" "indexed 1, unchanged 2, removed 1" "$out"
expect_in "... the count stays right" "holds 3 documents" "$out"

rm "$src/komise-2020.txt"
run "$bin/zapisy-index" --db "$db" --no-prune "$src"
expect_in "--no-prune keeps documents of deleted files" "removed 0" "$out"
run "$bin/zapisy-index" --db "$db" "$src"
expect_in "a deleted file's document is removed" "removed 1" "$out"
search "$db" 'xylofon'
expect_rc "... and no longer found" 1

# Indexing another folder does not remove what was indexed from the first.
mkdir -p "$tmp/other"
printf 'Zápis o rozpočtu\n' > "$tmp/other/jiny.txt"
run "$bin/zapisy-index" --db "$db" "$tmp/other"
expect_in "indexing another folder removes nothing" "removed 0" "$out"
expect_in "... the first folder's documents stay" "holds 3 documents" "$out"

# A long run: interrupted, killed, locked.
big=$tmp/big
"$root/corpus/scale.sh" "$root/corpus/seed" 3000 "$big" >/dev/null
wait_for_documents() {   # until the first commit is visible to a reader
  for _ in $(seq 300); do
    t=$("$bin/zapisy-search" --db "$1" --json --limit 0 zapis 2>/dev/null | jq -r '.total // 0' 2>/dev/null)
    [ "${t:-0}" -gt 0 ] && return 0
    sleep 0.1
  done
  return 1
}
"$bin/zapisy-index" --db "$tmp/db-big" "$big" > "$tmp/big.out" 2>&1 &
pid=$!
if wait_for_documents "$tmp/db-big"; then
  run "$bin/zapisy-index" --db "$tmp/db-big" "$src"
  expect_rc "a second writer while one runs exits 2" 2
  expect_in "... saying the database is locked" "locked by another writer" "$errout"
  kill -KILL $pid; wait $pid 2>/dev/null
  search "$tmp/db-big" --limit 0 zapis
  expect_rc "after kill -9 the database opens at its last commit" 0
  run "$bin/zapisy-index" --db "$tmp/db-big" "$big"
  expect_rc "the next run finishes the job" 0
  expect_in "... with all 3000 documents" "holds 3000 documents" "$out"
  unchanged=$(printf '%s' "$out" | sed -n 's/.*unchanged \([0-9]*\).*/\1/p')
  [ "${unchanged:-0}" -gt 0 ] && ok "... keeping what the killed run committed ($unchanged unchanged)" || not_ok "the killed run's commits are kept" "$out"
else
  kill -KILL $pid 2>/dev/null; not_ok "the long run committed something to interrupt" "$(cat "$tmp/big.out")"
fi
rm -rf "$tmp/db-big"
"$bin/zapisy-index" --db "$tmp/db-big" "$big" > "$tmp/big.out" 2>&1 &
pid=$!
wait_for_documents "$tmp/db-big"
kill -INT $pid; wait $pid; rc=$?
[ "$rc" = 130 ] && ok "Ctrl-C stops the run with exit 130" || not_ok "Ctrl-C stops the run with exit 130" "exit $rc" "$(cat "$tmp/big.out")"
expect_in "... saying the work so far is kept" "what was indexed so far is committed" "$(cat "$tmp/big.out")"
run "$bin/zapisy-index" --db "$tmp/db-big" "$big"
expect_in "... and the next run finishes it" "holds 3000 documents" "$out"

# Progress on a terminal: one updating line, then the summary.
rm -rf "$tmp/db-tty"
script -qec "'$bin/zapisy-index' --db '$tmp/db-tty' '$src'" /dev/null > "$tmp/tty.out" 2>&1
expect_in "on a terminal a progress line counts files" "2/2 files" "$(cat "$tmp/tty.out")"
run "$bin/zapisy-index" --db "$tmp/db-tty2" "$src"
expect_not_in "piped, there is no progress line" "files," "$out$errout"
run "$bin/zapisy-index" --quiet --db "$tmp/db-tty2" "$src"
[ -z "$out$errout" ] && ok "--quiet prints nothing when all is well" || not_ok "--quiet prints nothing when all is well" "$out$errout"

# An index built by an older extraction is read again whole, once.
vdb=$tmp/db-version
run "$bin/zapisy-index" --db "$vdb" "$root/corpus/seed"
xapian-metadata set "$vdb" zapisy.version 1
run "$bin/zapisy-index" --db "$vdb" "$root/corpus/seed"
expect_in "an index of an older version has every file read again" "indexed 2, unchanged 0" "$out"
expect_in "... and says why" "built by an older version" "$errout"
run "$bin/zapisy-index" --db "$vdb" "$root/corpus/seed"
expect_in "... once" "indexed 0, unchanged 2" "$out"
echo "1..$n"
