#!/usr/bin/env bash
# make run: index the sample minutes into the database, show a search on
# the command line, then serve the search page on http://127.0.0.1:8080/
# with lighttpd until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-var/db}
port=${PORT:-8080}
mkdir -p "$(dirname "$db")"
bin/zapisy-index --db "$db" corpus/seed
echo
echo "\$ bin/zapisy-search --db $db zebrik"
bin/zapisy-search --db "$db" zebrik || true
conf=$(tools/lighttpd.sh "$db" "$port")
echo "Search page: http://127.0.0.1:$port/   (Ctrl-C stops it)"
exec /usr/sbin/lighttpd -D -f "$conf"
