/* Meeting date of minutes: the day the meeting was held (for a resolution,
 * the day it was adopted), as the document says it of itself.  In order of
 * trust: a date field of a front-matter block ("platnost: 2010-11-28"), a
 * labelled date in the header ("konaného dne 17.3.2021", "Datum: 18. 4.
 * 2015", "datum: 2017-04-04", "Ze dne 10.08.1999" on its own line, "Zápis
 * ze dne ..."), a date standing alone in the heading lines, and last the
 * signature ("V Prostějově dne ...").  Convening and posting dates
 * ("svoláno dne", "vyvěšeno"), a quoted older resolution or contract ("ze
 * dne" inside a sentence), deadlines and the next meeting never count; a
 * text whose headings each carry a date covers many meetings and gets none.
 * A label that is its line's own outranks one inside a sentence, which
 * often dates something else ("Návrh akce konané dne 1. 6." above "Ze dne
 * 17. 5."): Praha 7's resolutions gave 279 of 31,047 wrong dates so. */
#include "meta.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fold.h"
#include "meta_words.h"

/* The header: where minutes and resolutions state their date. */
#define HEADER_BYTES 2000
#define HEADER_LINES 16
/* Lines at the very top that may hold an unlabelled date ("10. září 2014"). */
#define HEADING_LINES 3
/* Short lines opening with a date: headings of the meetings a text gathers;
 * this many of them (or two marked "#") make a text of many meetings. */
#define DATED_HEADING_BYTES 80
#define MANY_MEETINGS 3
/* The signature ("V Prostějově dne ...") is in the last bytes. */
#define SIGNATURE_BYTES 600
/* How much of the line before a date is read for its label. */
#define CONTEXT_BYTES 80
#define MIN_YEAR 1950
#define MAX_YEAR 2100

static const char *const months[][2] = {
    { "leden", "ledna" },     { "unor", "unora" },       { "brezen", "brezna" },
    { "duben", "dubna" },     { "kveten", "kvetna" },    { "cerven", "cervna" },
    { "cervenec", "cervence" }, { "srpen", "srpna" },    { "zari", "zari" },
    { "rijen", "rijna" },     { "listopad", "listopadu" }, { "prosinec", "prosince" },
};

/* Front-matter fields that hold the day a record was made or adopted. */
static const char *const front_fields[] = { "date", "datum", "platnost", "schvaleno", "prijato",
                                            "dne", "datum jednani", "datum konani", "datum zasedani",
                                            NULL };
/* The last word before a date that labels it as the meeting's.  "dne" and
 * "ze dne" need more (see label_of). */
static const char *const labels[] = { "datum", "konani", "konane", "konaneho", "konanem", "konana",
                                      "konalo", "konala", "konal", "jednani", "zasedani", "schuze",
                                      "setkani", NULL };
/* Past participles of holding a meeting: "konaného dne" anywhere. */
static const char *const held_words[] = { "konane", "konaneho", "konanem", "konana", "konalo", "konala",
                                          "konal", "konani", NULL };
/* Days of the week, which may stand before a date in a heading. */
static const char *const weekdays[] = { "pondeli", "utery", "streda", "ctvrtek", "patek", "sobota",
                                        "nedele", NULL };
/* Words in the sentence before a date that make it something else. */
static const char *const not_meeting[] = {
    "dalsi", "pristi", "nasledujici", "nejpozdeji", "svolan", "svolal", "svolav", "vyvesen",
    "sejmut", "snato", "zverejnen", "doruc", "podan", "platnost", "ucinnost", "splatnost", "narozen",
    "smlouv", "usnesen", "dopis", "zadost", "vyhlasen", "ve dnech", "do dne", "od dne", NULL,
};
/* Words right before a date that make it a deadline or a range. */
static const char *const deadline_words[] = { "do", "od", "termin", "t", "lhuta", NULL };
/* Headings that name the record itself ("Zápis ze dne ..."). */
static const char *const record_nouns[] = { "zapis", "usneseni", "protokol", "zaznam", "prubeh",
                                            "zasedani", "jednani", "schuze", "setkani", "porada",
                                            "z", NULL };

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads 1..max digits at s[*i]; -1 when none or more follow. */
static int digits(const char *s, size_t len, size_t *i, int max)
{
    int v = 0, n = 0;
    while (*i < len && is_digit(s[*i]) && n < max) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    if (n == 0 || (*i < len && is_digit(s[*i])))
        return -1;
    return v;
}

