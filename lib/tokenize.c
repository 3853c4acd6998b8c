/* Tokenizer: finds raw words (runs of Unicode letters, marks and digits),
 * keeps a short look-ahead queue of them to recognise dates, dotted
 * abbreviations, hyphenated words and letter-spaced headings, and reports
 * tokens with their folded form. */
#include "tokenize.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    int glued;          /* a gap without a space before it (not at the text's start) */
    int spaced_done;    /* already part of a joined letter-spaced heading */
} raw_word;

/* The skim's classes of the bytes of a block of 64 (bit i: byte i). */
typedef struct {
    uint64_t word, uncertain;   /* a word's byte for certain; one it cannot class */
} block_class;

typedef struct {
    const char *text;
    size_t len, pos, prev_end;
    int first;
    raw_word q[QUEUE_CAP];
    int head, count;
    zp_buf fold;        /* scratch for folded forms */
    const zp_tok_only *only;     /* zp_tok_each_only's table, or NULL */
    zp_tok_fn fn;
    void *ud;
    int skim_wait;      /* words the quick pass reads one by one before it skims again */
    size_t blk_base;    /* the skim's last block, kept while it stops and comes back in it */
    block_class blk;    /* (blk_base SIZE_MAX: none yet) */
} tokzr;

/* The general categories of the code points UTF-8 writes in one or two
 * bytes (ASCII, Latin-1, Latin Extended, Greek, Cyrillic and their
 * marks), asked of utf8proc once: every letter of a Czech text is there,
 * and the scan looks each one up in this table. */
#define SHORT_END 0x800
static unsigned char short_cat[SHORT_END];
static pthread_once_t short_once = PTHREAD_ONCE_INIT;

/* What the scan asks of an ASCII byte, from short_cat: a word's (letter
 * or digit), a digit's, an upper-case letter's, a space's. */
enum { A_WORD = 1, A_DIGIT = 2, A_UPPER = 4, A_SPACE = 8 };
static unsigned char ascii_kind[0x80];

/* The ASCII letter each code point below SHORT_END folds to alone, or 0
 * (zp_fold_ascii_of, asked once): what zp_tok_each_only's table is asked
 * of a word beginning beyond ASCII. */
static char short_fold[SHORT_END];

static int is_word_cat(utf8proc_category_t cat);

/* What separates words by a space: ASCII white space, or any Zs (NBSP);
 * c is the code point's first byte. */
static int is_space(unsigned char c, utf8proc_category_t cat)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || cat == UTF8PROC_CATEGORY_ZS;
}

static void fill_short_cat(void)
{
    for (utf8proc_int32_t cp = 0; cp < SHORT_END; cp++) {
        short_cat[cp] = (unsigned char)utf8proc_category(cp);
        short_fold[cp] = zp_fold_ascii_of(cp);
    }
    for (int c = 0; c < 0x80; c++) {
        utf8proc_category_t cat = (utf8proc_category_t)short_cat[c];
        ascii_kind[c] = (unsigned char)((is_word_cat(cat) ? A_WORD : 0) | (cat == UTF8PROC_CATEGORY_ND ? A_DIGIT : 0) |
                                        (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ? A_UPPER : 0) |
                                        (is_space((unsigned char)c, cat) ? A_SPACE : 0));
    }
}

/* Letters (Lu Ll Lt Lm Lo), marks (Mn Mc Me) and numbers (Nd Nl No):
 * utf8proc numbers these categories 1 to 11. */
