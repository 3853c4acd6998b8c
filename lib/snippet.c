/* Snippet selection and rendering.  Matching runs our own tokenizer and
 * stemmer over the stored text, so a word is marked exactly when the index
 * would have matched it: "zebrik" marks "Žebříku", "cizinci" marks
 * "cizincům", a folded phrase marks its original words. */
#include "snippet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "fold.h"
#include "format.h"
#include "lemma.h"
#include "meta_words.h"
#include "term_set.h"
#include "tokenize.h"

/* Longest gap between the numbers of one date: ". " */
#define MAX_JOIN_GAP 2

typedef struct {
    size_t start, end;   /* bytes in the text */
    size_t chr, chr_end; /* char offsets of start and end */
    int key;             /* which term matched: for counting distinct ones */
    int spaced;          /* only whitespace since the hit before it (or none between) */
} hit;

typedef struct {
    const zp_snip_terms *terms;
    const char *text;
    hit *hits;
    size_t n, cap;
    size_t last_byte, last_chr;
    int oom;
} scan_ctx;

struct zp_snip_forms {
    zp_term_set *forms;   /* the stems' folded forms */
    int oom;
    /* the folded first three bytes (ASCII) a matching word may begin with:
     * the forms', the words', the beginnings the stems keep (a light stem
     * keeps all of the word's but its last two letters) and the
     * prefixes'; any when a stem is too short to say, or a prefix is
     * empty */
    zp_tok_only only;
};

static int add_form(const char *s, size_t len, void *ud)
{
    zp_snip_forms *f = ud;
    int added = zp_term_set_add(f->forms, "", s, len, 1);
    if (added < 0) {
        f->oom = 1;
        return 1;
    }
    if (added)
        zp_tok_only_add(&f->only, s, len, ZP_TOK_ONLY_WORD);
    return 0;
}

zp_snip_forms *zp_snip_forms_new(const zp_snip_terms *terms)
{
    zp_snip_forms *f = calloc(1, sizeof *f);
    if (!f || !(f->forms = zp_term_set_new())) {
        free(f);
        return NULL;
    }
    for (size_t i = 0; i < terms->n_stems && !f->oom; i++) {
        const char *stem = terms->stems[i];
        if (zp_lemma_each_form(stem, strlen(stem), add_form, f) < 0) {
            zp_snip_forms_free(f);
            return NULL;
        }
        /* light_stem_may_be: a word keeps all but the stem's last two letters */
        size_t keep = strlen(stem);
        zp_tok_only_add(&f->only, stem, keep > 2 ? keep - 2 : 0, ZP_TOK_ONLY_BEGINNING);
    }
    for (size_t i = 0; i < terms->n_words; i++)
        zp_tok_only_add(&f->only, terms->words[i], strlen(terms->words[i]), ZP_TOK_ONLY_WORD);
    for (size_t i = 0; i < terms->n_prefixes; i++)
        zp_tok_only_add(&f->only, terms->prefixes[i], strlen(terms->prefixes[i]), ZP_TOK_ONLY_BEGINNING);
    if (f->oom) {
        zp_snip_forms_free(f);
        return NULL;
    }
    return f;
}

void zp_snip_forms_free(zp_snip_forms *f)
{
    if (!f)
        return;
    zp_term_set_free(f->forms);
    free(f);
}

static int find(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return (int)i;
    return -1;
}

/* Whether a folded word's light stem may be one of the stems.  The light
 * stemmer cuts an ending and changes at most the last two letters of what
 * is left (lib/stem_cs.c), so a stem s can only come from a word that
 * begins with all of s but its last two letters: most words are ruled out
 * by that, without stemming them. */
static int light_stem_may_be(const zp_snip_terms *tm, const char *w, size_t len)
{
    int may = 0;
    for (size_t i = 0; i < tm->n_stems && !may; i++) {
        size_t keep = strlen(tm->stems[i]);
        keep = keep > 2 ? keep - 2 : 0;
        may = len >= keep && memcmp(w, tm->stems[i], keep) == 0;
    }
    if (!may)
        return 0;
    char light[ZP_ANALYSE_STEM_MAX];
    size_t n = zp_analyse_light_stem(w, len, light);
    return find(tm->stems, tm->n_stems, light, n) >= 0;
}

