#!/usr/bin/env bash
# Builds N minutes-like documents, deterministically, from a folder of real
# minutes: each output keeps the header of one source document (its year
# shifted) and continues with paragraphs drawn from all sources by a fixed
# pseudo-random sequence.  Same inputs, same N -> byte-identical output.
#   corpus/scale.sh SRC_DIR N OUT_DIR
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: corpus/scale.sh SRC_DIR N OUT_DIR" >&2; exit 2; }
src=$1 n=$2 out=$3
mkdir -p "$out"
files=$(find "$src" -name '*.txt' -type f | LC_ALL=C sort)
[ -n "$files" ] || { echo "scale.sh: no .txt files under $src" >&2; exit 1; }
# shellcheck disable=SC2086
LC_ALL=C awk -v n="$n" -v out="$out" '
  FNR == 1 { f++; line = 0 }
  {
    line++
    if (line <= 6) head[f] = head[f] $0 "\n"
    else if ($0 ~ /[^ \t\r]/) para[++np] = $0
  }
  END {
    seed = 12345
    for (i = 0; i < n; i++) {
      name = sprintf("%s/zapis-%06d.txt", out, i)
      base = i % f + 1
      shift = i % 15
      h = head[base]
      # move every 4-digit year 20xx by the same amount, keeping 20xx
      res = ""
      while (match(h, /20[0-2][0-9]/)) {
        y = substr(h, RSTART, 4) + 0
        y = 2005 + (y - 2005 + shift) % 21
        res = res substr(h, 1, RSTART - 1) y
        h = substr(h, RSTART + RLENGTH)
      }
      printf "%s", res h > name
      k = 8 + i % 13
      for (j = 0; j < k; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        printf "%s\n\n", para[seed % np + 1] > name
      }
      close(name)
    }
  }' $files
