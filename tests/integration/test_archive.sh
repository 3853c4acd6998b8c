#!/usr/bin/env bash
# The real archive (../shared/corpus/archive: council resolutions and
# minutes, a party's Markdown decisions, an association's PDFs, parliament
# records): what zapisy understands of it, through the binaries.  Dates,
# towns and bodies with their towns, organisations that are organisations,
# resolutions with number, verb and vote, Markdown without markup, browse,
# and undated minutes counted in the timeline and the year facet.
. "$(dirname "$0")/lib.sh"

archive=$shared/corpus/archive
if [ ! -d "$archive" ]; then
  skip "../shared/corpus/archive is not here; the archive tests need it"
  echo "1..0"
  exit 0
fi
db=$tmp/db
run "$bin/zapisy-index" --quiet --db "$db" "$archive"
expect_rc "the archive indexes without a problem" 0

# doc FILE: the JSON hit of one file (by a query of only its resolution
# number, title words or a browse filter, the caller's).
hit_of() { jq -c --arg f "$1" '[.hits[] | select(.path | endswith($f))][0]' <<< "$out"; }

# Meeting dates: the heading's, not the convening date a few lines later.
search "$db" --limit 100 'mesto:krhanice' 'rok:2021'
h=$(hit_of 175-krhanice-zapis-2021-1.txt)
expect_in "the minutes' date is the meeting's (konaného dne 17.3.2021), not 'svoláno dne 9.3.2021'" '"date":"2021-03-17"' "$h"
# A resolution quoting an older one ("usnesením ... ze dne 2. 4. 2001").
search "$db" --limit 5 'usneseni:0041/03'
expect_in "a resolution's date is its own (Ze dne 26.05.2003), not a quoted one" '"date":"2003-05-26"' "$out"
# Front matter (Markdown): "platnost: 2009-12-08".
search "$db" --limit 5 'title:"otevreni fora"'
expect_in "a Markdown record's date comes from its front matter" '"date":"2009-12-08"' "$out"
expect_in "... and its title too, without markup" '"title":"Otevření fóra republikového výboru"' "$out"
expect_not_in "... and its snippet carries no Markdown" '#Otev' "$(jq -r '.hits[0].snippet' <<< "$out")"
# A file of many dated meetings has no one date.
search "$db" --limit 5 'pyvec'
expect_not_in "a file gathering many meetings gets no date" '"date":"20' "$(jq -c '[.hits[] | select(.path | test("pyvec")) | .date]' <<< "$out")"

# Towns and bodies.
search "$db" --facets --limit 0 'mesto:"praha 7"'
expect_in "Praha 7 is one town, district number included" '{"value":"Praha 7","count":' "$out"
expect_in "its board is named with it" '"Rada městské části Praha 7"' "$out"
expect_not_in "... and the city (obec Praha) mentioned in it is not the town" '{"value":"Praha","count"' "$out"
search "$db" --facets --limit 0 'zastupitelstvo'
expect_in "Krhanice's council is Krhanice's" '"Zastupitelstvo obce Krhanice"' "$out"
expect_not_in "no town is a case form (Krhanicích)" 'Krhanicích' "$(jq -c .facets.towns <<< "$out")"
expect_not_in "... nor a fragment (Kč)" '"Kč"' "$(jq -c .facets.towns <<< "$out")"

# Organisations: the facet is organisations, not tax words or votes.
for q in skola dotace smlouva pirati 'socialni sluzby'; do
  search "$db" --facets --limit 0 "$q"
  orgs=$(jq -r '[.facets.organisations[].value] | join("|")' <<< "$out")
  bad=$(tr '|' '\n' <<< "$orgs" | grep -xE 'DPH|IČO|IČ|DIČ|PSČ|ČR|RM|ZM|ZO|PRO|PROTI|ZDRŽEL|SE|Kč|Základní|Mateřská' | tr '\n' ' ')
  if [ -z "$bad" ] && [ -n "$orgs" ]; then ok "'$q': organisations facet has no tax, ID, vote or body words"
  else not_ok "'$q': organisations facet has no tax, ID, vote or body words" "found: $bad" "facet: $orgs"; fi
done
search "$db" --facets --limit 0 skola
expect_in "schools are named as schools, in the nominative" '"Základní škola Krhanice"' "$out"
search "$db" --limit 3 'org:diakonie'
expect_in "org: finds an organisation by any word of its name" 'krhanice' "$out"

# Resolutions: number, verb, vote, outcome.
search "$db" --limit 1 'usneseni:0322/17-R'
expect_in "usneseni: finds a resolution by its number" '"total":1' "$out"
expect_in "... whose decisions carry the number and the verb" '"number":"0322/17-R","verb":"bere na vědomí"' "$out"
search "$db" --limit 1 '0322/17-R'
expect_in "the number typed plainly finds it too" '"total":1' "$out"
search "$db" --decisions --limit 50 'rok:2021' 'program zasedani'
h=$(hit_of 175-krhanice-zapis-2021-1.txt)
expect_in "minutes' decisions carry their vote and outcome" '"verb":"schvaluje","votes":{"for":8,"against":0,"abstain":0},"passed":true' "$h"
run "$bin/zapisy-search" --db "$db" --decisions --limit 1 'usneseni:1/2021' 'program'
expect_in "--decisions shows the resolution's number and verb" "(usnesení 1/2021 · schvaluje)" "$out"
# A results page (and the CLI's text) shows a decision's verb and vote but
# not its text, which is then left unread; JSON still carries every text.
run "$bin/zapisy-search" --db "$db" --limit 3 'mesto:krhanice' 'rok:2021' 'program zasedani'
expect_in "the text of a plain search shows the matching decision's verb and vote" "(schvaluje · pro 6, proti 0, zdržel se 0 · přijato)" "$out"
search "$db" --limit 3 'mesto:krhanice' 'rok:2021' 'program zasedani'
texts=$(jq -c '[.hits[].decisions[] | .text | length] | [length > 20, min > 0]' <<< "$out")
expect_in "... and its JSON every decision's text" '[true,true]' "$texts"
search "$db" --decisions --limit 20 'bavorsku'
expect_in "a proposal voted down is recorded as not passed" '"votes":{"for":1,"against":1,"abstain":1},"passed":false' "$out"

