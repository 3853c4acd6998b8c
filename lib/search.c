/* Search: normalise the query (filters out, synonyms in), parse it with our
 * stemmer, filter, sort and count facets, then turn each hit into shown
 * fields and a snippet marked by the terms it matched. */
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "docdata.h"
#include "document.h"
#include "halves.h"
#include "lemma.h"
#include "query.h"
#include "record_dict.h"
#include "shown_form.h"

/* Count matches exactly up to this many, so "N results" is not a guess for
 * any query a person would page through. */
#define EXACT_TOTAL_UP_TO 5000

/* Fields a query may name.  Text fields stay in the query for Xapian's
 * parser; filters become zp_filter. */
static const zp_field query_fields[] = {
    { "title", -1 },           { "nazev", -1 },
    { "rozhodnuti", -1 },      { "decision", -1 },
    { "rok", ZP_FILTER_YEAR }, { "year", ZP_FILTER_YEAR },
    { "od", ZP_FILTER_SINCE }, { "since", ZP_FILTER_SINCE },
    { "do", ZP_FILTER_UNTIL }, { "until", ZP_FILTER_UNTIL },
    { "mesto", ZP_FILTER_TOWN }, { "obec", ZP_FILTER_TOWN }, { "town", ZP_FILTER_TOWN },
    { "skupina", ZP_FILTER_BODY }, { "organ", ZP_FILTER_BODY }, { "body", ZP_FILTER_BODY },
    { "org", ZP_FILTER_ORG },  { "organizace", ZP_FILTER_ORG },
    { "osoba", ZP_FILTER_PERSON }, { "person", ZP_FILTER_PERSON },
    { "usneseni", ZP_FILTER_RESOLUTION }, { "resolution", ZP_FILTER_RESOLUTION },
};
static const zx_prefix text_fields[] = {
    { "title", ZP_PREFIX_TITLE, 0 },         { "nazev", ZP_PREFIX_TITLE, 0 },
    { "rozhodnuti", ZP_PREFIX_DECISION, 0 }, { "decision", ZP_PREFIX_DECISION, 0 },
};

enum { FACET_YEAR, FACET_TOWN, FACET_BODY, FACET_ORG, N_FACETS };
/* Counted over the matches: the facets, then (grouping over remote shards)
 * the meetings, whose counts tell how many hits each shown hit stands for:
 * Xapian's own collapse count is exact when every match is looked at, but
 * only a lower bound from remote shards. */
static const unsigned facet_slots[N_FACETS + 1] = { ZP_SLOT_YEAR, ZP_SLOT_TOWN, ZP_SLOT_BODY, ZP_SLOT_ORGS,
                                                    ZP_SLOT_MEETING };
/* Facet values are canonical forms; the shown form is in the database's
 * metadata under this prefix + the value (none for years). */
static const char *const facet_display[N_FACETS] = { NULL, ZP_PREFIX_TOWN, ZP_PREFIX_BODY, ZP_PREFIX_ORG };

typedef struct {
    zp_strlist words, stems;
    int oom;
} term_sets;

/* Strips a text-field prefix (S for titles, XDEC for decisions). */
static size_t field_prefix(const char *t, size_t len)
{
    size_t n = strlen(ZP_PREFIX_DECISION);
    if (len > n && memcmp(t, ZP_PREFIX_DECISION, n) == 0)
        return n;
    if (len > 1 && t[0] == ZP_PREFIX_TITLE[0])
        return 1;
    return 0;
}

/* Matched terms: "Z..." are stems, lower-case ones are words; both may
 * carry a text field's prefix.  Other prefixes are filters, not shown. */
static int on_term(const char *term, size_t len, void *ud)
{
    term_sets *t = ud;
    int rc = 0;
    if (len > 1 && term[0] == 'Z') {
        size_t p = 1 + field_prefix(term + 1, len - 1);
        rc = zp_strlist_add(&t->stems, term + p, len - p, 0);
    } else if (len > 0) {
        size_t p = field_prefix(term, len);
        if (!(term[p] >= 'A' && term[p] <= 'Z'))
            rc = zp_strlist_add(&t->words, term + p, len - p, 0);
    }
    if (rc < 0)
        t->oom = 1;
    return rc < 0;
}

/* Fields of a stored decision. */
#define DECISION_FIELDS 11

/* A hit's decisions being read, and the text they stand in. */
typedef struct {
    zp_decisions *ds;
    const char *text;
    size_t tlen;
    int bare;           /* zp_search_req.bare_decisions */
} decisions_ctx;

/* A stored number ("12", "-1") in s[0, len); fallback when it is none
 * (or has more than nine digits: a count, never so big). */
static int field_int(const char *s, size_t len, int fallback)
{
    size_t i = len > 0 && s[0] == '-', n;
    if (len - i > 9 || !zp_docdata_number(s, len, &i, &n) || i != len)
        return fallback;
    return s[0] == '-' ? -(int)n : (int)n;
}

