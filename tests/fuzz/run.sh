#!/usr/bin/env bash
# Runs libFuzzer targets: tests/fuzz/run.sh SECONDS [TARGET...] (all by
# default).  Each gets a corpus in build/fuzz/corpus/TARGET, seeded the
# first time from the project's samples and fixtures and, when they are
# here, the real archives in ../shared/corpus.  A finding (crash, leak,
# sanitizer report, timeout, out of memory) is kept in build/fuzz/findings
# and fails the run.  Ends with "N passed, N failed" (one line a target).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-10}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(analyse query meta snippet params docdata text html markdown rtf office)
shared=../shared/corpus
mkdir -p build/fuzz/findings
passed=0 failed=0

seed() {   # seed TARGET DIR
  local t=$1 dir=$2
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
  mkdir -p "$dir"
  case $t in
    query) printf '%s' 'zebrik cizinci' > "$dir/1"; printf '%s' '"odborné sociální" OR (deti AND rok:2019) -porad*' > "$dir/2"
           printf '%s' 'mesto:"praha 7" org:OPU title:zapis' > "$dir/3" ;;
    params) printf '%s' 'q=zebrik&rok=2019&strana=2&razeni=-datum' > "$dir/1"; printf '%s' 'q=%C5%BEeb%C5%99%C3%ADk&mesto=Ostrava&format=json' > "$dir/2" ;;
    rtf) cp tests/fixtures/rtf-*.rtf "$dir/" ;;
    office) cp tests/fixtures/zapis.doc "$dir/" 2>/dev/null || true ;;
    *) cp corpus/seed/*.txt "$dir/"
       if [ -d "$shared/archive" ]; then
         for f in $(ls "$shared/archive"/*.txt | head -40); do cp "$f" "$dir/"; done
       fi
       [ -d "$shared/real" ] && cp "$shared/real"/*.txt "$dir/" ;;
  esac
}

for t in "${targets[@]}"; do
  bin=build/fuzz/fuzz_$t
  if [ ! -x "$bin" ]; then echo "not ok - fuzz_$t: not built (make build/fuzz/fuzz_$t)"; failed=$((failed + 1)); continue; fi
  corpus=build/fuzz/corpus/$t
  seed "$t" "$corpus"
  maxlen=65536
  [ "$t" = meta ] && maxlen=4000000   # megabytes, so a super-linear cost shows as a timeout
  log=build/fuzz/$t-${secs}s.log   # a smoke run does not overwrite a long run's figures
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$bin" "$corpus" -max_total_time="$secs" -max_len=$maxlen -timeout=25 -rss_limit_mb=2560 \
      -artifact_prefix=build/fuzz/findings/$t- -print_final_stats=1 > "$log" 2>&1
  rc=$?
  runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  if [ $rc -eq 0 ]; then
    echo "ok - fuzz_$t: ${runs:-?} runs in ${secs} s, no finding"; passed=$((passed + 1))
  else
    echo "not ok - fuzz_$t: finding (exit $rc), see $log and build/fuzz/findings/"; failed=$((failed + 1))
    grep -aE 'ERROR|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/#   /'
  fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