/* A dot, then spaces (plain or no-break). */
static void skip_dot_space(const char *s, size_t len, size_t *i, int *ok)
{
    if (*i < len && s[*i] == '.')
        (*i)++;
    else
        *ok = 0;
    for (;;) {
        if (*i < len && s[*i] == ' ')
            (*i)++;
        else if (*i + 1 < len && (unsigned char)s[*i] == 0xC2 && (unsigned char)s[*i + 1] == 0xA0)
            *i += 2;
        else
            break;
    }
}

static int month_by_name(const char *s, size_t len, size_t *i)
{
    size_t st = *i, e = st;
    while (e < len && (unsigned char)s[e] >= 'A' && !(s[e] >= '[' && s[e] <= '`'))
        e++;
    if (e == st || e - st > 24)
        return -1;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(s + st, e - st, &f);
    int m = -1;
    for (int k = 0; k < 12 && m < 0; k++)
        if (strcmp(zp_buf_str(&f), months[k][0]) == 0 || strcmp(zp_buf_str(&f), months[k][1]) == 0)
            m = k + 1;
    zp_buf_free(&f);
    if (m > 0)
        *i = e;
    return m;
}

static int valid(int y, int m, int d)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

/* "2017-04-04" at s[at]: four digits, dash, two, dash, two, and no more. */
static int iso_at(const char *s, size_t len, size_t at, zp_date *out, size_t *end)
{
    if (at + 10 > len)
        return 0;
    const char *p = s + at;
    for (int k = 0; k < 10; k++)
        if ((k == 4 || k == 7) ? p[k] != '-' : !is_digit(p[k]))
            return 0;
    if (at + 10 < len && (is_digit(p[10]) || p[10] == '-'))
        return 0;
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    int m = (p[5] - '0') * 10 + (p[6] - '0'), d = (p[8] - '0') * 10 + (p[9] - '0');
    if (!valid(y, m, d))
        return 0;
    *out = (zp_date){ y, m, d };
    *end = at + 10;
    return 1;
}

/* A date starting exactly at s[at]. */
static int date_at(const char *s, size_t len, size_t at, zp_date *out, size_t *end)
{
    if (at > 0 && (is_digit(s[at - 1]) || s[at - 1] == '.' || s[at - 1] == '/' || s[at - 1] == '-'))
        return 0;
    if (iso_at(s, len, at, out, end))
        return 1;
    size_t i = at;
    int ok = 1;
    int d = digits(s, len, &i, 2);
    if (d < 0)
        return 0;
    skip_dot_space(s, len, &i, &ok);
    if (!ok)
        return 0;
    int m;
    if (i < len && is_digit(s[i])) {
        m = digits(s, len, &i, 2);
        skip_dot_space(s, len, &i, &ok);
        if (m < 0 || !ok)
            return 0;
    } else {
        m = month_by_name(s, len, &i);
        if (m < 0)
            return 0;
        while (i < len && s[i] == ' ')
            i++;
    }
    int y = digits(s, len, &i, 4);
    if (y < 0 || !valid(y, m, d))
        return 0;
    *out = (zp_date){ y, m, d };
    *end = i;
    return 1;
}

int zp_meta_find_date(const char *s, size_t len, zp_date *out, size_t *start, size_t *end)
{
    for (size_t i = 0; i < len; i++) {
        if (is_digit(s[i]) && date_at(s, len, i, out, end)) {
            *start = i;
            return 1;
        }
        while (i + 1 < len && is_digit(s[i + 1]) && is_digit(s[i]))
            i++;
    }
    return 0;
}

void zp_meta_date_iso(const zp_date *d, char out[11])
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000u, (unsigned)d->month % 100u,
             (unsigned)d->day % 100u);
}

/* ---- front matter ------------------------------------------------------ */

static int front_matter_date(const char *text, size_t len, zp_date *out)
{
    const char *v;
    size_t vlen, end;
    if (!zp_meta_front_field(text, len, front_fields, &v, &vlen))
        return 0;
    while (vlen && (*v == '"' || *v == '\''))
        v++, vlen--;
    return vlen && date_at(v, vlen, 0, out, &end);
}

/* ---- labels in the header ---------------------------------------------- */

/* CTX_LABEL_LINE: a label that is its line's own ("Ze dne 10.06.2003",
 * "Datum konání: 18. 4. 2015", "Zápis ze dne 5. 3. 2021" ending there);
 * CTX_LABEL: one inside a sentence ("... akce konané dne 1. 6. 2005 v ..."),
 * which a line's own label later in the header outranks. */
typedef enum { CTX_NONE, CTX_LABEL, CTX_LABEL_LINE, CTX_OTHER } date_ctx;