static void add_decision(const char *v, size_t len, void *ud)
{
    const decisions_ctx *c = ud;
    zp_decisions *ds = c->ds;
    /* room for four, then twice as many each time it is full: a
     * resolution has many */
    if (ds->n == 0 || (ds->n >= 4 && (ds->n & (ds->n - 1)) == 0)) {
        zp_decision *n = realloc(ds->v, (ds->n ? ds->n * 2 : 4) * sizeof *n);
        if (!n)
            return;
        ds->v = n;
    }
    zp_decision *d = &ds->v[ds->n];
    memset(d, 0, sizeof *d);
    /* text \x1f owner \x1f deadline \x1f kind \x1f number \x1f verb \x1f
     * for \x1f against \x1f abstaining \x1f passed \x1f range: the text
     * is empty when the range says where it stands (lib/document.c; an
     * index written before has only the first four, or ten) */
    const char *parts[DECISION_FIELDS] = { v, "", "", "", "", "", "-1", "-1", "-1", "-1", "" };
    size_t lens[DECISION_FIELDS] = { len, 0, 0, 0, 0, 0, 2, 2, 2, 2, 0 };
    int k = 0;
    for (const char *at = v, *end = v + len; k < DECISION_FIELDS - 1 && (at = memchr(at, '\x1f', (size_t)(end - at)));) {
        lens[k] = (size_t)(at - parts[k]);
        parts[++k] = ++at;
        lens[k] = (size_t)(end - at);
    }
    if (lens[0] == 0 && lens[10]) {   /* where it stands; its text made unless bare */
        zp_buf t = ZP_BUF_INIT;
        if (zp_doc_decision_text(c->text, c->tlen, parts[10], lens[10], &d->at, &d->end, c->bare ? NULL : &t) == 0)
            d->text = c->bare ? strdup("") : zp_buf_steal(&t);
        zp_buf_free(&t);
    } else {
        d->text = strndup(parts[0], lens[0]);
    }
    d->owner = lens[1] ? strndup(parts[1], lens[1]) : NULL;
    d->task = lens[3] == 4 && memcmp(parts[3], "task", 4) == 0;
    if (lens[2] == 10) {
        d->deadline.year = field_int(parts[2], 4, 0);
        d->deadline.month = field_int(parts[2] + 5, 2, 0);
        d->deadline.day = field_int(parts[2] + 8, 2, 0);
    }
    d->number = lens[4] ? strndup(parts[4], lens[4]) : NULL;
    size_t verb = lens[5] < sizeof d->verb - 1 ? lens[5] : sizeof d->verb - 1;
    memcpy(d->verb, parts[5], verb);
    d->verb[verb] = '\0';
    d->votes.yes = field_int(parts[6], lens[6], -1);
    d->votes.no = field_int(parts[7], lens[7], -1);
    d->votes.abstain = field_int(parts[8], lens[8], -1);
    d->passed = field_int(parts[9], lens[9], -1);
    if (d->text)
        ds->n++;
}

static void add_org(const char *v, size_t len, void *ud)
{
    zp_strlist_add(ud, v, len, 0);
}

/* In decisions mode the snippet is the decision with the most matches
 * (in its passage; the first of those with as many), the only one made. */
static int decision_snippet(zp_hit *h, const zp_snip_terms *st, zp_snippet *out)
{
    int best = -1;
    size_t best_marks = 0;
    zp_snip_found *kept = NULL;   /* the best's matches */
    for (size_t i = 0; i < h->decisions.n; i++) {
        const char *t = h->decisions.v[i].text;
        zp_snip_found *f;
        if (zp_snip_find(t, strlen(t), st, &f) < 0) {
            zp_snip_found_free(kept);
            return -1;
        }
        size_t marks = zp_snip_found_marks(f, ZP_SNIP_MAX_DECISION_CHARS);
        if (best >= 0 && marks <= best_marks) {
            zp_snip_found_free(f);
            continue;
        }
        zp_snip_found_free(kept);
        kept = f;
        best = (int)i;
        best_marks = marks;
    }
    if (best < 0)
        return 1;
    int rc = zp_snip_passages_found(kept, ZP_SNIP_MAX_DECISION_CHARS, ZP_SNIP_MAX_DECISION_CHARS, 1, out);
    zp_snip_found_free(kept);
    if (rc < 0)
        return -1;
    h->shown_decision = best;
    return 0;
}

/* The decision whose text has the most matches, shown with its number
 * and vote under the hit (h->shown_decision; -1 when no decision has any).
 * A decision's words are counted among the matches already found in the
 * text when it stands there (nearly always); else it is analysed anew. */
static int matching_decision(zp_hit *h, const zp_snip_terms *st, const zp_snip_found *found, const char *text,
                             size_t tlen)
{
    size_t best_marks = 0;
    for (size_t i = 0; i < h->decisions.n; i++) {
        const char *t = h->decisions.v[i].text;
        size_t from = h->decisions.v[i].at, to = h->decisions.v[i].end, marks;
        if (to > 0 || zp_snip_locate(text, tlen, t, strlen(t), &from, &to)) {
            marks = zp_snip_found_count(found, from, to);
        } else {
            zp_snip_found *f;
            if (zp_snip_find(t, strlen(t), st, &f) < 0)
                return -1;
            marks = zp_snip_found_marks(f, ZP_SNIP_MAX_DECISION_CHARS);
            zp_snip_found_free(f);
        }
        if (marks > best_marks) {
            h->shown_decision = (int)i;
            best_marks = marks;
        }
    }
    return 0;
}

/* How a hit's text is shown: its best passage, or the whole text marked
 * (a document's page). */
enum { SNIPPET_PASSAGE, SNIPPET_WHOLE };

/* A hit being filled: its record read from the index (read_hit), then
 * unpacked and marked (unpack_hit, mark_hit: no Xapian, so the hits of a
 * page are done on both cores), then let go (end_hit). */
typedef struct {
    zp_hit *h;
    int decisions, whole;
    int bare;                /* decisions without their text (zp_search_req.bare_decisions) */
    int no_passage;          /* zp_search_req.no_passages: the record's fields only */
    char *data;              /* the stored record, holding the text */
    size_t len;
    const char *text;
    size_t tlen;
    const zp_snip_terms *terms;   /* what is marked: the query's, shared by a page's hits */
    int rc;                  /* the first failure, a ZX_ERR_* */
    char err[160];           /* what it was, when unpacking found it */
} hit_job;

static int read_hit(const zx_mset *m, unsigned i, hit_job *j, char *err, size_t errlen)
{
    zp_hit *h = j->h;
    h->shown_decision = -1;
    h->rank = zx_mset_rank(m, i) + 1;
    h->percent = zx_mset_percent(m, i);
    h->weight = zx_mset_weight(m, i);
    int rc = zx_mset_data(m, i, &j->data, &j->len, err, errlen);
    /* the record's dictionary read here, on the thread that reads Xapian */
    if (rc == ZX_OK && zp_record_dict_load(zx_mset_db(m), j->data, j->len, err, errlen) < 0)
        rc = ZX_ERR;
    return rc;
}

