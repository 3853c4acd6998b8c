#!/usr/bin/env bash
# Every format and encoding a town's archive holds, made here from known
# Czech text: the text must come out with its diacritics and be found by a
# folded query.  And the broken ones: named, with their reason.
. "$(dirname "$0")/lib.sh"
. "$root/tests/fixtures/make.sh"

mkpdf=$root/build/tools/mkpdf
src=$tmp/src
mkdir -p "$src"
TEXT='Zápis z jednání Pracovní skupiny Senioři
Dne: 14. 3. 2017
Skupina se shodla na obnovení odborného sociálního poradenství pro cizince v rámci organizace Žebřík.
Úkoly: P. Kolářiková zašle zápis do 22. 3. 2017.'

# Plain text in every encoding.
printf '%s\n' "$TEXT" > "$src/utf8.txt"
{ printf '\xef\xbb\xbf'; printf '%s\n' "$TEXT"; } > "$src/utf8-bom.txt"
printf '%s\n' "$TEXT" | iconv -f UTF-8 -t UTF-16 > "$src/utf16.txt"
printf '%s\n' "$TEXT" | iconv -f UTF-8 -t WINDOWS-1250 > "$src/cp1250.txt"
printf '%s\n' "$TEXT" | iconv -f UTF-8 -t ISO-8859-2 > "$src/latin2.txt"
printf '%s\nObnovení poradenství & podpora <Žebřík>\n' "$TEXT" > "$tmp/text.txt"
make_html_cp1250 "$tmp/text.txt" "$src/page.html"
make_docx "$tmp/text.txt" "$src/zapis.docx"
make_odt "$tmp/text.txt" "$src/zapis.odt"
# PDF: one column with a hyphenated line end, and two columns on one page.
{ printf '%s\n' "$TEXT" | head -2; echo 'Skupina se shodla na obnovení odborného sociálního poraden-'
  echo 'ství pro cizince v rámci organizace Žebřík.'; } | "$mkpdf" "$src/zapis.pdf"
printf 'Levý sloupec: Žebřík\nzačíná zde\nPravý sloupec: Prostějov\nkončí zde\n' | "$mkpdf" "$src/sloupce.pdf" --columns
make_rtf_cp1250 "$tmp/text.txt" "$src/zapis.rtf"
# DOC: a Word 97 file the project made (tests/fixtures/README.md says how).
cp "$root/tests/fixtures/zapis.doc" "$src/zapis.doc"
# RTF as Word (code page bytes), LibreOffice (\uN with \'xx fallbacks) and
# pandoc (\uN with ? fallbacks) write it.
for style in word libreoffice pandoc; do cp "$root/tests/fixtures/rtf-$style.rtf" "$src/rtf-$style.rtf"; done
# Minutes that quote tags: libmagic says "HTML", but text is text unless it
# opens like a page -- the tags stay visible words.
printf 'Zápis z jednání Rady\nOdbor IT navrhl upravit web: odstavce <p> a zalomení <br> v šabloně,\ntučné <b>Žebřík</b> a odkazy <a href="x">.\n' > "$src/tagy.txt"
# Markdown with a front matter, as a party's decisions are kept: a heading
# without its space, emphasis, a link, an entity, inline HTML -- and a
# stray tag that must not make libmagic's "HTML" of it.
cat > "$src/rozhodnuti.md" <<'MD'
---
typ:          rozhodnutí
název:        Obnovení poradenství pro cizince
platnost:     2014-02-06
---
#Obnovení poradenství

Republikový výbor **schvaluje** obnovení odborného&nbsp;poradenství v organizaci [Žebřík](http://example.org/zebrik).<br>
Hlasování: pro 7, proti 0, zdržel se 1
MD

run "$bin/zapisy-index" --db "$tmp/db" "$src"
expect_rc "every format and encoding indexes cleanly" 0
expect_in "... all 17 files" "indexed 17, unchanged 0, removed 0, skipped 0, failed 0" "$out"

# found_with_text FILE QUERY TEXT: QUERY finds FILE, whose snippet has TEXT.
found_with_text() {
  search "$tmp/db" --limit 50 "$2"
  local snip
  snip=$(printf '%s' "$out" | jq -r --arg f "$1" '.hits[] | select(.path | endswith("/" + $f)) | .snippet')
  if [ -z "$snip" ]; then not_ok "$1: '$2' finds it" "$out"; return; fi
  ok "$1: '$2' finds it"
  expect_in "$1: its text keeps the diacritics" "$3" "$snip"
}
for f in utf8.txt utf8-bom.txt utf16.txt cp1250.txt latin2.txt zapis.docx zapis.odt zapis.pdf; do
  found_with_text "$f" 'zebrik poradenstvi' 'organizace Žebřík'
done
found_with_text page.html 'zebrik' 'Obnovení poradenství & podpora <Žebřík>'
found_with_text zapis.rtf 'zebrik' 'organizace Žebřík'
found_with_text zapis.doc 'zebrik' 'organizace Žebřík'
search "$tmp/db" '"skryty skript" OR "tajny skript" OR color'
expect_rc "HTML scripts and styles are not indexed" 1
found_with_text zapis.pdf '"sociálního poradenství"' 'sociálního poradenství pro cizince'
search "$tmp/db" 'poraden'
expect_in "a word hyphenated at a PDF line end is joined again: no document has the fragment (the search relaxes to its relatives)" '"related":[{"word":"poraden"' "$out"
search "$tmp/db" --json sloupec
snip=$(printf '%s' "$out" | jq -r '.hits[0].snippet')
case "$snip" in
  *"Levý sloupec: Žebřík začíná zde Pravý sloupec: Prostějov končí zde"*) ok "a two-column PDF page reads column by column" ;;
  *) not_ok "a two-column PDF page reads column by column" "$snip" ;;