/* The start of the line holding s[at] when it is at most max bytes back,
 * else SIZE_MAX: a line that long is no heading or signature, and looking
 * further back for each date would cost a one-line text quadratic time. */
static size_t near_line_start(const char *s, size_t at, size_t max)
{
    size_t stop = at > max ? at - max : 0;
    while (at > stop && s[at - 1] != '\n')
        at--;
    return at == stop && stop > 0 && s[at - 1] != '\n' ? SIZE_MAX : at;
}

/* The folded words of the line before s[at], at most CONTEXT_BYTES back
 * and from the start of the sentence (". " before a capital). */
static void before_on_line(const char *s, size_t at, zp_buf *f, int *from_line_start)
{
    size_t ls = near_line_start(s, at, CONTEXT_BYTES);
    *from_line_start = 1;
    if (ls == SIZE_MAX) {
        ls = at - CONTEXT_BYTES;
        while (ls < at && ((unsigned char)s[ls] & 0xC0) == 0x80)
            ls++;
        *from_line_start = 0;
    }
    zp_fold_word(s + ls, at - ls, f);
}

/* The i-th word from the end of folded p (0 = last), as [b, e). */
static int word_from_end(const char *p, size_t len, int nth, size_t *b, size_t *e)
{
    size_t x = len;
    for (int k = 0; k <= nth; k++) {
        while (x > 0 && !((p[x - 1] >= 'a' && p[x - 1] <= 'z') || is_digit(p[x - 1])))
            x--;
        *e = x;
        while (x > 0 && ((p[x - 1] >= 'a' && p[x - 1] <= 'z') || is_digit(p[x - 1])))
            x--;
        *b = x;
        if (*e == *b)
            return 0;
    }
    return 1;
}

static int word_is(const char *p, size_t b, size_t e, const char *w)
{
    return e - b == strlen(w) && memcmp(p + b, w, e - b) == 0;
}

/* The word p[b, e) is one of the NULL-terminated list. */
static int word_in(const char *p, size_t b, size_t e, const char *const *list)
{
    for (; *list; list++)
        if (word_is(p, b, e, *list))
            return 1;
    return 0;
}

/* Only blanks and label punctuation before p[b]. */
static int only_blanks_before(const char *p, size_t b)
{
    for (size_t i = 0; i < b; i++)
        if (!strchr(" \t:*#-|", p[i]))
            return 0;
    return 1;
}

/* Words a line's own date label is made of ("Datum a čas konání:"). */
static const char *const label_line_words[] = { "ze", "dne", "a", "cas", "termin", NULL };

/* Every word of folded p labels a date: the line is the label. */
static int only_label_words(const char *p, size_t len)
{
    size_t b, e, end = len;
    int any = 0;
    while (word_from_end(p, end, 0, &b, &e)) {
        if (!word_in(p, b, e, labels) && !word_in(p, b, e, label_line_words))
            return 0;
        end = b;
        any = 1;
    }
    return any && only_blanks_before(p, end);
}

/* Nothing but punctuation and blanks after s[en] on its line. */
static int line_ends_at(const char *s, size_t len, size_t en)
{
    for (size_t i = en; i < len && s[i] != '\n'; i++)
        if (!strchr(" \t\r.,:;*", s[i]))
            return 0;
    return 1;
}

/* The line starting at s[ls] goes on with a sentence from the line before
 * it: it opens in lower case after a word or a comma ("... z nájemní
 * smlouvy uzavřené" / "dne 20.3.2003 na ...").  A field ("datum: ...")
 * never does: its caller asks first. */
static int continues_sentence(const char *s, size_t ls)
{
    while (s[ls] == ' ' || s[ls] == '\t')
        ls++;
    if (!(s[ls] >= 'a' && s[ls] <= 'z') || ls == 0)
        return 0;
    size_t i = ls;
    while (i > 0 && s[i - 1] != '\n')
        i--;
    while (i > 0 && strchr(" \t\r\n", s[i - 1]))
        i--;
    if (i == 0)
        return 0;
    unsigned char c = (unsigned char)s[i - 1];
    return c == ',' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit((char)c);
}

/* The first word of folded p is a noun naming the record ("Zápis ze dne"). */
static int starts_with_record_noun(const char *p, size_t len)
{
    size_t b = 0;
    while (b < len && !(p[b] >= 'a' && p[b] <= 'z'))
        b++;
    size_t e = b;
    while (e < len && p[e] >= 'a' && p[e] <= 'z')
        e++;
    return word_in(p, b, e, record_nouns);
}