/* The fields a hit shows once (the first of each key), by their keys. */
enum { F_PATH, F_TITLE, F_MIME, F_TOWN, F_BODY, F_DATE, F_TEXT, N_ONCE };
static const char *const once_keys[N_ONCE] = { "path", "title", "mime", "town", "body", "date", "text" };

/* The hit's fields from its record, in one walk over it: the decisions,
 * which point into the text stored after them, from where the first of
 * them stands once the walk has found the text. */
static int unpack_hit(hit_job *j)
{
    zp_hit *h = j->h;
    size_t len = j->len;
    if (zp_docdata_unpack(&j->data, &len, j->err, sizeof j->err) < 0)
        return ZX_ERR;
    const char *data = j->data, *k, *v, *once[N_ONCE] = { NULL };
    size_t at = 0, field, klen, vlen, once_len[N_ONCE] = { 0 }, decisions_at = len;
    while (field = at, zp_docdata_next(data, len, &at, &k, &klen, &v, &vlen) == 0) {
        if (zp_docdata_key_is(k, klen, "decision")) {
            if (decisions_at == len)
                decisions_at = field;
        } else if (zp_docdata_key_is(k, klen, "org")) {
            add_org(v, vlen, &h->orgs);
        } else {
            for (int f = 0; f < N_ONCE; f++)
                if (!once[f] && zp_docdata_key_is(k, klen, once_keys[f])) {
                    once[f] = v;
                    once_len[f] = vlen;
                    break;
                }
        }
    }
    h->path = zp_docdata_value_dup(once[F_PATH], once_len[F_PATH]);
    if (h->path)
        zp_doc_id_term(h->path, h->id);
    h->title = zp_docdata_value_dup(once[F_TITLE], once_len[F_TITLE]);
    h->mime = zp_docdata_value_dup(once[F_MIME], once_len[F_MIME]);
    h->town = zp_docdata_value_dup(once[F_TOWN], once_len[F_TOWN]);
    h->body = zp_docdata_value_dup(once[F_BODY], once_len[F_BODY]);
    if (once[F_DATE] && once_len[F_DATE] == 10)
        memcpy(h->date, once[F_DATE], 10);
    j->text = once[F_TEXT] ? once[F_TEXT] : "";
    j->tlen = once_len[F_TEXT];
    decisions_ctx dc = { &h->decisions, j->text, j->tlen, j->bare };
    zp_docdata_each(data + decisions_at, len - decisions_at, "decision", add_decision, &dc);
    return 0;
}

/* The hit's fields, its snippet and the decision shown under it. */
static void mark_hit(hit_job *j)
{
    if (j->rc)
        return;
    if ((j->rc = unpack_hit(j)) != 0 || j->no_passage)
        return;
    zp_hit *h = j->h;
    const zp_snip_terms *st = j->terms;
    int s = j->decisions && !j->whole ? decision_snippet(h, st, &h->snippet) : 1;
    zp_snip_found *found = NULL;
    if (s == 1 && j->whole)
        s = zp_snip_whole(j->text, j->tlen, st, &h->snippet);
    else if (s == 1)
        s = zp_snip_find(j->text, j->tlen, st, &found) < 0
                ? -1
                : zp_snip_passages_found(found, ZP_SNIP_MAX_CHARS, ZP_SNIP_MORE_CHARS, ZP_SNIP_PASSAGES,
                                         &h->snippet);
    if (s == 0 && found)
        s = matching_decision(h, st, found, j->text, j->tlen);
    zp_snip_found_free(found);
    if (s < 0)
        j->rc = ZX_ERR_NOMEM;
}

static int end_hit(hit_job *j, char *err, size_t errlen)
{
    free(j->data);
    j->data = NULL;
    zp_hit *h = j->h;
    if (j->rc == 0 && (!h->path || !h->title || !h->mime || !h->town || !h->body))
        j->rc = ZX_ERR_NOMEM;
    if (j->rc == ZX_ERR_NOMEM)
        snprintf(err, errlen, "out of memory");
    else if (j->rc && j->err[0])
        snprintf(err, errlen, "%s", j->err);
    return j->rc;
}

static void mark_nth(size_t k, void *jobs)
{
    mark_hit((hit_job *)jobs + k);
}

/* What a page's hits are marked by, read once for all of them: the
 * query's terms (those a text holds are marked: asking Xapian which terms
 * each hit has would read its whole term list), and for a page of
 * passages the stems' forms (a document's view marks one text). */
typedef struct {
    term_sets t;
    zp_snip_terms st;
} page_terms;

static int page_terms_read(const zx_mset *m, const zp_query *q, int with_forms, page_terms *pt, char *err,
                           size_t errlen)
{
    memset(pt, 0, sizeof *pt);
    int rc = zx_mset_query_terms(m, on_term, &pt->t, err, errlen);
    if (rc == 0 && pt->t.oom) {
        snprintf(err, errlen, "out of memory");
        rc = ZX_ERR_NOMEM;
    }
    const term_sets *t = &pt->t;
    pt->st = (zp_snip_terms){ (const char *const *)t->words.v, t->words.n, (const char *const *)t->stems.v,
                              t->stems.n, (const char *const *)q->wildcards, q->n_wildcards, NULL };
    if (rc == 0 && with_forms)
        pt->st.forms = zp_snip_forms_new(&pt->st);
    return rc;
}

static void page_terms_free(page_terms *pt)
{
    zp_snip_forms_free((zp_snip_forms *)pt->st.forms);
    zp_strlist_free(&pt->t.words);
    zp_strlist_free(&pt->t.stems);
}

/* Reads hits [b, e) of m into jobs: their records from Xapian, on this
 * thread.  After a failure (or with rc already one) the rest are only
 * marked failed.  Returns the first failure. */
