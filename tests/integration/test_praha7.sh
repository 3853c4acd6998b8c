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
echo "1..$n"
