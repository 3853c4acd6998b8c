/* Validation, NFC and diacritic folding, all through utf8proc: no Unicode
 * tables live in this project.  zp_fold_word is on the hot path of both
 * indexing and querying, so plain ASCII takes a shortcut with the same
 * result utf8proc would give. */
#include "fold.h"

#include "budget.h"
#include "confusables.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define REPLACEMENT_CHAR 0xFFFD
/* The longest full decomposition of one code point is 18 (U+FDFA). */
#define DECOMPOSED_MAX 32

static int is_kept_control(utf8proc_int32_t c)
{
    return c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Valid UTF-8 with controls blanked; returns replaced count or -1. */
static long sanitize(const char *in, size_t len, zp_buf *out)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
    size_t i = 0;
    long bad = 0;
    if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        if (p[i] < 0x80) {
            char c = (char)p[i];
            if ((p[i] < 0x20 && !is_kept_control(p[i])) || p[i] == 0x7F)
                c = ' ';
            if (zp_buf_addc(out, c) < 0)
                return -1;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0) {
            cp = REPLACEMENT_CHAR;
            n = 1;
            bad++;
        } else if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC) {
            cp = ' ';
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
        if (zp_buf_add(out, enc, (size_t)m) < 0)
            return -1;
        i += (size_t)n;
    }
    return bad;
}

int zp_fold_has_non_ascii(const char *s, size_t len)
{
    for (size_t i = 0; s && i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* NFC is made a chunk of about this many bytes at a time, the budget
 * asked between two: a long text (tens of MB on one line) stops within
 * a chunk when the run is interrupted. */
#define NFC_CHUNK (1u << 20)

/* Whether every code point of valid UTF-8 p[0, len) is one NFC leaves as
 * it is whatever stands around it: ASCII, U+0080..U+02FF (Latin, with
 * Czech's letters; no combining mark) and U+2002..U+20BF (dashes, quotes,
 * currency).  Nearly every Czech text is only these, and needs no NFC. */
static int nfc_as_it_is(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
        } else if (c >= 0xC2 && c <= 0xCB) {   /* U+0080..U+02FF */
            i += 2;
        } else if (c == 0xE2 && i + 2 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x82 &&
                   !(p[i + 1] == 0x80 && p[i + 2] < 0x82)) {   /* U+2002..U+20BF */
            i += 3;
        } else {
            return 0;
        }
    }
    return 1;
}

long zp_fold_clean_text(const char *in, size_t len, zp_buf *out)
{
    zp_buf valid = ZP_BUF_INIT;
    long bad = sanitize(in, len, &valid);
    if (bad < 0) {
        zp_buf_free(&valid);
        return -1;
    }
    if (!zp_fold_has_non_ascii(valid.data, valid.len)) {
        int rc = zp_buf_add(out, zp_buf_str(&valid), valid.len);
        zp_buf_free(&valid);
        return rc < 0 ? -1 : bad;
    }
    /* a chunk ends before an ASCII byte: no ASCII character is composed
     * with what comes before it, so NFC of the chunks is NFC of the text */
    const unsigned char *v = (const unsigned char *)valid.data;
    int rc = 0;
    for (size_t from = 0; from < valid.len && rc == 0;) {
        size_t to = valid.len - from > NFC_CHUNK ? from + NFC_CHUNK : valid.len;
        while (to < valid.len && v[to] >= 0x80)
            to++;
        if (from > 0 && zp_budget_spent()) {
            rc = -1;
            break;
        }
        if (nfc_as_it_is(v + from, to - from)) {
            rc = zp_buf_add(out, v + from, to - from);
        } else {
            utf8proc_uint8_t *nfc = NULL;
            utf8proc_ssize_t n = utf8proc_map(v + from, (utf8proc_ssize_t)(to - from), &nfc,
                                              UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            rc = n < 0 ? -1 : zp_buf_add(out, nfc, (size_t)n);
            free(nfc);
        }
        from = to;
    }
    zp_buf_free(&valid);
    return rc < 0 ? -1 : bad;
}

/* The folds of the Latin letters below U+0250 (Czech and its neighbours)
 * that fold to one ASCII letter, made once by utf8proc itself: the hot
 * path of a Czech word skips the decomposition. */
#define FAST_FOLD_END 0x250
static char fast_fold[FAST_FOLD_END];
static pthread_once_t fast_once = PTHREAD_ONCE_INIT;

static void make_fast_fold(void)
{
    for (utf8proc_int32_t cp = 0x80; cp < FAST_FOLD_END; cp++) {
        utf8proc_int32_t dec[DECOMPOSED_MAX];
        int bc = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(cp, dec, DECOMPOSED_MAX,
                                                     UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                         UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE,
                                                     &bc);
        if (m == 1 && dec[0] > 0x20 && dec[0] < 0x7F)
            fast_fold[cp] = (char)dec[0];
    }
}

static int is_latin_letter(utf8proc_int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7);
}

