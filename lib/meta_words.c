/* Word lists and name helpers for the metadata extractors. */
#include "meta_words.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analyse.h"
#include "dict_cs.h"
#include "meta.h"

typedef struct {
    const char *text;
    zp_words *ws;
    size_t cap;
    zp_buf terms;
    int oom;
} collect_ctx;

static int on_token(const zp_token *t, void *ud)
{
    collect_ctx *c = ud;
    if (t->pos_inc == 0)
        return 0;
    if (c->ws->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        zp_word *w = realloc(c->ws->w, cap * sizeof *w);
        if (!w) {
            c->oom = 1;
            return 1;
        }
        c->ws->w = w;
        c->cap = cap;
    }
    zp_word *w = &c->ws->w[c->ws->n++];
    w->start = t->start;
    w->end = t->end;
    w->term_at = c->terms.len;
    if (zp_buf_add(&c->terms, t->term, t->term_len) < 0 || zp_buf_addc(&c->terms, '\0') < 0) {
        c->oom = 1;
        return 1;
    }
    utf8proc_int32_t cp;
    utf8proc_iterate((const utf8proc_uint8_t *)c->text + t->start, (utf8proc_ssize_t)(t->end - t->start), &cp);
    utf8proc_category_t cat = utf8proc_category(cp);
    w->upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    w->caps = (unsigned char)zp_words_all_caps(c->text + t->start, t->end - t->start);
    w->digits = 1;
    for (size_t i = 0; i < t->term_len; i++)
        if (t->term[i] < '0' || t->term[i] > '9')
            w->digits = 0;
    return 0;
}

int zp_words_collect(const char *text, size_t len, zp_words *out)
{
    memset(out, 0, sizeof *out);
    collect_ctx c = { text, out, 0, ZP_BUF_INIT, 0 };
    if (zp_tok_each(text, len, on_token, &c) < 0 || c.oom) {
        zp_buf_free(&c.terms);
        zp_words_free(out);
        return -1;
    }
    /* the forms stay where they are now: each word points at its own */
    out->terms = c.terms.data;
    for (size_t i = 0; i < out->n; i++)
        out->w[i].term = out->terms + out->w[i].term_at;
    return 0;
}

void zp_words_free(zp_words *ws)
{
    free(ws->w);
    free(ws->terms);
    ws->w = NULL;
    ws->terms = NULL;
    ws->n = 0;
}

int zp_words_in(const char *term, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == term[0] && strcmp(term, *list) == 0)
            return 1;
    return 0;
}

size_t zp_words_at(const zp_words *ws, size_t at)
{
    size_t lo = 0, hi = ws->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ws->w[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int zp_words_blank(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (text[i] != ' ' && text[i] != '\t')
            return 0;
    return 1;
}

int zp_words_adjacent(const char *text, const zp_word *a, const zp_word *b)
{
    return zp_words_blank(text, a->end, b->start);
}

int zp_words_line_start(const char *text, const zp_words *ws, size_t i)
{
    if (i == 0)
        return 1;
    for (size_t k = ws->w[i - 1].end; k < ws->w[i].start; k++)
        if (text[k] == '\n')
            return 1;
    return 0;
}

int zp_words_all_caps(const char *s, size_t len)
{
    int letters = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 0;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            return 0;
        letters += cat == UTF8PROC_CATEGORY_LU;
        i += (size_t)n;
    }
    return letters > 0;
}

int zp_words_recase(const char *s, size_t len, int sentence, zp_buf *out)
{
    int word_start = 1, first_word = 1;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return -1;
        utf8proc_category_t cat = utf8proc_category(cp);
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        if (letter) {
            cp = (word_start && (first_word || !sentence)) ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
            if (word_start)
                first_word = 0;
            word_start = 0;
        } else if (cp == ' ' || cp == '-') {
            word_start = 1;
        }
        utf8proc_uint8_t enc[4];
        zp_buf_add(out, enc, (size_t)utf8proc_encode_char(cp, enc));
        i += (size_t)n;
    }
    return out->oom ? -1 : 0;
}

int zp_words_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Bytes below 0x21 (space and the control characters) among eight, as
 * their high bits; exact for the lowest such byte, which is all the
 * squeeze asks (a borrow may flag a byte above it). */
static uint64_t low_bytes(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u;
    return (x - ones * 0x21) & ~x & ones * 0x80;
}

void zp_words_squeeze(const char *text, size_t from, size_t to, zp_buf *out)
{
    while (from < to && zp_words_is_space(text[from]))
        from++;
    while (to > from && zp_words_is_space(text[to - 1]))
        to--;
    /* never longer than the text (and sixteen bytes a store): written
     * straight into room made once */
    if (from == to || zp_buf_reserve(out, to - from + 16) < 0)
        return;
    char *o = out->data + out->len;
    while (from < to) {
#if defined(__SSE2__)
        /* sixteen bytes at once while they need no squeezing: no tab or
         * line break, no two spaces together, the last not a space (the
         * next sixteen may begin with one) */
        if (to - from >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + from));
            __m128i sp = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
            __m128i other = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
                                                      _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                                         _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
            unsigned spaces = (unsigned)_mm_movemask_epi8(sp);
            if (!_mm_movemask_epi8(other) && !(spaces & (spaces >> 1)) && !(spaces & 0x8000)) {
                _mm_storeu_si128((__m128i *)(void *)o, x);
                o += 16;
                from += 16;
                continue;
            }
        }
