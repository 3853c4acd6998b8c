/* Document building: the text through the analysis, the metadata as
 * terms, values and stored fields (docs/schema.md). */
#include "document.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "budget.h"
#include "buf.h"
#include "decision_terms.h"
#include "docdata.h"
#include "fold.h"
#include "meta_words.h"
#include "snippet.h"

/* Separates the parts of a stored decision: text, owner, deadline, kind. */
#define FIELD_SEP "\x1f"

/* FNV-1a 64: stable across runs and machines, no library needed. */
static uint64_t fnv1a(const unsigned char *p, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void zp_doc_id_term(const char *path, char out[ZP_ID_TERM_SIZE])
{
    snprintf(out, ZP_ID_TERM_SIZE, ZP_PREFIX_ID "%016llx",
             (unsigned long long)fnv1a((const unsigned char *)path, strlen(path)));
}

void zp_doc_hash(const char *data, size_t len, char out[ZP_HASH_SIZE])
{
    snprintf(out, ZP_HASH_SIZE, "%016llx", (unsigned long long)fnv1a((const unsigned char *)data, len));
}

static int add_bool(zx_doc *doc, const char *prefix, const char *value)
{
    zp_buf t = ZP_BUF_INIT;
    zp_buf_adds(&t, prefix);
    zp_buf_adds(&t, value);
    int rc = t.oom ? -1 : zx_doc_add_boolean_term(doc, zp_buf_str(&t), t.len);
    zp_buf_free(&t);
    return rc;
}

/* prefix + canonical form, the canonical form into the facet slot's value,
 * and the shown form for facets. */
static int add_facet(zp_doc *d, const char *prefix, const char *display, zp_buf *slot)
{
    zp_buf c = ZP_BUF_INIT, key = ZP_BUF_INIT;
    zp_meta_canonical(display, strlen(display), &c);
    int rc = c.len ? add_bool(d->doc, prefix, zp_buf_str(&c)) : 0;
    if (c.len) {
        if (slot->len)
            zp_buf_addc(slot, ZX_VALUE_SEP);
        zp_buf_add(slot, zp_buf_str(&c), c.len);
    }
    zp_buf_adds(&key, prefix);
    zp_buf_add(&key, zp_buf_str(&c), c.len);
    if (rc == 0 && c.len &&
        (zp_strlist_add(&d->display_keys, zp_buf_str(&key), key.len, 0) < 0 ||
         zp_strlist_add(&d->display_values, display, strlen(display), 0) < 0))
        rc = -1;
    zp_buf_free(&c);
    zp_buf_free(&key);
    return rc;
}

/* prefix + stem of each word of the name (titles included: harmless). */
static int add_words(zx_doc *doc, const char *prefix, const char *name)
{
    zp_buf stems = ZP_BUF_INIT;
    zp_meta_canonical(name, strlen(name), &stems);
    int rc = stems.oom ? -1 : 0;
    char *s = stems.data;
    while (rc == 0 && s && *s) {
        char *sp = strchr(s, ' ');
        if (sp)
            *sp = '\0';
        rc = add_bool(doc, prefix, s);
        s = sp ? sp + 1 : NULL;
    }
    zp_buf_free(&stems);
    return rc;
}

static int index_date(zx_doc *doc, const zp_date *dt, zp_buf *data)
{
    if (!dt->year)
        return 0;
    char v[16], iso[11];
    snprintf(v, sizeof v, "%04u%02u%02u", (unsigned)dt->year % 10000u, (unsigned)dt->month % 100u,
             (unsigned)dt->day % 100u);
    zp_meta_date_iso(dt, iso);
    zp_docdata_puts(data, "date", iso);
    int rc = zx_doc_set_value(doc, ZP_SLOT_DATE, v, 8);
    if (rc == 0)
        rc = add_bool(doc, ZP_PREFIX_DAY, v);
    v[6] = '\0';
    if (rc == 0)
        rc = add_bool(doc, ZP_PREFIX_MONTH, v);
    v[4] = '\0';
    if (rc == 0)
        rc = add_bool(doc, ZP_PREFIX_YEAR, v);
    if (rc == 0)
        rc = zx_doc_set_value(doc, ZP_SLOT_YEAR, v, 4);
    return rc;
}

static int add_resolution_number(zx_doc *doc, const char *number)
{
    zp_buf t = ZP_BUF_INIT;
    zp_doc_resolution_term(number, strlen(number), &t);
    int rc = t.oom ? -1 : zx_doc_add_boolean_term(doc, zp_buf_str(&t), t.len);
    zp_buf_free(&t);
    return rc;
}

void zp_doc_resolution_term(const char *number, size_t len, zp_buf *out)
{
    zp_buf_adds(out, ZP_PREFIX_RESOLUTION);
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(number, len, &f);
    for (size_t i = 0; i < f.len; i++)
        if (f.data[i] != ' ')
            zp_buf_addc(out, f.data[i]);
    zp_buf_free(&f);
}

/* Where a decision stands in the stored text, as the field that stands
 * for it ("FROM-TO", "FROM-TO…" when it was cut short): its text is that
 * range with its whitespace squeezed (zp_doc_decision_text), and stored so
 * only when that gives it back byte for byte -- else out is left empty and
 * the text itself is stored.  A resolution's decisions are most of its
 * text: stored twice, every hit's record was inflated twice over. */
static void decision_range(const char *text, size_t len, const char *dec, zp_buf *out)
{
    size_t from, to;
    if (!zp_snip_locate(text, len, dec, strlen(dec), &from, &to))
        return;
    char range[64];
    snprintf(range, sizeof range, "%zu-%zu", from, to);
    zp_buf back = ZP_BUF_INIT;
    size_t n = strlen(dec);
    if (zp_snip_cut_mark(dec, n))
        strcat(range, ZP_ELLIPSIS);
    zp_doc_decision_text(text, len, range, strlen(range), &from, &to, &back);
    if (!back.oom && back.len == n && memcmp(back.data, dec, n) == 0)
        zp_buf_adds(out, range);
    zp_buf_free(&back);
}

int zp_doc_decision_text(const char *text, size_t len, const char *range, size_t rlen, size_t *at, size_t *end_at,
                         zp_buf *out)
{
    /* "FROM-TO", or "FROM-TO…" when it was cut short */
    size_t i = 0, from, to;
    if (!zp_docdata_number(range, rlen, &i, &from) || i >= rlen || range[i++] != '-' ||
        !zp_docdata_number(range, rlen, &i, &to) || from > to || to > len)
        return -1;
    size_t rest = rlen - i;
    int cut = rest > 0;
    if (cut && (rest != strlen(ZP_ELLIPSIS) || memcmp(range + i, ZP_ELLIPSIS, rest) != 0))
        return -1;
    *at = from;
    *end_at = to;
    if (!out)
        return 0;
    zp_words_squeeze(text, from, to, out);
    if (cut)
        zp_buf_adds(out, " " ZP_ELLIPSIS);
    return out->oom ? -1 : 0;
}

/* The decisions: their terms (lib/decision_terms.c, once every word of the
 * text is in), and a record of each. */
static int index_decisions(zp_doc *d, zp_buf *data, zp_analyse_state *st, const char *text, size_t tlen)
{
    zp_term_set *terms = d->meta.decisions.n ? zp_term_set_new() : NULL;
    int rc = d->meta.decisions.n && !terms ? -1 : 0;
    for (size_t i = 0; i < d->meta.decisions.n && rc == 0; i++) {
        const zp_decision *dec = &d->meta.decisions.v[i];
        zp_analyse_state ds = { st->pos, 1, ZP_TITLE_NOT, terms };
        rc = zp_analyse_text(d->doc, dec->text, strlen(dec->text), &ds);
        st->pos = ds.pos;
        char dl[11] = "";
        if (dec->deadline.year)
            zp_meta_date_iso(&dec->deadline, dl);
        zp_buf v = ZP_BUF_INIT, range = ZP_BUF_INIT;
        decision_range(text, tlen, dec->text, &range);
        zp_buf_adds(&v, range.len ? "" : dec->text);
        zp_buf_adds(&v, FIELD_SEP);
        zp_buf_adds(&v, dec->owner ? dec->owner : "");
        zp_buf_adds(&v, FIELD_SEP);
        zp_buf_adds(&v, dl);
        zp_buf_adds(&v, FIELD_SEP);
        zp_buf_adds(&v, dec->task ? "task" : "decision");
        /* number, verb, votes for/against/abstaining, passed (-1 unknown) */
        zp_buf_printf(&v, FIELD_SEP "%s" FIELD_SEP "%s" FIELD_SEP "%d" FIELD_SEP "%d" FIELD_SEP "%d" FIELD_SEP "%d",
                      dec->number ? dec->number : "", dec->verb, dec->votes.yes, dec->votes.no, dec->votes.abstain,
                      dec->passed);
        /* where it stands in the text, when its text is not stored */
        zp_buf_adds(&v, FIELD_SEP);
        zp_buf_add(&v, zp_buf_str(&range), range.len);
        zp_docdata_put(data, "decision", zp_buf_str(&v), v.len);
        zp_buf_free(&v);
        zp_buf_free(&range);
        if (rc == 0 && dec->number)
            rc = add_resolution_number(d->doc, dec->number);
    }
    if (rc == 0)
        rc = zp_decision_terms_write(d->doc, terms, ZP_PREFIX_DECISION, ZP_PREFIX_OUTSIDE);
    zp_term_set_free(terms);
    return rc;
}

static void put_list(zp_buf *data, const char *key, const zp_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        zp_docdata_puts(data, key, l->v[i]);
}

static int set_slot(zx_doc *doc, unsigned slot, zp_buf *v)
{
    int rc = v->oom ? -1 : v->len ? zx_doc_set_value(doc, slot, zp_buf_str(v), v->len) : 0;
    zp_buf_free(v);
    return rc;
}

static int index_meta(zp_doc *d, zp_buf *data, zp_analyse_state *st, const char *text, size_t tlen)
{
    const zp_meta *m = &d->meta;
    zp_buf town = ZP_BUF_INIT, body = ZP_BUF_INIT, orgs = ZP_BUF_INIT;
    int rc = index_date(d->doc, &m->date, data);
    if (rc == 0 && m->town) {
        zp_docdata_puts(data, "town", m->town);
        rc = add_facet(d, ZP_PREFIX_TOWN, m->town, &town);
    }
    if (rc == 0 && m->body) {
        zp_docdata_puts(data, "body", m->body);
        rc = add_facet(d, ZP_PREFIX_BODY, m->body, &body);
        if (rc == 0)
            rc = add_words(d->doc, ZP_PREFIX_BODY_WORD, m->body);
    }
    for (size_t i = 0; i < m->orgs.n && rc == 0; i++) {
        rc = add_facet(d, ZP_PREFIX_ORG, m->orgs.v[i], &orgs);
        if (rc == 0)
            rc = add_words(d->doc, ZP_PREFIX_ORG_WORD, m->orgs.v[i]);
    }
    int slots = set_slot(d->doc, ZP_SLOT_TOWN, &town);
    if (m->date.year && m->date.day && body.len) {
        /* one meeting: the day and the body (records of it split over files
         * or repeated in board and council minutes collapse into one hit) */
        zp_buf meeting = ZP_BUF_INIT;
        zp_buf_printf(&meeting, "%04u%02u%02u ", (unsigned)m->date.year % 10000u, (unsigned)m->date.month % 100u,
                      (unsigned)m->date.day % 100u);
        zp_buf_add(&meeting, zp_buf_str(&body), body.len);
        slots |= set_slot(d->doc, ZP_SLOT_MEETING, &meeting);
        zp_buf_free(&meeting);
    }
    slots |= set_slot(d->doc, ZP_SLOT_BODY, &body);
    slots |= set_slot(d->doc, ZP_SLOT_ORGS, &orgs);
    if (rc == 0)
        rc = slots;
    for (size_t i = 0; i < m->people.n && rc == 0; i++)
        rc = add_words(d->doc, ZP_PREFIX_PERSON, m->people.v[i]);
    put_list(data, "org", &m->orgs);
    put_list(data, "person", &m->people);
    put_list(data, "present", &m->present);
    put_list(data, "excused", &m->excused);
    put_list(data, "guest", &m->guests);
    if (rc == 0)
        rc = index_decisions(d, data, st, text, tlen);
    return rc;
}

static int set_number(zx_doc *doc, unsigned slot, long long v)
{
    char s[32];
    /* Zero-padded so string order is numeric order. */
    int n = snprintf(s, sizeof s, "%020lld", v < 0 ? 0 : v);
    return zx_doc_set_value(doc, slot, s, (size_t)n);
}

static int fill(zp_doc *d, const zp_doc_input *in, const zp_buf *clean)
{
    zp_buf data = ZP_BUF_INIT, packed = ZP_BUF_INIT;
    const char *title = d->meta.title;
    size_t tlen = strlen(title), subject = d->meta.title_subject;
    size_t head = subject && subject < tlen ? subject : tlen;
    zp_analyse_state st = { 0, 1, ZP_TITLE_ALSO, NULL };
    int rc = zp_analyse_text(d->doc, title, head, &st);
    /* the subject under a record's heading is the text's next line: its
     * words are the text's already, only the title's terms are added */
    st.title = ZP_TITLE_ONLY;
    if (rc == 0 && head < tlen)
        rc = zp_analyse_text(d->doc, title + head, tlen - head, &st);
    st.title = ZP_TITLE_NOT;
    /* a front matter's fields are searchable, but the text shown and
     * snippeted is the record's body */
    size_t fm = (size_t)zp_meta_front_matter_end(zp_buf_str(clean), clean->len);
    if (rc == 0)
        rc = zp_analyse_text(d->doc, zp_buf_str(clean), clean->len, &st);
    if (rc == 0)
        rc = zx_doc_add_boolean_term(d->doc, d->id_term, strlen(d->id_term));
    if (rc == 0)
        rc = add_bool(d->doc, ZP_PREFIX_MIME, in->mime);
    if (rc == 0)
        rc = set_number(d->doc, ZP_SLOT_MTIME, in->mtime);
    if (rc == 0)
        rc = set_number(d->doc, ZP_SLOT_SIZE, in->size);
    if (rc == 0 && in->hash)
        rc = zx_doc_set_value(d->doc, ZP_SLOT_HASH, in->hash, strlen(in->hash));
    zp_docdata_puts(&data, "path", in->path);
    zp_docdata_puts(&data, "title", title);
    zp_docdata_puts(&data, "mime", in->mime);
    if (rc == 0)
        rc = index_meta(d, &data, &st, zp_buf_str(clean) + fm, clean->len - fm);
    zp_docdata_put(&data, "text", zp_buf_str(clean) + fm, clean->len - fm);
    if (rc == 0 && !data.oom)
        rc = zp_packer_pack(in->packer, zp_buf_str(&data), data.len, &packed, &d->dict_id) < 0
                 ? -1
                 : zx_doc_set_data(d->doc, zp_buf_str(&packed), packed.len);
    if (data.oom)
        rc = -1;
    zp_buf_free(&data);
    zp_buf_free(&packed);
    return rc;
}

int zp_doc_build(const zp_doc_input *in, zp_doc *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    zp_doc_id_term(in->path, d->id_term);
    zp_buf clean = ZP_BUF_INIT;
    d->invalid = zp_fold_clean_text(in->text, in->len, &clean);
    int rc = d->invalid < 0 ? -1 : 0;
    if (rc == 0)
        rc = zp_meta_extract(zp_buf_str(&clean), clean.len, &d->meta);
    if (rc == 0 && !(d->doc = zx_doc_new()))
        rc = -1;
    if (rc == 0)
        rc = fill(d, in, &clean);
    zp_buf_free(&clean);
    if (rc && zp_budget_cancelled()) {
        snprintf(err, errlen, "%s: stopped (the run was interrupted)", in->path);
        zp_doc_free(d);
        return -1;
    }
    if (rc && zp_budget_overrun()) {
        snprintf(err, errlen, "%s: took longer than its time budget and was skipped", in->path);
        zp_doc_free(d);
        return -1;
    }
    if (rc) {
        snprintf(err, errlen, "%s: cannot build the index document (out of memory?)", in->path);
        zp_doc_free(d);
        return -1;
    }
    return 0;
}

void zp_doc_free(zp_doc *d)
{
    zx_doc_free(d->doc);
    zp_meta_free(&d->meta);
    zp_strlist_free(&d->display_keys);
    zp_strlist_free(&d->display_values);
    memset(d, 0, sizeof *d);
}
