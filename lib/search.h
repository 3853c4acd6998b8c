/* Searching: the one path from what a person typed to hits ready to show,
 * used by the CLI and the CGI alike. */
#ifndef ZP_SEARCH_H
#define ZP_SEARCH_H

#include <stddef.h>

#include "buf.h"
#include "meta.h"
#include "snippet.h"

/* Most hits one request may ask for: a page, not a dump of the archive. */
#define ZP_SEARCH_MAX_LIMIT 1000
/* The year facet's and the timeline's value for minutes without a date;
 * as a year filter (rok=bez data) it selects them. */
#define ZP_UNDATED "bez data"

/* Most values shown in one facet (years are all shown). */
#define ZP_FACET_MAX_VALUES 20

/* Filters, from options (--town) or from the query (mesto:...). */
typedef enum {
    ZP_FILTER_YEAR,    /* "2019", or ZP_UNDATED */
    ZP_FILTER_SINCE,   /* "2019", "2019-06", "2019-06-30", "30. 6. 2019" */
    ZP_FILTER_UNTIL,
    ZP_FILTER_TOWN,    /* any form of the town's name: "prostejov", "Prostějova" */
    ZP_FILTER_BODY,    /* words of the body's name: "senioři" */
    ZP_FILTER_ORG,     /* words of an organisation's name, or its acronym */
    ZP_FILTER_PERSON,  /* words of a person's name */
    ZP_FILTER_RESOLUTION, /* a resolution's number: "0054/17-Z" */
    ZP_FILTER_KINDS
} zp_filter_kind;

typedef struct {
    zp_filter_kind kind;
    const char *value;
} zp_filter;

typedef enum { ZP_SORT_RELEVANCE, ZP_SORT_DATE, ZP_SORT_DATE_DESC } zp_sort;

typedef struct {
    const char *db_path;
    const char *query;      /* as typed (any bytes; validated here) */
    size_t query_len;
    unsigned offset;        /* hits to skip */
    unsigned limit;         /* hits to return, at most ZP_SEARCH_MAX_LIMIT */
    const zp_filter *filters;
    size_t n_filters;
    int decisions;          /* match only in decisions and tasks; show them */
    int bare_decisions;     /* the hits' decisions without their text, which
                               a results page does not show (their number,
                               verb, vote and place in the text are read):
                               zp_decision.text is "" where the record says
                               where it stands; not with decisions */
    zp_sort sort;
    int facets;             /* count years, towns, bodies, organisations */
    int timeline;           /* count hits per year */
    const char *like;       /* "more like this": a document's id ("Q…"); the
                               documents most like it, the query (if any)
                               narrowing them */
    int group;              /* hits of one meeting (same day and body) as one
                               hit, zp_hit.same_meeting telling how many more */
    int allow_partial;      /* a sharded index: search the shards that answer
                               (zp_results.partial names the others) rather
                               than fail */
    int no_passages;        /* hits with their records' fields and decisions
                               but no passage (zp_hit.snippet empty, no
                               decision picked to show): what a page costs
                               but its highlighting, the floor make bench
                               measures a highlighter against */
} zp_search_req;

typedef struct {
    char id[18];            /* the document's id ("Q" + 16 hex digits) */
    unsigned rank;          /* 1-based over all hits */
    int percent;
    double weight;          /* Xapian's BM25 weight (0 when sorted by date) */
    char *path, *title, *mime;
    const char *file;       /* path below the folder it was indexed from
                               ("archive/2021/zapis.pdf"): what a page shows
                               (points into path) */
    char date[11];          /* "2019-01-11" or "" */
    char *town, *body;      /* "" when unknown */
    zp_strlist orgs;
    zp_decisions decisions;
    zp_snippet snippet;     /* of the text, or of the best decision */
    int shown_decision;     /* the decision the snippet is of, -1 for the text */
    unsigned same_meeting;  /* with group: other hits of the same meeting */
} zp_hit;

typedef struct {
    char *value;            /* shown form */
    unsigned count;
} zp_facet_value;

typedef struct {
    zp_facet_value *v;
    size_t n;
} zp_facet;

/* A search on with fewer words when no document had them all. */
typedef struct {
    char *query;            /* what was searched instead */
    zp_strlist words;       /* the words typed, in order */
    zp_strlist dropped;     /* words no document has, left out */
    zp_strlist related;     /* pairs: a word no document has, then its
                               relatives searched instead ("a, b") */
    int any;                /* the words never meet: any of them */
} zp_relaxed;

