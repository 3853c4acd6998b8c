#!/usr/bin/env bash
# Czech morphology on the real minutes: word forms with and without
# diacritics find the same documents, the mobile e, a query that no
# minutes fully match searches on, corrections come in the minutes' own
# spelling, mixed-script words are found, and an index made by an older
# analysis is refused with a clear message.
. "$(dirname "$0")/lib.sh"

db=$tmp/db
real=$shared/corpus/real
dirs=("$root/corpus/seed")
[ -d "$real" ] && dirs+=("$real")
run "$bin/zapisy-index" --db "$db" "${dirs[@]}"
expect_rc "indexing the seed (and real) minutes succeeds" 0

# files QUERY: the files a query finds, sorted, one a line
files() { "$bin/zapisy-search" --db "$db" --json --limit 100 "$1" | jq -r '.hits[].file' | sort; }

same_files() {
  local a b
  a=$(files "$1"); b=$(files "$2")
  if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "'$1' and '$2' find the same minutes ($(wc -l <<< "$a"))"
  else not_ok "'$1' and '$2' find the same minutes" "$1: ${a//$'\n'/ }" "$2: ${b//$'\n'/ }"; fi
}

same_files cizinci cizincům
same_files Prostějov prostejove
if [ -d "$real" ]; then
  same_files rozpocet rozpočet
  same_files rozpoctu rozpočtu
  same_files rozpocet rozpočtu
  same_files obec obec
  same_files obci obcí
  same_files obec obcích
  # no minutes write "rozpočet" itself: the lemma finds those that write rozpočtu
  found=$(files rozpocet)
  if ! grep -rlw "rozpočet" "$real" >/dev/null && grep -q ohare-zo-4-2015.txt <<< "$found"; then
    ok "the mobile e: 'rozpocet' finds the minutes that only write 'rozpočtu'"
  else
    not_ok "the mobile e: 'rozpocet' finds the minutes that only write 'rozpočtu'" "found: $found"
  fi
fi

# mixed scripts: the Ostrava seed writes "přeпоšle" with Cyrillic п and о
run "$bin/zapisy-search" --db "$db" --json preposle
expect_rc "'preposle' finds something" 0
expect_in "... the Ostrava seed, whose text mixes Cyrillic letters into the word" 'ostrava-deti-a-rodina.txt' "$out"
expect_in "... and the snippet marks the word as written" '[[přeпоšle]]' "$("$bin/zapisy-search" --db "$db" preposle)"

# no dead ends: a word no minutes have is left out, and said so
run "$bin/zapisy-search" --db "$db" 'poradenství xyzzyq'
expect_rc "a query with a word no minutes have still finds something (exit 0)" 0
expect_in "... and says which word was left out" "No minutes have all the words; results for: poradenství (left out: xyzzyq)" "$out"
run "$bin/zapisy-search" --db "$db" --json 'poradenství xyzzyq'
expect_in "... in JSON as relaxed.dropped" '"dropped":["xyzzyq"]' "$out"
if [ -d "$real" ]; then
  # the minutes write "aktivizace", never "aktivizační": its relative is searched
  run "$bin/zapisy-search" --db "$db" --json aktivizacni
  expect_rc "a word whose only relative in the minutes is derived finds it (exit 0)" 0
  expect_in "... the minutes about activation" 'jesenik-rs-kpss-2010-09-10.txt' "$out"
  expect_in "... and says what it searched instead" '"related":[{"word":"aktivizacni","instead":"aktivizace"}]' "$out"
fi
run "$bin/zapisy-search" --db "$db" xyzzyq qwzzk
expect_rc "a query of words no minutes have finds nothing (exit 1)" 1

# corrections in the minutes' spelling, only when they find something
run "$bin/zapisy-search" --db "$db" --json zebrk
expect_in "'zebrk' is corrected to the organisation as written" '"suggestion":"Žebřík"' "$out"
if [ -d "$real" ]; then
  run "$bin/zapisy-search" --db "$db" --json charyta
  expect_in "'charyta' is corrected to Charita (i/y, the commonest slip), not charta" '"suggestion":"Charita"' "$out"
fi

# exact diacritics rank first: typed with them, the documents with that very
# lemma come before those with its diacritic-less twin
doc() { printf '%s\n' "$2" > "$tmp/rank/$1"; }
mkdir -p "$tmp/rank"
doc byt.txt "Zápis z jednání. Komise projednala byt v ulici Dlouhé a přidělení bytu rodině."
doc byt2.txt "Zápis z jednání. Byty ve správě obce, opravy bytů a nájem bytu."
doc byti.txt "Zápis z jednání. Poradenství má být obnoveno, služba musí být dostupná."
run "$bin/zapisy-index" --db "$tmp/rank-db" "$tmp/rank"
r=$("$bin/zapisy-search" --db "$tmp/rank-db" --json být | jq -r '[.total, .hits[0].file] | @tsv')
[ "$r" = $'3\trank/byti.txt' ] && ok "'být' finds all three (folded alike) and ranks být's minutes first" ||
  not_ok "'být' finds all three (folded alike) and ranks být's minutes first" "got: $r"
r=$("$bin/zapisy-search" --db "$tmp/rank-db" --json bytu | jq -r '[.total, .hits[0].file] | @tsv')
case "$r" in 3$'\t'rank/byt*.txt) ok "'bytu' (typed without diacritics) finds all three, a flat's minutes first" ;;
  *) not_ok "'bytu' finds all three, a flat's minutes first" "got: $r" ;; esac

# an index made by an older analysis is refused, not answered wrongly
cp -r "$db" "$tmp/old-db"
version=$(xapian-metadata get "$tmp/old-db" zapisy.version)
xapian-metadata set "$tmp/old-db" zapisy.version 2
run "$bin/zapisy-search" --db "$tmp/old-db" cizinci
expect_rc "an index of an older version is refused (exit 2)" 2
expect_in "... with a message that says to re-index" "run zapisy-index on it again to re-index" "$errout"
# one made by a newer zapisy says so, not that it is older
xapian-metadata set "$tmp/old-db" zapisy.version 99
run "$bin/zapisy-search" --db "$tmp/old-db" cizinci
expect_rc "an index of a newer version is refused (exit 2)" 2
expect_in "... with a message that says it is newer" "made by a newer zapisy (index version 99" "$errout"
xapian-metadata set "$tmp/old-db" zapisy.version "$version"
xapian-metadata set "$tmp/old-db" zapisy.lexicon "cs.lex 00000000 1"
run "$bin/zapisy-search" --db "$tmp/old-db" cizinci
expect_in "an index made with another lexicon is refused too" "made with another Czech lexicon" "$errout"
run "$bin/zapisy-index" --db "$tmp/old-db" "${dirs[@]}"
expect_rc "re-indexing it succeeds" 0
expect_in "... and reads every file again (none left as unchanged)" "unchanged 0," "$out"
run "$bin/zapisy-search" --db "$tmp/old-db" cizinci
expect_rc "... after which it answers" 0
ZAPISY_LEXICON=$tmp/none run "$bin/zapisy-search" --db "$db" cizinci
expect_in "without the lexicon the searcher says what is missing" "Czech lexicon $tmp/none is missing" "$errout"

echo "1..$n"