/* Which term the token matches (an index unique across the three lists), or -1. */
static int match(scan_ctx *c, const zp_token *t)
{
    const zp_snip_terms *tm = c->terms;
    int k = find(tm->words, tm->n_words, t->term, t->term_len);
    if (k >= 0)
        return k;
    for (size_t i = 0; i < tm->n_prefixes; i++) {
        size_t pl = strlen(tm->prefixes[i]);
        if (t->term_len >= pl && memcmp(t->term, tm->prefixes[i], pl) == 0)
            return (int)(tm->n_words + i);
    }
    if (tm->n_stems == 0)
        return -1;
    /* a word none of whose forms' lemmas is a stem, and whose light stem
     * is none either, cannot match: no need to analyse it */
    if (tm->forms && !zp_term_set_has(tm->forms->forms, t->term, t->term_len) && !light_stem_may_be(tm, t->term, t->term_len))
        return -1;
    /* the word's terms as the index has them (lemmas, or its stem): the
     * analysis remembers recent words, so a long text costs a lookup a
     * distinct word */
    zp_word_terms wt;
    zp_analyse_word(t->pos_inc ? c->text + t->start : NULL, t->end - t->start, t->term, t->term_len, &wt);
    for (size_t i = 0; i < wt.n; i++) {
        k = find(tm->stems, tm->n_stems, wt.term[i], wt.len[i]);
        if (k >= 0)
            return (int)(tm->n_words + tm->n_prefixes + (size_t)k);
    }
    return -1;
}

/* Characters in s[from, to). */
static size_t count_chars(const char *s, size_t from, size_t to)
{
    return zp_fold_count_chars(s + from, to - from);
}

static int is_space_at(const char *s, size_t i)
{
    return s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f';
}

static int on_token(const zp_token *t, void *ud)
{
    scan_ctx *c = ud;
    int key = match(c, t);
    if (key < 0)
        return 0;
    /* An alternative form at the same place (e-mail -> email) is one hit. */
    if (c->n && c->hits[c->n - 1].start == t->start)
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        hit *h = realloc(c->hits, cap * sizeof *h);
        if (!h) {
            c->oom = 1;
            return 1;
        }
        c->hits = h;
        c->cap = cap;
    }
    c->last_chr += count_chars(c->text, c->last_byte, t->start);
    c->last_byte = t->start;
    int spaced = 1;
    for (size_t x = c->n ? c->hits[c->n - 1].end : t->start; x < t->start && spaced; x++)
        spaced = is_space_at(c->text, x);
    size_t chr_end = c->last_chr + count_chars(c->text, t->start, t->end);
    c->hits[c->n++] = (hit){ t->start, t->end, c->last_chr, chr_end, key, spaced };
    return 0;
}

/* Scores hits[i..j]: distinct terms first, then count, then adjacency
 * (a hit of another term than the one before it, only whitespace between). */
static long score(const hit *h, size_t i, size_t j)
{
    long distinct = 0, adjacent = 0;
    uint64_t seen = 0;   /* keys below 64: nearly always (a query's terms) */
    for (size_t a = i; a <= j; a++) {
        int key = h[a].key, again = 0;
        if (key < 64) {
            again = (seen >> key) & 1;
            seen |= (uint64_t)1 << key;
        } else {
            for (size_t b = i; b < a && !again; b++)
                again = h[b].key == key;
        }
        distinct += !again;
        if (a > i)
            adjacent += h[a].spaced && key != h[a - 1].key;
    }
    return distinct * 1000 + adjacent * 20 + (long)(j - i + 1);
}

/* Best run of hits that fits in max_chars: *first..*last. */
static void best_window(const hit *h, size_t n, size_t max_chars, size_t *first, size_t *last)
{
    long best = -1;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (j < i)
            j = i;
        while (j + 1 < n && h[j + 1].chr_end - h[i].chr <= max_chars)
            j++;
        long s = score(h, i, j);
        if (s > best) {
            best = s;
            *first = i;
            *last = j;
        }
    }
}

