/* The terms of a document's decisions, as the index keeps them: under the
 * decisions' prefix (XDEC + word, ZXDEC + stem, no positions), or -- where
 * that is fewer terms, as in a list of resolutions, whose decisions are most
 * of its text -- as what lies outside the decisions (XOUT + word, ZXOUT +
 * stem, no weight, and XOUT alone marking the document; ZXOUT alone keeps
 * its length).  Searches in
 * decisions read both (zx_parse_opts.rest). */
#ifndef ZP_DECISION_TERMS_H
#define ZP_DECISION_TERMS_H

#include <stddef.h>

#include "zx.h"

/* A set of terms, each with its wdf summed: a field's words and "Z" +
 * stems as the text's would be (zp_analyse_state.into). */
typedef struct zp_term_set zp_term_set;

/* NULL when out of memory. */
zp_term_set *zp_term_set_new(void);
void zp_term_set_free(zp_term_set *set);
/* Adds term (prefix + s) with wdf; 0, or -1 when out of memory. */
int zp_term_set_add(zp_term_set *set, const char *prefix, const char *s, size_t len, unsigned wdf);
size_t zp_term_set_count(const zp_term_set *set);

/* Writes the decisions' terms collected in set into doc, under the field
 * prefix or as the rest, whichever is fewer terms.  Call it when every word
 * and stem of the text is in doc.  The document's length is as if the
 * field's terms were written ("Z" + rest alone has the dropped terms' wdf).
 * 0, or a negative ZX_ERR_* / -1 when memory ran out. */
int zp_decision_terms_write(zx_doc *doc, zp_term_set *set, const char *field, const char *rest);

/* 0: always under the field (the tests compare the two ways); 1: as above. */
void zp_decision_terms_rest(int on);

#endif
