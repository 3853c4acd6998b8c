#!/usr/bin/env bash
# Browser tests: index the samples, the real minutes and a few dozen
# generated ones into a temporary database, serve the page with lighttpd on
# a free loopback port, run tests/browser/search.test.mjs in headless
# Chromium, stop the server -- once with zapisy.cgi as FastCGI processes
# (as make run serves it), once as a plain CGI.  Screenshots land in
# build/screenshots/ (FastCGI) and build/screenshots/cgi/.
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

status=0
for mode in fastcgi cgi; do
  port=$(( 20000 + RANDOM % 20000 ))
  conf=$(tools/lighttpd.sh "$tmp/db" "$port" "$tmp/var-$mode" "$mode")
  /usr/sbin/lighttpd -D -f "$conf" &
  pid=$!
  for _ in $(seq 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
  done
  shots=$root/build/screenshots
  [ "$mode" = cgi ] && shots=$shots/cgi
  mkdir -p "$shots"
  echo "# zapisy.cgi as $mode"
  ZAPISY_URL="http://127.0.0.1:$port/" SCREENSHOTS="$shots" \
    node --test --test-reporter=tap tests/browser/search.test.mjs || status=1
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=""
done
exit $status
