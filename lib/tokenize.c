/* Tokenizer: finds raw words (runs of Unicode letters, marks and digits),
 * keeps a short look-ahead queue of them to recognise dates, dotted
 * abbreviations, hyphenated words and letter-spaced headings, and reports
 * tokens with their folded form. */
#include "tokenize.h"

#include <string.h>
#include <utf8proc.h>

#include "budget.h"
#include "buf.h"
#include "fold.h"

/* Enough raw words for the longest pattern we look for (a letter-spaced
 * heading is capped at this length). */
#define QUEUE_CAP 24
#define MAX_SPACED_LETTERS (QUEUE_CAP - 1)

typedef struct {
    size_t gap_start;   /* end of the previous word: text[gap_start, start) is the gap */
    size_t start, end;
    size_t nchars;
    int digits;         /* only decimal digits */
    int letters;        /* only letters and marks */
    int upper;          /* starts with an uppercase letter */
    int spaced_done;    /* already part of a joined letter-spaced heading */
} raw_word;

typedef struct {
    const char *text;
    size_t len, pos, prev_end;
    int first;
    raw_word q[QUEUE_CAP];
    int head, count;
    zp_buf fold;        /* scratch for folded forms */
    zp_tok_fn fn;
    void *ud;
} tokzr;

static int cp_at(const tokzr *t, size_t i, utf8proc_int32_t *cp)
{
    if ((unsigned char)t->text[i] < 0x80) {   /* most of a Czech text */
        *cp = (unsigned char)t->text[i];
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)t->text + i,
                                          (utf8proc_ssize_t)(t->len - i), cp);
    if (n <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (int)n;
}

static int is_word_cat(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* Scans the next raw word into *w; 0 at the end of the text. */
static int scan_raw(tokzr *t, raw_word *w)
{
    utf8proc_int32_t cp;
    while (t->pos < t->len) {
        int n = cp_at(t, t->pos, &cp);
        if (is_word_cat(cp))
            break;
        t->pos += (size_t)n;
    }
    if (t->pos >= t->len)
        return 0;
    memset(w, 0, sizeof *w);
    w->gap_start = t->first ? t->pos : t->prev_end;
    w->start = t->pos;
    w->digits = w->letters = 1;
    while (t->pos < t->len) {
        int n = cp_at(t, t->pos, &cp);
        if (!is_word_cat(cp))
            break;
        utf8proc_category_t cat = cp >= 'a' && cp <= 'z' ? UTF8PROC_CATEGORY_LL
                                  : cp >= 'A' && cp <= 'Z' ? UTF8PROC_CATEGORY_LU
                                  : cp >= '0' && cp <= '9' ? UTF8PROC_CATEGORY_ND
                                  : utf8proc_category(cp);
        if (w->nchars == 0)
            w->upper = (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT);
        if (cat != UTF8PROC_CATEGORY_ND)
            w->digits = 0;
        if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)
            w->letters = 0;
        if (cat < UTF8PROC_CATEGORY_MN || cat > UTF8PROC_CATEGORY_ME)
            w->nchars++;
        t->pos += (size_t)n;
    }
    w->end = t->pos;
    t->prev_end = t->pos;
    t->first = 0;
    return 1;
}

/* The k-th queued word (0 = head), scanning more as needed; NULL at end. */
static raw_word *peek(tokzr *t, int k)
{
    if (k >= QUEUE_CAP)
        return NULL;
    while (t->count <= k) {
        raw_word *slot = &t->q[(t->head + t->count) % QUEUE_CAP];
        if (!scan_raw(t, slot))
            return NULL;
        t->count++;
    }
    return &t->q[(t->head + k) % QUEUE_CAP];
}

static void drop(tokzr *t, int n)
{
    t->head = (t->head + n) % QUEUE_CAP;
    t->count -= n;
}

static int gap_is(const tokzr *t, const raw_word *w, const char *s)
{
    size_t n = strlen(s);
    return w->start - w->gap_start == n && memcmp(t->text + w->gap_start, s, n) == 0;
}

static int gap_has_space(const tokzr *t, const raw_word *w)
{
    for (size_t i = w->gap_start; i < w->start; i++)
        if (t->text[i] == ' ' || t->text[i] == '\t' || t->text[i] == '\n' ||
            t->text[i] == '\r' || t->text[i] == '\f')
            return 1;
    /* Non-ASCII spaces (NBSP and friends) count as space too. */
    for (size_t i = w->gap_start; i < w->start;) {
        utf8proc_int32_t cp;
        int n = cp_at(t, i, &cp);
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)
            return 1;
        i += (size_t)n;
    }
    return 0;
}

static int is_glued(const tokzr *t, const raw_word *w)
{
    return w->gap_start < w->start && !gap_has_space(t, w);
}

static int emit(tokzr *t, size_t start, size_t end, unsigned pos_inc, int glued)
{
    if (t->fold.oom)
        return -1;
    if (t->fold.len == 0 || t->fold.len > ZP_TOK_MAX_TERM)
        return 0;
    zp_token tok = { start, end, t->fold.data, t->fold.len, pos_inc, glued };
    return t->fn(&tok, t->ud);
}

