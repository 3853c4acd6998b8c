#!/usr/bin/env bash
# Installs the Debian packages zapisy needs, only those missing; silent when
# everything is there.  Run by `make deps` (and so by `make test` and `make run`).
set -euo pipefail
cd "$(dirname "$0")/.."

# playwright-core (pinned in tests/browser/package-lock.json) drives Debian's
# chromium; it downloads no browser of its own.
browser_deps() {
  [ -d tests/browser/node_modules/playwright-core ] && return 0
  echo "deps: installing playwright-core for the browser tests" >&2
  (cd tests/browser && npm ci --silent --no-audit --no-fund) >&2
}

packages=(
  gcc g++ make pkg-config
  clang                          # libFuzzer harnesses (tests/fuzz, make fuzz)
  libxapian-dev xapian-tools     # the index (libxapian 1.4) and xapian-delve for inspection
  libutf8proc-dev                # Unicode: NFC, case folding, diacritics
  libmagic-dev                   # file type detection
  libxml2-dev libzip-dev         # DOCX, ODT (zip + XML) and HTML
  libcmark-dev                   # Markdown
  libhunspell-dev hunspell-cs    # Czech dictionary: lemmas (lib/lemma.c), nominatives of names
  libicu-dev                     # confusables and transliteration: mixed-script words (lib/confusables.c)
  libzstd-dev                    # stored records compressed (lib/docdata.c)
  libjemalloc2                   # the programs' allocator (Makefile MALLOC)
  hunspell-tools                 # unmunch: expands the dictionary into the lexicon at build time
  poppler-utils                  # PDF: pdftotext
  catdoc                         # DOC (RTF is read by lib/extract_rtf.c)
  zip                            # tests build DOCX/ODT fixtures
  libcmocka-dev                  # unit tests
  jq                             # integration tests read the CLI's JSON
  lighttpd                       # serves the search page (make run, browser tests)
  libfcgi-dev libfcgi-bin spawn-fcgi  # FastCGI: the page as processes that stay; cgi-fcgi and spawn-fcgi drive it in tests
  chromium                       # browser tests, headless
  wrk                            # web benchmark
  xapian-omega time xz-utils     # make bench: omindex as a baseline, /usr/bin/time, the Praha 7 corpus
  libsqlite3-dev                 # make bench: SQLite FTS5 as a baseline (tests/bench/fts5-bench.c)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js drives the browser tests; any installed one will do.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  browser_deps
  exit 0
fi

echo "deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
browser_deps
