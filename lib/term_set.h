/* A set of terms (any bytes), each with a count and a mark: open addressing
 * on zp_hash, the bytes copied into the set.  The snippets' word forms of a
 * search, a document's decisions' terms. */
#ifndef ZP_TERM_SET_H
#define ZP_TERM_SET_H

#include <stddef.h>

typedef struct zp_term_set zp_term_set;

/* NULL when out of memory. */
zp_term_set *zp_term_set_new(void);
void zp_term_set_free(zp_term_set *set);
size_t zp_term_set_size(const zp_term_set *set);

/* Adds prefix + s, its count raised by n: 1 when it is new, 0 when it was
 * there, -1 when memory ran out. */
int zp_term_set_add(zp_term_set *set, const char *prefix, const char *s, size_t len, unsigned n);
int zp_term_set_has(const zp_term_set *set, const char *s, size_t len);
/* Marks s if it is there: 1, else 0.  A term added is unmarked. */
int zp_term_set_mark(zp_term_set *set, const char *s, size_t len);

/* Calls fn with each term, its count and whether it is marked, in no
 * order, until fn returns non-zero (returned). */
typedef int (*zp_term_set_fn)(const char *s, size_t len, unsigned count, int marked, void *ud);
int zp_term_set_each(const zp_term_set *set, zp_term_set_fn fn, void *ud);

#endif