static int is_word_cat(utf8proc_category_t cat)
{
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

/* The category of the code point at text[i] beyond ASCII (U+FFFD for a
 * byte that starts no valid sequence, as utf8proc_iterate says); its
 * length in *n.  Inline, as every letter with a mark of a Czech text comes
 * here (zp_fold_next_cp decodes two bytes itself). */
static inline utf8proc_category_t cat_high(const tokzr *t, size_t i, int *n)
{
    int32_t cp;
    long k = zp_fold_next_cp((const unsigned char *)t->text + i, t->len - i, &cp);
    if (k <= 0) {
        cp = 0xFFFD;
        k = 1;
    }
    *n = (int)k;
    return cp < SHORT_END ? (utf8proc_category_t)short_cat[cp] : utf8proc_category(cp);
}

/* Scans the next raw word into *w; 0 at the end of the text.  ASCII, most
 * of a Czech text, is read by ascii_kind a byte at a time; a code point
 * beyond it by its category. */
static int scan_raw(tokzr *t, raw_word *w)
{
    const unsigned char *s = (const unsigned char *)t->text;
    size_t i = t->pos, len = t->len;
    int spaced = 0, n = 1;
    utf8proc_category_t cat = UTF8PROC_CATEGORY_CN;
    for (; i < len; i += (size_t)n) {   /* the gap */
        unsigned char c = s[i];
        if (c < 0x80) {
            unsigned char k = ascii_kind[c];
            if (k & A_WORD)
                break;
            spaced |= k & A_SPACE;
            n = 1;
            continue;
        }
        cat = cat_high(t, i, &n);
        if (is_word_cat(cat))
            break;
        spaced |= is_space(c, cat);
    }
    t->pos = i;
    if (i >= len)
        return 0;
    w->gap_start = t->first ? i : t->prev_end;
    w->start = i;
    w->glued = w->gap_start < w->start && !spaced;
    w->spaced_done = 0;
    /* the word: ASCII letters and digits, and code points beyond ASCII
     * of a word's categories */
    unsigned char all = A_DIGIT, any = 0;   /* of ASCII: every one a digit; any a digit */
    int digits = 1, letters = 1;            /* of those beyond ASCII */
    size_t nchars = 0;
    w->upper = 0;   /* of its first character: marks before it are not one */
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            unsigned char k = ascii_kind[c];
            if (!(k & A_WORD))
                break;
            if (!nchars)
                w->upper = (k & A_UPPER) != 0;
            all &= k;
            any |= k;
            nchars++;
            i++;
            continue;
        }
        cat = cat_high(t, i, &n);
        if (!is_word_cat(cat))
            break;
        if (!nchars)
            w->upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
        digits &= cat == UTF8PROC_CATEGORY_ND;
        letters &= cat < UTF8PROC_CATEGORY_ND;
        nchars += cat < UTF8PROC_CATEGORY_MN || cat > UTF8PROC_CATEGORY_ME;
        i += (size_t)n;
    }
    w->digits = digits && (all & A_DIGIT);
    w->letters = letters && !(any & A_DIGIT);
    w->nchars = nchars;
    w->end = t->pos = t->prev_end = i;
    t->first = 0;
    return 1;
}

/* A queue index: head and offset are each below QUEUE_CAP. */
static int ring(int i)
{
    return i < QUEUE_CAP ? i : i - QUEUE_CAP;
}

/* Scans words into the queue until it holds k + 1; NULL at the end. */
static raw_word *peek_more(tokzr *t, int k)
{
    if (k >= QUEUE_CAP)
        return NULL;
    while (t->count <= k) {
        raw_word *slot = &t->q[ring(t->head + t->count)];
        if (!scan_raw(t, slot))
            return NULL;
        t->count++;
    }
    return &t->q[ring(t->head + k)];
}

/* The k-th queued word (0 = head), scanning more as needed; NULL at end. */
static inline raw_word *peek(tokzr *t, int k)
{
    return k < t->count ? &t->q[ring(t->head + k)] : peek_more(t, k);
}

static void drop(tokzr *t, int n)
{
    t->head = ring(t->head + n);
    t->count -= n;
}

static int gap_is(const tokzr *t, const raw_word *w, const char *s)
{
    size_t n = strlen(s);
    return w->start - w->gap_start == n && memcmp(t->text + w->gap_start, s, n) == 0;
}

static int emit(tokzr *t, size_t start, size_t end, unsigned pos_inc, int glued)
{
    if (t->fold.oom)
        return -1;
    if (t->fold.len == 0 || t->fold.len > ZP_TOK_MAX_TERM)
        return 0;
    /* a date's numbers, an abbreviation, a joined form: by their folded form */
    if (t->only && !zp_tok_only_wants(t->only, t->fold.data, t->fold.len))
        return 0;
    zp_token tok = { start, end, t->fold.data, t->fold.len, pos_inc, glued };
    return t->fn(&tok, t->ud);
}

