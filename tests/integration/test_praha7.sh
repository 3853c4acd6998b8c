#!/usr/bin/env bash
# A year of Praha 7's council resolutions (../shared/corpus/praha7, unpacked
# into a temporary folder): one decision a file, the place to see "more
# like this" follow a topic across decisions.
. "$(dirname "$0")/lib.sh"

src=$shared/corpus/praha7/praha7-usneseni.tar.xz
if [ ! -f "$src" ]; then
  skip "../shared/corpus/praha7 is not here; the Praha 7 tests need it"
  echo "1..0"
  exit 0
fi
tar -xJf "$src" -C "$tmp" --wildcards 'praha7/text/rada/2015/*'
year=$tmp/praha7/text/rada/2015
run "$bin/zapisy-index" --quiet --db "$tmp/db" "$year"
expect_rc "the council's resolutions of 2015 index" 0

# Two runs over the same files give the same index: documents go in in the
# order the files were listed, whichever worker finished first, so hits of
# equal weight (Xapian orders them by document id) come in the same order.
# Listed by date, a meeting's thirty resolutions are such ties.
run "$bin/zapisy-index" --quiet --jobs 2 --db "$tmp/db2" "$year"
first=$("$bin/zapisy-search" --db "$tmp/db" --csv '')
second=$("$bin/zapisy-search" --db "$tmp/db2" --csv '')
rows=$(wc -l <<< "$first")
[ "$rc" = 0 ] && [ "$rows" -gt 1000 ] && [ "$first" = "$second" ] &&
  ok "a second run over the same files lists its $((rows - 1)) resolutions in the same order" ||
  not_ok "two runs over the same files give the same order" "rc $rc, $rows rows" "$(diff <(echo "$first") <(echo "$second") | head -6)"

# A facet shows the form most resolutions wrote: one of 2015's writes the
# school "ŽŠ Fr. Plamínkové" (18 others "ZŠ"), which used to name the value
# for all of them (it won on diacritics).
run "$bin/zapisy-search" --db "$tmp/db" --json --facets --limit 0 ''
orgs=$(jq -r '.facets.organisations[].value' <<< "$out")
zs=$(grep -c '^ZŠ Fr' <<< "$orgs")
typo=$(grep -c '^ŽŠ' <<< "$orgs")
[ "$zs" = 1 ] && [ "$typo" = 0 ] && ok "the organisations facet shows the school as most resolutions write it (ZŠ, not one's ŽŠ)" ||
  not_ok "a facet value is shown as most documents write it" "$(grep -E '^(ZŠ|ŽŠ) Fr' <<< "$orgs")"

# subject FILE: the resolution's subject, its third line ("Návrh na ...")
subject() { sed -n 3p "$1"; }

# The resolution announcing the grant programme for non-profits (0232/15):
# the decisions most like it are about grants (granty, dotace) too.
run "$bin/zapisy-search" --db "$tmp/db" --json --limit 1 'usneseni:0232/15'
id=$(jq -r '.hits[0].id' <<< "$out")
expect_in "the grant programme's resolution is found by its number" "grantového řízení" "$(subject "$(jq -r '.hits[0].path' <<< "$out")")"
run "$bin/zapisy-search" --db "$tmp/db" --json --limit 3 --like "$id"
expect_rc "more like it finds decisions" 0
grants=0
for p in $(jq -r '.hits[].path' <<< "$out"); do
  subject "$p" | grep -qiE 'grant|dota' && grants=$((grants + 1))
done
[ "$grants" -eq 3 ] && ok "... the first three all grant decisions (granty, dotace)" ||
  not_ok "more like a grant decision lists grant decisions first" "$grants of 3" "$(for p in $(jq -r '.hits[].path' <<< "$out"); do subject "$p"; done)"
case "$(jq -r '[.hits[].id] | join(" ")' <<< "$out")" in
  *"$id"*) not_ok "more like this leaves the decision itself out" ;;
  *) ok "... never the decision itself" ;;
esac

# A page of 100 is marked on both cores (lib/halves.c), a page of 10 on one:
# the same hits, snippets and decisions either way.
run "$bin/zapisy-search" --db "$tmp/db" --json --limit 100 smlouva
hundred=$(jq -c '[.hits[] | {id, rank, snippet, snippet_html, highlights, decisions}]' <<< "$out")
tens=$(for p in $(seq 10); do "$bin/zapisy-search" --db "$tmp/db" --json --page "$p" smlouva; done | jq -c -s '[.[].hits[] | {id, rank, snippet, snippet_html, highlights, decisions}]')
[ "$(jq length <<< "$hundred")" = 100 ] && [ "$hundred" = "$tens" ] &&
  ok "100 hits marked on both cores are the 10 pages of 10 marked on one" ||
  not_ok "a page of 100 is marked as ten pages of 10" "$(diff <(jq . <<< "$hundred") <(jq . <<< "$tens") | head -20)"

