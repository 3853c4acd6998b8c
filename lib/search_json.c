/* The JSON form of search results: the CLI's --json and the CGI's
 * format=json print exactly this.  Fields are only ever added. */
#include <string.h>

#include "format.h"
#include "search.h"

static void json_str_or_null(zp_buf *b, const char *s)
{
    if (s && *s)
        zp_fmt_json_cstr(b, s);
    else
        zp_buf_adds(b, "null");
}

static void json_count(zp_buf *b, const char *key, int n, int first)
{
    zp_buf_printf(b, "%s\"%s\":", first ? "" : ",", key);
    if (n < 0)
        zp_buf_adds(b, "null");
    else
        zp_buf_printf(b, "%d", n);
}

/* {"for":8,"against":0,"abstain":0}, a count the minutes do not give as
 * null, or null when no vote is recorded. */
static void json_votes(zp_buf *b, const zp_votes *v)
{
    if (v->yes < 0 && v->no < 0 && v->abstain < 0) {
        zp_buf_adds(b, "null");
        return;
    }
    zp_buf_addc(b, '{');
    json_count(b, "for", v->yes, 1);
    json_count(b, "against", v->no, 0);
    json_count(b, "abstain", v->abstain, 0);
    zp_buf_addc(b, '}');
}

static void json_decisions(zp_buf *b, const zp_decisions *ds)
{
    zp_buf_addc(b, '[');
    for (size_t k = 0; k < ds->n; k++) {
        const zp_decision *d = &ds->v[k];
        char dl[11] = "";
        if (d->deadline.year)
            zp_meta_date_iso(&d->deadline, dl);
        zp_buf_adds(b, k ? ",{\"text\":" : "{\"text\":");
        zp_fmt_json_cstr(b, d->text);
        zp_buf_adds(b, ",\"owner\":");
        json_str_or_null(b, d->owner);
        zp_buf_adds(b, ",\"deadline\":");
        json_str_or_null(b, dl);
        zp_buf_adds(b, d->task ? ",\"kind\":\"task\"" : ",\"kind\":\"decision\"");
        zp_buf_adds(b, ",\"number\":");
        json_str_or_null(b, d->number);
        zp_buf_adds(b, ",\"verb\":");
        json_str_or_null(b, d->verb);
        zp_buf_adds(b, ",\"votes\":");
        json_votes(b, &d->votes);
        zp_buf_adds(b, d->passed < 0 ? ",\"passed\":null}" : d->passed ? ",\"passed\":true}" : ",\"passed\":false}");
    }
    zp_buf_addc(b, ']');
}

static void json_hit(zp_buf *b, const zp_hit *h, int grouped)
{
    zp_buf_printf(b, "{\"id\":\"%s\",\"rank\":%u,\"percent\":%d,\"weight\":%.6g,\"path\":", h->id, h->rank, h->percent,
                  h->weight);
    zp_fmt_json_cstr(b, h->path);
    zp_buf_adds(b, ",\"file\":");
    zp_fmt_json_cstr(b, h->file ? h->file : h->path);
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
    zp_buf_adds(b, "],\"date\":");
    json_str_or_null(b, h->date);
    zp_buf_adds(b, ",\"town\":");
    json_str_or_null(b, h->town);
    zp_buf_adds(b, ",\"body\":");
    json_str_or_null(b, h->body);
    zp_buf_adds(b, ",\"organisations\":[");
    for (size_t k = 0; k < h->orgs.n; k++) {
        if (k)
            zp_buf_addc(b, ',');
        zp_fmt_json_cstr(b, h->orgs.v[k]);
    }
    zp_buf_adds(b, "],\"decisions\":");
    json_decisions(b, &h->decisions);
    if (grouped)
        zp_buf_printf(b, ",\"same_meeting\":%u", h->same_meeting);
    zp_buf_addc(b, '}');
}