/* Latin letters and Cyrillic or Greek look-alikes in one word. */
static int mixes_scripts(const utf8proc_uint8_t *p, size_t len)
{
    /* U+0370..U+052F start with the bytes CD..D4: a word without one
     * (a Czech word) has no Greek or Cyrillic letter */
    size_t b = 0;
    while (b < len && (p[b] < 0xCD || p[b] > 0xD4))
        b++;
    if (b == len)
        return 0;
    int latin = 0, other = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
        if (is_latin_letter(cp))
            latin = 1;
        else if (cp >= 0x370 && cp < 0x530)
            other = 1;
    }
    return latin && other;
}

char zp_fold_ascii_of(int32_t cp)
{
    pthread_once(&fast_once, make_fast_fold);
    return cp >= 0x80 && cp < FAST_FOLD_END ? fast_fold[cp] : 0;
}

int zp_fold_word(const char *in, size_t len, zp_buf *out)
{
    if (!zp_fold_has_non_ascii(in, len)) {   /* copied at once, then lowered in place */
        size_t from = out->len;
        if (zp_buf_add(out, in, len) < 0)
            return -1;
        for (char *c = out->data + from, *end = out->data + out->len; c < end; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        return 0;
    }
    /* Code point by code point, into a small buffer: the same result as
     * utf8proc_map(COMPAT|CASEFOLD|STRIPMARK) -- marks are stripped, so
     * nothing is left to compose -- without an allocation per word.  A
     * word of Latin letters with Cyrillic or Greek look-alikes among them
     * is folded as its Latin skeleton. */
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
    int mixed = mixes_scripts(p, len);
    pthread_once(&fast_once, make_fast_fold);
    /* a byte for a code point of ASCII or fast_fold, written into room for
     * the rest of the word (never more bytes than it has) */
    if (zp_buf_reserve(out, len) < 0)
        return -1;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp, dec[DECOMPOSED_MAX];
        if (p[i] < 0x80) {
            char c = (char)p[i];
            out->data[out->len++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
            i++;
            continue;
        }
        long n = zp_fold_next_cp(p + i, len - i, &cp);
        if (n < 0) {
            out->data[out->len] = '\0';
            return -1;
        }
        if (cp < FAST_FOLD_END && fast_fold[cp]) {
            out->data[out->len++] = fast_fold[cp];
            i += (size_t)n;
            continue;
        }
        if (mixed) {
            int32_t l = zp_confusable_latin(cp);
            if (l)
                cp = l;
        }
        int boundclass = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(cp, dec, DECOMPOSED_MAX,
                                                     UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                         UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE,
                                                     &boundclass);
        out->data[out->len] = '\0';
        if (m < 0 || m > DECOMPOSED_MAX)
            return -1;
        for (utf8proc_ssize_t k = 0; k < m; k++) {
            utf8proc_uint8_t enc[4];
            if (zp_buf_add(out, enc, (size_t)utf8proc_encode_char(dec[k], enc)) < 0)
                return -1;
        }
        i += (size_t)n;
        if (zp_buf_reserve(out, len - i) < 0)
            return -1;
    }
    out->data[out->len] = '\0';
    return 0;
}

int zp_fold_lower(const char *in, size_t len, zp_buf *out)
{
    utf8proc_uint8_t *low = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, &low,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0)
        return -1;
    int rc = zp_buf_add(out, low, (size_t)n);
    free(low);
    return rc < 0 ? -1 : 0;
}

int zp_fold_is_capital(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    if ((unsigned char)s[0] < 0x80)
        return s[0] >= 'A' && s[0] <= 'Z';
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp) <= 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

size_t zp_fold_count_chars(const char *s, size_t len)
{
    /* the bytes less the continuation bytes (10xxxxxx): a snippet's hits
     * count the text up to the last of them */
    size_t cont = 0, i = 0;
#if defined(__SSE2__)
    /* sixteen at a time: a continuation byte is below -64 as a signed
     * char; each lane counts its own (up to 255 rounds), summed by
     * _mm_sad_epu8 */
    while (len - i >= 16) {
        __m128i lanes = _mm_setzero_si128();
        for (int round = 0; round < 255 && len - i >= 16; round++, i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(x, _mm_set1_epi8(-64)));
        }
        __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
        cont += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
#endif
    /* eight at a time: a byte's top bit for each, summed by a multiply */
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        cont += (size_t)((((x & ~(x << 1) & 0x8080808080808080ULL) >> 7) * 0x0101010101010101ULL) >> 56);
    }
    for (; i < len; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - cont;
}
