#!/usr/bin/env bash
# What the minutes' metadata lets staff ask: decisions, organisations across
# years, acronyms, filters by year, town, body, person; facets and timeline.
. "$(dirname "$0")/lib.sh"

P=prostejov-mensiny-a-cizinci.txt
O=ostrava-deti-a-rodina.txt
db=$tmp/db
# Two more minutes: one names the organisation only by its acronym, one
# only by its full name -- each must be found by either.
mkdir -p "$tmp/extra"
printf 'Zápis z jednání pracovní skupiny Děti a rodina\nDne: 3. 3. 2023\n\nSpolupráce s OPU na právním poradenství pokračuje.\n' > "$tmp/extra/acronym-only.txt"
printf 'Zápis z jednání pracovní skupiny Senioři\nDne: 5. 5. 2022\n\nPředstavila se Organizace pro pomoc uprchlíkům a její služby.\n' > "$tmp/extra/name-only.txt"
run "$bin/zapisy-index" --db "$db" "$root/corpus/seed" "$tmp/extra"
expect_rc "indexing the samples and two more minutes succeeds" 0

paths() { printf '%s' "$out" | jq -r '[.hits[].path | split("/") | last] | sort | join(" ")'; }

# Meeting dates: the header's, not the footer's (Prostějov's says 2018) nor the next meeting.
search "$db" zebrik
expect_in "Prostějov minutes are dated by their header, 11. 1. 2019" '"date":"2019-01-11"' "$out"
search "$db" '"Děti a rodina" magistrat'
expect_in "Ostrava minutes are dated 16.1.2025, not the next meeting 20.2.2025" '"date":"2025-01-16"' "$out"
expect_in "Ostrava minutes know their town" '"town":"Ostrava"' "$out"
expect_in "Ostrava minutes know their body, named with its town" '"body":"Pracovní skupina Děti a rodina (Ostrava)"' "$out"

# Decisions: the agreement about restoring counselling is the snippet.
search "$db" --decisions zebrik
first=$(printf '%s' "$out" | jq -r '.hits[0].path' | xargs basename)
[ "$first" = "$P" ] && ok "--decisions zebrik finds the Prostějov minutes" || not_ok "--decisions zebrik finds the Prostějov minutes" "$out"
expect_in "... with the agreement as the snippet" '"snippet":"Skupina se shodla na tom, že by bylo potřebné' "$out"
expect_in "... marking Žebřík in it" '<mark>Žebřík<\u002fmark>.' "$out"
expect_in "its tasks have an owner and a deadline" '"owner":"Členové PS","deadline":"2019-02-22","kind":"task"' "$out"
search "$db" --decisions cizinci
expect_in "--decisions matches only inside decisions (cizince is in one)" "$P" "$out"
expect_not_in "... and not minutes that mention foreigners elsewhere only" "$O" "$out"
search "$db" 'rozhodnuti:obnovení poradenství'
expect_in "rozhodnuti: searches decisions inside a query" "$P" "$out"

# Acronyms and names find each other.
search "$db" OPU
a=$(paths)
search "$db" 'organizace pro pomoc uprchlikum'
b=$(paths)
[ "$a" = "$b" ] && ok "OPU and 'organizace pro pomoc uprchlikum' find the same minutes ($a)" || not_ok "OPU and the full name find the same minutes" "OPU: $a" "name: $b"
expect_in "... including those that only use the acronym" "acronym-only.txt" "$b"
expect_in "... and those that only use the full name" "name-only.txt" "$a"

# Filters, in options and in the query, fold- and inflection-insensitive.
search "$db" 'rok:2025 deti'
[ "$(paths)" = "$O" ] && ok "'rok:2025 deti' finds Ostrava and not Prostějov" || not_ok "'rok:2025 deti' finds Ostrava only" "$(paths)"
search "$db" --year 2025 deti
[ "$(paths)" = "$O" ] && ok "--year 2025 does the same" || not_ok "--year 2025 does the same" "$(paths)"
for q in 'mesto:prostejov' 'mesto:Prostějova' 'MĚSTO:PROSTĚJOV' 'town:prostejov'; do
  search "$db" "$q"
  [ "$(paths)" = "$P" ] && ok "'$q' finds the Prostějov minutes only" || not_ok "'$q' finds the Prostějov minutes only" "$(paths)" "$errout"
