/* The search page's HTML: hits, facets that add or remove a filter, the
 * timeline, pagination -- each from a template under web/templates, every
 * value escaped by the renderer, every URL built here percent-encoded. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "template.h"

static const struct {
    const char *param, *label;
    zp_filter_kind kind;
} filter_params[] = {
    { "rok", "Rok", ZP_FILTER_YEAR },          { "od", "Od", ZP_FILTER_SINCE },
    { "do", "Do", ZP_FILTER_UNTIL },           { "mesto", "Obec", ZP_FILTER_TOWN },
    { "skupina", "Skupina", ZP_FILTER_BODY },  { "org", "Organizace", ZP_FILTER_ORG },
    { "osoba", "Osoba", ZP_FILTER_PERSON },
};
#define N_FILTER_PARAMS (sizeof filter_params / sizeof filter_params[0])

static const char *param_of(zp_filter_kind k)
{
    for (size_t i = 0; i < N_FILTER_PARAMS; i++)
        if (filter_params[i].kind == k)
            return filter_params[i].param;
    return "";
}

static const char *label_of(zp_filter_kind k)
{
    for (size_t i = 0; i < N_FILTER_PARAMS; i++)
        if (filter_params[i].kind == k)
            return filter_params[i].label;
    return "";
}

static int parse_number(const char *s, unsigned min, unsigned max, unsigned *out)
{
    if (!s)
        return 0;
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || s[0] == '-' || s[0] == '+' || s[0] == ' ' || v < min || v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int web_request_from(const web_params *p, web_request *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->q = web_param_get(p, "q");
    if (!r->q)
        r->q = "";
    r->page = 1;
    r->per_page = WEB_PER_PAGE;
    if (parse_number(web_param_get(p, "strana"), 1, WEB_MAX_PAGE, &r->page) < 0) {
        snprintf(err, errlen, "Číslo stránky musí být celé číslo od 1 do %d.", WEB_MAX_PAGE);
        return -1;
    }
    if (parse_number(web_param_get(p, "na-strance"), 1, WEB_MAX_PER_PAGE, &r->per_page) < 0) {
        snprintf(err, errlen, "Počet výsledků na stránce musí být od 1 do %d.", WEB_MAX_PER_PAGE);
        return -1;
    }
    const char *sort = web_param_get(p, "razeni");
    if (!sort || !*sort || strcmp(sort, "relevance") == 0)
        r->sort = ZP_SORT_RELEVANCE;
    else if (strcmp(sort, "datum") == 0)
        r->sort = ZP_SORT_DATE;
    else if (strcmp(sort, "-datum") == 0)
        r->sort = ZP_SORT_DATE_DESC;
    else {
        snprintf(err, errlen, "Řazení může být jen relevance, datum nebo -datum.");
        return -1;
    }
    const char *dec = web_param_get(p, "rozhodnuti");
    r->decisions = dec && *dec && strcmp(dec, "0") != 0;
    const char *format = web_param_get(p, "format");
    if (format && strcmp(format, "json") != 0 && strcmp(format, "html") != 0 && strcmp(format, "csv") != 0) {
        snprintf(err, errlen, "Formát může být jen html, json nebo csv.");
        return -1;
    }
    r->json = format && strcmp(format, "json") == 0;
    r->csv = format && strcmp(format, "csv") == 0;
    const char *limit = web_param_get(p, "limit"), *offset = web_param_get(p, "offset");
    r->json_limit = r->per_page;
    if (parse_number(limit, 1, ZP_SEARCH_MAX_LIMIT, &r->json_limit) < 0) {
        snprintf(err, errlen, "Limit musí být celé číslo od 1 do %d.", ZP_SEARCH_MAX_LIMIT);
        return -1;
    }
    if (parse_number(offset, 0, 1000000, &r->json_offset) < 0) {
        snprintf(err, errlen, "Offset musí být celé číslo od 0 do 1000000.");
        return -1;
    }
    r->has_json_page = limit || offset;
    const char *like = web_param_get(p, "podobne");
    if (!like)
        like = web_param_get(p, "like");   /* the API's name for it */
    r->like = like && *like ? like : NULL;
    const char *group = web_param_get(p, "seskupit");
    r->group = !(group && strcmp(group, "0") == 0);
    const char *partial = web_param_get(p, "partial");
    r->partial = partial && strcmp(partial, "1") == 0;
    for (size_t i = 0; i < p->n; i++)
        for (size_t k = 0; k < N_FILTER_PARAMS; k++)
            if (strcmp(p->v[i].name, filter_params[k].param) == 0 && p->v[i].value[0])
                r->filters[r->n_filters++] = (zp_filter){ filter_params[k].kind, p->v[i].value };
    /* a date range the wrong way round finds nothing: say so instead */
    const char *since = NULL, *until = NULL;
    for (size_t i = 0; i < r->n_filters; i++) {
        if (r->filters[i].kind == ZP_FILTER_SINCE)
            since = r->filters[i].value;
        if (r->filters[i].kind == ZP_FILTER_UNTIL)
            until = r->filters[i].value;
    }
    char a[9], b[9];
    if (since && zp_search_filter_date(since, 0, a) < 0) {
        snprintf(err, errlen, "Datum „od“ nerozumíme: napište je jako 2019, 2019-06, 2019-06-30 nebo 30. 6. 2019.");
        return -1;
    }
    if (until && zp_search_filter_date(until, 1, b) < 0) {
        snprintf(err, errlen, "Datum „do“ nerozumíme: napište je jako 2019, 2019-06, 2019-06-30 nebo 30. 6. 2019.");
        return -1;
    }
    if (since && until && strcmp(a, b) > 0) {
        snprintf(err, errlen, "Období je obrácené: datum „od“ (%.4s-%.2s-%.2s) je pozdější než datum „do“ (%.4s-%.2s-%.2s).",
                 a, a + 4, a + 6, b, b + 4, b + 6);
        return -1;
    }
    return 0;
}

