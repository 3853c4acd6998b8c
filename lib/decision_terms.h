/* The terms of a document's decisions, as the index keeps them: under the
 * decisions' prefix (XDEC + word, ZXDEC + stem, no positions; XDEC alone
 * marking the document), or -- where that is fewer terms, as in a list of
 * resolutions, whose decisions are most of its text -- as what lies outside
 * the decisions (XOUT + word, ZXOUT + stem, no weight; XOUT alone marking
 * the document, ZXOUT alone keeping its length).  Searches in decisions read
 * both (zx_parse_opts.rest). */
#ifndef ZP_DECISION_TERMS_H
#define ZP_DECISION_TERMS_H

#include "term_set.h"
#include "zx.h"

/* Writes the decisions' terms collected in set (their words and "Z" +
 * stems as the text's would be, counted by wdf: zp_analyse_state.into;
 * NULL: none) into doc, under the field prefix or as the rest, whichever is
 * fewer terms, and the mark of which (field or rest alone).  Call it when
 * every word and stem of the text is in doc.  The document's length is as
 * if the field's terms were written ("Z" + rest alone has the dropped
 * terms' wdf).  Marks the terms of set the text has.  0, or a negative
 * ZX_ERR_* / -1 when memory ran out. */
int zp_decision_terms_write(zx_doc *doc, zp_term_set *set, const char *field, const char *rest);

/* 0: always under the field (the tests compare the two ways); 1: as above. */
void zp_decision_terms_rest(int on);

#endif