static void fold_append(tokzr *t, const raw_word *w)
{
    zp_fold_word(t->text + w->start, w->end - w->start, &t->fold);
}

/* The folded first byte of the code point at text[at] when it is ASCII:
 * an ASCII letter or digit folds to itself lower-cased, a Latin letter
 * with a mark to its letter (short_fold); 0 for any other (one that folds
 * beyond ASCII, or to more than one letter, or to nothing).  Its length
 * in *n. */
static unsigned char folded_ascii_at(const tokzr *t, size_t at, int *n)
{
    unsigned char c = (unsigned char)t->text[at];
    *n = 1;
    if (c >= 0x80) {
        int32_t cp;
        long k = zp_fold_next_cp((const unsigned char *)t->text + at, t->len - at, &cp);
        if (k <= 0 || cp >= SHORT_END)
            return 0;
        *n = (int)k;
        c = (unsigned char)short_fold[cp];
        if (c >= 0x80)
            return 0;
    }
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* zp_tok_each_only's table does not want the word beginning at text[at]
 * by its first letter (nor, so, the joined form it begins with a hyphen). */
static int unwanted_first(const tokzr *t, size_t at)
{
    int n;
    unsigned char c;
    return t->only && (c = folded_ascii_at(t, at, &n)) != 0 && !t->only->first[c];
}

/* Whether only wants a word folding to a, b and then c (0: to a and b
 * alone; whole: to those three letters alone), second[a][b] being set. */
static int third_wanted(const zp_tok_only *o, unsigned char a, unsigned char b, unsigned char c, int whole)
{
    unsigned k = o->third_of[a][b];
    if (k == 0 || k == ZP_TOK_ANY_THIRD)
        return 1;
    const uint64_t *set = whole ? o->whole3[k - 1] : o->third[k - 1];
    return (int)((set[c >> 6] >> (c & 63)) & 1);
}

int zp_tok_only_wants(const zp_tok_only *o, const char *term, size_t len)
{
    const unsigned char *u = (const unsigned char *)term;
    unsigned char a = u[0], b = len > 1 ? u[1] : 0, c = len > 2 ? u[2] : 0;
    if (a >= 0x80)
        return 1;
    if (!o->first[a])
        return 0;
    if (b >= 0x80)
        return 1;
    if (!o->second[a][b])
        return 0;
    return !b || c >= 0x80 || third_wanted(o, a, b, c, len == 3);
}

/* zp_tok_each_only's table does not want the word text[start, end) whose
 * first letter folds to a (n bytes long): by a, or by a and the letter
 * after it, or by those and the third (and, when the word ends there, by
 * all three). */
static int unwanted_from(const tokzr *t, unsigned char a, int n, size_t start, size_t end)
{
    unsigned char b = 0, c = 0;
    if (!t->only->first[a])
        return 1;
    size_t at = start + (size_t)n;
    if (at < end && !(b = folded_ascii_at(t, at, &n)))
        return 0;
    if (!t->only->second[a][b])
        return 1;
    if (!b)
        return 0;
    at += (size_t)n;
    if (at < end && !(c = folded_ascii_at(t, at, &n)))
        return 0;
    return !third_wanted(t->only, a, b, c, c && at + (size_t)n == end);
}

/* Any third byte for a word beginning with a then b. */
static void any_third(zp_tok_only *o, unsigned char a, unsigned char b)
{
    o->third_of[a][b] = ZP_TOK_ANY_THIRD;
}

void zp_tok_only_add(zp_tok_only *o, const char *s, size_t len, int how)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0 || (u[0] >= '0' && u[0] <= '9'))   /* ("": every word) */
        o->any_number = 1;
    if (len == 0) {   /* every word */
        memset(o->first, 1, sizeof o->first);
        memset(o->second, 1, sizeof o->second);
        for (int a = 0; a < 128; a++)
            for (int b = 0; b < 128; b++)
                any_third(o, (unsigned char)a, (unsigned char)b);
        return;
    }
    if (u[0] >= 0x80)
        return;   /* a word beginning so is always reported */
    unsigned char a = u[0];
    o->first[a] = 1;
    if (len == 1 && how == ZP_TOK_ONLY_WORD) {
        o->second[a][0] = 1;
        return;
    }
    if (len == 1 || u[1] >= 0x80) {
        memset(o->second[a], 1, sizeof o->second[a]);
        for (int b = 0; b < 128; b++)
            any_third(o, a, (unsigned char)b);
        return;
    }
    unsigned char b = u[1];
    o->second[a][b] = 1;
    unsigned k = o->third_of[a][b];
    if (k == ZP_TOK_ANY_THIRD)
        return;
    if ((len == 2 && how == ZP_TOK_ONLY_BEGINNING) || (len > 2 && u[2] >= 0x80)) {
        any_third(o, a, b);
        return;
    }
    if (k == 0) {   /* the pair's first restricted word: a set of its own */
        if (o->n_third == ZP_TOK_THIRDS) {
            any_third(o, a, b);
            return;
        }
        k = o->third_of[a][b] = (unsigned short)++o->n_third;
        memset(o->third[k - 1], 0, sizeof o->third[k - 1]);
        memset(o->whole3[k - 1], 0, sizeof o->whole3[k - 1]);
    }
    unsigned char c = len == 2 ? 0 : u[2];
    o->third[k - 1][c >> 6] |= (uint64_t)1 << (c & 63);
    if (len == 3)   /* the word of these three letters, as it is or as a beginning */
        o->whole3[k - 1][c >> 6] |= (uint64_t)1 << (c & 63);
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
    raw_word *d = peek(t, 0);
    if (!d || !d->digits || d->nchars > 2)
        return 0;   /* the words after one that begins no date stay unread */
    raw_word *m = peek(t, 1), *y = peek(t, 2);
    if (!m || !y || !m->digits || m->nchars > 2 || !y->digits || y->nchars != 4 || !date_gap(t, m) ||
        !date_gap(t, y))
        return 0;
    raw_word dw = *d, mw = *m, yw = *y;
    drop(t, 3);
    if ((*rc = emit_number(t, &dw, dw.glued)) != 0)
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
    int glued = w0->glued;
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