#endif
        /* a word's bytes eight at a time, up to the first below 0x21 */
        if (to - from >= 8) {
            uint64_t x;
            memcpy(&x, text + from, 8);
            memcpy(o, &x, 8);
            uint64_t low = low_bytes(x);
            size_t run = low ? (size_t)__builtin_ctzll(low) / 8 : 8;
            o += run;
            from += run;
            if (run == 8)
                continue;
        }
        char c = text[from++];
        if (!zp_words_is_space(c)) {
            *o++ = c;
            continue;
        }
        *o++ = ' ';   /* a run of whitespace, never the last: trimmed above */
        while (zp_words_is_space(text[from]))
            from++;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
}

/* Words up to this many bytes are kept unstemmed in canonical forms. */
#define SHORT_WORD 3

typedef struct {
    zp_buf *out;
    int first;
    int stem;
} canon_ctx;

static int canon_token(const zp_token *t, void *ud)
{
    canon_ctx *c = ud;
    if (t->pos_inc == 0)
        return 0;
    if (!c->first)
        zp_buf_addc(c->out, ' ');
    c->first = 0;
    /* Short words are mostly acronyms (KC, KK, OPU): stemming would merge
     * them (kc -> kk), and they do not inflect. */
    if (!c->stem || t->term_len <= SHORT_WORD)
        zp_buf_add(c->out, t->term, t->term_len);
    else
        zp_analyse_stem(t->term, t->term_len, c->out);
    return 0;
}

static int joined_words(const char *s, size_t len, int stem, zp_buf *out)
{
    canon_ctx c = { out, 1, stem };
    if (zp_tok_each(s, len, canon_token, &c) < 0)
        return -1;
    return out->oom ? -1 : 0;
}

int zp_meta_canonical(const char *name, size_t len, zp_buf *out)
{
    return joined_words(name, len, 1, out);
}

int zp_meta_folded_words(const char *s, size_t len, zp_buf *out)
{
    return joined_words(s, len, 0, out);
}

int zp_words_noun_phrase(const char *text, const zp_words *ws, size_t first, size_t head, zp_buf *out)
{
    zp_buf noun = ZP_BUF_INIT;
    const zp_word *h = &ws->w[head];
    if (zp_dict_lemma(text + h->start, h->end - h->start, &noun) != 1)
        zp_buf_add(&noun, text + h->start, h->end - h->start);
    /* gender by the lemma's ending: -a, -e, -ost feminine; -o, -um, -í
     * neuter ("Pečovatelské centrum", "Komunitní zařízení") */
    const char *nd = zp_buf_str(&noun);
    size_t nl = noun.len;
    char g = nl ? nd[nl - 1] : 'x';
    int feminine = g == 'a' || g == 'e' || (nl >= 3 && memcmp(nd + nl - 3, "ost", 3) == 0);
    int neuter = g == 'o' || (nl >= 2 && memcmp(nd + nl - 2, "um", 2) == 0) ||
                 (nl >= 2 && memcmp(nd + nl - 2, "\xC3\xAD", 2) == 0);
    const char *ending = feminine ? "\xC3\xA1" : neuter ? "\xC3\xA9" : "\xC3\xBD"; /* á é ý */
    for (size_t k = first; k < head; k++) {
        zp_buf l = ZP_BUF_INIT;
        zp_dict_lemma(text + ws->w[k].start, ws->w[k].end - ws->w[k].start, &l);
        /* a hard adjective ("republikový") agrees; anything else as written */
        if (l.len > 2 && memcmp(l.data + l.len - 2, "\xC3\xBD", 2) == 0) {
            zp_buf_add(out, l.data, l.len - 2);
            zp_buf_adds(out, ending);
        } else {
            zp_buf_add(out, text + ws->w[k].start, ws->w[k].end - ws->w[k].start);
        }
        zp_buf_addc(out, ' ');
        zp_buf_free(&l);
    }
    zp_buf_add(out, zp_buf_str(&noun), noun.len);
    zp_buf_free(&noun);
    return out->oom ? -1 : 0;
}

void zp_words_capitalise(zp_buf *out, size_t from)
{
    if (from >= out->len)
        return;
    size_t n = 1;
    while (from + n < out->len && ((unsigned char)out->data[from + n] & 0xC0) == 0x80)
        n++;
    zp_buf t = ZP_BUF_INIT;
    zp_words_recase(out->data + from, n, 1, &t);
    if (t.len == n)
        memcpy(out->data + from, t.data, n);
    zp_buf_free(&t);
}

size_t zp_words_content_lines_to(const char *text, zp_line_counter *c, size_t at)
{
    for (; c->at < at; c->at++) {
        char ch = text[c->at];
        if (ch == '\n') {
            c->lines += c->content;
            c->content = 0;
            c->line_start = c->at + 1;
        } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '-' && ch != '#' && ch != '*' && ch != '=' &&
                   ch != '|') {
            c->content = 1;
        }
    }
    return c->lines;
}