static int same_filter(const zp_filter *a, const zp_filter *b)
{
    return a->kind == b->kind && strcmp(a->value, b->value) == 0;
}

static void add_param(zp_buf *u, const char *name, const char *value)
{
    zp_buf_addc(u, u->len ? '&' : '?');
    zp_buf_adds(u, name);
    zp_buf_addc(u, '=');
    web_url_encode(u, value);
}

/* The parameters of this request at another page, with a filter added or
 * removed, appended to u ("?q=…&strana=2"; nothing for none). */
static void url_params(zp_buf *u, const web_request *r, unsigned page, const zp_filter *add, const zp_filter *drop)
{
    /* an empty q stays: without words or filters, it is what makes a
     * browse (not the start page) */
    if (r->q[0] || (!r->n_filters && !r->like && !add))
        add_param(u, "q", r->q);
    if (r->decisions)
        add_param(u, "rozhodnuti", "1");
    if (r->sort != ZP_SORT_RELEVANCE)
        add_param(u, "razeni", r->sort == ZP_SORT_DATE ? "datum" : "-datum");
    if (r->per_page != WEB_PER_PAGE) {
        char n[16];
        snprintf(n, sizeof n, "%u", r->per_page);
        add_param(u, "na-strance", n);
    }
    if (r->like)
        add_param(u, "podobne", r->like);
    if (!r->group)
        add_param(u, "seskupit", "0");
    if (r->partial)
        add_param(u, "partial", "1");
    for (size_t i = 0; i < r->n_filters; i++)
        if (!drop || !same_filter(&r->filters[i], drop))
            add_param(u, param_of(r->filters[i].kind), r->filters[i].value);
    if (add)
        add_param(u, param_of(add->kind), add->value);
    if (page > 1) {
        char n[16];
        snprintf(n, sizeof n, "%u", page);
        add_param(u, "strana", n);
    }
}

/* The URL of this request at another page, with a filter added or removed. */
static char *url_of(const web_request *r, unsigned page, const zp_filter *add, const zp_filter *drop)
{
    zp_buf u = ZP_BUF_INIT;
    url_params(&u, r, page, add, drop);
    if (!u.len)
        zp_buf_addc(&u, '?');
    return zp_buf_steal(&u);
}

/* The URL of this request at a page, with one parameter more (a document
 * to show, a format). */
static char *url_and(const web_request *r, unsigned page, const char *name, const char *value)
{
    zp_buf u = ZP_BUF_INIT;
    url_params(&u, r, page, NULL, NULL);
    add_param(&u, name, value);
    return zp_buf_steal(&u);
}

static const char *czech_results(unsigned n)
{
    return n == 1 ? "zápis" : (n >= 2 && n <= 4) ? "zápisy" : "zápisů";
}

/* "11. 1. 2019 · Prostějov · Pracovní skupina …": what is known of a hit. */
static void meta_html(const zp_hit *h, zp_buf *meta)
{
    if (h->date[0])
        zp_buf_printf(meta, "<time datetime=\"%s\">%d. %d. %.4s</time>", h->date, atoi(h->date + 8),
                      atoi(h->date + 5), h->date);
    const char *parts[2] = { h->town, h->body };
    for (int k = 0; k < 2; k++) {
        if (!parts[k][0])
            continue;
        if (meta->len)
            zp_buf_adds(meta, " · ");
        zp_fmt_html(meta, parts[k], strlen(parts[k]));
    }
}

static const char *czech_more(unsigned n)
{
    return n == 1 ? "další záznam" : n >= 2 && n <= 4 ? "další záznamy" : "dalších záznamů";
}