static int read_batch(const zx_mset *m, unsigned b, unsigned e, const zp_search_req *req, zp_results *r,
                      const zp_snip_terms *st, hit_job *jobs, int rc, char *err, size_t errlen)
{
    memset(jobs, 0, sizeof *jobs * (e - b));
    for (unsigned i = b; i < e; i++) {
        hit_job *j = &jobs[i - b];
        j->h = &r->hits[i];
        j->decisions = req->decisions;
        j->bare = req->bare_decisions && !req->decisions;
        j->no_passage = req->no_passages;
        j->whole = SNIPPET_PASSAGE;
        j->terms = st;
        if (rc == 0)
            rc = j->rc = read_hit(m, i, j, err, errlen);
        else
            j->rc = rc;
    }
    r->n_hits = e;
    return rc;
}

/* Lets a batch's jobs go; the first failure of rc and theirs. */
static int end_batch(hit_job *jobs, unsigned count, int rc, char *err, size_t errlen)
{
    for (unsigned k = 0; k < count; k++) {
        int jrc = end_hit(&jobs[k], err, errlen);
        if (rc == 0)
            rc = jrc;
    }
    return rc;
}

/* Fills the first n hits of m into r->hits, a batch at a time so that
 * the stored texts held at once stay few (two batches); a big page's
 * batches are marked on both cores, the helper beginning one while this
 * thread reads the next from Xapian. */
#define HIT_BATCH 32
#define HALVES_FROM 16
static int fill_hits(const zx_mset *m, unsigned n, const zp_query *q, const zp_search_req *req, zp_results *r,
                     char *err, size_t errlen)
{
    if (n == 0)
        return 0;
    page_terms pt;
    int rc = page_terms_read(m, q, !req->no_passages, &pt, err, errlen);
    hit_job jobs[2][HIT_BATCH];
    unsigned b = 0, e = n < HIT_BATCH ? n : HIT_BATCH;
    int k = 0;
    if (rc == 0)
        rc = read_batch(m, 0, e, req, r, &pt.st, jobs[0], rc, err, errlen);
    /* each batch read is marked (its failed hits are not) and let go */
    for (int any = r->n_hits > 0; any;) {
        unsigned count = e - b, next_e = e;
        /* a usual page's ten are marked on this thread: handing them over
         * cost a server busy on both cores more than it saved */
        zp_halves h = zp_halves_start(rc == 0 && count >= HALVES_FROM ? count : 0, mark_nth, jobs[k]);
        if (rc == 0 && e < n) {
            next_e = n - e < HIT_BATCH ? n : e + HIT_BATCH;
            rc = read_batch(m, e, next_e, req, r, &pt.st, jobs[k ^ 1], rc, err, errlen);
        }
        if (h.n)
            zp_halves_finish(&h);
        else
            for (unsigned i = 0; i < count; i++)
                mark_hit(&jobs[k][i]);
        rc = end_batch(jobs[k], count, rc, err, errlen);
        any = next_e > e;
        b = e;
        e = next_e;
        k ^= 1;
    }
    page_terms_free(&pt);
    return rc;
}

/* One hit, its whole text marked (a document's page). */
static int fill_whole(const zx_mset *m, const zp_query *q, zp_hit *h, char *err, size_t errlen)
{
    page_terms pt;
    hit_job j;
    memset(&j, 0, sizeof j);
    j.h = h;
    j.whole = SNIPPET_WHOLE;
    j.terms = &pt.st;
    j.rc = page_terms_read(m, q, 0, &pt, err, errlen);
    if (j.rc == 0)
        j.rc = read_hit(m, 0, &j, err, errlen);
    if (j.rc == 0)
        mark_hit(&j);
    int rc = end_hit(&j, err, errlen);
    page_terms_free(&pt);
    return rc;
}

typedef struct {
    zx_db *db;
    const char *prefix;
    zp_facet *f;
    size_t max;
} facet_ctx;

static int on_facet(const char *value, size_t len, unsigned count, void *ud)
{
    facet_ctx *c = ud;
    if (c->f->n >= c->max)
        return 1;
    zp_facet_value *v = realloc(c->f->v, (c->f->n + 1) * sizeof *v);
    if (!v)
        return 1;
    c->f->v = v;
    /* the forms written were counted by the indexer under prefix + value,
     * by each shard: the most written over all of them is shown */
    char *shown = NULL;
    if (c->prefix) {
        zp_buf key = ZP_BUF_INIT, forms = ZP_BUF_INIT;
        zp_buf_adds(&key, c->prefix);
        zp_buf_add(&key, value, len);
        char err[128];
        for (unsigned i = 0; i < zx_db_shard_count(c->db); i++) {
            char *f = NULL;
            if (zx_db_shard_metadata(c->db, i, zp_buf_str(&key), &f, err, sizeof err) == ZX_OK && *f) {
                if (forms.len)
                    zp_buf_addc(&forms, '\n');
                zp_buf_adds(&forms, f);
            }
            free(f);
        }
        shown = forms.oom ? NULL : zp_shown_forms_best(zp_buf_str(&forms));
        zp_buf_free(&key);
        zp_buf_free(&forms);
    }
    v[c->f->n].value = shown ? shown : strndup(value, len);
    v[c->f->n].count = count;
    if (v[c->f->n].value)
        c->f->n++;
    return 0;
}

static int add_value(zp_facet *f, const char *value, unsigned count)
{
    zp_facet_value *v = realloc(f->v, (f->n + 1) * sizeof *v);
    if (!v)
        return -1;
    f->v = v;
    if (!(v[f->n].value = strdup(value)))
        return -1;
    v[f->n++].count = count;
    return 0;
}

/* Every year from the first to the last with hits, oldest first -- a year
 * without minutes shows as 0, so a gap in a history is seen -- and the
 * hits without a date last. */