static size_t back_chars(const char *s, size_t at, size_t n)
{
    while (at > 0 && n > 0) {
        at--;
        if (((unsigned char)s[at] & 0xC0) != 0x80)
            n--;
    }
    return at;
}

static size_t fwd_chars(const char *s, size_t len, size_t at, size_t n)
{
    while (at < len && n > 0) {
        at++;
        while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
        n--;
    }
    return at;
}

/* Appends text[from, to) with runs of whitespace as one space (none at
 * the buffer's start or after its space), into room made once. */
static void add_collapsed(zp_buf *b, const char *s, size_t from, size_t to)
{
    if (from >= to || zp_buf_reserve(b, to - from) < 0)
        return;
    char *o = b->data + b->len;
    int spaced = b->len == 0 || o[-1] == ' ';
    for (size_t i = from; i < to; i++) {
        int space = is_space_at(s, i);
        if (!space || !spaced)
            *o++ = space ? ' ' : s[i];
        spaced = space;
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "16.1.2025", "11. 1. 2019": numbers separated by a dot (and a space) are
 * one date, so one mark. */
static int joins_date(const char *text, size_t prev_end, size_t start)
{
    if (prev_end == 0 || start <= prev_end || start - prev_end > MAX_JOIN_GAP)
        return 0;
    if (!is_digit(text[prev_end - 1]) || !is_digit(text[start]))
        return 0;
    return text[prev_end] == '.' && (start - prev_end == 1 || text[prev_end + 1] == ' ');
}

static int build(const char *text, size_t len, size_t from, size_t to, const hit *h,
                 size_t first, size_t last, zp_snippet *out)
{
    zp_buf b = ZP_BUF_INIT;
    size_t n_marks = last >= first && h ? last - first + 1 : 0;
    out->marks = n_marks ? calloc(n_marks, sizeof *out->marks) : NULL;
    if (n_marks && !out->marks)
        return -1;
    if (from > 0)
        zp_buf_adds(&b, ZP_ELLIPSIS " ");
    size_t at = from, m = 0;
    for (size_t k = 0; k < n_marks; k++) {
        const hit *x = &h[first + k];
        int join = m > 0 && joins_date(text, at, x->start);
        add_collapsed(&b, text, at, x->start);
        if (!join)
            out->marks[m++].start = b.len;
        zp_buf_add(&b, text + x->start, x->end - x->start);
        out->marks[m - 1].end = b.len;
        at = x->end;
    }
    n_marks = m;
    add_collapsed(&b, text, at, to);
    while (b.len > 0 && b.data[b.len - 1] == ' ')
        b.len--;
    if (to < len)
        zp_buf_adds(&b, " " ZP_ELLIPSIS);
    if (b.oom) {
        zp_buf_free(&b);
        return -1;
    }
    out->n_marks = n_marks;
    out->len = b.len;
    out->text = zp_buf_steal(&b);
    return out->text ? 0 : -1;
}

/* The hits of terms in text (its first ZP_SNIP_SCAN_BYTES) into *c.
 * 0, or -1 when memory ran out (c->hits freed). */
static int scan(const char *text, size_t len, const zp_snip_terms *terms, scan_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->terms = terms;
    c->text = text;
    /* with the stems' forms, a word that begins as no term may is passed
     * over unfolded (the check match makes, made on its first three letters) */
    int rc = zp_tok_each_only(text, len < ZP_SNIP_SCAN_BYTES ? len : ZP_SNIP_SCAN_BYTES,
                              terms->forms ? &terms->forms->only : NULL, on_token, c);
    if (rc < 0 || c->oom) {
        free(c->hits);
        c->hits = NULL;
        return -1;
    }
    return 0;
}

int zp_snip_whole(const char *text, size_t len, const zp_snip_terms *terms, zp_snippet *out)
{
    memset(out, 0, sizeof *out);
    scan_ctx c;
    if (scan(text, len, terms, &c) < 0)
        return -1;
    out->marks = c.n ? calloc(c.n, sizeof *out->marks) : NULL;
    if (c.n && !out->marks) {
        free(c.hits);
        return -1;
    }
    /* the text as it is, line breaks and all; a date's numbers one mark */
    size_t m = 0, at = 0;
    for (size_t k = 0; k < c.n; k++) {
        const hit *x = &c.hits[k];
        if (m > 0 && joins_date(text, at, x->start)) {
            out->marks[m - 1].end = x->end;
        } else {
            out->marks[m].start = x->start;
            out->marks[m++].end = x->end;
        }
        at = x->end;
    }
    free(c.hits);
    out->n_marks = m;
    out->text = malloc(len + 1);
    if (!out->text) {
        zp_snip_free(out);
        return -1;
    }
    memcpy(out->text, text, len);
    out->text[len] = '\0';
    out->len = len;
    return 0;
}

/* One passage: around the best window of hits[lo, hi), within [min_from,
 * max_to) of the text, max_chars long; its bounds and hits.  0 when the
 * range has no hit. */
typedef struct {
    size_t from, to, first, last;
    long score;
} passage;

static int find_passage(const char *text, size_t len, const hit *h, size_t lo, size_t hi, size_t max_chars,
                        size_t min_from, size_t max_to, passage *p)
{
    if (lo >= hi)
        return 0;
    size_t first = 0, last = 0;
    best_window(h + lo, hi - lo, max_chars, &first, &last);
    first += lo;
    last += lo;
    p->score = score(h, first, last);
    size_t used = h[last].chr_end - h[first].chr;
    size_t spare = max_chars > used ? max_chars - used : 0;
    /* a third of the context before, the rest after -- and what one side
     * cannot use (the text or the room ends) goes to the other */
    size_t before = spare / 3, after = spare - before;
    size_t room_after = count_chars(text, h[last].end, fwd_chars(text, max_to, h[last].end, after));
    before += after - room_after;
    size_t back = back_chars(text, h[first].start, before);
    if (back < min_from)
        back = min_from;
    size_t room_before = count_chars(text, back, h[first].start);
    after = room_after + (before - room_before);
    size_t from = back, to = fwd_chars(text, max_to, h[last].end, after);
    /* cut at whitespace so no word is shown in part */
    if (from > 0 && !is_space_at(text, from - 1))
        while (from < h[first].start && !is_space_at(text, from))
            from++;
    if (to < len && !is_space_at(text, to))
        while (to > h[last].end && !is_space_at(text, to - 1))
            to--;
    /* mark every hit the context brought in, not just the chosen run */
    while (first > lo && h[first - 1].start >= from)
        first--;
    while (last + 1 < hi && h[last + 1].end <= to)
        last++;
    p->from = from;
    p->to = to;
    p->first = first;
    p->last = last;
    return 1;
}

/* Appends snippet b to a, one ellipsis between them, the marks moved. */
static int join(zp_snippet *a, zp_snippet *b)
{
    const char *bt = b->text;
    size_t skip = 0, el = strlen(ZP_ELLIPSIS " ");
    if (a->len >= strlen(ZP_ELLIPSIS) && memcmp(a->text + a->len - strlen(ZP_ELLIPSIS), ZP_ELLIPSIS, strlen(ZP_ELLIPSIS)) == 0 &&
        b->len >= el && memcmp(bt, ZP_ELLIPSIS " ", el) == 0)
        skip = el;
    size_t sep = a->len ? 1 : 0;
    char *t = realloc(a->text, a->len + sep + b->len - skip + 1);
    zp_snip_mark *m = realloc(a->marks, (a->n_marks + b->n_marks + 1) * sizeof *m);
    if (t)
        a->text = t;
    if (m)
        a->marks = m;
    if (!t || !m)
        return -1;
    if (sep)
        a->text[a->len] = ' ';
    memcpy(a->text + a->len + sep, bt + skip, b->len - skip);
    size_t shift = a->len + sep - skip;
    for (size_t i = 0; i < b->n_marks; i++)
        a->marks[a->n_marks + i] = (zp_snip_mark){ b->marks[i].start + shift, b->marks[i].end + shift };
    a->n_marks += b->n_marks;
    a->len += sep + b->len - skip;
    a->text[a->len] = '\0';
    return 0;
}

struct zp_snip_found {
    const char *text;
    size_t len;
    hit *hits;
    size_t n;
};

int zp_snip_find(const char *text, size_t len, const zp_snip_terms *terms, zp_snip_found **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return -1;
    scan_ctx c;
    if (scan(text, len, terms, &c) < 0) {
        free(*out);
        *out = NULL;
        return -1;
    }
    (*out)->text = text;
    (*out)->len = len;
    (*out)->hits = c.hits;
    (*out)->n = c.n;
    return 0;
}

void zp_snip_found_free(zp_snip_found *f)
{
    if (!f)
        return;
    free(f->hits);
    free(f);
}

size_t zp_snip_found_count(const zp_snip_found *f, size_t from, size_t to)
{
    /* the hits are in text order: the first at from or after it, by halves */
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->hits[mid].start < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0, at = 0;
    for (size_t k = lo; k < f->n && f->hits[k].start < to; k++) {
        const hit *x = &f->hits[k];
        if (x->end > to)
            continue;
        /* a date's numbers are one mark, as in a snippet */
        if (!(n > 0 && joins_date(f->text, at, x->start)))
            n++;
        at = x->end;
    }
    return n;
}

size_t zp_snip_found_marks(const zp_snip_found *f, size_t max_chars)
{
    passage p;
    if (!find_passage(f->text, f->len, f->hits, 0, f->n, max_chars, 0, f->len, &p))
        return 0;
    /* the passage's hits are those wholly inside it (find_passage takes in
     * every one its context brought) */
    return zp_snip_found_count(f, p.from, p.to);
}

/* Whether text at i holds needle, a run of whitespace in the text
 * standing for one space in the needle (zp_words_squeeze's spacing):
 * the end of the match in *end. */
static int squeezed_at(const char *text, size_t len, size_t i, const char *needle, size_t nlen, size_t *end)
{
    size_t k = 0;
    while (k < nlen && i < len) {
        if (needle[k] == ' ') {
            if (!zp_words_is_space(text[i]))
                return 0;
            while (i < len && zp_words_is_space(text[i]))
                i++;
            k++;
        } else if (text[i] == needle[k]) {
            i++;
            k++;
        } else {
            return 0;
        }
    }
    *end = i;
    return k == nlen;
}

size_t zp_snip_cut_mark(const char *s, size_t len)
{
    static const char cut[] = " " ZP_ELLIPSIS;
    return len >= sizeof cut - 1 && memcmp(s + len - (sizeof cut - 1), cut, sizeof cut - 1) == 0 ? sizeof cut - 1 : 0;
}

int zp_snip_locate(const char *text, size_t len, const char *needle, size_t nlen, size_t *from, size_t *to)
{
    /* a decision cut short ends in " …": look for what it kept */
    nlen -= zp_snip_cut_mark(needle, nlen);
    if (nlen == 0 || needle[0] == ' ')
        return 0;
    /* its first word stands in the text as it is: compared first */
    const char *space = memchr(needle, ' ', nlen);
    size_t word = space ? (size_t)(space - needle) : nlen;
    for (const char *p = memchr(text, needle[0], len); p; p = memchr(p + 1, needle[0], len - (size_t)(p + 1 - text))) {
        size_t end, at = (size_t)(p - text);
        if (len - at >= word && memcmp(p, needle, word) == 0 && squeezed_at(text, len, at, needle, nlen, &end)) {
            *from = at;
            *to = end;
            return 1;
        }
        if ((size_t)(p + 1 - text) >= len)
            break;
    }
    return 0;
}

int zp_snip_passages(const char *text, size_t len, const zp_snip_terms *terms, size_t max_chars,
                     size_t more_chars, size_t n_passages, zp_snippet *out)
{
    zp_snip_found *f;
    memset(out, 0, sizeof *out);
    if (zp_snip_find(text, len, terms, &f) < 0)
        return -1;
    int rc = zp_snip_passages_found(f, max_chars, more_chars, n_passages, out);
    zp_snip_found_free(f);
    return rc;
}

int zp_snip_passages_found(const zp_snip_found *f, size_t max_chars, size_t more_chars, size_t n_passages,
                           zp_snippet *out)
{
    memset(out, 0, sizeof *out);
    const char *text = f->text;
    const hit *hits = f->hits;
    size_t len = f->len, n_hits = f->n;
    int rc = 0;
    if (n_hits == 0) {   /* no match: the beginning */
        size_t from = 0;
        while (from < len && is_space_at(text, from))
            from++;
        size_t to = fwd_chars(text, len, from, max_chars);
        if (to < len && !is_space_at(text, to))
            while (to > from && !is_space_at(text, to - 1))
                to--;
        return build(text, len, from, to, NULL, 1, 0, out);
    }
    /* the best passage, then the best of what lies before or after the
     * passages chosen, until n_passages or no hit is left */
    passage chosen[8];
    size_t n = 0;
    if (n_passages > 8)
        n_passages = 8;
    find_passage(text, len, hits, 0, n_hits, max_chars, 0, len, &chosen[n++]);
    while (n < n_passages) {
        passage best = { 0, 0, 0, 0, -1 };
        size_t at = 0;
        for (size_t g = 0; g <= n; g++) {
            size_t lo = g == 0 ? 0 : chosen[g - 1].last + 1, hi = g == n ? n_hits : chosen[g].first;
            size_t min_from = g == 0 ? 0 : chosen[g - 1].to, max_to = g == n ? len : chosen[g].from;
            /* only hits wholly in the room between passages */
            while (lo < hi && hits[lo].start < min_from)
                lo++;
            while (hi > lo && hits[hi - 1].end > max_to)
                hi--;
            passage p;
            if (find_passage(text, len, hits, lo, hi, more_chars, min_from, max_to, &p) && p.score > best.score) {
                best = p;
                at = g;
            }
        }
        if (best.score < 0)
            break;
        memmove(&chosen[at + 1], &chosen[at], (n - at) * sizeof *chosen);
        chosen[at] = best;
        n++;
    }
    for (size_t k = 0; k < n && rc == 0; k++) {
        zp_snippet part;
        memset(&part, 0, sizeof part);
        rc = build(text, len, chosen[k].from, chosen[k].to, hits, chosen[k].first, chosen[k].last, &part);
        if (rc == 0 && k == 0) {
            *out = part;
            continue;
        }
        if (rc == 0)
            rc = join(out, &part);
        zp_snip_free(&part);
    }
    if (rc < 0)
        zp_snip_free(out);
    return rc;
}

int zp_snip_make(const char *text, size_t len, const zp_snip_terms *terms, size_t max_chars,
                 zp_snippet *out)
{
    return zp_snip_passages(text, len, terms, max_chars, max_chars, 1, out);
}

int zp_snip_render(const zp_snippet *s, const char *open, const char *close, int html,
                   zp_buf *out)
{
    size_t at = 0;
    if (!s->text)   /* no passage was made */
        return 0;
    for (size_t k = 0; k <= s->n_marks; k++) {
        size_t end = k < s->n_marks ? s->marks[k].start : s->len;
        if (html)
            zp_fmt_html(out, s->text + at, end - at);
        else
            zp_buf_add(out, s->text + at, end - at);
        if (k == s->n_marks)
            break;
        zp_buf_adds(out, open);
        if (html)
            zp_fmt_html(out, s->text + s->marks[k].start, s->marks[k].end - s->marks[k].start);
        else
            zp_buf_add(out, s->text + s->marks[k].start, s->marks[k].end - s->marks[k].start);
        zp_buf_adds(out, close);
        at = s->marks[k].end;
    }
    return out->oom ? -1 : 0;
}

void zp_snip_free(zp_snippet *s)
{
    free(s->text);
    free(s->marks);
    memset(s, 0, sizeof *s);
}