static int hit_html(const web_site *s, const web_request *req, const zp_hit *h, zp_buf *out, char *err,
                    size_t errlen)
{
    zp_buf meta = ZP_BUF_INIT, snip = ZP_BUF_INIT;
    meta_html(h, &meta);
    zp_snip_render(&h->snippet, "<mark>", "</mark>", 1, &snip);
    zp_buf label = ZP_BUF_INIT, label_html = ZP_BUF_INIT;
    if (h->shown_decision >= 0)
        zp_fmt_decision(&label, &h->decisions.v[h->shown_decision]);
    if (label.len) {
        zp_buf_adds(&label_html, "<p class=\"decision\">");
        zp_fmt_html(&label_html, zp_buf_str(&label), label.len);
        zp_buf_adds(&label_html, "</p>");
    }
    /* the document's page, carrying the query (for its marks) and the
     * filters and page (for the way back) */
    char *doc_url = url_and(req, req->page, "doc", h->id);
    char percent[16];
    snprintf(percent, sizeof percent, "%d", h->percent);
    /* more like this: the documents most like this one, nothing else */
    web_request like = { 0 };
    like.q = "";
    like.page = 1;
    like.per_page = req->per_page;
    like.like = h->id;
    like.group = req->group;
    char *like_url = url_of(&like, 1, NULL, NULL);
    /* one meeting's other records: the same search on that day, not grouped */
    zp_buf same = ZP_BUF_INIT;
    if (h->same_meeting) {
        web_request all = *req;
        all.group = 0;
        all.n_filters = 0;
        for (size_t i = 0; i < req->n_filters && all.n_filters + 2 < WEB_MAX_PARAMS; i++)
            if (req->filters[i].kind != ZP_FILTER_SINCE && req->filters[i].kind != ZP_FILTER_UNTIL)
                all.filters[all.n_filters++] = req->filters[i];
        if (h->date[0]) {
            all.filters[all.n_filters++] = (zp_filter){ ZP_FILTER_SINCE, h->date };
            all.filters[all.n_filters++] = (zp_filter){ ZP_FILTER_UNTIL, h->date };
        }
        char *all_url = url_of(&all, 1, NULL, NULL);
        zp_buf_printf(&same, " · <a href=\"");
        zp_fmt_html(&same, all_url, strlen(all_url));
        zp_buf_printf(&same, "\" class=\"same\">%u %s ze stejného jednání</a>", h->same_meeting,
                      czech_more(h->same_meeting));
        free(all_url);
    }
    web_vars v = { 0 };
    web_var(&v, "doc_url", doc_url);
    web_var(&v, "like_url", like_url);
    web_var(&v, "same", zp_buf_str(&same));
    web_var(&v, "title", h->title[0] ? h->title : h->path);
    web_var(&v, "meta", zp_buf_str(&meta));
    web_var(&v, "snippet", zp_buf_str(&snip));
    web_var(&v, "decision", zp_buf_str(&label_html));
    web_var(&v, "path", h->file ? h->file : h->path);   /* never the server's whole path */
    web_var(&v, "percent", percent);
    int rc = web_render(s->templates, "hit.html", &v, out, err, errlen);
    free(like_url);
    free(doc_url);
    zp_buf_free(&same);
    zp_buf_free(&label);
    zp_buf_free(&label_html);
    zp_buf_free(&meta);
    zp_buf_free(&snip);
    return rc;
}

static int facet_html(const web_site *s, const web_request *req, const char *id, const char *label,
                      zp_filter_kind kind, const zp_facet *f, zp_buf *out, char *err, size_t errlen)
{
    if (f->n == 0)
        return 0;
    zp_buf items = ZP_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < f->n && rc == 0; i++) {
        zp_filter it = { kind, f->v[i].value };
        int on = 0;
        for (size_t k = 0; k < req->n_filters; k++)
            on |= same_filter(&req->filters[k], &it);
        char *url = url_of(req, 1, on ? NULL : &it, on ? &it : NULL);
        char count[16];
        snprintf(count, sizeof count, "%u", f->v[i].count);
        web_vars v = { 0 };
        web_var(&v, "url", url);
        web_var(&v, "value", f->v[i].value);
        web_var(&v, "count", count);
        web_var(&v, "class", on ? " class=\"on\"" : "");
        web_var(&v, "current", on ? " aria-current=\"true\" title=\"Zrušit tento filtr\"" : "");
        rc = web_render(s->templates, "facet-item.html", &v, &items, err, errlen);
        free(url);
    }
    web_vars v = { 0 };
    web_var(&v, "id", id);
    web_var(&v, "label", label);
    web_var(&v, "items", zp_buf_str(&items));
    if (rc == 0)
        rc = web_render(s->templates, "facet.html", &v, out, err, errlen);
    zp_buf_free(&items);
    return rc;
}

static int timeline_html(const web_site *s, const web_request *req, const zp_facet *t, zp_buf *out,
                         char *err, size_t errlen)
{
    if (t->n == 0)
        return 0;
    unsigned max = 1;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].count > max)
            max = t->v[i].count;
    char maxs[16];
    snprintf(maxs, sizeof maxs, "%u", max);
    zp_buf rows = ZP_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < t->n && rc == 0; i++) {
        zp_filter year = { ZP_FILTER_YEAR, t->v[i].value };
        char *url = url_of(req, 1, &year, NULL);
        char count[16];
        snprintf(count, sizeof count, "%u", t->v[i].count);
        web_vars v = { 0 };
        web_var(&v, "url", url);
        web_var(&v, "year", t->v[i].value);
        web_var(&v, "count", count);
        web_var(&v, "max", maxs);
        rc = web_render(s->templates, "timeline-row.html", &v, &rows, err, errlen);
        free(url);
    }
    web_vars v = { 0 };
    web_var(&v, "rows", zp_buf_str(&rows));
    if (rc == 0)
        rc = web_render(s->templates, "timeline.html", &v, out, err, errlen);
    zp_buf_free(&rows);
    return rc;
}

