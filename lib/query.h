/* Query analysis: turns what a person typed into a query string for
 * Xapian's parser in which every word is already folded exactly as the
 * indexer folded it, keeping the parser's syntax: AND OR NOT XOR, "phrases",
 * (groups), +word -word, word* wildcards. */
#ifndef ZP_QUERY_H
#define ZP_QUERY_H

#include <stddef.h>

/* Longest query accepted, in bytes.  A person types a few words; anything
 * far longer is a paste accident or an attack on the parser. */
#define ZP_MAX_QUERY_BYTES 1024

typedef struct {
    char *xapian;        /* query string for zx_query_parse */
    char **wildcards;    /* folded prefixes of word* terms, for highlighting */
    size_t n_wildcards;
} zp_query;

/* Normalises q (len bytes).  `fields` is a NULL-terminated list of field
 * names (folded, e.g. "title") kept as "field:" before the next word; may be
 * NULL.  Fails with a message when q is not valid
 * UTF-8, is longer than ZP_MAX_QUERY_BYTES, or has no word to search for.
 * Free *out with zp_query_free.  Returns 0 or -1. */
int zp_query_normalize(const char *q, size_t len, const char *const *fields, zp_query *out,
                       char *err, size_t errlen);

void zp_query_free(zp_query *q);

#endif
