/* Title of a minutes document: the heading a person would call it by.
 * Minutes open with letterheads and project logos ("Evropská unie",
 * "Operační program Zaměstnanost"), so the first line is often wrong; the
 * heading is the first line that names the record ("Zápis z jednání ...",
 * "Průběh zasedání ..."), joined with its continuation lines. */
#include "meta.h"

#include <string.h>

/* A label before its colon is this short ("Termín konání:"). */
#define LABEL_BYTES 24
#include <utf8proc.h>

#include "fold.h"
#include "meta_words.h"

/* Headings are looked for among the first lines only. */
#define TITLE_SCAN_LINES 40
/* A title longer than this is cut at a word. */
#define TITLE_MAX_CHARS 160
/* A continuation line longer than this is body text, not heading. */
#define TITLE_LINE_MAX_CHARS 120

static const char *const heading_words[] = { "zapis", "z a p i s", "jednani", "zasedani",
                                             "setkani", "usneseni", "schuze", NULL };

typedef struct {
    size_t start, end;   /* trimmed line */
} line;

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
}

static size_t split_lines(const char *t, size_t len, line *out, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        size_t s = i;
        while (i < len && t[i] != '\n')
            i++;
        size_t e = i;
        while (s < e && is_blank(t[s]))
            s++;
        while (e > s && is_blank(t[e - 1]))
            e--;
        if (e > s)
            out[n++] = (line){ s, e };
        i++;
    }
    return n;
}

/* "č. usnesení: 0322/17-R", "datum: 2017-04-04": a label and its value,
 * a field of the record, not its heading. */
static int label_line(const char *t, const line *l)
{
    const char *colon = memchr(t + l->start, ':', l->end - l->start);
    if (!colon || colon - (t + l->start) > LABEL_BYTES)
        return 0;
    int spaces = 0;
    for (const char *p = t + l->start; p < colon; p++)
        spaces += *p == ' ';
    return spaces <= 2;
}

static int is_heading(const char *t, const line *l)
{
    if (label_line(t, l))
        return 0;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(t + l->start, l->end - l->start, &f);
    int hit = 0;
    for (const char *const *w = heading_words; *w && !hit; w++)
        hit = strstr(zp_buf_str(&f), *w) != NULL;
    zp_buf_free(&f);
    return hit;
}

static size_t count_words(const char *t, const line *l)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = l->start; i < l->end; i++) {
        int sp = is_blank(t[i]);
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static utf8proc_category_t first_category(const char *t, const line *l)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)t + l->start,
                         (utf8proc_ssize_t)(l->end - l->start), &cp) <= 0)
        return UTF8PROC_CATEGORY_CN;
    return utf8proc_category(cp);
}

static int starts_lower(const char *t, const line *l)
{
    return first_category(t, l) == UTF8PROC_CATEGORY_LL;
}

/* An upper-case heading line such as "DĚTI A RODINA" (no digits or colon:
 * "DATUM: 16.1.2025" is a field, not heading). */
static int is_all_caps(const char *t, const line *l)
{
    int upper = 0;
    for (size_t i = l->start; i < l->end; i++)
        if (t[i] == ':' || (t[i] >= '0' && t[i] <= '9'))
            return 0;
    for (size_t i = l->start; i < l->end;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                              (utf8proc_ssize_t)(l->end - i), &cp);
        if (n <= 0)
            return 0;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LL)
            return 0;
        upper += (c == UTF8PROC_CATEGORY_LU);
        i += (size_t)n;
    }
    return upper > 0;
}

static size_t line_chars(const char *t, const line *l)
{
    return zp_fold_count_chars(t + l->start, l->end - l->start);
}

static void add_line(zp_buf *out, const char *t, const line *l)
{
    if (out->len)
        zp_buf_addc(out, ' ');
    zp_words_squeeze(t, l->start, l->end, out);
}

static void cut(zp_buf *b)
{
    if (zp_fold_count_chars(zp_buf_str(b), b->len) <= TITLE_MAX_CHARS)
        return;
    size_t chars = 0, i = 0, last_space = 0;
    for (; i < b->len && chars < TITLE_MAX_CHARS; i++) {
        if (((unsigned char)b->data[i] & 0xC0) != 0x80)
            chars++;
        if (b->data[i] == ' ')
            last_space = i;
    }
    b->len = last_space ? last_space : i;
    b->data[b->len] = '\0';
    zp_buf_adds(b, " \xE2\x80\xA6");
}

int zp_meta_title(const char *text, size_t len, zp_buf *out)
{
    static const char *const title_fields[] = { "nazev", "title", "titulek", "predmet", NULL };
    const char *v;
    size_t vlen;
    if (zp_meta_front_field(text, len, title_fields, &v, &vlen)) {
        zp_words_squeeze(v, 0, vlen, out);
        cut(out);
        return out->oom ? -1 : 0;
    }
    size_t fm = (size_t)zp_meta_front_matter_end(text, len);
    text += fm;
    len -= fm;
    line lines[TITLE_SCAN_LINES];
    size_t n = split_lines(text, len, lines, TITLE_SCAN_LINES);
    if (n == 0)
        return 0;
    size_t h = 0;
    while (h < n && !is_heading(text, &lines[h]))
        h++;
    if (h == n) {
        add_line(out, text, &lines[0]);
        cut(out);
        return out->oom ? -1 : 0;
    }
    /* "PRACOVNÍ SKUPINA SENIOŘI / Zápis setkání": a short heading names its
     * body in the line above. */
    if (count_words(text, &lines[h]) < 4 && h > 0 && is_all_caps(text, &lines[h - 1]) &&
        line_chars(text, &lines[h - 1]) <= TITLE_LINE_MAX_CHARS) {
        add_line(out, text, &lines[h - 1]);
        zp_buf_adds(out, " \xE2\x80\x93");
    }
    add_line(out, text, &lines[h]);
    /* Continuations: "ZÁPIS / z jednání pracovní skupiny / DĚTI A RODINA";
     * a field ("č. usnesení: 0100/17-R") ends the heading. */
    size_t k = h + 1;
    while (k < n && k <= h + 3 && line_chars(text, &lines[k]) <= TITLE_LINE_MAX_CHARS && !label_line(text, &lines[k]) &&
           (starts_lower(text, &lines[k]) || (k > h + 1 && is_all_caps(text, &lines[k]))))
        add_line(out, text, &lines[k++]);
    cut(out);
    return out->oom ? -1 : 0;
}