static int make_timeline(zp_results *r)
{
    int first = 0, last = -1;
    int *year = r->years.n ? malloc(r->years.n * sizeof *year) : NULL;   /* each facet value's, read once */
    if (r->years.n && !year)
        return ZX_ERR_NOMEM;
    for (size_t i = 0; i < r->years.n; i++) {
        int y = year[i] = atoi(r->years.v[i].value);
        if (y <= 0)
            continue;
        if (last < first || y < first)
            first = y;
        if (y > last)
            last = y;
    }
    for (int y = first; y <= last && last >= first; y++) {
        unsigned count = 0;
        for (size_t i = 0; i < r->years.n; i++)
            if (year[i] == y)
                count = r->years.v[i].count;
        char ys[16];
        snprintf(ys, sizeof ys, "%d", y);
        if (add_value(&r->timeline, ys, count) < 0) {
            free(year);
            return ZX_ERR_NOMEM;
        }
    }
    free(year);
    if (r->undated && add_value(&r->timeline, ZP_UNDATED, r->undated) < 0)
        return ZX_ERR_NOMEM;
    return 0;
}

/* With grouping: the other matches of hit i's meeting. */
static unsigned same_meeting(const zx_mset *m, unsigned i)
{
    char *key = NULL, err[128];
    size_t len = 0;
    unsigned n = 0;
    if (zx_mset_value(m, i, ZP_SLOT_MEETING, &key, &len, err, sizeof err) == ZX_OK && len)
        n = zx_mset_facet_count(m, N_FACETS, key, len);
    free(key);
    return n > 1 ? n - 1 : 0;
}

static int collect_facets(zx_db *db, const zx_mset *m, const zp_search_req *req, zp_results *r,
                          char *err, size_t errlen)
{
    zp_facet *dest[N_FACETS] = { &r->years, &r->towns, &r->bodies, &r->orgs };
    int rc = 0;
    for (int k = 0; k < N_FACETS && rc == 0; k++) {
        if (!req->facets && k != FACET_YEAR)
            continue;
        facet_ctx c = { db, facet_display[k], dest[k], k == FACET_YEAR ? (size_t)-1 : ZP_FACET_MAX_VALUES };
        rc = zx_mset_facet(m, (size_t)k, on_facet, &c, err, errlen);
    }
    /* hits without a date are counted, not lost: the rest of the total */
    unsigned dated = 0;
    for (size_t i = 0; i < r->years.n; i++)
        dated += r->years.v[i].count;
    r->undated = r->total > dated ? r->total - dated : 0;
    if (rc == 0 && req->timeline)
        rc = make_timeline(r);
    if (rc == 0 && r->undated && add_value(&r->years, ZP_UNDATED, r->undated) < 0)
        rc = ZX_ERR_NOMEM;
    if (rc == ZX_ERR_NOMEM)
        snprintf(err, errlen, "out of memory");
    r->has_facets = req->facets;
    r->has_timeline = req->timeline;
    return rc;
}

/* Terms a "more like this" query is made of. */
#define LIKE_TERMS 40

/* The text query, or every document when the query was only filters. */
static int text_query(zx_db *db, const zp_search_req *req, const zp_query *q, zx_query **out,
                      char *err, size_t errlen)
{
    /* decision and title stems have no positions: a phrase under XDEC or S
     * is matched in the text (zx_parse_opts.unpositioned) */
    zx_parse_opts po = { zp_analyse_xapian_stem, NULL, q->any, 0, text_fields,
                         sizeof text_fields / sizeof text_fields[0],
                         req->decisions && !req->like ? ZP_PREFIX_DECISION : NULL, ZP_PREFIX_DECISION,
                         ZP_PREFIX_OUTSIDE, ZP_PREFIX_TITLE };
    if (req->like) {
        /* the documents most like one; words typed narrow them */
        int rc = zx_query_like(db, req->like, LIKE_TERMS, ZP_PREFIX_STEM, out, err, errlen);
        if (rc == ZX_ERR_ARG) {
            snprintf(err, errlen, "more like this: no document %s in the index", req->like);
            return ZX_ERR_QUERY;
        }
        if (rc || !q->xapian[0])
            return rc;
        zx_query *words = NULL;
        rc = zx_query_parse(db, q->xapian, &po, &words, err, errlen);
        if (rc == 0)
            rc = zx_query_filter(*out, words, err, errlen);
        zx_query_free(words);
        return rc;
    }
    if (!q->xapian[0])
        return zx_query_all(out, err, errlen);
    int rc = zx_query_parse(db, q->xapian, &po, out, err, errlen);
    /* words typed with diacritics: their very lemma ranks first (být
     * before byt), without narrowing what matches */
    for (size_t i = 0; rc == 0 && i < q->n_exact; i++) {
        zx_query *e = NULL;
        rc = zx_query_term(q->exact[i], &e, err, errlen);
        if (rc == 0)
            rc = zx_query_and_maybe(*out, e, err, errlen);
        zx_query_free(e);
    }
    if (rc) {
        zx_query_free(*out);
        *out = NULL;
    }
    return rc;
}