done
search "$db" --town Prostějov
[ "$(paths)" = "$P" ] && ok "--town alone, without query words, searches" || not_ok "--town alone searches" "$(paths)" "$errout"
search "$db" --town Prostějov cizinci
[ "$(paths)" = "$P" ] && ok "--town narrows a word search" || not_ok "--town narrows a word search" "$(paths)"
search "$db" 'skupina:"národnostní menšiny"'
[ "$(paths)" = "$P" ] && ok "skupina: filters by words of the body" || not_ok "skupina: filters by words of the body" "$(paths)"
search "$db" 'osoba:Kolářiková'
[ "$(paths)" = "$P" ] && ok "osoba: finds minutes naming a person" || not_ok "osoba: finds minutes naming a person" "$(paths)"
search "$db" 'od:2020 do:2023-12-31'
[ "$(paths)" = "acronym-only.txt name-only.txt" ] && ok "od:/do: select a date range" || not_ok "od:/do: select a date range" "$(paths)"
search "$db" --since 2019-01-11 --until 2019-01-11 poradenstvi
[ "$(paths)" = "$P" ] && ok "--since/--until include their days" || not_ok "--since/--until include their days" "$(paths)"
search "$db" --sort date zapis
dates=$(printf '%s' "$out" | jq -r '[.hits[].date] | join(" ")')
[ "$dates" = "2019-01-11 2022-05-05 2023-03-03 2025-01-16" ] && ok "--sort date orders oldest first" || not_ok "--sort date orders oldest first" "$dates"
search "$db" --sort -date zapis
dates=$(printf '%s' "$out" | jq -r '[.hits[].date] | join(" ")')
[ "$dates" = "2025-01-16 2023-03-03 2022-05-05 2019-01-11" ] && ok "--sort -date orders newest first" || not_ok "--sort -date orders newest first" "$dates"

# Facets and the timeline.
search "$db" --facets cizinci
expect_in "--facets counts towns" '"towns":[{"value":"Ostrava","count":1},{"value":"Prostějov","count":1}]' "$out"
expect_in "--facets counts years" '{"value":"2019","count":1}' "$out"
search "$db" --facets zebrik
expect_in "--facets counts organisations" '{"value":"Žebřík","count":1}' "$out"
search "$db" --facets --limit 0 cizinci
expect_in "--facets with --limit 0 still counts" '"towns":[{"value":"Ostrava","count":1},{"value":"Prostějov","count":1}]' "$out"
expect_in "... and lists no hits" '"hits":[]' "$out"
search "$db" --timeline 'org:zebrik'
expect_in "--timeline org:zebrik gives the years Žebřík appears" '"timeline":[{"year":"2019","count":1}]' "$out"
run "$bin/zapisy-search" --db "$db" --timeline 'skupina:"deti a rodina"'
expect_in "the text timeline has a row per year with a bar" "2023         1  ████" "$out"
expect_in "... in year order, a year without minutes as 0" "$(printf '2023         1  ████████████████████████████████████████\n2024         0  \n2025         1')" "$out"

# Bad filter values: a message, exit 2.
for bad in "--since yesterday x" "--until 2019-13 x" "--year 19 x" "--sort sideways x"; do
  # shellcheck disable=SC2086
  run "$bin/zapisy-search" --db "$db" $bad
  expect_rc "'$bad' is refused with exit 2" 2
done
run "$bin/zapisy-search" --db "$db" 'rok:dvacet'
expect_in "a bad year in a query is named" "'dvacet' is not a year" "$errout"

real=$shared/corpus/real
if [ -d "$real" ]; then
  run "$bin/zapisy-index" --db "$tmp/db-real" "$root/corpus/seed" "$real"/*.txt
  search "$tmp/db-real" --since 2015 --until 2015 zastupitelstvo
  [ "$(printf '%s' "$out" | jq .total)" = 4 ] && ok "the four 2015 councils are found by date" || not_ok "the four 2015 councils are found by date" "$out"
  search "$tmp/db-real" --timeline 'skupina:seniori'
  expect_in "the senior groups' timeline spans 2016 to 2019, the years between as 0" '{"year":"2016","count":1},{"year":"2017","count":0},{"year":"2018","count":0},{"year":"2019","count":1}' "$out"
  search "$tmp/db-real" 'mesto:jesenik'
  expect_in "Jeseník's town is recognised from its address" "jesenik-rs-kpss-2010-09-10.txt" "$out"
else
  skip "../shared/corpus/real is absent: real-minutes cases not run"
fi
echo "1..$n"
