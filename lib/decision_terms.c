/* The terms of a document's decisions: under their prefix, or as what lies
 * outside them (decision_terms.h). */
#include "decision_terms.h"

#include <string.h>

#include "buf.h"

/* Whether a term is one of the text's: a word (no prefix: a lower-case
 * letter, a digit or a byte beyond ASCII first) or "Z" + a word. */
static int text_term(const char *t, size_t len)
{
    size_t at = len > 1 && t[0] == 'Z' ? 1 : 0;
    return len > at && !(t[at] >= 'A' && t[at] <= 'Z');
}

typedef struct {
    zp_term_set *set;
    zp_buf outside;   /* the text's terms the decisions lack, each ended by a 0 */
    size_t n_outside, both;
} walk;

/* A term of the document: one of the decisions' is marked (the text has
 * it too); one of the text's the decisions lack is kept in outside. */
static int on_doc_term(const char *t, size_t len, unsigned wdf, void *ud)
{
    walk *w = ud;
    (void)wdf;
    if (!text_term(t, len))
        return 0;
    if (zp_term_set_mark(w->set, t, len)) {
        w->both++;
        return 0;
    }
    zp_buf_add(&w->outside, t, len);
    zp_buf_addc(&w->outside, '\0');
    w->n_outside++;
    return w->outside.oom;
}

/* Adds term (a word, or "Z" + a stem) under prefix: prefix + word, "Z" +
 * prefix + stem; with wdf, or as a boolean term when it is 0. */
static int add_under(zx_doc *doc, const char *prefix, const char *t, size_t len, unsigned wdf, zp_buf *scratch)
{
    zp_buf_reset(scratch);
    int stem = t[0] == 'Z';
    if (stem)
        zp_buf_addc(scratch, 'Z');
    zp_buf_adds(scratch, prefix);
    zp_buf_add(scratch, t + stem, len - (size_t)stem);
    if (scratch->oom)
        return -1;
    return wdf ? zx_doc_add_term(doc, scratch->data, scratch->len, wdf)
               : zx_doc_add_boolean_term(doc, scratch->data, scratch->len);
}

static int rest_on = 1;

void zp_decision_terms_rest(int on)
{
    rest_on = on;
}

typedef struct {
    zx_doc *doc;
    const char *field;
    int as_rest;
    unsigned dropped;   /* as the rest: the wdf of the decisions' terms left out */
    zp_buf term;
} writing;

/* A decisions' term: under the field, unless it is left out (as the rest,
 * the text having it). */
static int write_term(const char *t, size_t len, unsigned wdf, int in_text, void *ud)
{
    writing *w = ud;
    if (w->as_rest && in_text) {
        w->dropped += wdf;
        return 0;
    }
    return add_under(w->doc, w->field, t, len, wdf, &w->term);
}

int zp_decision_terms_write(zx_doc *doc, zp_term_set *set, const char *field, const char *rest)
{
    size_t n = set ? zp_term_set_size(set) : 0;
    if (n == 0)   /* no decisions: kept under the field, none */
        return zx_doc_add_boolean_term(doc, field, strlen(field));
    walk w = { set, ZP_BUF_INIT, 0, 0 };
    int rc = zx_doc_each_term(doc, on_doc_term, &w);
    if (rc == 0 && w.outside.oom)
        rc = -1;
    /* as the rest: the text's terms outside, the decisions' the text lacks, the mark */
    writing out = { doc, field, rest_on && w.n_outside + (n - w.both) + 1 < n, 0, ZP_BUF_INIT };
    if (rc == 0)
        rc = zp_term_set_each(set, write_term, &out);
    for (size_t at = 0; out.as_rest && rc == 0 && at < w.outside.len;) {
        size_t len = strlen(w.outside.data + at);
        rc = add_under(doc, rest, w.outside.data + at, len, 0, &out.term);
        at += len + 1;
    }
    /* the mark of how it keeps them, no weight (a search filters by it);
     * and as the rest, "Z" + its mark alone with the dropped terms' wdf:
     * the document's length as before */
    const char *mark = out.as_rest ? rest : field;
    if (rc == 0)
        rc = zx_doc_add_boolean_term(doc, mark, strlen(mark));
    if (out.as_rest && rc == 0)
        rc = add_under(doc, rest, "Z", 1, out.dropped, &out.term);
    zp_buf_free(&out.term);
    zp_buf_free(&w.outside);
    return rc;
}