/* The length of the hyphen ("-" or U+2010) at text[at], 0 when there is
 * none: a word before one may begin a joined form. */
static size_t hyphen_at(const tokzr *t, size_t at)
{
    if (at < t->len && t->text[at] == '-')
        return 1;
    return at < t->len && t->len - at >= 3 && memcmp(t->text + at, "\xE2\x80\x90", 3) == 0 ? 3 : 0;
}

static int emit_head(tokzr *t)
{
    int rc = 0;
    if (try_date(t, &rc) || try_abbrev(t, &rc))
        return rc;
    raw_word *w = peek(t, 0);
    int run = spaced_run(t);
    raw_word head = *w;
    if ((rc = emit_word(t, &head, 1, head.glued)) != 0)
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
    size_t hyphen = hyphen_at(t, head.end);
    if (next && head.letters && next->letters && !unwanted_first(t, head.start) && hyphen &&
        next->start == head.end + hyphen) {
        zp_buf_reset(&t->fold);
        fold_append(t, &head);
        fold_append(t, next);
        if ((rc = emit(t, head.start, next->end, 0, 0)) != 0)
            return rc;
    }
    drop(t, 1);
    return 0;
}

/* Whether a pattern whose tokens the table may want can begin at a word
 * it does not want (ending at text[end]; of nchars characters, a lone
 * capital when upper, digits alone when digits), so the quick pass must
 * leave it to be read as zp_tok_each reads it: a date at a number of one
 * or two digits before a dot, when the table wants a number (a date's words
 * and tokens are all numbers); an abbreviation at a letter or two right
 * before a dot and the next word ("k.ú."); a letter-spaced heading at a lone
 * capital one space before the next word.  Neither begins before a space
 * after the dot ("č. 12", "P. Novák").  (A word of letters that may begin one
 * is never gone over: the pattern would be read from its second word,
 * "Á Z Á P I S" as "zapis", not "azapis".) */
