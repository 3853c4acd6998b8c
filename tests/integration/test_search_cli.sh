#!/usr/bin/env bash
# Indexes the sample minutes (and the real ones from ../shared when present)
# into a temporary database and checks what zapisy-search answers.
. "$(dirname "$0")/lib.sh"

db=$tmp/db
run "$bin/zapisy-index" --db "$db" "$root/corpus/seed"
expect_rc "indexing corpus/seed succeeds" 0
expect_in "the indexer summarises what it did" "indexed 2, unchanged 0, removed 0, skipped 0, failed 0 (0 repaired)" "$out"

P=prostejov-mensiny-a-cizinci.txt
O=ostrava-deti-a-rodina.txt
sample_queries() {
  local db=$1
  expect_first "$db" prostejov $P Prostějov
  expect_first "$db" PROSTĚJOV $P Prostějov
  expect_first "$db" Prostějově $P Prostějov
  expect_first "$db" zebrik $P Žebříku Žebřík
  expect_first "$db" Žebříkem $P Žebříku
  expect_first "$db" cizinci $P cizinci
  expect_first "$db" cizincům $P cizinci
  expect_first "$db" '"odborné sociální poradenství"' $P odborném sociálním poradenství
  expect_first "$db" 'organizace pro pomoc uprchlikum' $O Organizace pro pomoc uprchlíkům
  expect_first "$db" 'magistrat ostrava' $O Magistrát Ostravy
  expect_first "$db" 'OPU' $O OPU
  expect_first "$db" '16.1.2025' $O 16.1.2025
  expect_first "$db" '11. 1. 2019' $P '11. 1. 2019'
  expect_first "$db" 'porad*' $P poradenství
  search "$db" 'deti OR cizinci'
  expect_in "'deti OR cizinci' finds the Ostrava sample" "$O" "$out"
  expect_in "'deti OR cizinci' finds the Prostějov sample" "$P" "$out"
  expect_first "$db" 'title:deti' $O DĚTI
  search "$db" 'poradenstvi NOT cizinci'
  expect_rc "'poradenstvi NOT cizinci' finds nothing and exits 1 (both samples mention foreigners)" 1
  expect_in "... and reports zero total" '"total":0' "$out"
}
sample_queries "$db"

# Typos: nothing found, a correction that does find something is offered.
run "$bin/zapisy-search" --db "$db" zebrk
expect_rc "a misspelt word finds nothing (exit 1)" 1
expect_in "... and the correction is offered, as the minutes write it" "Did you mean: Žebřík" "$out"
search "$db" 'cizinc prostejv'
expect_in "... in JSON too, for every misspelt word" '"suggestion":"cizinců Prostějov"' "$out"
search "$db" 'zebrk OR "cizinc prostejv" NOT nazev:deti*'
expect_in "... and in a query with operators, a phrase and a field, its words alone" '"suggestion":"Žebřík OR \"cizinců Prostějov\" NOT nazev:deti*"' "$out"
search "$db" '"setkani skupiny" OR zebrk'
expect_in "... a phrase of words of several readings as typed, not as the parser's readings (zpr_...)" '"suggestion":"\"setkání skupiny\" OR Žebřík"' "$out"
search "$db" 'poradenstvi xyzzyq'
expect_not_in "no correction is offered when none would find anything" '"suggestion"' "$out"

# The phrase must be adjacent: these words occur, but not side by side.
search "$db" '"obnoveni poradenstvi"'
expect_rc "a folded phrase whose words are not adjacent finds nothing" 1

# Re-indexing replaces documents, never duplicates them.
run "$bin/zapisy-index" --db "$db" "$root/corpus/seed" "$root/corpus/seed/$P"
expect_in "re-indexing the same files keeps 2 documents" "holds 2 documents" "$out"

# Paging and limits.
search "$db" cizinci
expect_in "total counts every match" '"total":2' "$out"
search "$db" --limit 1 cizinci
[ "$(printf '%s' "$out" | jq '.hits | length')" = 1 ] && ok "--limit 1 returns one hit" || not_ok "--limit 1 returns one hit" "$out"
search "$db" --offset 1 cizinci
[ "$(printf '%s' "$out" | jq -r '.hits[0].rank')" = 2 ] && ok "--offset 1 starts at rank 2" || not_ok "--offset 1 starts at rank 2" "$out"
for field in rank percent path title snippet snippet_html; do
  printf '%s' "$out" | jq -e ".hits[0] | has(\"$field\")" >/dev/null && ok "JSON hit has $field" || not_ok "JSON hit has $field" "$out"
