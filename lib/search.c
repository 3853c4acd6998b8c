/* Search: normalise the query, parse it with our stemmer, run it, and turn
 * each hit into shown fields and a snippet marked by the terms it matched. */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "docdata.h"
#include "format.h"
#include "query.h"
#include "zx.h"

/* Count matches exactly up to this many, so "N results" is not a guess for
 * any query a person would page through. */
#define EXACT_TOTAL_UP_TO 5000

typedef struct {
    char **words, **stems;
    size_t n_words, n_stems;
    int oom;
} term_sets;

static int push(char ***list, size_t *n, const char *s, size_t len)
{
    char **l = realloc(*list, (*n + 1) * sizeof *l);
    if (!l)
        return -1;
    *list = l;
    l[*n] = malloc(len + 1);
    if (!l[*n])
        return -1;
    memcpy(l[*n], s, len);
    l[*n][len] = '\0';
    (*n)++;
    return 0;
}

/* Unprefixed terms are folded words; "Z" and "ZS" (title) terms are stems;
 * "S" terms are title words; other prefixes
 * (upper-case letters) are filters and not shown. */
static int on_term(const char *term, size_t len, void *ud)
{
    term_sets *t = ud;
    int rc = 0;
    if (len > 1 && term[0] == 'Z' && term[1] == 'S')
        rc = push(&t->stems, &t->n_stems, term + 2, len - 2);
    else if (len > 1 && term[0] == 'Z')
        rc = push(&t->stems, &t->n_stems, term + 1, len - 1);
    else if (len > 1 && term[0] == 'S')
        rc = push(&t->words, &t->n_words, term + 1, len - 1);
    else if (len > 0 && !(term[0] >= 'A' && term[0] <= 'Z'))
        rc = push(&t->words, &t->n_words, term, len);
    if (rc < 0)
        t->oom = 1;
    return rc < 0;
}

