/* The search page: a request from the URL, and the HTML of its answer
 * built from the templates.  The search itself is lib/search.c. */
#ifndef WEB_PAGE_H
#define WEB_PAGE_H

#include "buf.h"
#include "params.h"
#include "search.h"

/* Hits per page unless asked otherwise, and at most (the form offers 10,
 * 20, 50, 100). */
#define WEB_PER_PAGE 10
#define WEB_MAX_PER_PAGE 100
/* Highest page number served: 1,000 pages of 50 is far past any reading. */
#define WEB_MAX_PAGE 1000

typedef struct {
    const char *q;
    unsigned page, per_page;
    zp_sort sort;
    int decisions, json, csv;
    unsigned json_limit, json_offset;   /* format=json: limit (1-1000) and
                                           offset, when given, page through
                                           all hits */
    int has_json_page;
    const char *like;       /* podobne=ID: the documents most like it */
    int group;              /* 1 unless seskupit=0: one hit a meeting */
    int partial;            /* partial=1: a sharded index's shards that
                               answer, when one does not */
    zp_filter filters[WEB_MAX_PARAMS];
    size_t n_filters;
} web_request;

/* Reads the request from the parameters; unknown ones are ignored, a
 * repeated q takes the first.  0, or -1 with a Czech message when a value
 * is out of range (page, per page, sort, format, limit, offset, a date)
 * or the date range is reversed. */
int web_request_from(const web_params *p, web_request *r, char *err, size_t errlen);

/* Where templates and static files are. */
typedef struct {
    const char *templates;
    const char *static_url;
} web_site;

/* The whole page: results (r may be NULL for the empty state) or an error
 * (heading and message non-NULL).  0 or -1 (a template is missing). */
int web_page(const web_site *site, const web_request *req, const zp_results *r, const char *heading,
             const char *message, zp_buf *out, char *err, size_t errlen);

/* A document's reading page (?doc=ID): r holds its one hit from
 * zp_search_view; req the query it was opened from (for the marks and the
 * way back).  0 or -1 (a template is missing). */
int web_document_page(const web_site *site, const web_request *req, const zp_results *r, zp_buf *out,
                      char *err, size_t errlen);

#endif
