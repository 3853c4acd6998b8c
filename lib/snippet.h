/* Snippets: the passage of a document's text that best shows why it
 * matched, with the matching words marked -- in the original text, with
 * its diacritics and case, whatever form the query used. */
#ifndef ZP_SNIPPET_H
#define ZP_SNIPPET_H

#include <stddef.h>

#include "buf.h"

/* A snippet shows at most this many characters of text (plus ellipses);
 * a hit's further passages this many each, up to ZP_SNIP_PASSAGES in all. */
#define ZP_SNIP_MAX_CHARS 200
#define ZP_SNIP_MORE_CHARS 120
#define ZP_SNIP_PASSAGES 3
/* A decision is shown whole up to the length decisions are stored with. */
#define ZP_SNIP_MAX_DECISION_CHARS 420
/* Where a text was cut ("…"). */
#define ZP_ELLIPSIS "\xE2\x80\xA6"

/* Only this much of a document is searched for the best passage: enough for
 * any minutes, and it bounds the work per hit on a huge file. */
#define ZP_SNIP_SCAN_BYTES (4u * 1024u * 1024u)

/* What counts as a hit: folded words (from phrases), stems (plain query
 * words) and folded prefixes (word* wildcards).  The caller owns them. */
typedef struct zp_snip_forms zp_snip_forms;
typedef struct {
    const char *const *words;
    size_t n_words;
    const char *const *stems;
    size_t n_stems;
    const char *const *prefixes;
    size_t n_prefixes;
    const zp_snip_forms *forms;   /* the stems' forms (zp_snip_forms_new), or NULL */
} zp_snip_terms;

/* The folded forms the dictionary gives the stems' lemmas.  A word can
 * match a stem only if its folded form is one of them or its light stem
 * is that stem, so with them most words of a text are passed over without
 * being analysed (looked up in the dictionary): the same marks, sooner --
 * and, by the first letters those forms, the stems, the words and the
 * prefixes of terms begin with, most words without being folded.  terms'
 * own forms are not read.  NULL when the lexicon has no table of forms (or
 * memory ran out): then every word is analysed.  Read-only once made:
 * threads may share it. */
zp_snip_forms *zp_snip_forms_new(const zp_snip_terms *terms);
void zp_snip_forms_free(zp_snip_forms *f);

typedef struct {
    size_t start, end;   /* byte range in zp_snippet.text */
} zp_snip_mark;

typedef struct {
    char *text;          /* the passage, whitespace collapsed, with "…" where cut */
    size_t len;
    zp_snip_mark *marks; /* matched words, in order */
    size_t n_marks;
} zp_snippet;

/* Picks the passage of text (valid UTF-8) with the most distinct matching
 * terms, then the most matches, preferring adjacent ones (phrases); without
 * any match, the beginning of the text.  Fills *out (free with
 * zp_snip_free).  Returns 0 or -1 when memory ran out. */
int zp_snip_make(const char *text, size_t len, const zp_snip_terms *terms, size_t max_chars,
                 zp_snippet *out);

/* Up to n_passages passages: the best (max_chars), then the best of the
 * hits left before or after it (more_chars each), in the order of the
 * text, "…" between them.  Without any match, the beginning. */
int zp_snip_passages(const char *text, size_t len, const zp_snip_terms *terms, size_t max_chars,
                     size_t more_chars, size_t n_passages, zp_snippet *out);

/* The matches of terms in text, found once for several uses: passages, and
 * how many matches a part of the text holds.  text must outlive *out.
 * 0 or -1 when memory ran out.  Free with zp_snip_found_free. */
typedef struct zp_snip_found zp_snip_found;
int zp_snip_find(const char *text, size_t len, const zp_snip_terms *terms, zp_snip_found **out);
/* zp_snip_passages over matches found. */
int zp_snip_passages_found(const zp_snip_found *f, size_t max_chars, size_t more_chars, size_t n_passages,
                           zp_snippet *out);
/* The marks a snippet of text[from, to) would have (a date's numbers one). */
size_t zp_snip_found_count(const zp_snip_found *f, size_t from, size_t to);
/* The marks the one passage of max_chars zp_snip_make would show has,
 * without making it. */
size_t zp_snip_found_marks(const zp_snip_found *f, size_t max_chars);
void zp_snip_found_free(zp_snip_found *f);

/* The length of the " …" a text cut short ends with (a decision stored
 * up to its length), 0 when it ends otherwise. */
size_t zp_snip_cut_mark(const char *s, size_t len);

/* Where in text a piece of it stands whose whitespace was squeezed to
 * single spaces (a decision's text, maybe cut short with " …"): 1 and
 * its byte range, or 0 when it is not there. */
int zp_snip_locate(const char *text, size_t len, const char *needle, size_t nlen, size_t *from, size_t *to);

/* The whole text (valid UTF-8) as it is, line breaks and all, with every
 * match marked (in its first ZP_SNIP_SCAN_BYTES): a document's reading
 * view.  0 or -1 when memory ran out. */
int zp_snip_whole(const char *text, size_t len, const zp_snip_terms *terms, zp_snippet *out);

/* Appends the snippet with each mark between open and close.  With html,
 * the text is HTML-escaped (open/close are written as given). */
int zp_snip_render(const zp_snippet *s, const char *open, const char *close, int html,
                   zp_buf *out);

void zp_snip_free(zp_snippet *s);

#endif