/* What the text says of the date at s[at, en); heading = the line is one
 * of the document's first lines. */
static date_ctx label_of(const char *s, size_t len, size_t at, size_t en, int heading)
{
    zp_buf f = ZP_BUF_INIT;
    int whole_line;
    before_on_line(s, at, &f, &whole_line);
    const char *p = f.data ? f.data : "";
    size_t n = f.len, b, e, b2, e2;
    date_ctx c = CTX_NONE;
    int has_last = word_from_end(p, n, 0, &b, &e);
    for (const char *const *w = not_meeting; *w && c == CTX_NONE; w++) {
        const char *hit = strstr(p, *w);
        /* "ze zasedání ... konaného dne" may follow "usnesení č. 1/2021" */
        if (hit && !(strcmp(*w, "usnesen") == 0 && (hit == p || only_blanks_before(p, (size_t)(hit - p)))))
            c = CTX_OTHER;
    }
    if (c == CTX_NONE && has_last) {
        int prev = word_from_end(p, n, 1, &b2, &e2);
        if (word_in(p, b, e, deadline_words) && !(prev && word_is(p, b2, e2, "termin")))
            c = CTX_OTHER;
        else if (prev && word_is(p, b2, e2, "termin") && (word_is(p, b, e, "konani") || word_is(p, b, e, "jednani")))
            c = CTX_LABEL;
        else if (word_in(p, b, e, labels))
            c = CTX_LABEL;
        else if (word_is(p, b, e, "dne")) {
            /* "Dne: 5. 3." or "Ze dne ..." opening a line, "konaného dne",
             * or "ze dne" in a heading that names the record. */
            int ze = prev && word_is(p, b2, e2, "ze");
            size_t first = ze ? b2 : b;
            if (whole_line && only_blanks_before(p, first))
                c = CTX_LABEL;
            /* "konaného dne", "se konalo dne"; "schůze dne" only in a
             * heading ("Zápis ze schůze dne"), not in a sentence that speaks
             * of another meeting */
            else if (prev && (word_in(p, b2, e2, held_words) || word_is(p, b2, e2, "se")))
                c = CTX_LABEL;
            else if (prev && heading && whole_line && starts_with_record_noun(p, n) &&
                     (ze || word_in(p, b2, e2, labels)))
                c = line_ends_at(s, len, en) ? CTX_LABEL_LINE : CTX_LABEL;
        }
    }
    if (c == CTX_LABEL && whole_line && only_label_words(p, n) &&
        (memchr(p, ':', n) || !continues_sentence(s, near_line_start(s, at, CONTEXT_BYTES))))
        c = CTX_LABEL_LINE;
    zp_buf_free(&f);
    return c;
}

/* ---- the header -------------------------------------------------------- */

/* The date is all its line holds, bar heading marks ("## 17. 3. 2022"). */
static int alone_on_line(const char *s, size_t len, size_t st, size_t en)
{
    size_t ls = near_line_start(s, st, DATED_HEADING_BYTES);
    if (ls == SIZE_MAX)
        return 0;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(s + ls, st - ls, &f);
    size_t b, e, b2, e2;
    const char *p = zp_buf_str(&f);
    int words = word_from_end(p, f.len, 0, &b, &e);
    int weekday = words && word_in(p, b, e, weekdays) && !word_from_end(p, f.len, 1, &b2, &e2);
    zp_buf_free(&f);
    if (words && !weekday)
        return 0;
    for (size_t i = ls; i < st && !weekday; i++)
        if (!strchr(" \t#*=-", s[i]))
            return 0;
    for (size_t i = en; i < len && s[i] != '\n'; i++)
        if (!strchr(" \t\r*", s[i]) || i - en > DATED_HEADING_BYTES)
            return 0;
    return 1;
}

/* Only whitespace in s[from, to), the no-break spaces converters leave
 * on empty lines among it. */
