/* A facet value's shown form.  Facets count canonical values ("praha 7");
 * what a page shows is the form most documents wrote ("Praha 7"), so one
 * document's typo ("Prah a7" read as "Prah 7") or a header in capitals
 * does not rename the value for the other thousand.
 *
 * The indexer stores, under the facet term's key, the forms met and how
 * many documents wrote each: one line "count<TAB>form" a form.  A value
 * stored before counts were kept is one line, the form alone: counted
 * once.  Shards store their own; a reader joins their values with '\n'
 * and counts them together, so what is shown depends neither on the order
 * files were indexed in nor on the shards they went to. */
#ifndef ZP_SHOWN_FORM_H
#define ZP_SHOWN_FORM_H

#include "buf.h"

/* Forms kept for one value: the most written; a rarer form met once the
 * list is full is not recorded. */
#define ZP_SHOWN_FORMS_MAX 32

/* Of two forms written equally often ("ÚZ", "UZ"), 1 when a is the one to
 * show rather than b: more letters with diacritics, then fewer capitals,
 * then the first in byte order.  A total order. */
int zp_display_better(const char *a, const char *b);

/* stored (the value as stored, "" when none) with form counted once more,
 * into out (reset first).  0, or -1 when memory ran out. */
int zp_shown_forms_count(const char *stored, const char *form, zp_buf *out);

/* The form to show from stored (one shard's value or several joined by
 * '\n'): the most written, ties by zp_display_better.  Malloc'ed; NULL when
 * stored holds no form (or memory ran out). */
char *zp_shown_forms_best(const char *stored);

#endif
