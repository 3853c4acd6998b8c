#!/usr/bin/env bash
# Runs every test -- unit tests (plain and under ASan+UBSan), integration
# tests of the binaries and the CGI, browser tests, a short run of every
# fuzz target -- and ends with one line
# "N passed, N failed".  Exits non-zero on
# any failure.  Run by `make test` from the project root.
set -u
cd "$(dirname "$0")/.."
log=$(mktemp -d "${TMPDIR:-/tmp}/zapisy-tests.XXXXXX")
trap 'rm -rf "$log"' EXIT
passed=0 failed=0

# count NAME FILE STATUS: adds the ok/not ok lines of FILE; a run that died
# without reporting a failure (a crash, a sanitizer abort) counts as one.
count() {
  local name=$1 file=$2 status=$3 p f
  p=$(grep -c '^ok ' "$file")
  f=$(grep -c '^not ok ' "$file")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
    echo "not ok - $name exited with status $status" >> "$file"
  fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then
    echo "FAIL $name ($p passed, $f failed)"
    grep -v '^ok ' "$file" | sed 's/^/    /'
  else
    echo "ok   $name ($p passed)"
  fi
}

export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in build/tests/test_* build/tests/san/test_*; do
  [ -x "$t" ] || continue
  "$t" > "$log/out" 2>&1; count "${t#build/tests/}" "$log/out" $?
done
for t in tests/integration/test_*.sh; do
  bash "$t" > "$log/out" 2>&1; count "$t" "$log/out" $?
done
bash tests/browser/run.sh > "$log/out" 2>&1; count "tests/browser (screenshots in build/screenshots)" "$log/out" $?
# every libFuzzer target for a few seconds: a smoke test (make fuzz runs them long)
bash tests/fuzz/run.sh "${FUZZ_SMOKE_SECONDS:-3}" > "$log/out" 2>&1; count "tests/fuzz (smoke, ${FUZZ_SMOKE_SECONDS:-3} s a target)" "$log/out" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