static inline int pattern_may_begin(const tokzr *t, size_t end, size_t nchars, int upper, int digits)
{
    char after = end < t->len ? t->text[end] : '\0';
    if (!(after == '.' && nchars <= 2) && !(after == ' ' && upper && nchars == 1))
        return 0;   /* most words: neither */
    unsigned char next = end + 1 < t->len ? (unsigned char)t->text[end + 1] : ' ';
    int word_after = next >= 0x80 || (ascii_kind[next] & A_WORD);
    return after == '.' ? (digits ? t->only->any_number : word_after) : word_after;
}

/* A word the quick pass may go over: its table does not want it (by its
 * first letter, or by two or three when no hyphen follows it), and it
 * begins no pattern that reads the words after it (a date's day or an
 * abbreviation's letter or two, before a dot; a letter-spaced heading's
 * lone capital) whose tokens the table may want.  A hyphenated pair it
 * begins is not wanted either. */
static int passable(const tokzr *t, const raw_word *w)
{
    int n;
    unsigned char a;
    size_t start = w->start, end = w->end;
    if (!t->only || !(a = folded_ascii_at(t, start, &n)))
        return 0;
    if (t->only->first[a] && (hyphen_at(t, end) || !unwanted_from(t, a, n, start, end)))
        return 0;
    return !pattern_may_begin(t, end, w->nchars, w->upper, w->digits);
}

static int skim_on = 1;

void zp_tok_skim(int on)
{
    skim_on = on;
}

#if defined(__SSE2__)
/* The skim: the quick pass sixty-four bytes at a time.  Each byte of a
 * block is classed at once (SSE2): a word's for certain (an ASCII letter
 * or digit, or a byte of a letter of U+00C0-U+017F: Latin-1's letters but
 * the signs for times and division, and every one of Latin Extended-A --
 * every Czech letter with a mark -- a lead byte C3-C5 and the continuation
 * after it), a gap's for certain (any other ASCII byte), or uncertain (any
 * other byte beyond ASCII: a letter of another script, a mark, a dash, a
 * no-break space; its category decides, as scan_raw reads it).  Words found
 * so are then given to passable as scan_raw would have given them. */

static uint64_t mask16(__m128i v)
{
    return (uint64_t)(unsigned)_mm_movemask_epi8(v);
}

/* Bytes b in [lo, lo + n) as a mask: (b - lo) mod 256 < n, signed. */
static __m128i in_range(__m128i x, unsigned char lo, unsigned char n)
{
    return _mm_cmplt_epi8(_mm_sub_epi8(x, _mm_set1_epi8((char)(unsigned char)(lo + 0x80))),
                          _mm_set1_epi8((char)(unsigned char)(n + 0x80)));
}

/* Of the bytes beyond ASCII the block could not class, the gap characters
 * minutes use -- a no-break space, §, °, ·, « », dashes, quotes, …, • --
 * whole within the block: a gap's for certain (no word's category; not
 * U+2010, the hyphen that joins a word).  A handful a block, when any. */
static uint64_t known_gaps(const unsigned char *p, uint64_t uncertain)
{
    uint64_t gaps = 0;
    while (uncertain) {
        unsigned i = (unsigned)__builtin_ctzll(uncertain);
        uint64_t seq = 0;
        if (p[i] == 0xC2 && i < 63 && p[i + 1] && strchr("\xA0\xA7\xAB\xBB\xB0\xB7", p[i + 1]))
            seq = (uint64_t)3 << i;
        else if (p[i] == 0xE2 && i < 62 && p[i + 1] == 0x80 && p[i + 2] &&
                 strchr("\x93\x94\x98\x99\x9A\x9C\x9D\x9E\xA2\xA6", p[i + 2]))
            seq = (uint64_t)7 << i;
        gaps |= seq;
        uncertain &= seq ? ~seq : uncertain - 1;
    }
    return gaps;
}

