/* "Did you mean": each word no document has is replaced by the nearest
 * word of the archive -- one edit away (tried on the index's own words) or
 * two (among the index's words of the same first letter) -- ranked by a Czech-aware edit distance
 * (i/y, the commonest misspelling, costs half), then by whether the
 * dictionary knows the word, then by how many minutes have it.  It is
 * shown as the minutes write it: "zebrk" -> "Žebřík", "charyta" ->
 * "charita". */
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "docdata.h"
#include "record_dict.h"
#include "fold.h"
#include "lemma.h"
#include "tokenize.h"

#define MAX_WORD 48
#define ALPHABET "abcdefghijklmnopqrstuvwxyz"

typedef struct {
    char word[MAX_WORD + 2];
    double cost;
    int known;
    unsigned freq;
} candidate;

static unsigned freq_of(zx_db *db, const char *term)
{
    char err[128];
    unsigned f = 0;
    return zx_db_termfreq(db, term, &f, err, sizeof err) == ZX_OK ? f : 0;
}

static double sub_cost(char a, char b)
{
    if (a == b)
        return 0;
    if ((a == 'i' && b == 'y') || (a == 'y' && b == 'i'))
        return 0.5;
    return 1;
}

/* Damerau-Levenshtein distance with the Czech substitution costs. */
static double distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX_WORD + 1 || m > MAX_WORD + 1)
        return 99;
    static _Thread_local double d[MAX_WORD + 3][MAX_WORD + 3];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (double)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (double)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            double v = d[i - 1][j - 1] + sub_cost(a[i - 1], b[j - 1]);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

static int better(const candidate *a, const candidate *b)
{
    if (a->cost != b->cost)
        return a->cost < b->cost;
    if (a->known != b->known)
        return a->known > b->known;
    return a->freq > b->freq;
}

static void consider(zx_db *db, const char *typed, const char *word, candidate *best)
{
    if (strcmp(word, typed) == 0 || strlen(word) > MAX_WORD)
        return;
    unsigned f = freq_of(db, word);
    if (f == 0)
        return;
    candidate c;
    snprintf(c.word, sizeof c.word, "%s", word);
    c.cost = distance(typed, word);
    uint32_t ids[ZP_LEMMA_MAX];
    c.known = zp_lemma_lookup(NULL, 0, word, strlen(word), ids) > 0;
    c.freq = f;
    if (!best->word[0] || better(&c, best))
        *best = c;
}

/* Words shorter than this are not corrected to (mostly abbreviations). */
#define MIN_SCAN_WORD 4

typedef struct {
    zx_db *db;
    const char *typed;
    size_t len;
    candidate *best;
} scan_ctx;

static int scan_term(const char *term, size_t len, void *ud)
{
    scan_ctx *c = ud;
    if (len < MIN_SCAN_WORD || len > MAX_WORD || len + 2 < c->len || len > c->len + 2)
        return 0;
    char word[MAX_WORD + 1];
    memcpy(word, term, len);
    word[len] = '\0';
    if (strspn(word, "0123456789") == len || distance(c->typed, word) > 2)
        return 0;
    consider(c->db, c->typed, word, c->best);
    return 0;
}

/* The nearest archive word to a folded word, or "" in best->word. */
static void nearest(zx_db *db, const char *w, candidate *best)
{
    memset(best, 0, sizeof *best);
    size_t n = strlen(w);
    if (n < 3 || n > MAX_WORD)
        return;
    char e[MAX_WORD + 2];
    for (size_t i = 0; i < n; i++) {   /* deletions */
        memcpy(e, w, i);
        memcpy(e + i, w + i + 1, n - i);
        consider(db, w, e, best);
    }
    for (size_t i = 0; i + 1 < n; i++) {   /* transpositions */
        memcpy(e, w, n + 1);
        e[i] = w[i + 1];
        e[i + 1] = w[i];
        consider(db, w, e, best);
    }
    for (size_t i = 0; i < n; i++)   /* substitutions */
        for (const char *a = ALPHABET; *a; a++) {
            if (*a == w[i])
                continue;
            memcpy(e, w, n + 1);
            e[i] = *a;
            consider(db, w, e, best);
        }
    for (size_t i = 0; i <= n; i++)   /* insertions */
        for (const char *a = ALPHABET; *a; a++) {
            memcpy(e, w, i);
            e[i] = *a;
            memcpy(e + i + 1, w + i, n - i + 1);
            consider(db, w, e, best);
        }
    /* two edits: the archive's words of the same first letter and about
     * the same length (a walk over the index's own terms, which every
     * backend serves -- a remote shard too, unlike Xapian's spelling
     * table) */
    scan_ctx sc = { db, w, n, best };
    char prefix[2] = { w[0], '\0' }, err[128];
    zx_db_each_term(db, prefix, scan_term, &sc, err, sizeof err);
}