static void fold_append(tokzr *t, const raw_word *w)
{
    zp_fold_word(t->text + w->start, w->end - w->start, &t->fold);
}

static int emit_word(tokzr *t, const raw_word *w, unsigned pos_inc, int glued)
{
    zp_buf_reset(&t->fold);
    fold_append(t, w);
    return emit(t, w->start, w->end, pos_inc, glued);
}

static int emit_number(tokzr *t, const raw_word *w, int glued)
{
    size_t s = w->start;
    while (s + 1 < w->end && t->text[s] == '0')
        s++;
    zp_buf_reset(&t->fold);
    zp_buf_add(&t->fold, t->text + s, w->end - s);
    return emit(t, w->start, w->end, 1, glued);
}

static int date_gap(const tokzr *t, const raw_word *w)
{
    return gap_is(t, w, ".") || gap_is(t, w, ". ");
}

/* d.m.yyyy or d. m. yyyy at the head: day, month, year as glued numbers. */
static int try_date(tokzr *t, int *rc)
{
    raw_word *d = peek(t, 0), *m = peek(t, 1), *y = peek(t, 2);
    if (!d || !m || !y)
        return 0;
    if (!d->digits || d->nchars > 2 || !m->digits || m->nchars > 2 || !y->digits ||
        y->nchars != 4 || !date_gap(t, m) || !date_gap(t, y))
        return 0;
    raw_word dw = *d, mw = *m, yw = *y;
    drop(t, 3);
    if ((*rc = emit_number(t, &dw, is_glued(t, &dw))) != 0)
        return 1;
    if ((*rc = emit_number(t, &mw, 1)) != 0)
        return 1;
    *rc = emit_number(t, &yw, 1);
    return 1;
}

static int is_abbrev_part(const raw_word *w)
{
    return w->letters && w->nchars <= 2;
}

/* o.p.s., Ph.D., k.ú.: short letter groups each followed by a dot. */
static int try_abbrev(tokzr *t, int *rc)
{
    raw_word *w0 = peek(t, 0);
    if (!w0 || !is_abbrev_part(w0) || w0->end >= t->len || t->text[w0->end] != '.')
        return 0;
    int n = 1;
    for (;;) {
        raw_word *w = peek(t, n);
        if (!w || !is_abbrev_part(w) || !gap_is(t, w, "."))
            break;
        n++;
    }
    if (n < 2)
        return 0;
    /* The last part must end with a dot too, else "a.b" is two words. */
    raw_word *last = peek(t, n - 1);
    if (last->end >= t->len || t->text[last->end] != '.')
        return 0;
    zp_buf_reset(&t->fold);
    for (int i = 0; i < n; i++)
        fold_append(t, peek(t, i));
    size_t start = w0->start, end = last->end;
    int glued = is_glued(t, w0);
    drop(t, n);
    *rc = emit(t, start, end, 1, glued);
    return 1;
}

/* Z Á P I S: at least three single uppercase letters one space apart. */
static int spaced_run(tokzr *t)
{
    raw_word *w0 = peek(t, 0);
    if (!w0 || w0->spaced_done || !w0->letters || w0->nchars != 1 || !w0->upper)
        return 0;
    int n = 1;
    while (n < MAX_SPACED_LETTERS) {
        raw_word *w = peek(t, n);
        if (!w || !w->letters || w->nchars != 1 || !w->upper || !gap_is(t, w, " "))
            break;
        n++;
    }
    return n >= 3 ? n : 0;
}

static int emit_head(tokzr *t)
{
    int rc = 0;
    if (try_date(t, &rc) || try_abbrev(t, &rc))
        return rc;
    raw_word *w = peek(t, 0);
    int run = spaced_run(t);
    raw_word head = *w;
    if ((rc = emit_word(t, &head, 1, is_glued(t, &head))) != 0)
        return rc;
    if (run) {
        zp_buf_reset(&t->fold);
        for (int i = 0; i < run; i++) {
            raw_word *p = peek(t, i);
            p->spaced_done = 1;
            fold_append(t, p);
        }
        if ((rc = emit(t, head.start, peek(t, run - 1)->end, 0, 0)) != 0)
            return rc;
    }
    raw_word *next = peek(t, 1);
    if (next && head.letters && next->letters && (gap_is(t, next, "-") || gap_is(t, next, "\xE2\x80\x90"))) {
        zp_buf_reset(&t->fold);
        fold_append(t, &head);
        fold_append(t, next);
        if ((rc = emit(t, head.start, next->end, 0, 0)) != 0)
            return rc;
    }
    drop(t, 1);
    return 0;
}

int zp_tok_each(const char *text, size_t len, zp_tok_fn fn, void *ud)
{
    tokzr t;
    memset(&t, 0, sizeof t);
    t.text = text;
    t.len = len;
    t.first = 1;
    t.fn = fn;
    t.ud = ud;
    int rc = 0;
    while (rc == 0 && peek(&t, 0)) {
        rc = emit_head(&t);
        if (rc == 0 && zp_budget_spent())
            rc = -1;   /* the file's time is up, or the run stopped */
    }
    if (t.fold.oom)
        rc = -1;
    zp_buf_free(&t.fold);
    return rc;
}