esac
search "$tmp/db" --json zebrik
expect_in "metadata comes from every format too (the date of the DOCX)" '"date":"2017-03-14"' "$out"

found_with_text tagy.txt 'sablone zebrik' 'tučné <b>Žebřík</b> a odkazy <a href="x">'

# RTF: every letter after a \uN kept, its fallback not doubled.
for style in word libreoffice pandoc; do
  found_with_text "rtf-$style.rtf" 'evropsky socialni fond zebrik' \
    'Evropský sociální fond podpoří organizaci Žebřík: „obnovení poradenství“ – schváleno.'
done

# Markdown: read as Markdown, front matter as its fields, no markup left.
search "$tmp/db" --limit 1 'title:obnoveni poradenstvi'
md=$(jq -c '.hits[0]' <<< "$out")
expect_in "Markdown: the title is the front matter's" '"title":"Obnovení poradenství pro cizince"' "$md"
expect_in "... the date is its platnost" '"date":"2014-02-06"' "$md"
snip=$(jq -r '.snippet' <<< "$md")
expect_in "... the snippet is the text" 'schvaluje obnovení odborného' "$snip"
for mark in '**' '](' 'http' '<br' '&nbsp;' '#Obnov' 'platnost:'; do
  expect_not_in "... with no '$mark' in the snippet" "$mark" "$snip"
done
expect_in "... its resolution has the vote" '"verb":"schvaluje","votes":{"for":7,"against":0,"abstain":1},"passed":true' "$md"
search "$tmp/db" nbsp
expect_rc "an entity is no word (nbsp finds nothing)" 1

# Broken and hostile files: one message each, naming the file and the reason.
bad=$tmp/bad
mkdir -p "$bad"
head -c $(( $(stat -c %s "$src/zapis.pdf") / 2 )) "$src/zapis.pdf" > "$bad/truncated.pdf"
printf '%%PDF-1.4\n%%garbage\n' > "$bad/garbage.pdf"
"$mkpdf" "$bad/scan.pdf" --no-text < /dev/null
printf 'PK\003\004 not really a zip' > "$bad/corrupt.docx"
# A zip bomb: 200 MB of zeros as the document part.
# A zip bomb: the document part replaced by 200 MB of zeros (packs to ~200 KB).
mkdir -p "$tmp/bomb/word"
head -c $((200 * 1024 * 1024)) /dev/zero > "$tmp/bomb/word/document.xml"
cp "$src/zapis.docx" "$bad/bomb.docx"
(cd "$tmp/bomb" && zip -q -9 "$bad/bomb.docx" word/document.xml)
rm -rf "$tmp/bomb"
printf '{\\rtf1 neuzavřené' > "$bad/broken.rtf"
printf 'Zápis o Žebříku\n' > "$bad/$(printf 'divn\xe9 jm\xe9no.txt')"
{ head -c 1000 "$root/corpus/seed/prostejov-mensiny-a-cizinci.txt"; printf '\0'; tail -c +1001 "$root/corpus/seed/prostejov-mensiny-a-cizinci.txt"; } > "$bad/nul.txt"
run "$bin/zapisy-index" --db "$tmp/db-bad" "$bad"
expect_rc "a tree with broken files exits 1" 1
expect_in "a truncated PDF is named as corrupt" "truncated.pdf: corrupt or unreadable PDF" "$errout"
expect_in "a garbage PDF is named as corrupt" "garbage.pdf: " "$errout"
expect_in "a PDF without text is named as a scan" "scan.pdf: PDF without text (scanned?)" "$errout"
expect_in "a corrupt DOCX is named" "corrupt.docx: " "$errout"
expect_in "a zip bomb is refused" "bomb.docx: corrupt DOCX document (word/document.xml would unpack to 200 MB" "$errout"
search "$tmp/db-bad" zebrik
expect_in "a file with odd bytes in its name is indexed and found" "divn" "$out"
printf '%s' "$out" | jq -e . >/dev/null && ok "... and the JSON stays valid" || not_ok "the JSON stays valid with an odd file name" "$out"
expect_in "a file with a NUL byte is indexed" "nul.txt" "$out"
echo "1..$n"