static void json_facet(zp_buf *b, const char *name, const char *key, const zp_facet *f)
{
    zp_buf_printf(b, "\"%s\":[", name);
    for (size_t i = 0; i < f->n; i++) {
        zp_buf_printf(b, "%s{\"%s\":", i ? "," : "", key);
        zp_fmt_json_cstr(b, f->v[i].value);
        zp_buf_printf(b, ",\"count\":%u}", f->v[i].count);
    }
    zp_buf_addc(b, ']');
}

int zp_search_json(const zp_results *r, zp_buf *b)
{
    zp_buf_adds(b, "{\"query\":");
    zp_fmt_json_cstr(b, r->query);
    zp_buf_printf(b, ",\"total\":%u,\"offset\":%u,\"hits\":[", r->total, r->offset);
    for (size_t i = 0; i < r->n_hits; i++) {
        if (i)
            zp_buf_addc(b, ',');
        json_hit(b, &r->hits[i], r->grouped);
    }
    zp_buf_addc(b, ']');
    if (r->has_facets) {
        zp_buf_adds(b, ",\"facets\":{");
        json_facet(b, "years", "value", &r->years);
        zp_buf_addc(b, ',');
        json_facet(b, "towns", "value", &r->towns);
        zp_buf_addc(b, ',');
        json_facet(b, "bodies", "value", &r->bodies);
        zp_buf_addc(b, ',');
        json_facet(b, "organisations", "value", &r->orgs);
        zp_buf_addc(b, '}');
    }
    if (r->has_timeline) {
        zp_buf_addc(b, ',');
        json_facet(b, "timeline", "year", &r->timeline);
    }
    if (r->has_facets || r->has_timeline)
        zp_buf_printf(b, ",\"undated\":%u", r->undated);
    if (r->relaxed) {
        zp_buf_adds(b, ",\"relaxed\":{\"query\":");
        zp_fmt_json_cstr(b, r->relax.query);
        zp_buf_adds(b, ",\"any\":");
        zp_buf_adds(b, r->relax.any ? "true" : "false");
        zp_buf_adds(b, ",\"words\":[");
        for (size_t i = 0; i < r->relax.words.n; i++) {
            if (i)
                zp_buf_addc(b, ',');
            zp_fmt_json_cstr(b, r->relax.words.v[i]);
        }
        zp_buf_adds(b, "],\"dropped\":[");
        for (size_t i = 0; i < r->relax.dropped.n; i++) {
            if (i)
                zp_buf_addc(b, ',');
            zp_fmt_json_cstr(b, r->relax.dropped.v[i]);
        }
        zp_buf_adds(b, "],\"related\":[");
        for (size_t i = 0; i + 1 < r->relax.related.n; i += 2) {
            zp_buf_adds(b, i ? ",{\"word\":" : "{\"word\":");
            zp_fmt_json_cstr(b, r->relax.related.v[i]);
            zp_buf_adds(b, ",\"instead\":");
            zp_fmt_json_cstr(b, r->relax.related.v[i + 1]);
            zp_buf_addc(b, '}');
        }
        zp_buf_adds(b, "]}");
    }
    if (r->partial.n) {
        zp_buf_adds(b, ",\"partial\":[");
        for (size_t i = 0; i + 1 < r->partial.n; i += 2) {
            zp_buf_adds(b, i ? ",{\"shard\":" : "{\"shard\":");
            zp_fmt_json_cstr(b, r->partial.v[i]);
            zp_buf_adds(b, ",\"reason\":");
            zp_fmt_json_cstr(b, r->partial.v[i + 1]);
            zp_buf_addc(b, '}');
        }
        zp_buf_addc(b, ']');
    }
    if (r->suggestion) {
        zp_buf_adds(b, ",\"suggestion\":");
        zp_fmt_json_cstr(b, r->suggestion);
    }
    zp_buf_addc(b, '}');
    return b->oom ? -1 : 0;
}