static int page_link(const web_site *s, const web_request *req, unsigned page, const char *label,
                     const char *attrs, zp_buf *out, char *err, size_t errlen)
{
    char *url = url_of(req, page, NULL, NULL);
    web_vars v = { 0 };
    web_var(&v, "url", url);
    web_var(&v, "label", label);
    web_var(&v, "attrs", attrs);
    int rc = web_render(s->templates, "page-link.html", &v, out, err, errlen);
    free(url);
    return rc;
}

static int pagination_html(const web_site *s, const web_request *req, unsigned total, zp_buf *out,
                           char *err, size_t errlen)
{
    unsigned pages = (total + req->per_page - 1) / req->per_page;
    if (pages > WEB_MAX_PAGE)
        pages = WEB_MAX_PAGE;
    if (pages <= 1)
        return 0;
    zp_buf items = ZP_BUF_INIT;
    int rc = 0;
    /* past the end (an old link, a typed number): "předchozí" is the last
     * page there is, not the one before the one asked for */
    unsigned at = req->page > pages ? pages + 1 : req->page;
    if (at > 2)
        rc = page_link(s, req, 1, "« první", "", &items, err, errlen);
    if (rc == 0 && at > 1)
        rc = page_link(s, req, at - 1, "‹ předchozí", " rel=\"prev\"", &items, err, errlen);
    unsigned from = at > 3 ? at - 2 : 1, to = from + 4 < pages ? from + 4 : pages;
    if (from > pages)
        from = to + 1;
    for (unsigned p = from; p <= to && rc == 0; p++) {
        char label[16];
        snprintf(label, sizeof label, "%u", p);
        rc = page_link(s, req, p, label, p == req->page ? " aria-current=\"page\"" : "", &items, err, errlen);
    }
    if (rc == 0 && at < pages)
        rc = page_link(s, req, at + 1, "další ›", " rel=\"next\"", &items, err, errlen);
    if (rc == 0 && at + 1 < pages) {
        char label[32];
        snprintf(label, sizeof label, "poslední (%u) »", pages);
        rc = page_link(s, req, pages, label, "", &items, err, errlen);
    }
    web_vars v = { 0 };
    web_var(&v, "items", zp_buf_str(&items));
    if (rc == 0)
        rc = web_render(s->templates, "pagination.html", &v, out, err, errlen);
    zp_buf_free(&items);
    return rc;
}

static int active_html(const web_site *s, const web_request *req, zp_buf *out, char *err, size_t errlen)
{
    if (req->n_filters == 0)
        return 0;
    zp_buf items = ZP_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < req->n_filters && rc == 0; i++) {
        char *url = url_of(req, 1, NULL, &req->filters[i]);
        web_vars v = { 0 };
        web_var(&v, "label", label_of(req->filters[i].kind));
        web_var(&v, "value", req->filters[i].value);
        web_var(&v, "url", url);
        rc = web_render(s->templates, "active-item.html", &v, &items, err, errlen);
        free(url);
    }
    web_vars v = { 0 };
    web_var(&v, "items", zp_buf_str(&items));
    if (rc == 0)
        rc = web_render(s->templates, "active.html", &v, out, err, errlen);
    zp_buf_free(&items);
    return rc;
}

static int in_list(const zp_strlist *l, const char *s, size_t step)
{
    for (size_t i = 0; i < l->n; i += step)
        if (strcmp(l->v[i], s) == 0)
            return (int)i;
    return -1;
}

/* "Žádný zápis neobsahuje všechna slova; výsledky pro: a ~~b~~ c (→ d)":
 * the words searched, those no document has struck out, those replaced by
 * their relatives followed by them. */
static int relaxed_html(const web_site *s, const zp_relaxed *x, zp_buf *out, char *err, size_t errlen)
{
    zp_buf words = ZP_BUF_INIT;
    for (size_t i = 0; i < x->words.n; i++) {
        const char *w = x->words.v[i];
        if (i)
            zp_buf_addc(&words, ' ');
        int rel = in_list(&x->related, w, 2);
        if (in_list(&x->dropped, w, 1) >= 0) {
            zp_buf_adds(&words, "<s>");
            zp_fmt_html(&words, w, strlen(w));
            zp_buf_adds(&words, "</s>");
        } else if (rel >= 0) {
            zp_fmt_html(&words, w, strlen(w));
            zp_buf_adds(&words, " (→ ");
            zp_fmt_html(&words, x->related.v[rel + 1], strlen(x->related.v[rel + 1]));
            zp_buf_addc(&words, ')');
        } else {
            zp_fmt_html(&words, w, strlen(w));
        }
    }
    web_vars v = { 0 };
    web_var(&v, "words", zp_buf_str(&words));
    web_var(&v, "any", x->any ? " kterékoli ze slov" : "");
    int rc = words.oom ? -1 : web_render(s->templates, "relaxed.html", &v, out, err, errlen);
    zp_buf_free(&words);
    return rc;
}

