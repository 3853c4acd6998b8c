#!/usr/bin/env bash
# zapisy-index on bad input: each problem file is named with its reason,
# everything else is indexed, and the exit status says something was wrong.
. "$(dirname "$0")/lib.sh"

src=$tmp/src
mkdir -p "$src/sub dir"
cp "$root/corpus/seed/prostejov-mensiny-a-cizinci.txt" "$src/sub dir/zápis s mezerou.txt"
head -c 4096 "$bin/zapisy-index" > "$src/program.txt"                # binary with a .txt name
# UTF-8 minutes with two stray bytes (a bad copy, a broken download)
{ head -c 600 "$root/corpus/seed/ostrava-deti-a-rodina.txt"; printf '\xff\xfe'; tail -c +601 "$root/corpus/seed/ostrava-deti-a-rodina.txt"; } > "$src/damaged.txt"
: > "$src/empty.txt"
ln -s "$src" "$src/loop"                                               # symlink loop

run "$bin/zapisy-index" --db "$tmp/db" "$src"
expect_rc "a tree with problem files exits 1" 1
expect_in "the binary file is named as binary" "program.txt: binary file" "$errout"
expect_in "damaged UTF-8 is repaired and reported" "damaged.txt: 2 invalid UTF-8 sequences replaced" "$errout"
expect_in "an empty file is reported" "empty.txt: empty file" "$errout"
expect_in "the summary counts indexed and skipped files" "indexed 2, unchanged 0, removed 0, skipped 2, failed 0 (1 repaired)" "$out"

search "$tmp/db" zebrik
expect_in "a file with spaces in its name is indexed and found" "zápis s mezerou.txt" "$out"
search "$tmp/db" uprchlikum
expect_in "the damaged file is still found by its intact words" "damaged.txt" "$out"

run "$bin/zapisy-index" --db "$tmp/db" "$tmp/does-not-exist"
expect_rc "a missing path exits 1" 1
expect_in "... and is named" "does-not-exist: No such file or directory" "$errout"

run "$bin/zapisy-index" --db "$tmp/db" --max-size 0 "$src"
expect_rc "a bad --max-size exits 2" 2
mkdir -p "$tmp/big"
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$tmp/big/velky.txt"
run "$bin/zapisy-index" --db "$tmp/db" --max-size 1 "$tmp/big"
expect_in "a file over the size limit is refused by name" "velky.txt: too large (2 MB, the limit is 1 MB" "$errout"

run "$bin/zapisy-index" --db "$tmp/db"
expect_rc "no path exits 2" 2
printf 'not a database\n' > "$tmp/plainfile"
run "$bin/zapisy-index" --db "$tmp/plainfile" "$src"
expect_rc "a database path that is a file exits 2" 2
expect_in "... with a message naming it" "plainfile" "$errout"
# Unreadable files and directories: root reads everything, so run as nobody.
if as_nobody_possible; then
  perm=$tmp/perm
  mkdir -p "$perm/src/closed"
  chmod 777 "$perm"
  printf 'Zápis o Žebříku\n' > "$perm/src/ok.txt"
  printf 'tajné\n' > "$perm/src/secret.txt"
  printf 'uvnitř\n' > "$perm/src/closed/inner.txt"
  chmod 000 "$perm/src/secret.txt" "$perm/src/closed"
  chmod 755 "$perm/src"
  chmod 755 "$tmp"
  run runuser -u nobody -- "$bin/zapisy-index" --db "$perm/db" "$perm/src"
  expect_rc "unreadable files exit 1" 1
  expect_in "an unreadable file is named" "secret.txt: cannot open: Permission denied" "$errout"
  expect_in "an unreadable directory is named" "closed: cannot read directory: Permission denied" "$errout"
  expect_in "... and the readable file is indexed" "indexed 1," "$out"
  chmod -R 755 "$perm/src"
else
  skip "not root or no runuser, or nobody cannot reach bin/: unreadable-file cases not run"
fi
echo "1..$n"
