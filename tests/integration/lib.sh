# Shared helpers for integration tests: TAP-style "ok N - what" lines that
# tests/run.sh counts.  Source it; it sets $root, $bin and a $tmp dir.
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=$root/bin
shared=$root/../shared
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zapisy-it.XXXXXX")

# start_fcgi DB SOCKET: zapisy.cgi as a FastCGI process serving DB on
# SOCKET (a path under $tmp ending in .sock), stopped when the test ends.
start_fcgi() {
  ZAPISY_DB=$1 ZAPISY_TEMPLATES=$root/web/templates spawn-fcgi -s "$2" -P "$2.pid" -- "$bin/zapisy.cgi" >/dev/null ||
    { echo "not ok - spawn-fcgi could not start zapisy.cgi"; exit 1; }
}
# (spawn-fcgi writes its pid files without a newline: read them one by one)
stop_fcgis() { for f in "$tmp"/*.sock.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; }
trap 'stop_fcgis; rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); echo "not ok $n - $1"; shift
  for line in "$@"; do printf '#   %s\n' "$line"; done
}
skip() { echo "# skip: $1"; }

# run CMD...: runs it, keeping stdout in $out, stderr in $errout, status in $rc.
run() {
  out=$("$@" 2>"$tmp/stderr"); rc=$?
  errout=$(cat "$tmp/stderr")
}

# expect_rc WHAT CODE: the last run exited with CODE.
expect_rc() {
  if [ "$rc" -eq "$2" ]; then ok "$1"; else not_ok "$1" "exit status $rc, wanted $2" "stderr: $errout"; fi
}

# expect_in WHAT NEEDLE HAYSTACK
expect_in() {
  case "$3" in
    *"$2"*) ok "$1" ;;
    *) not_ok "$1" "wanted to find: $2" "in: ${3:0:600}" ;;
  esac
}

expect_not_in() {
  case "$3" in
    *"$2"*) not_ok "$1" "did not want: $2" "in: ${3:0:600}" ;;
    *) ok "$1" ;;
  esac
}

# search DB QUERY...: runs zapisy-search --json.
search() { local db=$1; shift; run "$bin/zapisy-search" --db "$db" --json "$@"; }

# expect_first DB QUERY FILE WORD...: QUERY's first hit is FILE (basename)
# and its snippet marks every WORD (exactly, as written in the text).
expect_first() {
  local db=$1 q=$2 file=$3; shift 3
  search "$db" "$q"
  local first marks
  first=$(printf '%s' "$out" | jq -r '.hits[0].path // ""' 2>/dev/null)
  marks=$(printf '%s' "$out" | jq -r '.hits[0].highlights | join("|")' 2>/dev/null)
  if [ "$rc" -ne 0 ] || [ "$(basename "$first")" != "$file" ]; then
    not_ok "'$q' ranks $file first" "exit $rc, first: $first" "stderr: $errout"
    return
  fi
  ok "'$q' ranks $file first"
  for w in "$@"; do
    case "|$marks|" in
      *"|$w|"*) ok "'$q' snippet marks $w" ;;
      *) not_ok "'$q' snippet marks $w" "marked: $marks" ;;
    esac
  done
}

# as_nobody_possible: root reads everything, so unreadable files and folders
# are tested as nobody -- when this runs as root, runuser is there and
# nobody can run the binaries.
as_nobody_possible() {
  [ "$(id -u)" = 0 ] && command -v runuser >/dev/null && runuser -u nobody -- test -x "$bin/zapisy-index"
}
