/* Internal to lib/search*.c. */
#ifndef ZP_SEARCH_INTERNAL_H
#define ZP_SEARCH_INTERNAL_H

#include "search.h"
#include "zx.h"

/* The filters as one query (NULL when there are none): OR within a kind,
 * AND across kinds.  0 or a negative ZX_ERR_* with a message. */
int zp_search_filters(zx_db *db, const zp_filter *f, size_t n, zx_query **out, char *err, size_t errlen);

/* Adds the synonyms of key (folded words) to out.  0 or -1. */
int zp_search_synonyms(zx_db *db, const char *key, zp_strlist *out, char *err, size_t errlen);

/* How long the folder indexed that holds path is (the longest of roots,
 * one absolute path a line), 0 when none holds it. */
size_t zp_search_root_of(const char *path, const char *roots);

/* A query that searches on when q (plain words only) found nothing:
 * 1 with *out filled (free with zp_relaxed_free), 0 when there is none
 * to try, -1 when memory ran out. */
#include "query.h"
int zp_search_relax(zx_db *db, const zp_query *q, zp_relaxed *out);
void zp_relaxed_free(zp_relaxed *r);

/* "Did you mean": the query as typed (n bytes) with its unknown words
 * replaced by the archive's nearest words, in display form; operators,
 * field names (before a colon), wildcards and words with digits kept as
 * typed ("zebrk OR \"cizinc prostejv\"" -> "Žebřík OR \"cizinců
 * Prostějov\"").  NULL when no word needs it. */
char *zp_search_suggest(zx_db *db, const char *typed, size_t n);

#endif