/* Classes p[0, 64); p[64] is read to see a pair that ends there. */
static block_class classify(const unsigned char *p)
{
    uint64_t alnum = 0, high = 0, lead = 0, cont = 0, c3 = 0, sign = 0;
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        __m128i l = _mm_or_si128(x, _mm_set1_epi8(0x20));   /* "A"-"Z" as "a"-"z" */
        int at = 16 * k;
        alnum |= mask16(_mm_or_si128(in_range(l, 'a', 26), in_range(x, '0', 10))) << at;
        high |= mask16(x) << at;
        lead |= mask16(in_range(x, 0xC3, 3)) << at;
        cont |= mask16(_mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80))) << at;
        c3 |= mask16(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC3))) << at;
        /* 0x97 and 0xB7: after C3, the signs for times and division */
        sign |= mask16(_mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xDF)), _mm_set1_epi8((char)0x97))) << at;
    }
    uint64_t cont_next = (cont >> 1) | ((uint64_t)((p[64] & 0xC0) == 0x80) << 63);
    uint64_t sign_next = (sign >> 1) | ((uint64_t)((p[64] & 0xDF) == 0x97) << 63);
    uint64_t lead_ok = lead & cont_next & ~(c3 & sign_next);
    uint64_t cont_ok = cont & (lead_ok << 1);
    uint64_t uncertain = high & ~(lead_ok | cont_ok);
    if (uncertain)
        uncertain &= ~known_gaps(p, uncertain);
    block_class b = { alnum | lead_ok | cont_ok, uncertain };
    return b;
}

/* The ASCII letter a letter of U+00C0-U+017F (its two bytes at s) folds
 * to alone, lower-cased, and its code point in *cp; 0 when none. */
static unsigned char pair_folded(const unsigned char *s, int32_t *cp)
{
    *cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    unsigned char a = (unsigned char)short_fold[*cp];
    if (a >= 0x80)
        return 0;
    return a >= 'A' && a <= 'Z' ? (unsigned char)(a + ('a' - 'A')) : a;
}

/* passable, for a word text[start, end) all of whose bytes are a word's for
 * certain: what scan_raw would have said of it (its characters, whether
 * the first is a capital) worked out only where passable asks it -- a word
 * of one character, one before a dot -- and its first letter folded here
 * (the rest by unwanted_from, when the table wants that one).  passable's
 * conditions are each a reason to stop, so their order does not matter. */
static int simple_passable(const tokzr *t, size_t start, size_t end)
{
    const unsigned char *s = (const unsigned char *)t->text + start;
    size_t bytes = end - start;
    int32_t cp = 0;
    unsigned char a = s[0];
    size_t n = 1;   /* the first character's bytes */
    int upper;   /* a lone capital */
    if (a >= 0x80) {
        if (!(a = pair_folded(s, &cp)))
            return 0;
        n = 2;
        upper = bytes == 2 && (short_cat[cp] == UTF8PROC_CATEGORY_LU || short_cat[cp] == UTF8PROC_CATEGORY_LT);
    } else {
        upper = bytes == 1 && (ascii_kind[a] & A_UPPER);
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + ('a' - 'A'));
    }
    /* by its letters, as passable judges them */
    if (t->only->first[a] && (hyphen_at(t, end) || !unwanted_from(t, a, (int)n, start, end)))
        return 0;
    /* a pattern may begin only before a dot or a space; before a dot, its
     * characters and whether they are digits alone matter (its bytes are
     * ASCII letters and digits and Latin letters) */
    char after = end < t->len ? t->text[end] : '\0';
    if (after == '.' && bytes <= 4) {
        size_t nchars = 0;
        int digits = 1;
        for (size_t i = 0; i < bytes; i++) {
            nchars += (s[i] & 0xC0) != 0x80;
            digits &= s[i] >= '0' && s[i] <= '9';
        }
        return !pattern_may_begin(t, end, nchars, upper, digits);
    }
    return !(after == ' ' && upper && pattern_may_begin(t, end, 1, 1, 0));
}