static void free_list(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

static int fill_hit(const zx_mset *m, unsigned i, const zp_query *q, zp_hit *h, char *err,
                    size_t errlen)
{
    h->rank = zx_mset_rank(m, i) + 1;
    h->percent = zx_mset_percent(m, i);
    h->weight = zx_mset_weight(m, i);
    char *data = NULL;
    size_t len = 0;
    int rc = zx_mset_data(m, i, &data, &len, err, errlen);
    if (rc)
        return rc;
    h->path = zp_docdata_dup(data, len, "path");
    h->title = zp_docdata_dup(data, len, "title");
    h->mime = zp_docdata_dup(data, len, "mime");
    term_sets t = { NULL, NULL, 0, 0, 0 };
    rc = zx_mset_matching_terms(m, i, on_term, &t, err, errlen);
    const char *text = "";
    size_t tlen = 0;
    if (zp_docdata_get(data, len, "text", &text, &tlen) < 0) {
        text = "";
        tlen = 0;
    }
    if (rc == 0) {
        zp_snip_terms st = { (const char *const *)t.words, t.n_words,
                             (const char *const *)t.stems, t.n_stems,
                             (const char *const *)q->wildcards, q->n_wildcards };
        if (t.oom || zp_snip_make(text, tlen, &st, ZP_SNIP_MAX_CHARS, &h->snippet) < 0) {
            snprintf(err, errlen, "out of memory");
            rc = ZX_ERR_NOMEM;
        }
    }
    free_list(t.words, t.n_words);
    free_list(t.stems, t.n_stems);
    free(data);
    if (rc == 0 && (!h->path || !h->title || !h->mime)) {
        snprintf(err, errlen, "out of memory");
        rc = ZX_ERR_NOMEM;
    }
    return rc;
}

/* Free-text fields a query may name: "nazev:zapis" looks only in titles. */
static const zx_prefix text_fields[] = {
    { "title", ZP_PREFIX_TITLE, 0 },
    { "nazev", ZP_PREFIX_TITLE, 0 },
};
static const char *const field_names[] = { "title", "nazev", NULL };

static int run(zx_db *db, const zp_search_req *req, const zp_query *q, zp_results *r, char *err,
               size_t errlen)
{
    zx_parse_opts po = { zp_analyse_xapian_stem, NULL, 0, 1, text_fields,
                         sizeof text_fields / sizeof text_fields[0] };
    zx_query *xq = NULL;
    int rc = zx_query_parse(db, q->xapian, &po, &xq, err, errlen);
    if (rc)
        return rc;
    unsigned limit = req->limit > ZP_SEARCH_MAX_LIMIT ? ZP_SEARCH_MAX_LIMIT : req->limit;
    zx_search_opts so = { req->offset, limit, EXACT_TOTAL_UP_TO, -1, 0, NULL, 0 };
    zx_mset *m = NULL;
    rc = zx_search(db, xq, &so, &m, err, errlen);
    zx_query_free(xq);
    if (rc)
        return rc;
    r->total = zx_mset_total(m);
    unsigned n = zx_mset_size(m);
    r->hits = n ? calloc(n, sizeof *r->hits) : NULL;
    if (n && !r->hits) {
        zx_mset_free(m);
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    for (unsigned i = 0; i < n && rc == 0; i++) {
        rc = fill_hit(m, i, q, &r->hits[i], err, errlen);
        r->n_hits = i + 1;
    }
    zx_mset_free(m);
    return rc;
}

int zp_search_run(const zp_search_req *req, zp_results **out, char *err, size_t errlen)
{
    *out = NULL;
    zp_query q;
    if (zp_query_normalize(req->query, req->query_len, field_names, &q, err, errlen) < 0)
        return ZX_ERR_QUERY;
    zp_results *r = calloc(1, sizeof *r);
    if (!r) {
        zp_query_free(&q);
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    r->offset = req->offset;
    r->parsed = strdup(q.xapian);
    r->query = malloc(req->query_len + 1);
    if (r->query) {
        memcpy(r->query, req->query, req->query_len);
        r->query[req->query_len] = '\0';
    }
    zx_db *db = NULL;
    int rc = (r->parsed && r->query) ? zx_db_open_read(req->db_path, &db, err, errlen) : ZX_ERR_NOMEM;
    if (rc == 0)
        rc = run(db, req, &q, r, err, errlen);
    zx_db_close(db);
    zp_query_free(&q);
    if (rc) {
        zp_results_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

void zp_results_free(zp_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_hits; i++) {
        free(r->hits[i].path);
        free(r->hits[i].title);
        free(r->hits[i].mime);
        zp_snip_free(&r->hits[i].snippet);
    }
    free(r->hits);
    free(r->query);
    free(r->parsed);
    free(r);
}

static void json_hit(zp_buf *b, const zp_hit *h)
{
    zp_buf_printf(b, "{\"rank\":%u,\"percent\":%d,\"path\":", h->rank, h->percent);
    zp_fmt_json_cstr(b, h->path);
    zp_buf_adds(b, ",\"title\":");
    zp_fmt_json_cstr(b, h->title);
    zp_buf_adds(b, ",\"snippet\":");
    zp_fmt_json_string(b, h->snippet.text ? h->snippet.text : "", h->snippet.len);
    zp_buf html = ZP_BUF_INIT;
    zp_snip_render(&h->snippet, "<mark>", "</mark>", 1, &html);
    zp_buf_adds(b, ",\"snippet_html\":");
    zp_fmt_json_string(b, zp_buf_str(&html), html.len);
    zp_buf_free(&html);
    zp_buf_adds(b, ",\"highlights\":[");
    for (size_t k = 0; k < h->snippet.n_marks; k++) {
        if (k)
            zp_buf_addc(b, ',');
        const zp_snip_mark *mk = &h->snippet.marks[k];
        zp_fmt_json_string(b, h->snippet.text + mk->start, mk->end - mk->start);
    }
    zp_buf_adds(b, "]}");
}

int zp_search_json(const zp_results *r, zp_buf *b)
{
    zp_buf_adds(b, "{\"query\":");
    zp_fmt_json_cstr(b, r->query);
    zp_buf_printf(b, ",\"total\":%u,\"offset\":%u,\"hits\":[", r->total, r->offset);
    for (size_t i = 0; i < r->n_hits; i++) {
        if (i)
            zp_buf_addc(b, ',');
        json_hit(b, &r->hits[i]);
    }
    zp_buf_adds(b, "]}");
    return b->oom ? -1 : 0;
}
