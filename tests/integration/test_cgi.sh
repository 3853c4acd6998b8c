#!/usr/bin/env bash
# zapisy.cgi run as a web server runs it: QUERY_STRING in, status, headers
# and page out.  Bad input of every kind gets a friendly Czech page with
# the right status, never a 500 or a crash.  ZAPISY_WEB_MODE=fastcgi
# (tests/integration/test_fastcgi.sh) runs the very same requests against
# long-running FastCGI processes (spawn-fcgi) through cgi-fcgi.
. "$(dirname "$0")/lib.sh"

db=$tmp/db
"$bin/zapisy-index" --db "$db" "$root/corpus/seed" >/dev/null
export ZAPISY_DB=$db ZAPISY_TEMPLATES=$root/web/templates
mode=${ZAPISY_WEB_MODE:-cgi}

# FastCGI: one process for the database, one for a missing one (a process
# reads ZAPISY_DB when it starts), stopped when the test ends.
if [ "$mode" = fastcgi ]; then
  start_fcgi "$db" "$tmp/fcgi.sock"
  start_fcgi "$tmp/nowhere" "$tmp/fcgi-nowhere.sock"
fi

# serve: one request to zapisy.cgi, as CGI or through FastCGI.
serve() {
  if [ "$mode" = fastcgi ]; then
    local sock=$tmp/fcgi.sock
    case $ZAPISY_DB in
      "$db") ;;
      "$tmp/big-db") sock=$tmp/fcgi-big.sock ;;
      *) sock=$tmp/fcgi-nowhere.sock ;;
    esac
    cgi-fcgi -bind -connect "$sock"
  else
    "$bin/zapisy.cgi"
  fi
}