typedef struct {
    char *query;            /* as typed */
    char *parsed;           /* what Xapian's parser was given */
    char *suggestion;       /* "did you mean" when nothing matched, else NULL;
                               in display form (Žebřík), the query's other
                               words as typed */
    int relaxed;            /* nothing had all the words: the hits are
                               for relax.query */
    int grouped;            /* hits of one meeting collapsed (same_meeting) */
    zp_relaxed relax;
    unsigned total;         /* matching documents (exact up to a few thousand;
                               exact always with facets or timeline) */
    unsigned offset;
    zp_hit *hits;
    size_t n_hits;
    int has_facets, has_timeline;
    zp_facet years, towns, bodies, orgs;  /* most frequent first; years end
                                             with ZP_UNDATED when some hits
                                             have no date */
    zp_facet timeline;                    /* every year from the first hit's
                                             to the last's, oldest first, 0
                                             for a year without hits; then
                                             ZP_UNDATED if any */
    unsigned undated;                     /* hits without a date (with
                                             facets or timeline) */
    zp_strlist partial;                   /* with allow_partial: the shards
                                             left out, in pairs: the stub's
                                             line for it, then why */
} zp_results;

/* Runs the request.  On success *out is filled (free with zp_results_free)
 * and 0 returned; otherwise a negative ZX_ERR_* code (ZX_ERR_QUERY for
 * anything wrong with the query or a filter) and a message in err. */
int zp_search_run(const zp_search_req *req, zp_results **out, char *err, size_t errlen);

void zp_results_free(zp_results *r);

/* One document for reading: the hit of document id ("Q…") with its whole
 * text as the snippet, every match of req->query marked (none when the
 * query is empty or the document does not match it).  ZX_ERR_ARG when
 * there is no such document; otherwise as zp_search_run. */
int zp_search_view(const zp_search_req *req, const char *id, zp_results **out, char *err, size_t errlen);

/* For a long-running front end (FastCGI): keep the database of the last
 * search open and, on the next, only move it to the latest commit, instead
 * of opening it for each search.  One process, one search at a time. */
void zp_search_keep_open(int on);

/* Appends the results as one JSON object:
 * {"query","total","offset","hits":[{"id","rank","percent","weight","path","file","title",
 *   "snippet","snippet_html","highlights","date","town","body",
 *   "organisations","decisions":[{"text","owner","deadline","kind","number",
 *   "verb","votes":{"for","against","abstain"}|null,"passed"}],
 *   "same_meeting" (with grouping)}],
 *  "facets":{"years","towns","bodies","organisations":[{"value","count"}]},
 *  "timeline":[{"year","count"}], "suggestion"}  (facets and timeline when
 *  asked for; suggestion when nothing matched and a spelling fits) */
int zp_search_json(const zp_results *r, zp_buf *out);

/* Hits a CSV export holds at most (the rest is said to be left out). */
#define ZP_EXPORT_MAX_HITS 10000

/* Appends the hits as CSV rows for Czech spreadsheets (header: the
 * byte-order mark and the column names first): date, town, body, title,
 * file, decisions, the first passage.  ';'-separated, quoted, CRLF.  0 or
 * -1 when memory ran out. */
int zp_search_csv(const zp_results *r, int header, zp_buf *out);

/* Every hit of req (at most ZP_EXPORT_MAX_HITS, not grouped) as CSV with
 * its header, appended to out; *total the hits there are, *exported those
 * out holds.  0, or a negative ZX_ERR_* with a message as zp_search_run. */
int zp_search_export(const zp_search_req *req, zp_buf *out, unsigned *total, unsigned *exported, char *err,
                     size_t errlen);

/* The file of an indexed document opened for reading, by its id: only a
 * file under a folder the index was built from (zapisy-index records
 * them), opened without following a symbolic link anywhere in its path.
 * *fd, and *path and *mime malloc()ed (free them).  0; ZX_ERR_ARG when
 * there is no such document, or its file is gone, is not under an indexed
 * folder or is reached through a link (the message says which); another
 * negative ZX_ERR_* when the database failed. */
int zp_search_open_document(const char *db_path, const char *id, int *fd, char **path, char **mime,
                            char *err, size_t errlen);

/* Parses a --since/--until/od:/do: value into "YYYYMMDD" (until: the last
 * day of a year or month).  0, or -1 when it is not a date. */
int zp_search_filter_date(const char *value, int until, char out[9]);

#endif