# One hit a meeting (the search page's default): the total is the number of
# meetings that match, counted exactly -- not Xapian's rounded estimate --
# and a FastCGI process (which collapses from a column it keeps in memory)
# shows the very hits, counts and totals the CLI does, page after page.
meetings() {   # the distinct meetings (date, body) among every hit of $1
  "$bin/zapisy-search" --db "$tmp/db" --csv "$1" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin, delimiter=";"))[1:]
print(len({(r[0], r[2]) for r in rows if r[0] and r[2]}) + sum(1 for r in rows if not (r[0] and r[2])))'
}
for q in smlouva 'nájemní smlouva' 'porad*'; do
  run "$bin/zapisy-search" --db "$tmp/db" --json --group "$q"
  got=$(jq .total <<< "$out") want=$(meetings "$q")
  [ "$got" = "$want" ] && [ "$want" -gt 10 ] && ok "grouped, '$q' counts its $want meetings exactly" ||
    not_ok "a grouped total is the number of meetings" "'$q': $got, the hits' meetings: $want"
done
start_fcgi "$tmp/db" "$tmp/fcgi.sock"
same=0 differ=""
for ask in "smlouva|" "smlouva|&strana=3" "smlouva|&razeni=-datum&strana=2" "nájemní smlouva|&strana=2" "porad*|" "rozpočtové opatření|&razeni=datum"; do
  q=${ask%%|*} extra=${ask#*|}
  page=$(sed -n 's/.*strana=\([0-9]*\).*/\1/p' <<< "$extra")
  args=(--json --facets --timeline --group --page "${page:-1}")
  case $extra in *-datum*) args+=(--sort -date) ;; *datum*) args+=(--sort date) ;; esac
  enc=$(jq -rn --arg q "$q" '$q | @uri')
  page_json=$(REQUEST_METHOD=GET QUERY_STRING="q=$enc$extra&format=json" cgi-fcgi -bind -connect "$tmp/fcgi.sock" | sed '1,/^\r$/d')
  cli_json=$("$bin/zapisy-search" --db "$tmp/db" "${args[@]}" "$q")
  if [ "$(jq -S -c . <<< "$page_json")" = "$(jq -S -c . <<< "$cli_json")" ]; then same=$((same + 1)); else differ="$differ $q$extra"; fi
done
[ "$same" = 6 ] && ok "... and FastCGI's grouped pages are the CLI's, hits, counts and totals (6 of 6)" ||
  not_ok "FastCGI groups as the CLI does" "differ:$differ"

# A year of resolutions is packed with a dictionary trained from its first
# 1,000 records (lib/record_dict.h): the index holds it under its id.  A
# later run packs the files it adds with the same one, and their hits and
# snippets read as any others do, on the CLI and through FastCGI.
dict=$(xapian-metadata get "$tmp/db" zapisy.zstd)
size=$(xapian-metadata get "$tmp/db" "zapisy.zstd.$dict" | wc -c)
[[ $dict =~ ^[0-9a-f]{8}$ ]] && [ "$size" -gt 10000 ] && ok "the index holds the dictionary its records were packed with ($dict, $size bytes)" ||
  not_ok "a big archive's records are packed with a dictionary the index holds" "id '$dict', $size bytes"
tar -xJf "$src" -C "$tmp" --wildcards 'praha7/text/rada/2014/10*.txt'
run "$bin/zapisy-index" --quiet --db "$tmp/db" "$year" "$tmp/praha7/text/rada/2014"
again=$(xapian-metadata get "$tmp/db" zapisy.zstd)
[ "$rc" = 0 ] && [ "$again" = "$dict" ] && ok "... a later run, adding files, keeps it" ||
  not_ok "a later run keeps the index's dictionary" "rc $rc, '$dict' then '$again'" "$errout"
run "$bin/zapisy-search" --db "$tmp/db" --json --limit 100 'rok:2014'
added=$(jq '[.hits[] | select((.path | contains("/rada/2014/")) and (.snippet | length > 40))] | length' <<< "$out")
page_json=$(REQUEST_METHOD=GET QUERY_STRING="q=rok%3A2014&format=json" cgi-fcgi -bind -connect "$tmp/fcgi.sock" | sed '1,/^\r$/d')
cli_json=$("$bin/zapisy-search" --db "$tmp/db" --json --facets --timeline --group 'rok:2014')
fcgi_snippets=$(jq '[.hits[] | select(.snippet | length > 40)] | length' <<< "$page_json")
[ "$added" = 11 ] && [ "$(jq -S -c . <<< "$page_json")" = "$(jq -S -c . <<< "$cli_json")" ] && [ "$fcgi_snippets" -gt 0 ] &&
  ok "... and the 11 files it added are found with their snippets, by the CLI and by FastCGI alike" ||
  not_ok "the files a later run added are found with snippets" "CLI: $added of 11 with a snippet; FastCGI: $fcgi_snippets hits with one" \
    "$(diff <(jq -S . <<< "$page_json") <(jq -S . <<< "$cli_json") | head -10)"
echo "1..$n"
