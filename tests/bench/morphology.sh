#!/usr/bin/env bash
# make bench, Czech morphology: the dictionary's lemmas beside the light
# stemmer alone (the analysis before them), measured in the same run --
# on ../shared/lemmas, on analysis throughput (Praha 7 text, one core) and
# on what typical queries find in the real minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared
work=build/bench/morphology
rm -rf "$work"; mkdir -p "$work"
none=$work/no-lexicon   # a lexicon path that does not exist: the light stemmer alone

echo "goal: conflation >= 85 % with <= 5 % of stems merging lemmas (../shared/lemmas);"
echo "      analysis throughput not below the analysis before the dictionary (12.5 MB/s median on this text, docs/stemmer.md)"
if [ -f "$shared/lemmas/cs-forms-lemmas.tsv" ]; then
  build/tools/stem-eval "$shared/lemmas/cs-forms-lemmas.tsv"
else
  echo "stemmer: ../shared/lemmas absent, skipped"
fi
ls -l build/cs.lex | awk '{ printf "lexicon: %s, %.1f MB\n", $9, $5 / 1048576 }'

text=build/praha7/text
if [ -d "$text" ]; then
  find "$text" -type f -name '*.txt' | sort | awk 'NR <= 5000' > "$work/files"
  build/tools/analyse-bench - < "$work/files"
  ZAPISY_LEXICON=$none build/tools/analyse-bench - < "$work/files"
fi

if [ -d "$shared/corpus/real" ]; then
  dirs=("$shared/corpus/archive" "$shared/corpus/real" corpus/seed)
  bin/zapisy-index --quiet --db "$work/db-lemmas" "${dirs[@]}"
  ZAPISY_LEXICON=$none bin/zapisy-index --quiet --db "$work/db-stems" "${dirs[@]}"
  for i in 1 2 3; do
    t0=$(date +%s.%N); bin/zapisy-search --db "$work/db-lemmas" --limit 1 cizinci >/dev/null; t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "a whole zapisy-search run (start, map the lexicon, search, exit): %.1f ms\n", (b - a) * 1000 }'
  done
  echo "queries typed without diacritics on archive + real + seed ($(du -sh "$work/db-lemmas" | cut -f1) index with lemmas, $(du -sh "$work/db-stems" | cut -f1) with stems):"
  printf '%-26s %8s %8s\n' query stems lemmas
  for q in rozpocet obec zastupitelstvo dotace smlouva usneseni starosta cizinec senior \
           'socialni sluzby' dite rodina pozemek zadost komise clovek 'den' 'byl schvalen' \
           'odborne poradenstvi' uprchlik mesto 'pracovni skupina' 'rada obce' 'nakup' 'prodej pozemku'; do
    a=$(ZAPISY_LEXICON=$none bin/zapisy-search --db "$work/db-stems" --json --limit 0 "$q" | jq .total)
    b=$(bin/zapisy-search --db "$work/db-lemmas" --json --limit 0 "$q" | jq .total)
    printf '%-26s %8s %8s\n' "$q" "$a" "$b"
  done
fi
