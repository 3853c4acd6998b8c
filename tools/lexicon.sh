#!/usr/bin/env bash
# Builds the Czech lexicon (every word form of hunspell-cs with its lemma)
# into OUT, the compact file lib/lemma.c maps.  hunspell-tools' unmunch
# expands each dictionary entry with the affix rules; a flagless sentinel
# line after each entry marks where one lemma's forms end.  Forms that carry
# a continuation class ("Novákův/Y|": the possessive declines further) are
# expanded in a second pass and keep the lemma of their entry.
# Passive participles (flag T: "schválen", "schválena") are adjectives of
# their own in Czech grammar: they are expanded apart, after a marker line,
# and take their first form as lemma -- and the verb's as a second reading,
# so "schváleno" is found by "schválit" and "schválen" by both.
# Suppletive forms (je, byl -> být; lidé -> člověk) get their lemma from
# tools/lexicon-irregular.tsv, since the dictionary does not link them.
#   tools/lexicon.sh BUILDER OUT [DIC AFF]
set -euo pipefail
builder=$1 out=$2
dic=${3:-/usr/share/hunspell/cs_CZ.dic}
aff=${4:-/usr/share/hunspell/cs_CZ.aff}
for f in "$dic" "$aff"; do
  [ -r "$f" ] || { echo "lexicon: $f is missing (Debian package hunspell-cs: make deps)" >&2; exit 1; }
done
command -v unmunch >/dev/null || { echo "lexicon: unmunch is missing (Debian package hunspell-tools: make deps)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sep=ZZLEXSEP
der=ZZLEXDER
irregular=$(dirname "$0")/lexicon-irregular.tsv

# one entry, then the sentinel: unmunch prints the entry's forms between
# them; an entry with participles a second time with only those flags
with_sentinels() {
  awk -v sep="$sep" -v der="$der" 'NR == 1 && /^[0-9]+$/ { next }
    !NF { next }
    {
      slash = index($0, "/")
      if (slash == 0 || index(substr($0, slash + 1), "T") == 0) { print; print sep; next }
      word = substr($0, 1, slash - 1); flags = substr($0, slash + 1)
      rest = flags; gsub(/T/, "", rest)
      print (rest == "" ? word : word "/" rest); print sep
      print der; print sep
      print word "/T" (index(flags, "N") ? "N" : ""); print sep
    }' "$1" > "$tmp/body"
  { wc -l < "$tmp/body"; cat "$tmp/body"; } > "$2"
}

with_sentinels "$dic" "$tmp/pass1.dic"
unmunch "$tmp/pass1.dic" "$aff" 2>/dev/null > "$tmp/pass1.out"

# pass 1: "form<TAB>lemma"; forms with a continuation class wait for pass 2
awk -v sep="$sep" -v der="$der" -v cont="$tmp/pass2.body" -v lemmas="$tmp/pass2.lemmas" -v irr="$irregular" '
  BEGIN {
    FS = "\t"
    while ((getline line < irr) > 0) {
      if (line ~ /^#/ || line == "") continue
      n = split(line, f, "\t")
      of[f[1]] = f[2]
      for (i = 3; i <= n; i++) of[f[1]] = of[f[1]] "\t" f[i]
    }
  }
  $0 == der { pending = 1; next }
  $0 == sep { lemma = ""; root = ""; participles = pending; pending = 0; next }
  participles && root == "" { root = $0; sub(/\/.*/, "", root); next }
  participles && ($0 == root || $0 == "ne" root) { next }
  participles && lemma == "" { lemma = $0; sub(/\/.*/, "", lemma); lemma = lemma "\t" ((root in of) ? of[root] : root) }
  lemma == "" { split($0, a, "/"); lemma = (a[1] in of) ? of[a[1]] : a[1] }
  index($0, "/") { sub(/\|$/, ""); print > cont; print sep > cont; print lemma > lemmas; next }
  { n = split(lemma, l, "\t"); for (i = 1; i <= n; i++) print $0 "\t" l[i] }' "$tmp/pass1.out" > "$tmp/forms.tsv"

if [ -s "$tmp/pass2.body" ]; then
  { wc -l < "$tmp/pass2.body"; cat "$tmp/pass2.body"; } > "$tmp/pass2.dic"
  unmunch "$tmp/pass2.dic" "$aff" 2>/dev/null |
    awk -v sep="$sep" -v lemmas="$tmp/pass2.lemmas" '
      BEGIN { getline lemma < lemmas }
      $0 == sep { if ((getline lemma < lemmas) <= 0) lemma = ""; next }
      index($0, "/") { sub(/\/.*/, "") }
      lemma != "" { n = split(lemma, l, "\t"); for (i = 1; i <= n; i++) print $0 "\t" l[i] }' >> "$tmp/forms.tsv"
fi

"$builder" "$out" < "$tmp/forms.tsv"
