/* Searching: the one path from what a person typed to hits ready to show,
 * used by the CLI and the CGI alike. */
#ifndef ZP_SEARCH_H
#define ZP_SEARCH_H

#include <stddef.h>

#include "buf.h"
#include "snippet.h"

/* Most hits one request may ask for: a page, not a dump of the archive. */
#define ZP_SEARCH_MAX_LIMIT 1000

typedef struct {
    const char *db_path;
    const char *query;      /* as typed (any bytes; validated here) */
    size_t query_len;
    unsigned offset;        /* hits to skip */
    unsigned limit;         /* hits to return, at most ZP_SEARCH_MAX_LIMIT */
} zp_search_req;

typedef struct {
    unsigned rank;          /* 1-based over all hits */
    int percent;
    double weight;
    char *path, *title, *mime;
    zp_snippet snippet;
} zp_hit;

typedef struct {
    char *query;            /* as typed, cleaned to valid UTF-8 */
    char *parsed;           /* what Xapian's parser was given */
    unsigned total;         /* matching documents (exact up to a few thousand) */
    unsigned offset;
    zp_hit *hits;
    size_t n_hits;
} zp_results;

/* Runs the request.  On success *out is filled (free with zp_results_free)
 * and 0 returned; otherwise a negative ZX_ERR_* code (ZX_ERR_QUERY for
 * anything wrong with the query itself) and a message in err. */
int zp_search_run(const zp_search_req *req, zp_results **out, char *err, size_t errlen);

void zp_results_free(zp_results *r);

/* Appends the results as one JSON object:
 * {"query","total","offset","hits":[{"rank","percent","path","title",
 *   "snippet","snippet_html","highlights"}]} */
int zp_search_json(const zp_results *r, zp_buf *out);

#endif