static int build_query(zx_db *db, const zp_search_req *req, const zp_query *q, zx_query **out,
                       char *err, size_t errlen)
{
    /* filters from options and from the query, one list */
    size_t n = req->n_filters + q->n_filters;
    zp_filter *all = calloc(n ? n : 1, sizeof *all);
    if (!all) {
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    for (size_t i = 0; i < req->n_filters; i++)
        all[i] = req->filters[i];
    for (size_t i = 0; i < q->n_filters; i++)
        all[req->n_filters + i] = (zp_filter){ (zp_filter_kind)q->filters[i].id, q->filters[i].value };
    zx_query *filter = NULL;
    int rc = text_query(db, req, q, out, err, errlen);
    if (rc == 0)
        rc = zp_search_filters(db, all, n, &filter, err, errlen);
    if (rc == 0 && filter)
        rc = zx_query_filter(*out, filter, err, errlen);
    zx_query_free(filter);
    free(all);
    if (rc) {
        zx_query_free(*out);
        *out = NULL;
    }
    return rc;
}

/* Nothing found: perhaps a typo ("zebrk").  A correction is offered only
 * if it finds something. */
static int lookup_synonyms(const char *key, zp_strlist *out, void *ud)
{
    char err[256];
    return zp_search_synonyms(ud, key, out, err, sizeof err);
}

/* Text as typed, normalised for the parser (fields, synonyms, readings). */
static int normalize(zx_db *db, const char *text, size_t len, int may_be_empty, zp_query *q, char *err,
                     size_t errlen)
{
    return zp_query_normalize(text, len, query_fields, sizeof query_fields / sizeof query_fields[0],
                              lookup_synonyms, db, may_be_empty, q, err, errlen);
}

/* "Did you mean": the query as typed with its unknown words corrected,
 * when that finds something (checked as a typed query would be). */
static char *suggestion(zx_db *db, const zp_search_req *req)
{
    char err[256];
    char *fix = zp_search_suggest(db, req->query, req->query_len);
    if (!fix)
        return NULL;
    zp_query fixed;
    zx_query *xq = NULL;
    zx_mset *m = NULL;
    zx_search_opts so = { 0, 1, 1, -1, 0, NULL, 0, 0, 0, 0 };
    int found = normalize(db, fix, strlen(fix), req->n_filters > 0, &fixed, err, sizeof err) == 0 &&
                build_query(db, req, &fixed, &xq, err, sizeof err) == 0 &&
                zx_search(db, xq, &so, &m, err, sizeof err) == ZX_OK && zx_mset_total(m) > 0;
    zx_mset_free(m);
    zx_query_free(xq);
    zp_query_free(&fixed);
    if (!found) {
        free(fix);
        return NULL;
    }
    return fix;
}

/* The part of path below the folder it was indexed from, with that
 * folder's own name ("/srv/a/archive/x.pdf" under "/srv/a/archive" ->
 * "archive/x.pdf"): a page need not show where the server keeps files. */
static const char *below_root(const char *path, const char *roots)
{
    size_t k = zp_search_root_of(path, roots);
    if (!k)
        return path;
    /* keep the root's last component */
    while (k > 0 && path[k - 1] != '/')
        k--;
    return path + k;
}

/* The database a process keeps open from search to search (FastCGI): its
 * facet columns stay in memory (zx_search_opts.memory_facets). */
static int keep_open;
static zx_db *kept;
static char kept_path[4096];
static int kept_flags;

static int run(zx_db *db, const zp_search_req *req, const zp_query *q, zp_results *r, char *err,
               size_t errlen)
{
    zx_query *xq = NULL;
    int rc = build_query(db, req, q, &xq, err, errlen);
    if (rc)
        return rc;
    unsigned limit = req->limit > ZP_SEARCH_MAX_LIMIT ? ZP_SEARCH_MAX_LIMIT : req->limit;
    unsigned docs = 0;
    zx_db_doc_count(db, &docs, err, errlen);
    int count_meetings = req->group && zx_db_has_remote(db);
    int counting = req->facets || req->timeline || req->group;
    /* Xapian skips the match (and the facet counting) for a page of 0 hits;
     * ask for one and show none. */
    unsigned page = counting && limit == 0 ? 1 : limit;
    /* without words there is no relevance: browse newest first */
    zp_sort sort = req->sort == ZP_SORT_RELEVANCE && !q->xapian[0] && !req->like ? ZP_SORT_DATE_DESC : req->sort;
    zx_search_opts so = { req->offset, page, counting ? docs : EXACT_TOTAL_UP_TO,
                          sort == ZP_SORT_RELEVANCE ? -1 : ZP_SLOT_DATE,
                          sort == ZP_SORT_DATE_DESC, counting ? facet_slots : NULL,
                          counting ? N_FACETS + count_meetings : 0, req->group, ZP_SLOT_MEETING,
                          db == kept };
    zx_mset *m = NULL;
    rc = zx_search(db, xq, &so, &m, err, errlen);
    zx_query_free(xq);
    if (rc)
        return rc;
    r->total = zx_mset_total(m);
    r->grouped = req->group;
    unsigned n = limit ? zx_mset_size(m) : 0;
    r->hits = n ? calloc(n, sizeof *r->hits) : NULL;
    if (n && !r->hits) {
        zx_mset_free(m);
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    char *roots = NULL;
    if (n && zx_db_get_metadata(db, ZP_METADATA_ROOTS, &roots, err, errlen) != ZX_OK)
        roots = NULL;
    rc = fill_hits(m, n, q, req, r, err, errlen);
    for (unsigned i = 0; i < n && rc == 0; i++) {
        if (req->group)
            r->hits[i].same_meeting = count_meetings ? same_meeting(m, i) : zx_mset_collapsed(m, i);
        r->hits[i].file = below_root(r->hits[i].path, roots);
    }
    free(roots);
    if (rc == 0 && (req->facets || req->timeline))
        rc = collect_facets(db, m, req, r, err, errlen);
    zx_mset_free(m);
    return rc;
}

static void free_found(zp_results *r);

/* Nothing had all the words: search on with those that occur (and the
 * relatives of those that do not), and say so. */
static int relax(zx_db *db, const zp_search_req *req, const zp_query *q, zp_results *r, char *err,
                 size_t errlen)
{
    zp_relaxed rx;
    int k = zp_search_relax(db, q, &rx);
    if (k < 0) {
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    if (k == 0)
        return 0;
    zp_query wider = *q;
    wider.xapian = rx.query;
    wider.any = rx.any;
    wider.n_exact = 0;
    wider.plain = 0;
    zp_results tmp;
    memset(&tmp, 0, sizeof tmp);
    int rc = run(db, req, &wider, &tmp, err, errlen);
    if (rc == 0 && tmp.total == 0 && !wider.any && strchr(rx.query, ' ')) {
        /* the words left never meet in one document: any of them */
        free_found(&tmp);
        memset(&tmp, 0, sizeof tmp);
        wider.any = rx.any = 1;
        rc = run(db, req, &wider, &tmp, err, errlen);
    }
    if (rc == 0 && tmp.total > 0) {
        /* the relaxed search's hits, the first search's words and suggestion */
        tmp.suggestion = r->suggestion;
        r->suggestion = NULL;
        free_found(r);
        tmp.query = r->query;
        tmp.parsed = r->parsed;
        tmp.offset = r->offset;
        *r = tmp;
        r->relaxed = 1;
        r->relax = rx;
        return 0;
    }
    free_found(&tmp);
    zp_relaxed_free(&rx);
    return rc;
}

/* An empty database that a writer holds is an index being built: say so,
 * rather than "nothing found". */
static int not_built_yet(zx_db *db, const char *path, char *err, size_t errlen)
{
    unsigned docs = 0;
    if (zx_db_doc_count(db, &docs, err, errlen) != ZX_OK || docs > 0)
        return 0;
    if (zx_db_locked(db, err, errlen) != 1)
        return 0;
    snprintf(err, errlen, "%s: the index is being built (zapisy-index is at work on its first run); try again when it has committed", path);
    return ZX_ERR_BUILDING;
}

/* An index whose terms another version of the analysis made would answer
 * wrongly (words missed, not errors): refuse it and say what to do.  Each
 * shard is looked at; with partial results allowed, one of another
 * version is left out instead (and named). */
static int stale_shard(zx_db *db, unsigned i, const char *where, char *err, size_t errlen)
{
    char *v = NULL, *lex = NULL;
    int rc = 0;
    if (zx_db_shard_metadata(db, i, ZP_METADATA_VERSION, &v, err, errlen) != ZX_OK ||
        zx_db_shard_metadata(db, i, ZP_METADATA_LEXICON, &lex, err, errlen) != ZX_OK) {
        rc = ZX_ERR_SHARD;
    } else if (!v[0] && !lex[0]) {
        rc = 0;   /* an empty shard, or one stood in for */
    } else if (strcmp(v, ZP_INDEX_VERSION) != 0) {
        /* versions are whole numbers; none before the first was written */
        long made = v[0] ? strtol(v, NULL, 10) : 1;
        if (made > strtol(ZP_INDEX_VERSION, NULL, 10))
            snprintf(err, errlen, "%s: the index was made by a newer zapisy (index version %s, this one reads %s): "
                     "search it with that zapisy, or run this zapisy-index on it to re-index", where, v,
                     ZP_INDEX_VERSION);
        else
            snprintf(err, errlen, "%s: the index was made by an older zapisy (index version %s, this one reads %s): "
                     "run zapisy-index on it again to re-index", where, v[0] ? v : "1", ZP_INDEX_VERSION);
        rc = ZX_ERR_STALE;
    } else if (strcmp(lex, zp_lemma_identity()) == 0) {
        rc = 0;   /* made with the lexicon at hand (or, both, without one) */
    } else if (!zp_lemma_available()) {
        snprintf(err, errlen, "the Czech lexicon %s is missing or damaged (make builds it); the index %s needs it",
                 zp_lemma_path(), where);
        rc = ZX_ERR_STALE;
    } else {
        snprintf(err, errlen, "%s: the index was made with another Czech lexicon (%s, this is %s): "
                 "run zapisy-index on it again to re-index", where, lex[0] ? lex : "none", zp_lemma_identity());
        rc = ZX_ERR_STALE;
    }
    free(v);
    free(lex);
    return rc;
}

static int stale_index(zx_db *db, const char *path, int allow_partial, char *err, size_t errlen)
{
    unsigned docs = 0;
    if (zx_db_doc_count(db, &docs, err, errlen) != ZX_OK || docs == 0)
        return 0;
    if (!zx_db_sharded(db))
        return stale_shard(db, 0, path, err, errlen);
    unsigned n = zx_db_shard_count(db);
    for (unsigned i = 0; i < n; i++) {
        char where[1024];
        snprintf(where, sizeof where, "%s: shard %s", path, zx_db_shard_name(db, i));
        int rc = stale_shard(db, i, where, err, errlen);
        if (rc == ZX_ERR_STALE && allow_partial && zp_lemma_available())
            rc = zx_db_shard_leave_out(db, i, "made by another version of zapisy: run zapisy-index on it again",
                                       err, errlen);
        if (rc)
            return rc;
    }
    return 0;
}

/* The shards a search went without, for the page and the JSON. */
static int note_partial(zx_db *db, zp_results *r)
{
    for (unsigned i = 0; i < zx_db_shard_count(db); i++) {
        const char *why = zx_db_shard_down(db, i);
        if (!why)
            continue;
        const char *name = zx_db_shard_name(db, i);
        if (zp_strlist_add(&r->partial, name, strlen(name), 0) < 0 ||
            zp_strlist_add(&r->partial, why, strlen(why), 0) < 0)
            return ZX_ERR_NOMEM;
    }
    return 0;
}

void zp_search_keep_open(int on)
{
    keep_open = on;
    if (!on) {
        zx_db_close(kept);
        kept = NULL;
    }
}

/* The database for a search: the kept one, moved to its latest commit,
 * when it is the same path (opened the same way); else opened (and kept,
 * when asked to). */
static int open_db(const char *path, int flags, zx_db **db, char *err, size_t errlen)
{
    if (kept && strcmp(kept_path, path) == 0 && kept_flags == flags) {
        int rc = zx_db_reopen(kept, err, errlen);
        if (rc == 0) {
            *db = kept;
            return 0;
        }
        zx_db_close(kept);   /* gone or damaged: open afresh */
        kept = NULL;
    }
    int rc = zx_db_open(path, flags, db, err, errlen);
    if (rc == 0 && keep_open && strlen(path) < sizeof kept_path) {
        zx_db_close(kept);
        kept = *db;
        kept_flags = flags;
        snprintf(kept_path, sizeof kept_path, "%s", path);
    }
    return rc;
}

static void close_db(zx_db *db)
{
    if (db != kept)
        zx_db_close(db);
}

/* What a search starts from: results that hold the query as typed, the
 * database (kept or opened; none being built, none of another analysis)
 * and the query normalised.  0 or a negative ZX_ERR_*; the caller frees
 * *r, closes *db (close_db) and frees *q whatever it returned. */
static int start(const zp_search_req *req, int may_be_empty, zp_results **r, zx_db **db, zp_query *q, char *err,
                 size_t errlen)
{
    *db = NULL;
    memset(q, 0, sizeof *q);
    *r = calloc(1, sizeof **r);
    if (!*r || !((*r)->query = strndup(req->query, req->query_len))) {
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    (*r)->offset = req->offset;
    int rc = open_db(req->db_path, req->allow_partial ? ZX_OPEN_PARTIAL : 0, db, err, errlen);
    if (rc == 0)
        rc = not_built_yet(*db, req->db_path, err, errlen);
    if (rc == 0)
        rc = stale_index(*db, req->db_path, req->allow_partial, err, errlen);
    if (rc == 0 && normalize(*db, req->query, req->query_len, may_be_empty, q, err, errlen) < 0)
        rc = ZX_ERR_QUERY;
    return rc;
}

/* What every search ends with: the shards it went without noted, the
 * database and query let go, and the results handed out (0) or freed. */
static int end_search(zx_db *db, zp_query *q, zp_results *r, int rc, zp_results **out)
{
    if (rc == 0)
        rc = note_partial(db, r);
    close_db(db);
    zp_query_free(q);
    if (rc) {
        zp_results_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

int zp_search_run(const zp_search_req *req, zp_results **out, char *err, size_t errlen)
{
    *out = NULL;
    zp_results *r;
    zx_db *db;
    zp_query q;
    int rc = start(req, req->n_filters > 0, &r, &db, &q, err, errlen);
    if (rc == 0 && !(r->parsed = strdup(q.xapian)))
        rc = ZX_ERR_NOMEM;
    if (rc == 0)
        rc = run(db, req, &q, r, err, errlen);
    if (rc == 0 && r->total == 0 && q.xapian[0])
        r->suggestion = suggestion(db, req);
    if (rc == 0 && r->total == 0 && q.plain && req->offset == 0)
        rc = relax(db, req, &q, r, err, errlen);
    return end_search(db, &q, r, rc, out);
}

int zp_search_view(const zp_search_req *req, const char *id, zp_results **out, char *err, size_t errlen)
{
    *out = NULL;
    zp_results *r;
    zx_db *db;
    zp_query q;
    int rc = start(req, 1, &r, &db, &q, err, errlen);
    zx_query *xq = NULL, *only = NULL;
    zx_mset *m = NULL;
    zx_search_opts so = { 0, 1, 1, -1, 0, NULL, 0, 0, 0, 0 };
    if (rc == 0)
        rc = zx_query_term(id, &only, err, errlen);
    /* the document with its matches marked; when it does not match the
     * words (an old link), the document without marks */
    for (int pass = q.xapian && q.xapian[0] ? 0 : 1; rc == 0 && pass < 2; pass++) {
        zp_search_req plain = *req;
        plain.like = NULL;
        rc = pass == 0 ? text_query(db, &plain, &q, &xq, err, errlen) : zx_query_all(&xq, err, errlen);
        if (rc == 0)
            rc = zx_query_filter(xq, only, err, errlen);
        if (rc == 0)
            rc = zx_search(db, xq, &so, &m, err, errlen);
        zx_query_free(xq);
        xq = NULL;
        if (rc == 0 && zx_mset_size(m) > 0)
            break;
        zx_mset_free(m);
        m = NULL;
    }
    if (rc == 0 && !m) {
        snprintf(err, errlen, "no document %s in the index", id);
        rc = ZX_ERR_ARG;
    }
    if (rc == 0 && !(r->hits = calloc(1, sizeof *r->hits))) {
        snprintf(err, errlen, "out of memory");
        rc = ZX_ERR_NOMEM;
    }
    if (rc == 0) {
        r->n_hits = 1;
        r->total = 1;
        rc = fill_whole(m, &q, &r->hits[0], err, errlen);
    }
    if (rc == 0) {
        char *roots = NULL;
        if (zx_db_get_metadata(db, ZP_METADATA_ROOTS, &roots, err, errlen) == ZX_OK)
            r->hits[0].file = below_root(r->hits[0].path, roots);
        free(roots);
    }
    zx_mset_free(m);
    zx_query_free(only);
    return end_search(db, &q, r, rc, out);
}

static void free_facet(zp_facet *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i].value);
    free(f->v);
}

static void free_hits(zp_results *r)
{
    for (size_t i = 0; i < r->n_hits; i++) {
        zp_hit *h = &r->hits[i];
        free(h->path);
        free(h->title);
        free(h->mime);
        free(h->town);
        free(h->body);
        zp_strlist_free(&h->orgs);
        for (size_t k = 0; k < h->decisions.n; k++) {
            free(h->decisions.v[k].text);
            free(h->decisions.v[k].owner);
            free(h->decisions.v[k].number);
        }
        free(h->decisions.v);
        zp_snip_free(&h->snippet);
    }
    free(r->hits);
    r->hits = NULL;
    r->n_hits = 0;
}

/* What one search found: hits, facets, timeline, suggestion. */
static void free_found(zp_results *r)
{
    free_hits(r);
    free_facet(&r->years);
    free_facet(&r->towns);
    free_facet(&r->bodies);
    free_facet(&r->orgs);
    free_facet(&r->timeline);
    free(r->suggestion);
    r->suggestion = NULL;
}

void zp_results_free(zp_results *r)
{
    if (!r)
        return;
    free_found(r);
    zp_relaxed_free(&r->relax);
    zp_strlist_free(&r->partial);
    free(r->query);
    free(r->parsed);
    free(r);
}