done

# Text output: plain markers when piped, no HTML entities.
run "$bin/zapisy-search" --db "$db" zebrik
expect_in "piped text output marks the word with [[ ]]" "[[Žebříku]]" "$out"
expect_in "text output shows rank, title and relevance" "1. Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci  [" "$out"

# Bad input: a message and a non-zero exit, never a crash.
run "$bin/zapisy-search" --db "$tmp/nowhere" zebrik
expect_rc "a missing database exits 2" 2
expect_in "... saying there is no database" "no database" "$errout"
run "$bin/zapisy-search" --db "$db" ""
expect_rc "an empty query browses (exit 0)" 0
run "$bin/zapisy-search" --db "$db" "AND AND"
expect_rc "a query of operators only exits 2" 2
run "$bin/zapisy-search" --db "$db" $'Z\xe1pis'
expect_rc "a query in invalid UTF-8 exits 2" 2
expect_in "... naming the problem" "not valid UTF-8" "$errout"
run "$bin/zapisy-search" --db "$db" "$(head -c 3000 /dev/zero | tr '\0' 'a')"
expect_rc "an overlong query exits 2" 2
expect_in "... saying it is too long" "too long" "$errout"
run "$bin/zapisy-search" --db "$db" '"odborné sociální'
expect_rc "an unclosed quote still searches" 0
run "$bin/zapisy-search" --db "$db" ')(*&^%$#@!~`' 
expect_rc "a query of punctuation only exits 2" 2
run "$bin/zapisy-search" --db "$db" --limit -1 zebrik
expect_rc "a negative --limit exits 2" 2
run "$bin/zapisy-search" --db "$db" --limit 99999999999999999999 zebrik
expect_rc "a huge --limit exits 2" 2
run "$bin/zapisy-search" --db "$db" --json
expect_rc "no query at all browses every document" 0
expect_in "... both samples, newest first" "2025-01-16 2019-01-11" "$(jq -r '[.hits[].date] | join(" ")' <<< "$out")"

# HTML in the text is escaped in snippet_html and shown raw on the terminal.
mkdir -p "$tmp/html"
printf 'Zápis z jednání\nRodina & děti <b>Žebřík</b>\n' > "$tmp/html/amp.txt"
run "$bin/zapisy-index" --db "$tmp/db-html" "$tmp/html"
search "$tmp/db-html" zebrik
expect_in "snippet_html escapes & and < in the text" '&amp; děti &lt;b&gt;<mark>Žebřík</mark>&lt;/b&gt;' "$(printf '%s' "$out" | jq -r '.hits[0].snippet_html')"
run "$bin/zapisy-search" --db "$tmp/db-html" zebrik
expect_in "terminal output shows the text unescaped" 'Rodina & děti <b>[[Žebřík]]</b>' "$out"
expect_not_in "terminal output has no HTML entities" '&amp;' "$out"

# With the real minutes beside the samples, the samples still rank first
# and the real ones are found by their towns.
real=$shared/corpus/real
if [ -d "$real" ]; then
  run "$bin/zapisy-index" --db "$tmp/db-real" "$root/corpus/seed" "$real"/*.txt
  expect_rc "indexing corpus/seed and ../shared/corpus/real succeeds" 0
  sample_queries "$tmp/db-real"
  expect_first "$tmp/db-real" jesenik jesenik-rs-kpss-2010-09-10.txt Jeseník
  expect_first "$tmp/db-real" 'koclirov' koclirov-zo-4-2011.txt Koclířov
  expect_first "$tmp/db-real" 'zastupitelstvo zasova' zasova-zo-3-2015.txt Zašová zastupitelstva
  # "Z Á P I S" is indexed as the word too: the only title with it spaced out.
  expect_first "$tmp/db-real" 'title:zapis title:koclirov' koclirov-zo-4-2011.txt 'Z Á P I S' Koclířov
  expect_first "$tmp/db-real" 'Heineken' velke-brezno-zo-5-2015.txt Heineken
  search "$tmp/db-real" seniori
  total=$(printf '%s' "$out" | jq -r .total)
  [ "$total" -ge 4 ] && ok "'seniori' finds the minutes of four senior groups ($total)" || not_ok "'seniori' finds the minutes of four senior groups" "$out"
else
  skip "../shared/corpus/real is absent: real-minutes cases not run"
fi
echo "1..$n"