/* Shards left out (partial=1): which, and why, above the results. */
static int partial_html(const web_site *s, const zp_strlist *partial, zp_buf *out, char *err, size_t errlen)
{
    zp_buf shards = ZP_BUF_INIT;
    for (size_t i = 0; i + 1 < partial->n; i += 2) {
        zp_buf_adds(&shards, i ? ", <b>" : "<b>");
        zp_fmt_html(&shards, partial->v[i], strlen(partial->v[i]));
        zp_buf_adds(&shards, "</b> (");
        zp_fmt_html(&shards, partial->v[i + 1], strlen(partial->v[i + 1]));
        zp_buf_addc(&shards, ')');
    }
    web_vars v = { 0 };
    web_var(&v, "shards", zp_buf_str(&shards));
    web_var(&v, "which", partial->n > 2 ? "shardů" : "shardu");
    int rc = shards.oom ? -1 : web_render(s->templates, "partial.html", &v, out, err, errlen);
    zp_buf_free(&shards);
    return rc;
}

static int results_html(const web_site *s, const web_request *req, const zp_results *r, zp_buf *main,
                        zp_buf *aside, char *err, size_t errlen)
{
    zp_buf hits = ZP_BUF_INIT, active = ZP_BUF_INIT, timeline = ZP_BUF_INIT, pages = ZP_BUF_INIT,
           facets = ZP_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < r->n_hits && rc == 0; i++)
        rc = hit_html(s, req, &r->hits[i], &hits, err, errlen);
    if (rc == 0)
        rc = active_html(s, req, &active, err, errlen);
    if (rc == 0)
        rc = timeline_html(s, req, &r->timeline, &timeline, err, errlen);
    if (rc == 0)
        rc = pagination_html(s, req, r->total, &pages, err, errlen);
    if (rc == 0)
        rc = facet_html(s, req, "roky", "Rok", ZP_FILTER_YEAR, &r->years, &facets, err, errlen);
    if (rc == 0)
        rc = facet_html(s, req, "obce", "Obec", ZP_FILTER_TOWN, &r->towns, &facets, err, errlen);
    if (rc == 0)
        rc = facet_html(s, req, "skupiny", "Skupina, komise, orgán", ZP_FILTER_BODY, &r->bodies, &facets, err, errlen);
    if (rc == 0)
        rc = facet_html(s, req, "organizace", "Organizace", ZP_FILTER_ORG, &r->orgs, &facets, err, errlen);
    zp_buf suggest = ZP_BUF_INIT;
    if (rc == 0 && r->suggestion) {
        web_request fixed = *req;
        fixed.q = r->suggestion;
        char *url = url_of(&fixed, 1, NULL, NULL);
        web_vars sv = { 0 };
        web_var(&sv, "url", url);
        web_var(&sv, "suggestion", r->suggestion);
        rc = web_render(s->templates, "suggest.html", &sv, &suggest, err, errlen);
        free(url);
    }
    zp_buf relaxed = ZP_BUF_INIT;
    if (rc == 0 && r->relaxed)
        rc = relaxed_html(s, &r->relax, &relaxed, err, errlen);
    zp_buf partial = ZP_BUF_INIT;
    if (rc == 0 && r->partial.n)
        rc = partial_html(s, &r->partial, &partial, err, errlen);
    /* export and grouping: what the list holds, and how to get it whole */
    zp_buf tools = ZP_BUF_INIT;
    if (rc == 0 && r->total > 0) {
        web_request all = *req;
        all.group = !req->group;
        char *toggle = url_of(&all, 1, NULL, NULL);
        zp_buf group = ZP_BUF_INIT;
        char *csv_url = url_and(req, 1, "format", "csv");
        char note[128];
        if (r->total > ZP_EXPORT_MAX_HITS)
            snprintf(note, sizeof note, "prvních %d z %u záznamů", ZP_EXPORT_MAX_HITS, r->total);
        else
            snprintf(note, sizeof note, "všechny záznamy, středník jako oddělovač");
        zp_buf_adds(&group, "<a href=\"");
        zp_fmt_html(&group, toggle, strlen(toggle));
        zp_buf_adds(&group, req->group ? "\">zobrazit každý záznam zvlášť</a>"
                                       : "\">seskupit záznamy ze stejného jednání</a>");
        web_vars tv = { 0 };
        web_var(&tv, "csv_url", csv_url);
        web_var(&tv, "csv_note", note);
        web_var(&tv, "group", zp_buf_str(&group));
        rc = web_render(s->templates, "tools.html", &tv, &tools, err, errlen);
        free(toggle);
        free(csv_url);
        zp_buf_free(&group);
    }
    char count[128], start[16];
    if (r->total == 0)
        snprintf(count, sizeof count, "Nic nenalezeno");
    else if (r->n_hits == 0)
        snprintf(count, sizeof count, "%u %s — na této stránce už nic není", r->total, czech_results(r->total));
    else
        snprintf(count, sizeof count, "%u %s, zobrazeno %u–%u", r->total, czech_results(r->total),
                 r->offset + 1, r->offset + (unsigned)r->n_hits);
    snprintf(start, sizeof start, "%u", r->offset + 1);
    web_vars v = { 0 };
    web_var(&v, "count", count);
    web_var(&v, "suggestion", zp_buf_str(&suggest));
    web_var(&v, "relaxed", zp_buf_str(&relaxed));
    web_var(&v, "partial", zp_buf_str(&partial));
    web_var(&v, "active", zp_buf_str(&active));
    web_var(&v, "tools", zp_buf_str(&tools));
    web_var(&v, "timeline", zp_buf_str(&timeline));
    web_var(&v, "start", start);
    web_var(&v, "hits", zp_buf_str(&hits));
    web_var(&v, "pagination", zp_buf_str(&pages));
    if (rc == 0)
        rc = web_render(s->templates, "results.html", &v, main, err, errlen);
    if (rc == 0 && facets.len) {
        web_vars a = { 0 };
        web_var(&a, "facets", zp_buf_str(&facets));
        rc = web_render(s->templates, "aside.html", &a, aside, err, errlen);
    }
    zp_buf_free(&suggest);
    zp_buf_free(&relaxed);
    zp_buf_free(&partial);
    zp_buf_free(&tools);
    zp_buf_free(&hits);
    zp_buf_free(&active);
    zp_buf_free(&timeline);
    zp_buf_free(&pages);
    zp_buf_free(&facets);
    return rc;
}

