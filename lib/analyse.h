/* Analysis: text -> index terms, the single path shared by the indexer
 * (terms of documents) and the searcher (the stemmer Xapian's query parser
 * calls).  Term scheme (docs/schema.md):
 *   Zstem  lemma of the word from the Czech dictionary (lib/lemma.h), one
 *          for each reading ("dane": Zdan, Zdany), with its position -- or,
 *          for words the dictionary does not know, the light stem of the
 *          folded word: what query words and "phrases" match, so a phrase
 *          matches in any inflection
 *   Eexact lemma with diacritics, no position, only for lemmas whose
 *          folded spelling another lemma shares (být, byt): a query typed
 *          with diacritics ranks documents with its very lemma first
 *   word   folded word, no position: what word* wildcards expand over
 *   ZSstem stem of a title word, with position (title:word)
 *   Sword  folded title word (title:word*) */
#ifndef ZP_ANALYSE_H
#define ZP_ANALYSE_H

#include <stddef.h>

#include "buf.h"
#include "term_set.h"
#include "zx.h"

#define ZP_PREFIX_STEM "Z"
#define ZP_PREFIX_TITLE "S"
#define ZP_PREFIX_EXACT "E"

/* Most readings one word gives. */
#define ZP_WORD_TERMS_MAX 16
/* A query token the rewriter made for one reading of an ambiguous word
 * ("(zpr_dan OR zpr_dany)" for "dane"): the stemmer gives the rest as is. */
#define ZP_READING_MARK "zpr_"

/* Room for a light stem and its 0. */
#define ZP_ANALYSE_STEM_MAX 256

/* The readings of one word. */
typedef struct {
    size_t n;                             /* stem terms (no prefix): its
                                             lemmas, or its light stem */
    const char *term[ZP_WORD_TERMS_MAX];
    size_t len[ZP_WORD_TERMS_MAX];
    size_t n_exact;                       /* exact lemmas (no prefix) */
    const char *exact[ZP_WORD_TERMS_MAX];
    size_t exact_len[ZP_WORD_TERMS_MAX];
    int known;                            /* the dictionary knows the word */
    char stem[ZP_ANALYSE_STEM_MAX];       /* the light stem, when not known */
} zp_word_terms;

/* The terms a document word is indexed under: word as written (may be
 * NULL: then every reading of the folded form) and its folded form. */
void zp_analyse_word(const char *word, size_t wlen, const char *folded, size_t flen, zp_word_terms *out);

/* The readings a query word asks for (any of them matches), and -- typed
 * with diacritics -- the exact lemmas that rank first (být, not byt). */
void zp_analyse_query_word(const char *word, size_t wlen, const char *folded, size_t flen,
                           zp_word_terms *out);

/* The first reading of a query word (no prefix), appended to out: what
 * the stemmer gives a word the rewriter did not split into readings. */
int zp_analyse_query_term(const char *word, size_t wlen, const char *folded, size_t flen, zp_buf *out);

/* The light stem of a folded word: how metadata compares names (towns,
 * bodies, organisations).  A name's readings differ between its cases
 * (Března: březen; Březně: Březno), its stem does not (brezn). */
int zp_analyse_stem(const char *folded, size_t len, zp_buf *out);

/* The same into out (ZP_ANALYSE_STEM_MAX bytes, with its 0): the term a
 * word is indexed under when the dictionary gives it no reading.  Its
 * length. */
size_t zp_analyse_light_stem(const char *folded, size_t len, char *out);

/* The stemmer as Xapian's query parser sees it (zx_stem_fn): folds the word
 * first and gives its query term, whatever the case or diacritics. */
size_t zp_analyse_xapian_stem(const char *word, size_t len, char *out, size_t outsize, void *ud);

enum { ZP_TITLE_NOT, ZP_TITLE_ALSO, ZP_TITLE_ONLY };

typedef struct {
    unsigned pos;        /* position of the last word added; 0 at first */
    unsigned wdf_inc;    /* weight of each occurrence (title lines count more) */
    int title;           /* ZP_TITLE_ALSO: also add S-prefixed words;
                            ZP_TITLE_ONLY: only those (a title's part the
                            text holds anyway: the subject under a record's
                            heading) */
    zp_term_set *into;   /* NULL: the text's terms, into the document; else
                            a field's (decisions'): its words and "Z" +
                            stems, without positions, collected here for
                            lib/decision_terms.c to write */
} zp_analyse_state;

/* Adds the terms of text (valid UTF-8) to doc, continuing after st->pos.
 * Returns 0, or a negative ZX_ERR_* / -1 when memory ran out. */
int zp_analyse_text(zx_doc *doc, const char *text, size_t len, zp_analyse_state *st);

#endif
