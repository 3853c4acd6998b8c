/* Analysis: text -> index terms, the single path shared by the indexer
 * (terms of documents) and the searcher (the stemmer Xapian's query parser
 * calls).  Term scheme (docs/schema.md):
 *   Zstem  stem of the folded word, with its position: what query words
 *          and "phrases" match, so a phrase matches in any inflection
 *   word   folded word, no position: what word* wildcards expand over
 *   ZSstem stem of a title word, with position (title:word)
 *   Sword  folded title word (title:word*) */
#ifndef ZP_ANALYSE_H
#define ZP_ANALYSE_H

#include <stddef.h>

#include "buf.h"
#include "zx.h"

#define ZP_PREFIX_STEM "Z"
#define ZP_PREFIX_TITLE "S"

/* Appends the stem of a folded word (no prefix). */
int zp_analyse_stem(const char *folded, size_t len, zp_buf *out);

/* The stemmer as Xapian's query parser sees it (zx_stem_fn): folds the word
 * first, so it gives the index's stem whatever the case or diacritics. */
size_t zp_analyse_xapian_stem(const char *word, size_t len, char *out, size_t outsize, void *ud);

typedef struct {
    unsigned pos;        /* position of the last word added; 0 at first */
    unsigned wdf_inc;    /* weight of each occurrence (title lines count more) */
    int title;           /* also add S-prefixed words */
    const char *prefix;  /* NULL: the text's terms; else only prefix+word
                            and Z+prefix+stem (decisions: "XDEC") */
} zp_analyse_state;

/* Adds the terms of text (valid UTF-8) to doc, continuing after st->pos.
 * Returns 0, or a negative ZX_ERR_* / -1 when memory ran out. */
int zp_analyse_text(zx_doc *doc, const char *text, size_t len, zp_analyse_state *st);

#endif
