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
/* A resolution's heading of at most this many words names only the
 * record's kind and body ("Usnesení rady MČ Praha 7"). */
#define GENERIC_WORDS 6
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

/* A line naming the record: a heading word in it, and not a sentence's
 * piece ("návrh usnesení Zastupitelstva ...", "projednání ...") nor a
 * field. */
static int is_heading(const char *t, const line *l)
{
    if (label_line(t, l) || starts_lower(t, l))
        return 0;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(t + l->start, l->end - l->start, &f);
    int hit = 0;
    for (const char *const *w = heading_words; *w && !hit; w++)
        hit = strstr(zp_buf_str(&f), *w) != NULL;
    zp_buf_free(&f);
    return hit;
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

/* "č. 0277/00": the record's number on its own line. */
static int number_line(const char *t, const line *l)
{
    size_t i = l->start;
    if (l->end - i >= 4 && memcmp(t + i, "\xC4\x8D.", 3) == 0)   /* č. */
        i += 3;
    else if (l->end - i >= 3 && (t[i] == 'c' || t[i] == 'C') && t[i + 1] == '.')
        i += 2;
    else
        return 0;
    while (i < l->end && is_blank(t[i]))
        i++;
    return i < l->end && t[i] >= '0' && t[i] <= '9';
}

/* A line that may go on with the heading or subject above it: short, and
 * neither a field ("č. usnesení: 0100/17-R") nor the record's number. */
static int may_continue(const char *t, const line *l)
{
    return line_chars(t, l) <= TITLE_LINE_MAX_CHARS && !label_line(t, l) && !number_line(t, l);
}

/* A resolution's heading of a few words and no date: the record's kind
 * and body only ("Usnesení rady MČ Praha 7"), which every record of the
 * body shares.  (Minutes cover many matters: the line under "Zápis z
 * jednání ..." is no subject.) */
static int generic(const zp_buf *b)
{
    static const char *const single_matter[] = { "usneseni", "rozhodnuti", NULL };
    zp_buf first = ZP_BUF_INIT;
    zp_fold_word(b->data, b->len ? strcspn(b->data, " ") : 0, &first);
    int resolution = 0;
    for (const char *const *w = single_matter; *w; w++)
        resolution |= strcmp(zp_buf_str(&first), *w) == 0;
    zp_buf_free(&first);
    if (!resolution)
        return 0;
    size_t words = count_words(b->data, &(line){ 0, b->len });
    zp_date d;
    size_t s, e;
    return words > 0 && words <= GENERIC_WORDS && !zp_meta_find_date(b->data, b->len, &d, &s, &e);
}

/* The category of a line's first letter, past an opening quotation mark
 * ("„Studie rozvoje cyklotras“"). */
static utf8proc_category_t first_letter_category(const char *t, const line *l)
{
    utf8proc_category_t c = first_category(t, l);
    if (c != UTF8PROC_CATEGORY_PI && c != UTF8PROC_CATEGORY_PS && t[l->start] != '"')
        return c;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + l->start, (utf8proc_ssize_t)(l->end - l->start), &cp);
    return first_category(t, &(line){ l->start + (size_t)k, l->end });
}

/* The subject right under a heading's last line, from lines[k]: the next
 * line with text when it opens in upper case with a few words and is no
 * field, nor a heading in capitals, nor a list's opening ("Přítomni:");
 * a line in lower case too when the record's number follows it at once
 * ("schválení stanoviska k …" / "č. 0640/99"); n when there is none. */
static size_t subject_line(const char *t, const line *lines, size_t n, size_t k)
{
    if (k >= n)
        return n;
    const line *l = &lines[k];
    size_t last = l->end > l->start ? l->end - 1 : l->start;
    utf8proc_category_t c = first_letter_category(t, l);
    int numbered = k + 1 < n && number_line(t, &lines[k + 1]);
    if ((c != UTF8PROC_CATEGORY_LU && !(c == UTF8PROC_CATEGORY_LL && numbered)) || label_line(t, l) ||
        is_all_caps(t, l) || count_words(t, l) < 3 || t[last] == ':')
        return n;
    return k;
}

int zp_meta_title(const char *text, size_t len, zp_buf *out, size_t *subject)
{
    *subject = 0;
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
    /* "Návrh na prodloužení ubytování …" / "č. usnesení: 0175/16-R" /
     * "datum: …": a line over a block of fields is the record's heading.
     * A heading word further down is in the record's text ("Informovat
     * ředitele o usnesení Rady"), unless it follows the fields at once
     * (a letterhead, the meeting's fields, then "Zápis z jednání").  The
     * line may wrap ("… splátkového kalendáře" / "doručené MČ Praha 7"). */
    size_t g = 1;
    while (g < n && g <= 2 && starts_lower(text, &lines[g]) && !label_line(text, &lines[g]))
        g++;
    size_t f = g;
    while (f < n && label_line(text, &lines[f]))
        f++;
    if (h > f && f >= g + 2 && !label_line(text, &lines[0]))
        h = 0;
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
     * a field ("č. usnesení: 0100/17-R") or the record's number ends the
     * heading, and so does a generic heading's subject over its number */
    size_t k = h + 1;
    while (k < n && k <= h + 3 && may_continue(text, &lines[k]) &&
           !(k + 1 < n && number_line(text, &lines[k + 1]) && generic(out)) &&
           (starts_lower(text, &lines[k]) || (k > h + 1 && is_all_caps(text, &lines[k]))))
        add_line(out, text, &lines[k++]);
    /* "Usnesení rady MČ Praha 7" / "Uzavření nájemní smlouvy na NBP":
     * a heading that names only the record's kind and body is every
     * record's; the subject under it tells them apart */
    if (generic(out) && (k = subject_line(text, lines, n, k)) < n) {
        zp_buf_addc(out, ':');
        *subject = out->len + 1;   /* after add_line's space */
        add_line(out, text, &lines[k]);
        for (size_t c = k + 1; c < n && c <= k + 2 && starts_lower(text, &lines[c]) && may_continue(text, &lines[c]); c++)
            add_line(out, text, &lines[c]);
    }
    cut(out);
    return out->oom ? -1 : 0;
}
