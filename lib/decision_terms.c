/* The terms of a document's decisions: under their prefix, or as what lies
 * outside them (decision_terms.h). */
#include "decision_terms.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

typedef struct {
    uint32_t hash;
    size_t at, len;   /* the term: keys[at, at + len) */
    unsigned wdf;
    int in_text;      /* the text has it too (zp_decision_terms_write) */
} entry;

struct zp_term_set {
    entry *slot;      /* open addressing; len 0: empty */
    size_t cap, n;    /* cap a power of two, n at most half of it */
    zp_buf keys;
};

zp_term_set *zp_term_set_new(void)
{
    zp_term_set *set = calloc(1, sizeof *set);
    if (set && !(set->slot = calloc(set->cap = 256, sizeof *set->slot))) {
        free(set);
        return NULL;
    }
    return set;
}

void zp_term_set_free(zp_term_set *set)
{
    if (!set)
        return;
    free(set->slot);
    zp_buf_free(&set->keys);
    free(set);
}

size_t zp_term_set_count(const zp_term_set *set)
{
    return set->n;
}

/* The slot of term, or the empty one where it would go. */
static entry *slot_of(const zp_term_set *set, const char *term, size_t len, uint32_t h)
{
    size_t mask = set->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        entry *e = &set->slot[i];
        if (e->len == 0 || (e->hash == h && e->len == len && memcmp(set->keys.data + e->at, term, len) == 0))
            return e;
    }
}

static int grow(zp_term_set *set)
{
    entry *old = set->slot;
    size_t old_cap = set->cap;
    entry *slot = calloc(old_cap * 2, sizeof *slot);
    if (!slot)
        return -1;
    set->slot = slot;
    set->cap = old_cap * 2;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].len) {
            size_t k = old[i].hash & (set->cap - 1);
            while (slot[k].len)
                k = (k + 1) & (set->cap - 1);
            slot[k] = old[i];
        }
    free(old);
    return 0;
}

int zp_term_set_add(zp_term_set *set, const char *prefix, const char *s, size_t len, unsigned wdf)
{
    size_t plen = strlen(prefix);
    char term[256];
    if (len == 0 || plen + len > sizeof term)
        return 0;   /* longer than any term the index takes */
    memcpy(term, prefix, plen);
    memcpy(term + plen, s, len);
    len += plen;
    uint32_t h = zp_hash(term, len);
    entry *e = slot_of(set, term, len, h);
    if (e->len) {
        e->wdf += wdf;
        return 0;
    }
    if ((set->n + 1) * 2 > set->cap) {
        if (grow(set) < 0)
            return -1;
        e = slot_of(set, term, len, h);
    }
    size_t at = set->keys.len;
    if (zp_buf_add(&set->keys, term, len) < 0)
        return -1;
    *e = (entry){ h, at, len, wdf, 0 };
    set->n++;
    return 0;
}

/* Whether a term is one of the text's: a word (no prefix: a lower-case
 * letter, a digit or a byte beyond ASCII first) or "Z" + a word. */
static int text_term(const char *t, size_t len)
{
    size_t at = len > 1 && t[0] == 'Z' ? 1 : 0;
    return len > at && !(t[at] >= 'A' && t[at] <= 'Z');
}

typedef struct {
    const zp_term_set *set;
    zp_buf outside;   /* the text's terms the decisions lack, each ended by a 0 */
    size_t n_outside, both;
} walk;

static int on_doc_term(const char *t, size_t len, unsigned wdf, void *ud)
{
    walk *w = ud;
    (void)wdf;
    if (!text_term(t, len))
        return 0;
    entry *e = slot_of(w->set, t, len, zp_hash(t, len));
    if (e->len) {
        e->in_text = 1;
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

int zp_decision_terms_write(zx_doc *doc, zp_term_set *set, const char *field, const char *rest)
{
    if (!set || set->n == 0)   /* no decisions: kept under the field, none */
        return zx_doc_add_boolean_term(doc, field, strlen(field));
    walk w = { set, ZP_BUF_INIT, 0, 0 };
    for (size_t i = 0; i < set->cap; i++)
        set->slot[i].in_text = 0;
    int rc = zx_doc_each_term(doc, on_doc_term, &w);
    if (rc == 0 && w.outside.oom)
        rc = -1;
    /* as the rest: the text's terms outside, the decisions' the text lacks, the mark */
    int as_rest = rest_on && w.n_outside + (set->n - w.both) + 1 < set->n;
    unsigned dropped = 0;
    zp_buf term = ZP_BUF_INIT;
    for (size_t i = 0; i < set->cap && rc == 0; i++) {
        const entry *e = &set->slot[i];
        if (e->len && as_rest && e->in_text)
            dropped += e->wdf;
        else if (e->len)
            rc = add_under(doc, field, set->keys.data + e->at, e->len, e->wdf, &term);
    }
    for (size_t at = 0; as_rest && rc == 0 && at < w.outside.len;) {
        size_t len = strlen(w.outside.data + at);
        rc = add_under(doc, rest, w.outside.data + at, len, 0, &term);
        at += len + 1;
    }
    /* the mark of how it keeps them, no weight (a search filters by it);
     * and as the rest, "Z" + its mark alone with the dropped terms' wdf:
     * the document's length as before */
    const char *mark = as_rest ? rest : field;
    if (rc == 0)
        rc = zx_doc_add_boolean_term(doc, mark, strlen(mark));
    if (as_rest && rc == 0)
        rc = add_under(doc, rest, "Z", 1, dropped, &term);
    zp_buf_free(&term);
    zp_buf_free(&w.outside);
    return rc;
}