typedef struct {
    const char *folded;
    const char *text;
    zp_buf *out;
    unsigned lower, upper;
    char first[128];
} display_ctx;

static int on_token(const zp_token *t, void *ud)
{
    display_ctx *c = ud;
    if (t->term_len != strlen(c->folded) || memcmp(t->term, c->folded, t->term_len) != 0)
        return 0;
    size_t len = t->end - t->start;
    if (len >= sizeof c->first)
        return 0;
    const char *s = c->text + t->start;
    int upper = zp_fold_is_capital(s, len);
    if (upper)
        c->upper++;
    else
        c->lower++;
    if (!c->first[0] || (!upper && c->upper == 0)) {
        memcpy(c->first, s, len);
        c->first[len] = '\0';
    }
    return 0;
}

/* The word as the minutes write it: from a document that has it, written
 * with a capital only when the minutes always capitalise it (a name). */
static void display_form(zx_db *db, const char *word, zp_buf *out)
{
    zx_query *q = NULL;
    zx_mset *m = NULL;
    char err[128];
    zx_search_opts so = { 0, 3, 3, -1, 0, NULL, 0, 0, 0, 0 };
    display_ctx c = { word, NULL, out, 0, 0, "" };
    if (zx_query_term(word, &q, err, sizeof err) == ZX_OK && zx_search(db, q, &so, &m, err, sizeof err) == ZX_OK)
        for (unsigned i = 0; i < zx_mset_size(m) && c.lower == 0; i++) {
            char *data = NULL;
            const char *text;
            size_t len, tlen;
            if (zx_mset_data(m, i, &data, &len, err, sizeof err) == ZX_OK &&
                zp_record_unpack(db, &data, &len, err, sizeof err) == 0 &&
                zp_docdata_get(data, len, "text", &text, &tlen) == 0) {
                c.text = text;
                zp_tok_each(text, tlen, on_token, &c);
            }
            free(data);
        }
    zx_mset_free(m);
    zx_query_free(q);
    if (!c.first[0]) {
        zp_buf_adds(out, word);
        return;
    }
    if (c.upper && !c.lower) {
        zp_buf_adds(out, c.first);
        return;
    }
    /* lower case, as the minutes write the word inside a sentence */
    zp_buf low = ZP_BUF_INIT;
    zp_fold_lower(c.first, strlen(c.first), &low);
    zp_buf_add(out, zp_buf_str(&low), low.len);
    zp_buf_free(&low);
}

/* Adds to out the correction of word w (w itself when it needs none);
 * 1 if it was corrected. */
static int correct_word(zx_db *db, const char *w, zp_buf *out)
{
    zp_buf f = ZP_BUF_INIT;
    candidate best;
    memset(&best, 0, sizeof best);
    int folded = zp_fold_word(w, strlen(w), &f) == 0, found = 0, changed = 0;
    if (folded) {
        zp_word_terms wt;
        zp_analyse_query_word(w, strlen(w), zp_buf_str(&f), f.len, &wt);
        for (size_t k = 0; k < wt.n && !found; k++) {
            char term[300];
            snprintf(term, sizeof term, ZP_PREFIX_STEM "%.*s", (int)wt.len[k], wt.term[k]);
            found = freq_of(db, term) > 0;
        }
    }
    if (!found && folded)
        nearest(db, zp_buf_str(&f), &best);
    if (best.word[0]) {
        display_form(db, best.word, out);
        changed = 1;
    } else if (found && folded && strcmp(zp_buf_str(&f), w) == 0 && freq_of(db, zp_buf_str(&f)) > 0) {
        /* typed without diacritics: shown as the minutes write it */
        display_form(db, zp_buf_str(&f), out);
    } else {
        zp_buf_adds(out, w);
    }
    zp_buf_free(&f);
    return changed;
}

char *zp_search_suggest(zx_db *db, const char *typed, size_t n)
{
    zp_buf out = ZP_BUF_INIT;
    int changed = 0;
    const unsigned char *s = (const unsigned char *)typed;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (s[j] >= 0x80 || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                         (s[j] >= '0' && s[j] <= '9')))
            j++;
        if (j == i) {
            zp_buf_addc(&out, (char)s[i++]);
            continue;
        }
        char w[MAX_WORD * 4 + 1];
        size_t len = j - i;
        int keep = len >= sizeof w || zp_query_is_operator(typed + i, len) ||
                   (j < n && (s[j] == ':' || s[j] == '*' || s[j] == '/'));
        for (size_t k = i; k < j && !keep; k++)
            keep = s[k] >= '0' && s[k] <= '9';
        if (keep) {
            zp_buf_add(&out, typed + i, len);
        } else {
            memcpy(w, typed + i, len);
            w[len] = '\0';
            changed |= correct_word(db, w, &out);
        }
        i = j;
    }
    if (!changed || out.oom) {
        zp_buf_free(&out);
        return NULL;
    }
    return zp_buf_steal(&out);
}
