#!/usr/bin/env bash
# Browser tests: index the samples, the real minutes and a few dozen
# generated ones into a temporary database, serve the page with lighttpd on
# a free loopback port, run tests/browser/search.test.mjs in headless
# Chromium, stop the server.  Screenshots land in build/screenshots/.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zapisy-browser.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

if [ ! -x /usr/bin/chromium ] || [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "not ok 1 - browser tests need chromium and playwright-core (make deps)"
  exit 1
fi
src=../shared/corpus/real
[ -d "$src" ] || src=corpus/seed
corpus/scale.sh "$src" 40 "$tmp/scaled" >/dev/null
extra=()
[ -d ../shared/corpus/real ] && extra=(../shared/corpus/real/*.txt)
bin/zapisy-index --quiet --db "$tmp/db" corpus/seed "${extra[@]}" "$tmp/scaled" || exit 1

port=$(( 20000 + RANDOM % 20000 ))
conf=$(tools/lighttpd.sh "$tmp/db" "$port" "$tmp/var")
/usr/sbin/lighttpd -D -f "$conf" &
pid=$!
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
mkdir -p build/screenshots
ZAPISY_URL="http://127.0.0.1:$port/" SCREENSHOTS="$root/build/screenshots" \
  node --test --test-reporter=tap tests/browser/search.test.mjs