/* The filters the form has a field for (the first value of each kind);
 * the rest ride along as hidden fields. */
static int in_form(const web_request *req, size_t i)
{
    zp_filter_kind k = req->filters[i].kind;
    if (k != ZP_FILTER_SINCE && k != ZP_FILTER_UNTIL && k != ZP_FILTER_TOWN && k != ZP_FILTER_BODY &&
        k != ZP_FILTER_ORG)
        return 0;
    for (size_t j = 0; j < i; j++)
        if (req->filters[j].kind == k)
            return 0;
    return 1;
}

static const char *form_value(const web_request *req, zp_filter_kind k)
{
    for (size_t i = 0; i < req->n_filters; i++)
        if (req->filters[i].kind == k)
            return req->filters[i].value;
    return "";
}

/* <option>s: the archive's own values (the facet's), the chosen one
 * selected (and offered even when no hit has it). */
static void options(zp_buf *out, const zp_facet *f, const char *chosen)
{
    int seen = 0;
    for (size_t i = 0; f && i < f->n; i++) {
        if (strcmp(f->v[i].value, ZP_UNDATED) == 0)
            continue;
        int on = strcmp(f->v[i].value, chosen) == 0;
        seen |= on;
        zp_buf_adds(out, on ? "<option selected>" : "<option>");
        zp_fmt_html(out, f->v[i].value, strlen(f->v[i].value));
        zp_buf_adds(out, "</option>");
    }
    if (chosen[0] && !seen) {
        zp_buf_adds(out, "<option selected>");
        zp_fmt_html(out, chosen, strlen(chosen));
        zp_buf_adds(out, "</option>");
    }
}

/* A value for <input type="date">: YYYY-MM-DD as typed, else empty (the
 * filter still applies, shown among the active ones). */
static const char *date_value(const char *v)
{
    size_t n = strlen(v);
    return n == 10 && v[4] == '-' && v[7] == '-' ? v : "";
}

static int filters_html(const web_site *s, const web_request *req, const zp_results *r, zp_buf *out,
                        char *err, size_t errlen)
{
    zp_buf towns = ZP_BUF_INIT, bodies = ZP_BUF_INIT, orgs = ZP_BUF_INIT, sizes = ZP_BUF_INIT;
    options(&towns, r ? &r->towns : NULL, form_value(req, ZP_FILTER_TOWN));
    options(&bodies, r ? &r->bodies : NULL, form_value(req, ZP_FILTER_BODY));
    options(&orgs, r ? &r->orgs : NULL, form_value(req, ZP_FILTER_ORG));
    static const unsigned per_page[] = { 10, 20, 50, 100 };
    for (size_t i = 0; i < sizeof per_page / sizeof per_page[0]; i++)
        zp_buf_printf(&sizes, "<option%s>%u</option>", per_page[i] == req->per_page ? " selected" : "",
                      per_page[i]);
    int open = 0;
    for (size_t i = 0; i < req->n_filters; i++)
        open |= in_form(req, i);
    web_vars v = { 0 };
    web_var(&v, "open", open || req->per_page != WEB_PER_PAGE ? " open" : "");
    web_var(&v, "since", date_value(form_value(req, ZP_FILTER_SINCE)));
    web_var(&v, "until", date_value(form_value(req, ZP_FILTER_UNTIL)));
    web_var(&v, "towns", zp_buf_str(&towns));
    web_var(&v, "bodies", zp_buf_str(&bodies));
    web_var(&v, "orgs", zp_buf_str(&orgs));
    web_var(&v, "sizes", zp_buf_str(&sizes));
    int rc = web_render(s->templates, "filters.html", &v, out, err, errlen);
    zp_buf_free(&towns);
    zp_buf_free(&bodies);
    zp_buf_free(&orgs);
    zp_buf_free(&sizes);
    return rc;
}

