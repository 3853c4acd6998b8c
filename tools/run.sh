#!/usr/bin/env bash
# make run: index the sample minutes into the database and show a search.
# (The search page for the browser comes with the web front end.)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-var/db}
mkdir -p "$(dirname "$db")"
bin/zapisy-index --db "$db" corpus/seed
echo
for q in zebrik '"odborné sociální poradenství"'; do
  echo "\$ bin/zapisy-search --db $db $q"
  bin/zapisy-search --db "$db" "$q" || true
done
echo "Search it yourself:  bin/zapisy-search --db $db WORDS...   (bin/zapisy-search --help)"