/* With no word queued, at t->pos (where a word ended, or the text's
 * start): passes over the words passable lets go, a block at a time,
 * leaving t as if scan_raw had read them one by one; stops before the
 * first it may not, or is not sure of, and before the text's last 64
 * bytes. */
static void skim(tokzr *t)
{
    size_t base = t->pos, resume = t->pos;
    int skipped = 0, unsure = 0;
    while (t->len - base > 64) {
        /* the block classed before, when it holds base: the skim stops at
         * each word it may not pass, and comes back right after it */
        unsigned k = 0;
        if (t->blk_base <= base && base - t->blk_base < 64) {
            k = (unsigned)(base - t->blk_base);
            base = t->blk_base;
        } else {
            t->blk = classify((const unsigned char *)t->text + base);
            t->blk_base = base;
        }
        const block_class b = t->blk;
        for (;;) {
            uint64_t ahead = k < 64 ? ~(uint64_t)0 << k : 0;
            uint64_t next = (b.word | b.uncertain) & ahead;
            if (!next) {   /* the rest of the block is a gap */
                base += 64;
                break;
            }
            unsigned s = (unsigned)__builtin_ctzll(next);
            uint64_t after = ~b.word & (~(uint64_t)0 << s);
            unsigned e = after ? (unsigned)__builtin_ctzll(after) : 64;
            if (((b.uncertain >> s) & 1) || (e < 64 && ((b.uncertain >> e) & 1))) {
                unsure = 1;   /* a byte beyond ASCII it cannot class, in the gap or the word */
                goto stop;
            }
            if (e == 64) {   /* the word goes on past the block: a block from it */
                if (s == 0) {
                    unsure = 1;
                    goto stop;
                }
                base += s;
                t->blk_base = SIZE_MAX;   /* a block from the word, not this one again */
                break;
            }
            size_t start = base + s, end = base + e;
            if (!simple_passable(t, start, end))
                goto stop;
            resume = end;
            skipped = 1;
            k = e;
        }
    }
stop:
    if (skipped) {
        t->pos = t->prev_end = resume;
        t->first = 0;
    } else if (unsure) {
        t->skim_wait = 8;   /* text it cannot class: not tried again at every word */
    }
}
#endif

/* zp_tok_each_only's quick pass, with at most one word queued (the second
 * half of a hyphenated pair the last word looked at): drops the queued
 * words passable says it may, each scanned into the queue's head and let
 * go at once, without the patterns' look-ahead; stops at the first it may
 * not, which stays queued.  With nothing queued it skims first, where it
 * can. */
static void pass_unwanted(tokzr *t)
{
    while (t->count <= 1) {
        if (t->count == 0) {
#if defined(__SSE2__)
            if (t->skim_wait > 0)
                t->skim_wait--;
            else if (skim_on)
                skim(t);
#endif
            if (!scan_raw(t, &t->q[t->head]))
                return;
            t->count = 1;
        }
        const raw_word *w = &t->q[t->head];
        if (!passable(t, w))
            return;
        drop(t, 1);
    }
}

int zp_tok_each(const char *text, size_t len, zp_tok_fn fn, void *ud)
{
    return zp_tok_each_only(text, len, NULL, fn, ud);
}

int zp_tok_each_only(const char *text, size_t len, const zp_tok_only *only, zp_tok_fn fn, void *ud)
{
    pthread_once(&short_once, fill_short_cat);
    tokzr t;
    memset(&t, 0, sizeof t);
    t.text = text;
    t.len = len;
    t.only = only;
    t.first = 1;
    t.blk_base = SIZE_MAX;
    t.fn = fn;
    t.ud = ud;
    int rc = 0;
    while (rc == 0) {
        if (only && t.count <= 1)
            pass_unwanted(&t);
        if (!peek(&t, 0))
            break;
        rc = emit_head(&t);
        if (rc == 0 && zp_budget_spent())
            rc = -1;   /* the file's time is up, or the run stopped */
    }
    if (t.fold.oom)
        rc = -1;
    zp_buf_free(&t.fold);
    return rc;
}