/* Active filters ride along as hidden fields when a new query is typed
 * (those the form has no field for). */
static void hidden_filters(const web_request *req, zp_buf *out)
{
    for (size_t i = 0; i < req->n_filters; i++) {
        zp_filter_kind k = req->filters[i].kind;
        /* a date the date field cannot show (2019, 30. 6. 2019) stays hidden */
        int date_kept = (k == ZP_FILTER_SINCE || k == ZP_FILTER_UNTIL) && !date_value(req->filters[i].value)[0];
        if (in_form(req, i) && !date_kept)
            continue;
        zp_buf_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"", param_of(req->filters[i].kind));
        zp_fmt_html(out, req->filters[i].value, strlen(req->filters[i].value));
        zp_buf_adds(out, "\">");
    }
}

/* What fills the page around the search form. */
typedef struct {
    const char *title, *hidden, *filters, *autofocus, *main, *aside;
} page_parts;

/* The whole page: the search form showing req (may be NULL), then the parts. */
static int frame_html(const web_site *s, const web_request *req, const page_parts *p, zp_buf *out, char *err,
                      size_t errlen)
{
    web_vars v = { 0 };
    web_var(&v, "title", p->title);
    web_var(&v, "static", s->static_url);
    web_var(&v, "q", req ? req->q : "");
    web_var(&v, "decisions_checked", req && req->decisions ? " checked" : "");
    web_var(&v, "sort_relevance", !req || req->sort == ZP_SORT_RELEVANCE ? " selected" : "");
    web_var(&v, "sort_newest", req && req->sort == ZP_SORT_DATE_DESC ? " selected" : "");
    web_var(&v, "sort_oldest", req && req->sort == ZP_SORT_DATE ? " selected" : "");
    web_var(&v, "hidden", p->hidden);
    web_var(&v, "filters", p->filters);
    web_var(&v, "autofocus", p->autofocus);
    web_var(&v, "main", p->main);
    web_var(&v, "aside", p->aside);
    return web_render(s->templates, "page.html", &v, out, err, errlen);
}

int web_page(const web_site *s, const web_request *req, const zp_results *r, const char *heading,
             const char *message, zp_buf *out, char *err, size_t errlen)
{
    zp_buf main = ZP_BUF_INIT, aside = ZP_BUF_INIT, hidden = ZP_BUF_INIT, title = ZP_BUF_INIT;
    int rc;
    if (heading) {
        web_vars v = { 0 };
        web_var(&v, "heading", heading);
        web_var(&v, "message", message);
        rc = web_render(s->templates, "error.html", &v, &main, err, errlen);
    } else if (r) {
        rc = results_html(s, req, r, &main, &aside, err, errlen);
    } else {
        rc = web_render(s->templates, "empty.html", &(web_vars){ 0 }, &main, err, errlen);
    }
    zp_buf filters = ZP_BUF_INIT;
    if (req)
        hidden_filters(req, &hidden);
    web_request none = { 0 };
    none.q = "";
    none.per_page = WEB_PER_PAGE;
    none.group = 1;
    if (rc == 0)
        rc = filters_html(s, req ? req : &none, heading ? NULL : r, &filters, err, errlen);
    const char *q = req ? req->q : "";
    if (q[0])
        zp_buf_printf(&title, "%s – zápisy", q);
    else
        zp_buf_adds(&title, "Hledání v zápisech z jednání");
    /* the start page waits for typing */
    const page_parts parts = { zp_buf_str(&title), zp_buf_str(&hidden), zp_buf_str(&filters),
                               !heading && !r ? " autofocus" : "", zp_buf_str(&main), zp_buf_str(&aside) };
    if (rc == 0)
        rc = frame_html(s, req, &parts, out, err, errlen);
    zp_buf_free(&main);
    zp_buf_free(&aside);
    zp_buf_free(&hidden);
    zp_buf_free(&filters);
    zp_buf_free(&title);
    return rc;
}

/* The text of a document as paragraphs (a blank line between them in the
 * original) and lines, every mark with an anchor and a link to the next
 * one ("další výskyt"). */
static void document_text(const zp_snippet *sn, zp_buf *out)
{
    zp_buf_adds(out, "<p>");
    size_t m = 0;
    for (size_t i = 0; i < sn->len;) {
        if (m < sn->n_marks && i == sn->marks[m].start) {
            zp_buf_printf(out, "<mark id=\"v%zu\">", m + 1);
            zp_fmt_html(out, sn->text + i, sn->marks[m].end - i);
            zp_buf_adds(out, "</mark>");
            if (m + 1 < sn->n_marks)
                zp_buf_printf(out, "<a class=\"next\" href=\"#v%zu\" title=\"další výskyt\" "
                                   "aria-label=\"další výskyt\">↓</a>", m + 2);
            i = sn->marks[m].end;
            m++;
            continue;
        }
        if (sn->text[i] == '\n' || sn->text[i] == '\r') {
            size_t nl = 0, j = i;
            while (j < sn->len && (sn->text[j] == '\n' || sn->text[j] == '\r' || sn->text[j] == ' ' ||
                                   sn->text[j] == '\t' || sn->text[j] == '\f')) {
                nl += sn->text[j] == '\n';
                j++;
            }
            if (m < sn->n_marks && sn->marks[m].start < j)
                j = sn->marks[m].start;
            zp_buf_adds(out, nl >= 2 ? "</p>\n<p>" : "<br>\n");
            i = j;
            continue;
        }
        size_t j = i;
        while (j < sn->len && sn->text[j] != '\n' && sn->text[j] != '\r' &&
               !(m < sn->n_marks && j == sn->marks[m].start))
            j++;
        zp_fmt_html(out, sn->text + i, j - i);
        i = j;
    }
    zp_buf_adds(out, "</p>");
}