# cgi QUERY_STRING [METHOD]: runs the CGI; $status, $headers, $body.
cgi() {
  local raw
  raw=$(REQUEST_METHOD=${2:-GET} QUERY_STRING=$1 serve 2>"$tmp/cgi-stderr"; echo "rc=$?")
  cgi_rc=${raw##*rc=}
  raw=${raw%rc=*}
  headers=${raw%%$'\r\n\r\n'*}
  body=${raw#*$'\r\n\r\n'}
  status=$(printf '%s' "$headers" | sed -n 's/^Status: \([0-9]*\).*/\1/p' | head -1)
}
expect_status() {
  if [ "$status" = "$2" ] && [ "$cgi_rc" = 0 ]; then ok "$1"; else not_ok "$1" "status $status (exit $cgi_rc), wanted $2" "${body:0:300}"; fi
}

cgi ""
expect_status "the empty query shows the start page" 200
expect_in "... in Czech, with query examples" "Jak hledat" "$body"
expect_in "... with a labelled search box" '<label for="q">Hledat v zápisech</label>' "$body"
expect_in "the page is HTML in UTF-8" "Content-Type: text/html; charset=utf-8" "$headers"
expect_in "the page forbids inline script" "Content-Security-Policy: default-src 'none'; style-src 'self'" "$headers"
expect_in "the page says nosniff" "X-Content-Type-Options: nosniff" "$headers"

cgi "q=zebrik"
expect_status "zebrik finds results" 200
expect_in "... the Prostějov minutes" "Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci" "$body"
expect_in "... with the word marked in the original text" "<mark>Žebříku</mark>" "$body"
expect_in "... with the meeting date" '<time datetime="2019-01-11">11. 1. 2019</time>' "$body"
expect_in "... and the town facet" '<a href="?q=zebrik&amp;mesto=Prost%C4%9Bjov">Prostějov</a>' "$body"
expect_in "... and the timeline" '<a href="?q=zebrik&amp;rok=2019">2019</a>' "$body"
expect_not_in "the page has no inline script" "<script" "$body"
expect_in "the search box keeps the query" 'value="zebrik"' "$body"

cgi "q=cizinci&mesto=Prost%C4%9Bjov"
expect_in "a town filter narrows the hits to one" "1 zápis, zobrazeno 1–1" "$body"
expect_in "... and is shown with a link that removes it" 'aria-label="Zrušit filtr Obec Prostějov"' "$body"
cgi "q=cizinci&rok=2025"
expect_in "a year filter keeps Ostrava only" "DĚTI A RODINA" "$body"
expect_not_in "... not Prostějov" "Národnostní menšiny a cizinci</a>" "$body"

cgi "q=zebrik&format=json"
expect_status "format=json answers" 200
expect_in "... as JSON" "Content-Type: application/json; charset=utf-8" "$headers"
same=$("$bin/zapisy-search" --db "$db" --json --facets --timeline --group zebrik)
[ "$(printf '%s' "$body" | jq -c .)" = "$(printf '%s' "$same" | jq -c .)" ] && ok "... the very JSON the CLI prints" || not_ok "the CGI's JSON is the CLI's" "$body" "$same"

cgi "q=zebrk"
expect_in "a misspelt query offers the correction as a link, as the minutes write it" '<p class="suggest">Měli jste na mysli <a href="?q=%C5%BDeb%C5%99%C3%ADk">Žebřík</a>?</p>' "$body"

cgi "q=poradenstv%C3%AD+xyzzyq"
expect_status "a query no document fully matches still answers" 200
expect_in "... says that no minutes have all the words, the missing one struck out" '<p class="relaxed">Žádný zápis neobsahuje všechna slova; výsledky pro: poradenství <s>xyzzyq</s></p>' "$body"
expect_in "... and shows what the other words find" '<li class="hit' "$body"

cgi "mesto=ostrava"
expect_status "a filter without a query searches" 200
expect_in "... and finds the town's minutes" "DĚTI A RODINA" "$body"

cgi "q=OPU"
expect_in "OPU finds the Ostrava minutes" "DĚTI A RODINA" "$body"

# Documents: a page to read, the original as archived -- by id, from the index only.
id=$(printf '%s' "$same" | jq -r '.hits[0].id')
cgi "q=zebrik"
expect_in "a hit links to its document's page, with the query" "?q=zebrik&amp;doc=$id" "$body"
cgi "q=zebrik&doc=$id"
expect_status "the document's page opens" 200
expect_in "... with its title as the heading" '<h1 id="nazev">Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci</h1>' "$body"
expect_in "... its date, town and body" '<time datetime="2019-01-11">11. 1. 2019</time> · Prostějov · Pracovní skupina' "$body"
expect_in "... its organisations" '<p class="orgs">Organizace: ' "$body"
expect_in "... its decisions and tasks, with owner and deadline" 'úkol pro Členové PS · termín 22. 2. 2019' "$body"
expect_in "... every match marked, the first with an anchor" '<mark id="v1">Žebříku</mark>' "$body"
expect_in "... and a jump to the next" '<a class="next" href="#v2" title="další výskyt"' "$body"
expect_in "... the last one marked too" '<mark id="v3">Žebřík</mark>' "$body"
expect_not_in "... with no jump past the last" 'href="#v4"' "$body"
expect_in "... paragraphs and lines of the original kept" '<p>Evropská unie<br>' "$body"
expect_in "... a way back to the results" '<a href="?q=zebrik">← zpět na výsledky</a>' "$body"
expect_in "... and a link to the original" "?doc=$id&amp;original=1" "$body"
expect_not_in "... no inline script" "<script" "$body"
cgi "doc=$id"
expect_status "the page opens without a query too" 200
expect_not_in "... then nothing is marked" "<mark" "$body"
cgi "doc=$id&original=1"
expect_status "the original is served as archived" 200
expect_in "... as UTF-8 text" "Content-Type: text/plain; charset=utf-8" "$headers"
expect_in "... with its content" "organizace Žebřík" "$body"
expect_in "... under its own name" "Content-Disposition: inline; filename*=UTF-8''prostejov-mensiny-a-cizinci.txt" "$headers"
expect_in "... sandboxed" "sandbox" "$headers"
cgi "doc=Q0000000000000000"
expect_status "an unknown document id is 404" 404
cgi "doc=Q0000000000000000&original=1"
expect_status "... its original too" 404
cgi "doc=../../etc/passwd&original=1"
expect_status "a path instead of an id is 404, never a file" 404
expect_not_in "... and shows no file" "root:" "$body"
cgi "doc=../../etc/passwd"
expect_status "... on the page too" 404

# Bad input: a friendly Czech page with the right status.
long=$(head -c 2000 /dev/zero | tr '\0' 'a')
for case in "q=$long|400|příliš dlouhý" \
            "q=%ZZ|400|neplatně zakódované" \
            "q=%C3|400|neplatně zakódované" \
            "q=a%00b|400|neplatně zakódované" \
            "q=%E1pis|400|neplatně zakódované" \
            "q=AND+AND|400|alespoň jedno slovo" \
            "q=%22unclosed+phrase|200|Nic nenalezeno" \
            "q=%22odborn%C3%A9+soci%C3%A1ln%C3%AD|200|zobrazeno" \
            "q=zebrik&strana=-1|400|Číslo stránky" \
            "q=zebrik&strana=0|400|Číslo stránky" \
            "q=zebrik&strana=99999999999999999999|400|Číslo stránky" \
            "q=zebrik&strana=abc|400|Číslo stránky" \
            "q=zebrik&strana=500|200|na této stránce už nic není" \
            "q=zebrik&na-strance=1000|400|na stránce" \
            "q=zebrik&razeni=nahodne|400|Řazení" \
            "q=zebrik&od=vcera|400|Datum „od“ nerozumíme" \
            "q=zebrik&od=2020&do=2019|400|Období je obrácené" \
            "q=zebrik&rok=19|400|čtyřmi číslicemi" \
            "q=zebrik&q=cizinci&neznamy=1&&=&x|200|Žebříku" \
            "q=zebrik&format=xml|400|Formát"; do
  qs=${case%%|*}; rest=${case#*|}; want=${rest%%|*}; text=${rest#*|}
  cgi "$qs"
  expect_status "'${qs:0:40}' answers $want" "$want"
  expect_in "... saying: $text" "$text" "$body"
done
cgi "$(head -c 9000 /dev/zero | tr '\0' 'x')"
expect_status "an overlong query string is 400" 400
cgi "q=zebrik" POST
expect_status "POST is refused with 405" 405
cgi "q=zebrik" HEAD
expect_status "HEAD answers" 200
[ -z "$body" ] && ok "... without a body" || not_ok "HEAD has no body" "${body:0:100}"

ZAPISY_DB=$tmp/nowhere cgi "q=zebrik"
expect_status "a missing database is 503" 503
expect_in "... with a friendly message" "Vyhledávání je dočasně nedostupné" "$body"
ZAPISY_DB=$tmp/nowhere cgi "q=zebrik&format=json"
expect_in "... in JSON too" '{"error":' "$body"

# The staff's working page: export, more like this, one row a meeting,
# paging, the filter form -- on 320 minutes made from the samples.
big=$tmp/big-db
"$root/corpus/scale.sh" "$root/corpus/seed" 320 "$tmp/big" >/dev/null
"$bin/zapisy-index" --db "$big" "$tmp/big" >/dev/null
big_cgi() { local keep=$ZAPISY_DB; ZAPISY_DB=$big; [ "$mode" = fastcgi ] && start_big; cgi "$@"; ZAPISY_DB=$keep; }
start_big() {
  [ -S "$tmp/fcgi-big.sock" ] && return
  start_fcgi "$big" "$tmp/fcgi-big.sock"
}
total=$("$bin/zapisy-search" --db "$big" --json --limit 0 | jq .total)
big_cgi "q=&format=csv"
expect_status "format=csv exports the results" 200
expect_in "... as CSV in UTF-8" "Content-Type: text/csv; charset=utf-8" "$headers"
expect_in "... to be saved as a file" 'Content-Disposition: attachment; filename="zapisy.csv"' "$headers"
expect_in "... saying how many it holds" "X-Zapisy-Exported: $total" "$headers"
printf '%s' "$body" > "$tmp/export.csv"
rows=$(python3 -c '
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, delimiter=";"))
head, data = rows[0], rows[1:]
assert head == ["datum", "obec", "orgán", "název", "soubor", "usnesení a úkoly", "úryvek"], head
assert all(len(r) == 7 for r in data)
assert any("Prostějov" in r[1] or "Ostrava" in r[1] for r in data)
print(len(data))' "$tmp/export.csv" 2>&1)
[ "$rows" = "$total" ] && [ "$total" -ge 300 ] &&
  ok "the CSV of all $total hits parses (BOM, ';', quoted), with Czech diacritics intact" ||
  not_ok "the CSV of all hits parses" "rows: $rows, total: $total"
[ "$(head -c 3 "$tmp/export.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok "... and opens with a byte-order mark, for Czech Excel" ||
  not_ok "the CSV starts with a byte-order mark"

big_cgi "q=&format=json&limit=1000&offset=0&seskupit=0"
expect_status "the JSON pages through all hits: limit up to 1,000" 200
[ "$(printf '%s' "$body" | jq '.hits | length')" = "$total" ] && ok "... returning all $total at once" ||
  not_ok "limit=1000 returns every hit" "$(printf '%s' "$body" | jq '.hits | length') of $total"
big_cgi "q=&format=json&limit=5&offset=300&seskupit=0"
[ "$(printf '%s' "$body" | jq -c '[.offset, (.hits | length), .hits[0].rank]')" = "[300,5,301]" ] &&
  ok "... and offset moves through them" || not_ok "offset pages the JSON" "${body:0:200}"
big_cgi "q=zapis&format=json&limit=1001"
expect_status "a limit over 1,000 is refused" 400

# paging: first and last, a page past the end, the timeline on page one only
big_cgi "q=zapis&strana=3&seskupit=0"
expect_in "a middle page links to the first page" '>« první</a>' "$body"
expect_in "... and to the last" '>poslední (' "$body"
expect_not_in "... the timeline is not repeated past page one" 'class="timeline"' "$body"
big_cgi "q=zapis&seskupit=0"
expect_in "page one has the timeline" 'class="timeline"' "$body"
big_cgi "q=&strana=900&seskupit=0"
last=$(( (total + 9) / 10 ))
expect_in "a page past the end says so" "na této stránce už nic není" "$body"
expect_in "... and its 'předchozí' leads to the last page" "strana=$last\" rel=\"prev\"" "$body"
big_cgi "q=&na-strance=100&strana=2&seskupit=0"
expect_in "100 hits a page can be chosen, and paging keeps it" "zobrazeno 101–200" "$body"
expect_in "... the page links carry it" "na-strance=100" "$body"

# the filter form: dates and values from the archive, kept while paging
big_cgi "q=zapis&od=2019-01-01&do=2019-12-31&mesto=Prost%C4%9Bjov&seskupit=0"
expect_in "the form shows the date range" 'name="od" type="date" value="2019-01-01"' "$body"
expect_in "... and offers the archive's towns, the chosen one selected" '<option selected>Prostějov</option>' "$body"
expect_in "... and the filters survive paging" 'od=2019-01-01&amp;do=2019-12-31&amp;mesto=Prost%C4%9Bjov' "$body"

# more like this
id=$("$bin/zapisy-search" --db "$db" --json prostejov | jq -r '.hits[0].id')
cgi "podobne=$id&format=json"
expect_status "more like this answers" 200
[ "$(printf '%s' "$body" | jq --arg id "$id" '[.hits[].id] | index($id)')" = null ] &&
  ok "... never listing the document itself" || not_ok "more like this leaves the document out" "${body:0:200}"
cgi "q=zebrik"
expect_in "each hit links to the documents like it" "?podobne=Q" "$body"
bid=$("$bin/zapisy-search" --db "$big" --json --limit 1 zebrik | jq -r '.hits[0].id')
big_cgi "like=$bid&format=json"
[ "$(printf '%s' "$body" | jq '.hits | length')" -gt 0 ] && ok "... like=ID is its name in the JSON API, and finds the minutes like it" ||
  not_ok "like=ID answers in JSON" "${body:0:200}"
[ "$(printf '%s' "$body" | jq --arg id "$bid" '[.hits[].id] | index($id)')" = null ] &&
  ok "... never the document itself" || not_ok "more like this leaves the document out" "${body:0:200}"
cgi "podobne=Q0000000000000000"
expect_status "more like an unknown document is a 400" 400

# Every value is escaped in the page.
cgi 'q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27&mesto=%3Cb%3E'
expect_not_in "a query with markup is escaped, not echoed" "<script>alert" "$body"
expect_in "... shown as text" "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;" "$body"
expect_not_in "a filter value with markup is escaped" "<b>" "$body"
# Facets of real minutes, and after the indexer commits more: the page's
# counts are the CLI's (a FastCGI process counts from columns it keeps in
# memory, and must read them again after a commit).
real=$shared/corpus/real
if [ -d "$real" ]; then
  same_facets() {
    cgi "q=$2&format=json"
    local want; want=$("$bin/zapisy-search" --db "$db" --json --facets --timeline --group "$2")
    local got_f want_f
    got_f=$(printf '%s' "$body" | jq -c '[.total, .facets, .timeline]')
    want_f=$(printf '%s' "$want" | jq -c '[.total, .facets, .timeline]')
    [ "$got_f" = "$want_f" ] && [ "$got_f" != "[null,null,null]" ] && ok "$1" || not_ok "$1" "page: ${got_f:0:300}" "CLI: ${want_f:0:300}"
  }
  same_facets "the page's facets and timeline are the CLI's" "skupina"
  before=$(printf '%s' "$body" | jq -c .facets.towns)
  "$bin/zapisy-index" --quiet --db "$db" "$real" >/dev/null
  same_facets "... and after the indexer commits real minutes, the new counts" "skupina"
  after=$(printf '%s' "$body" | jq -c .facets.towns)
  [ "$before" != "$after" ] && ok "... which the new minutes changed" || not_ok "the commit changed the town facet" "$before"
  same_facets "... for another word too" "zastupitelstvo"
else
  skip "../shared/corpus/real is not here; facets after a commit need it"
fi
echo "1..$n"
