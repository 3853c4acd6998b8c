/* No dead ends: when no document has all the words typed, search on with
 * the words that occur -- a word none of the minutes has is replaced by
 * its derived relatives in the archive ("aktivizacni": aktivizace,
 * aktivizaci) or, without any, dropped -- and, when the words that are
 * left still never meet in one document, with any of them. */
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "fold.h"

/* Relatives offered for one word: the most frequent words of the archive
 * that share its beginning. */
#define MAX_RELATIVES 4
#define MAX_SCANNED 400
/* Shorter words have no meaningful beginning to share. */
#define MIN_RELATIVE_WORD 6

typedef struct {
    zx_db *db;
    char word[MAX_RELATIVES][128];
    char lemma[MAX_RELATIVES][128];   /* each relative's reading: one form a lemma */
    unsigned freq[MAX_RELATIVES];
    size_t n, scanned;
} relatives;

static int on_relative(const char *term, size_t len, void *ud)
{
    relatives *r = ud;
    if (++r->scanned > MAX_SCANNED)
        return 1;
    if (len >= sizeof r->word[0])
        return 0;
    char t[128], err[128];
    memcpy(t, term, len);
    t[len] = '\0';
    unsigned f = 0;
    if (zx_db_termfreq(r->db, t, &f, err, sizeof err) != ZX_OK || f == 0)
        return 0;
    zp_buf lemma = ZP_BUF_INIT;
    zp_analyse_query_term(NULL, 0, t, len, &lemma);
    char l[128];
    snprintf(l, sizeof l, "%s", zp_buf_str(&lemma));
    zp_buf_free(&lemma);
    /* one form a lemma: the more frequent one stays */
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->lemma[i], l) == 0) {
            if (r->freq[i] >= f)
                return 0;
            for (size_t k = i; k + 1 < r->n; k++) {
                memcpy(r->word[k], r->word[k + 1], sizeof r->word[0]);
                memcpy(r->lemma[k], r->lemma[k + 1], sizeof r->lemma[0]);
                r->freq[k] = r->freq[k + 1];
            }
            r->n--;
            break;
        }
    /* keep the most frequent, in order */
    size_t at = r->n;
    while (at > 0 && r->freq[at - 1] < f)
        at--;
    if (at >= MAX_RELATIVES)
        return 0;
    size_t last = r->n < MAX_RELATIVES ? r->n : MAX_RELATIVES - 1;
    for (size_t k = last; k > at; k--) {
        memcpy(r->word[k], r->word[k - 1], sizeof r->word[0]);
        memcpy(r->lemma[k], r->lemma[k - 1], sizeof r->lemma[0]);
        r->freq[k] = r->freq[k - 1];
    }
    memcpy(r->word[at], t, len + 1);
    memcpy(r->lemma[at], l, sizeof l);
    r->freq[at] = f;
    if (r->n < MAX_RELATIVES)
        r->n++;
    return 0;
}

/* Whether any document has the word, in any of its readings. */
static int word_occurs(zx_db *db, const char *word)
{
    zp_buf f = ZP_BUF_INIT;
    int found = 0;
    if (zp_fold_word(word, strlen(word), &f) == 0) {
        zp_word_terms w;
        zp_analyse_query_word(word, strlen(word), zp_buf_str(&f), f.len, &w);
        for (size_t i = 0; i < w.n && !found; i++) {
            char term[300], err[128];
            unsigned n = 0;
            snprintf(term, sizeof term, ZP_PREFIX_STEM "%.*s", (int)w.len[i], w.term[i]);
            found = zx_db_termfreq(db, term, &n, err, sizeof err) == ZX_OK && n > 0;
        }
    }
    zp_buf_free(&f);
    return found;
}

/* The relatives of a word no document has, into r. */
static void find_relatives(zx_db *db, const char *word, relatives *r)
{
    zp_buf f = ZP_BUF_INIT;
    memset(r, 0, sizeof *r);
    r->db = db;
    if (zp_fold_word(word, strlen(word), &f) == 0 && f.len >= MIN_RELATIVE_WORD && f.len < 100) {
        /* the beginning: two thirds of the word, at least five letters */
        size_t keep = (f.len * 2 + 2) / 3;
        if (keep < 5)
            keep = 5;
        char prefix[100], err[128];
        memcpy(prefix, zp_buf_str(&f), keep);
        prefix[keep] = '\0';
        zx_db_each_term(db, prefix, on_relative, r, err, sizeof err);
    }
    zp_buf_free(&f);
}

int zp_search_relax(zx_db *db, const zp_query *q, zp_relaxed *out)
{
    memset(out, 0, sizeof *out);
    if (!q->plain || q->n_words == 0)
        return 0;
    zp_buf query = ZP_BUF_INIT;
    size_t kept = 0;
    int changed = 0;
    for (size_t i = 0; i < q->n_words; i++) {
        const char *w = q->words[i];
        if (zp_strlist_add(&out->words, w, strlen(w), 0) < 0)
            goto oom;
        if (word_occurs(db, w)) {
            if (query.len)
                zp_buf_addc(&query, ' ');
            if (zp_query_word(w, strlen(w), &query) < 0)
                goto oom;
            kept++;
            continue;
        }
        changed = 1;
        relatives rel;
        find_relatives(db, w, &rel);
        if (rel.n == 0) {
            if (zp_strlist_add(&out->dropped, w, strlen(w), 1) < 0)
                goto oom;
            continue;
        }
        zp_buf_adds(&query, query.len ? " (" : "(");
        zp_buf alts = ZP_BUF_INIT;
        for (size_t k = 0; k < rel.n; k++) {
            zp_buf_printf(&query, "%s%s", k ? " OR " : "", rel.word[k]);
            zp_buf_printf(&alts, "%s%s", k ? ", " : "", rel.word[k]);
        }
        zp_buf_addc(&query, ')');
        int rc = alts.oom ? -1 : zp_strlist_add(&out->related, w, strlen(w), 0);
        if (rc == 0)
            rc = zp_strlist_add(&out->related, zp_buf_str(&alts), alts.len, 0);
        zp_buf_free(&alts);
        if (rc < 0)
            goto oom;
        kept++;
    }
    if (query.oom)
        goto oom;
    if (kept == 0) {
        zp_buf_free(&query);
        zp_relaxed_free(out);
        return 0;
    }
    /* every word occurs, only never together: any of them */
    out->any = !changed && kept > 1;
    if (!changed && !out->any) {
        zp_buf_free(&query);
        zp_relaxed_free(out);
        return 0;
    }
    out->query = zp_buf_steal(&query);
    return out->query ? 1 : -1;
oom:
    zp_buf_free(&query);
    zp_relaxed_free(out);
    return -1;
}

void zp_relaxed_free(zp_relaxed *r)
{
    zp_strlist_free(&r->words);
    zp_strlist_free(&r->dropped);
    zp_strlist_free(&r->related);
    free(r->query);
    memset(r, 0, sizeof *r);
}