static int blank_between(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (s[i] && strchr(" \t\r\n\f", s[i]))
            continue;
        if ((unsigned char)s[i] == 0xC2 && i + 1 < to && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Whether the line before the one starting at ls (> 0) holds only
 * whitespace. */
static int blank_line_before(const char *s, size_t ls)
{
    size_t b = ls - 1;   /* the '\n' ending that line */
    while (b > 0 && s[b - 1] != '\n')
        b--;
    return blank_between(s, b, ls - 1);
}

/* Headings of the form "## 17. 3. 2022" beyond the header: the text
 * gathers many meetings, each under its dated heading.  Dates on lines
 * with only blank lines (or no-break spaces) between them are a list ("s
 * následujícími termíny: / 13.07.1999 / 27.07.1999 / …"), not headings: a
 * heading has text under it. */
static int dated_headings(const char *s, size_t len)
{
    int marked = 0, plain = 0;
    size_t at = 0, st, en, last_end = SIZE_MAX;
    zp_date d;
    while (at < len && marked < 2 && plain < MANY_MEETINGS && zp_meta_find_date(s + at, len - at, &d, &st, &en)) {
        size_t ls = near_line_start(s, at + st, DATED_HEADING_BYTES), le = at + en;
        size_t k = ls == SIZE_MAX ? 0 : ls;
        while (ls != SIZE_MAX && k < at + st && strchr("# \t", s[k]))
            k++;
        while (le < len && s[le] != '\n' && le - at - st <= DATED_HEADING_BYTES)
            le++;
        /* "## 17. 3. 2022", or (Markdown read) "2025-03-18: schůze výboru" */
        if (ls != SIZE_MAX && k == at + st && le - ls <= DATED_HEADING_BYTES) {
            int listed = last_end != SIZE_MAX && blank_between(s, last_end, ls);
            /* a date right under a line of text closes it (a task's
             * deadline); a heading stands apart, or "##" marks it */
            int closing = s[ls] != '#' && ls > 0 && !blank_line_before(s, ls);
            if (listed) {
                if (plain == 1 && s[ls] != '#')
                    plain = 0;   /* the list's first date was no heading either */
            } else if (!closing) {
                marked += s[ls] == '#';
                plain++;
            }
            last_end = le;
        }
        at += en;
    }
    return marked >= 2 || plain >= MANY_MEETINGS;
}

int zp_meta_meeting_date(const char *text, size_t len, zp_date *out)
{
    memset(out, 0, sizeof *out);
    if (front_matter_date(text, len, out))
        return 1;
    if (dated_headings(text, len))
        return 0;
    size_t from = (size_t)zp_meta_front_matter_end(text, len);
    size_t head = len < from + HEADER_BYTES ? len : from + HEADER_BYTES;
    size_t at = from, st, en;
    zp_date d, first_plain = { 0, 0, 0 }, first_label = { 0, 0, 0 };
    zp_line_counter lc = { 0, 0, 0, 0 };
    while (at < head && zp_meta_find_date(text + at, head - at, &d, &st, &en)) {
        size_t lines = zp_words_content_lines_to(text + from, &lc, at + st - from);
        if (lines >= HEADER_LINES)
            break;
        date_ctx c = label_of(text, len, at + st, at + en, lines < HEADING_LINES);
        /* a line's own label, or a date alone on a heading line ("10.
         * září 2014" under the title) */
        if (c == CTX_LABEL_LINE || (c == CTX_NONE && lines < HEADING_LINES && alone_on_line(text, len, at + st, at + en))) {
            *out = d;
            return 1;
        }
        /* a label inside a sentence: the header may yet state its own
         * ("Návrh akce konané dne 1. 6." above "Ze dne 17. 5.") */
        if (c == CTX_LABEL && first_label.year == 0)
            first_label = d;
        /* A date standing in the heading lines ("Zápis 16.1.2025",
         * "10. září 2014" under the title). */
        if (c == CTX_NONE && first_plain.year == 0 && lines == 0)
            first_plain = d;
        at += en;
    }
    if (first_label.year || first_plain.year) {
        *out = first_label.year ? first_label : first_plain;
        return 1;
    }
    /* Signature: "V Prostějově dne 11. 1. 2019" near the end. */
    at = len > SIGNATURE_BYTES ? len - SIGNATURE_BYTES : 0;
    int found = 0;
    while (at < len && zp_meta_find_date(text + at, len - at, &d, &st, &en)) {
        size_t ls = near_line_start(text, at + st, SIGNATURE_BYTES);
        if (ls == SIZE_MAX) {
            at += en;
            continue;
        }
        while (ls < at + st && text[ls] == ' ')
            ls++;
        if ((strncmp(text + ls, "V ", 2) == 0 || strncmp(text + ls, "Ve ", 3) == 0)) {
            zp_buf f = ZP_BUF_INIT;
            zp_fold_word(text + ls, at + st - ls, &f);
            size_t b, e;
            if (word_from_end(zp_buf_str(&f), f.len, 0, &b, &e) && word_is(zp_buf_str(&f), b, e, "dne")) {
                *out = d;
                found = 1;
            }
            zp_buf_free(&f);
        }
        at += en;
    }
    return found;
}