static const char *czech_matches(size_t n)
{
    return n == 1 ? "výskyt" : n >= 2 && n <= 4 ? "výskyty" : "výskytů";
}

int web_document_page(const web_site *s, const web_request *req, const zp_results *r, zp_buf *out,
                      char *err, size_t errlen)
{
    const zp_hit *h = &r->hits[0];
    zp_buf meta = ZP_BUF_INIT, orgs = ZP_BUF_INIT, decs = ZP_BUF_INIT, matches = ZP_BUF_INIT, text = ZP_BUF_INIT,
           main = ZP_BUF_INIT, title = ZP_BUF_INIT;
    meta_html(h, &meta);
    if (h->orgs.n) {
        zp_buf_adds(&orgs, "<p class=\"orgs\">Organizace: ");
        for (size_t i = 0; i < h->orgs.n; i++) {
            if (i)
                zp_buf_adds(&orgs, ", ");
            zp_fmt_html(&orgs, h->orgs.v[i], strlen(h->orgs.v[i]));
        }
        zp_buf_adds(&orgs, "</p>");
    }
    if (h->decisions.n) {
        zp_buf_adds(&decs, "<section class=\"decisions\" aria-labelledby=\"rozhodnuti\">"
                           "<h2 id=\"rozhodnuti\">Usnesení a úkoly</h2><ol>");
        for (size_t i = 0; i < h->decisions.n; i++) {
            const zp_decision *d = &h->decisions.v[i];
            zp_buf label = ZP_BUF_INIT;
            zp_fmt_decision(&label, d);
            if (d->owner) {
                zp_buf_adds(&label, label.len ? " · " : "");
                zp_buf_printf(&label, "úkol pro %s", d->owner);
            }
            if (d->deadline.year) {
                zp_buf_adds(&label, label.len ? " · " : "");
                zp_buf_printf(&label, "termín %u. %u. %u", (unsigned)d->deadline.day, (unsigned)d->deadline.month,
                              (unsigned)d->deadline.year);
            }
            zp_buf_adds(&decs, "<li>");
            zp_fmt_html(&decs, d->text ? d->text : "", d->text ? strlen(d->text) : 0);
            if (label.len) {
                zp_buf_adds(&decs, " <span class=\"decision\">");
                zp_fmt_html(&decs, zp_buf_str(&label), label.len);
                zp_buf_adds(&decs, "</span>");
            }
            zp_buf_adds(&decs, "</li>");
            zp_buf_free(&label);
        }
        zp_buf_adds(&decs, "</ol></section>");
    }
    if (h->snippet.n_marks)
        zp_buf_printf(&matches, "%zu %s hledaných slov · <a href=\"#v1\">první výskyt</a> · ", h->snippet.n_marks,
                      czech_matches(h->snippet.n_marks));
    document_text(&h->snippet, &text);
    /* back to the results this page was opened from (its query and filters) */
    char *back = url_of(req, req->page, NULL, NULL);
    zp_buf original = ZP_BUF_INIT;
    zp_buf_printf(&original, "?doc=%s&original=1", h->id);
    web_vars v = { 0 };
    web_var(&v, "back_url", back);
    web_var(&v, "title", h->title[0] ? h->title : (h->file ? h->file : h->path));
    web_var(&v, "meta", zp_buf_str(&meta));
    web_var(&v, "orgs", zp_buf_str(&orgs));
    web_var(&v, "decisions", zp_buf_str(&decs));
    web_var(&v, "matches", zp_buf_str(&matches));
    web_var(&v, "original_url", zp_buf_str(&original));
    web_var(&v, "file", h->file ? h->file : h->path);
    web_var(&v, "text", zp_buf_str(&text));
    int rc = web_render(s->templates, "document.html", &v, &main, err, errlen);
    zp_buf_printf(&title, "%s – zápisy", h->title[0] ? h->title : "Zápis");
    const page_parts parts = { zp_buf_str(&title), "", "", "", zp_buf_str(&main), "" };
    if (rc == 0)
        rc = frame_html(s, req, &parts, out, err, errlen);
    free(back);
    zp_buf_free(&original);
    zp_buf_free(&meta);
    zp_buf_free(&orgs);
    zp_buf_free(&decs);
    zp_buf_free(&matches);
    zp_buf_free(&text);
    zp_buf_free(&main);
    zp_buf_free(&title);
    return rc;
}