# Browse: no words, newest first, filters and paging allowed.
search "$db" --limit 3 'mesto:krhanice'
expect_in "a search of only a filter lists its minutes newest first" '"date":"2026-03-09"' "$(jq -c '.hits[0]' <<< "$out")"
search "$db" --limit 1000
total=$(jq -r .total <<< "$out")
files=$(find "$archive" -type f ! -name '.*' | wc -l)
if [ "$total" = "$files" ]; then ok "browsing with no query lists every document ($total)"
else not_ok "browsing with no query lists every document" "total $total, files $files"; fi
dates=$(jq -r '[.hits[].date // empty] | join(" ")' <<< "$out")
if [ "$dates" = "$(tr ' ' '\n' <<< "$dates" | sort -r | tr '\n' ' ' | sed 's/ $//')" ]; then ok "... newest first"
else not_ok "... newest first" "dates: ${dates:0:200}"; fi
search "$db" --limit 2 --offset 200
expect_in "... and pages on to the end" '"offset":200' "$out"

# Undated minutes are counted, and years without minutes show as 0.
search "$db" --facets --timeline --limit 0 'schuze'
expect_in "undated hits are a row of the timeline" '{"year":"bez data","count":' "$out"
expect_in "... and of the year facet" '{"value":"bez data","count":' "$out"
sum=$(jq '[.timeline[].count] | add' <<< "$out")
expect_in "... so the timeline adds up to the total" "\"total\":$sum," "$out"
expect_in "a year without minutes between two with is 0" '{"year":"2020","count":0}' "$out"
search "$db" --limit 0 --facets 'rok:bez-data'
expect_in "rok:bez-data finds the undated minutes" '"undated":' "$out"
undated=$(jq -r .total <<< "$out")
if [ "$undated" -gt 0 ] 2>/dev/null; then ok "... some ($undated)"; else not_ok "... some" "total $undated"; fi

# The page: browse with an empty box, undated in its timeline.
cgi() {
  body=$(REQUEST_METHOD=GET QUERY_STRING=$1 ZAPISY_DB=$db ZAPISY_TEMPLATES=$root/web/templates "$bin/zapisy.cgi" 2>/dev/null)
}
cgi 'q=&seskupit=0'
expect_in "the page browses the archive when the box is sent empty" "$files zápisů" "$body"
cgi 'q=schuze'
expect_in "the page's timeline has the undated row, a filter link" 'rok=bez%20data' "$body"
cgi 'q=diakonie'
expect_in "the page shows a hit's file below the folder it was indexed from" 'class="file">archive/' "$body"
expect_not_in "... never where the server keeps it" "$(cd "$archive" && pwd)" "$body"
cgi 'q=program+zasedani&rozhodnuti=1&mesto=krhanice&rok=2021'
expect_in "the page shows a decision's resolution, verb and vote" 'class="decision">usnesení' "$body"
cgi 'q=program+zasedani&mesto=krhanice&rok=2021'
expect_in "... when the words lie in a decision, a plain search shows it too, with its verb and vote" 'class="decision">schvaluje · pro ' "$body"
cgi 'q=&rok=bez%20data&seskupit=0'
expect_in "... which lists the undated minutes" "$undated zápis" "$body"

# One row a meeting: Krhanice publishes a meeting's minutes and its
# resolutions as two files; grouped, they are one hit.
search "$db" --limit 100 'mesto:krhanice' 'rok:2022'
apart=$(jq '[.hits[] | select(.date == "2022-02-21")] | length' <<< "$out")
search "$db" --limit 100 --group 'mesto:krhanice' 'rok:2022'
together=$(jq -c '[.hits[] | select(.date == "2022-02-21") | .same_meeting]' <<< "$out")
[ "$apart" -ge 2 ] && [ "$together" = "[$((apart - 1))]" ] &&
  ok "a meeting split over $apart files (minutes, resolutions) is one grouped hit with same_meeting $((apart - 1))" ||
  not_ok "a meeting split over several files is one grouped hit" "apart: $apart, grouped: $together"
cgi 'q=&mesto=krhanice&rok=2022'
expect_in "... on the page too, with how many more records it stands for" 'další záznam ze stejného jednání' "$body"

# More like this (the topic followed across decisions: test_praha7.sh).
search "$db" --limit 1 'dotace mesto:"Praha 7"'
id=$(jq -r '.hits[0].id' <<< "$out")
run "$bin/zapisy-search" --db "$db" --json --limit 3 --like "$id"
expect_rc "--like finds documents like one" 0
like=$(jq -r '[.hits[].id] | join(" ")' <<< "$out")
case " $like " in *" $id "*) not_ok "more like this leaves the document itself out" ;; *) ok "... and leaves the document itself out" ;; esac

# --page N is --offset (N-1) x --limit
a=$("$bin/zapisy-search" --db "$db" --json --limit 7 --page 3 zastupitelstvo | jq -c '[.offset, .hits[0].rank]')
[ "$a" = "[14,15]" ] && ok "--page 3 with --limit 7 starts at hit 15" || not_ok "--page counts pages of --limit" "$a"
echo "1..$n"
