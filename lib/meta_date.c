/* Meeting date of minutes.  Dates are found with their line context; the
 * words just before a date say what it is: "Dne:", "DATUM:", "konaného
 * dne", "ze dne" label the meeting, "do", "další", "příští" a deadline or
 * the next meeting.  The header decides; the signature is the fallback. */
#include "meta.h"

#include <stdio.h>
#include <string.h>

#include "fold.h"
#include "meta_words.h"

/* The header: where the meeting date of minutes is written. */
#define HEADER_BYTES 2000
/* The signature ("V Prostějově dne ...") is in the last bytes. */
#define SIGNATURE_BYTES 600
/* How much of the line before a date is read for its label. */
#define CONTEXT_BYTES 48
#define MIN_YEAR 1950
#define MAX_YEAR 2100

static const char *const months[][2] = {
    { "leden", "ledna" },     { "unor", "unora" },       { "brezen", "brezna" },
    { "duben", "dubna" },     { "kveten", "kvetna" },    { "cerven", "cervna" },
    { "cervenec", "cervence" }, { "srpen", "srpna" },    { "zari", "zari" },
    { "rijen", "rijna" },     { "listopad", "listopadu" }, { "prosinec", "prosince" },
};

/* Words that, just before a date, make it the meeting's. */
static const char *const labels[] = { "dne", "datum", "konani", "konane", "konaneho", "konalo",
                                      "konala", "konal", "jednani", "setkani", "zasedani", NULL };
/* Words anywhere shortly before a date that make it something else. */
static const char *const not_meeting[] = { "dalsi", "pristi", "nejpozdeji", "ve dnech",
                                           "platnost", "ucinnost", "splatnost", "narozen",
                                           "vyveseno", "sejmuto", NULL };
/* Words right before a date that make it a deadline or a range start. */
static const char *const deadline_words[] = { "do", "od", "termin", "t", NULL };

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads 1..max digits at s[*i]; -1 when none. */
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

static void skip_dot_space(const char *s, size_t len, size_t *i, int *ok)
{
    if (*i < len && s[*i] == '.')
        (*i)++;
    else
        *ok = 0;
    while (*i < len && s[*i] == ' ')
        (*i)++;
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

/* A date starting exactly at s[at]. */
static int date_at(const char *s, size_t len, size_t at, zp_date *out, size_t *end)
{
    if (at > 0 && (is_digit(s[at - 1]) || s[at - 1] == '.' || s[at - 1] == '/'))
        return 0;
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

typedef enum { CTX_NONE, CTX_LABEL, CTX_OTHER } date_ctx;

/* What the line says just before a date at s[at]. */
static date_ctx context(const char *s, size_t at)
{
    size_t ls = at;
    while (ls > 0 && s[ls - 1] != '\n' && at - ls < CONTEXT_BYTES)
        ls--;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(s + ls, at - ls, &f);
    char *p = f.data ? f.data : (char *)"";
    date_ctx c = CTX_NONE;
    for (const char *const *w = not_meeting; *w; w++)
        if (strstr(p, *w))
            c = CTX_OTHER;
    /* last word before the date */
    size_t e = f.len;
    while (e > 0 && !(p[e - 1] >= 'a' && p[e - 1] <= 'z'))
        e--;
    size_t b = e;
    while (b > 0 && p[b - 1] >= 'a' && p[b - 1] <= 'z')
        b--;
    if (c == CTX_NONE && e > b) {
        p[e] = '\0';
        if (zp_words_in(p + b, deadline_words))
            c = CTX_OTHER;
        else if (zp_words_in(p + b, labels))
            c = CTX_LABEL;
    }
    zp_buf_free(&f);
    return c;
}

static size_t line_number(const char *s, size_t at)
{
    size_t n = 0;
    int content = 0;
    for (size_t i = 0; i < at; i++) {
        if (s[i] == '\n') {
            n += content;
            content = 0;
        } else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
            content = 1;
        }
    }
    return n;
}

int zp_meta_meeting_date(const char *text, size_t len, zp_date *out)
{
    memset(out, 0, sizeof *out);
    size_t head = len < HEADER_BYTES ? len : HEADER_BYTES;
    size_t at = 0, st, en;
    zp_date d, first_plain = { 0, 0, 0 };
    while (at < head && zp_meta_find_date(text + at, head - at, &d, &st, &en)) {
        date_ctx c = context(text, at + st);
        if (c == CTX_LABEL) {
            *out = d;
            return 1;
        }
        /* An unlabelled date in the heading lines ("Zápis 16.1.2025"). */
        if (c == CTX_NONE && first_plain.year == 0 && line_number(text, at + st) < 3)
            first_plain = d;
        at += en;
    }
    if (first_plain.year) {
        *out = first_plain;
        return 1;
    }
    /* Signature: "V Prostějově dne 11. 1. 2019" near the end. */
    size_t from = len > SIGNATURE_BYTES ? len - SIGNATURE_BYTES : 0;
    at = from;
    int found = 0;
    while (at < len && zp_meta_find_date(text + at, len - at, &d, &st, &en)) {
        size_t ls = at + st;
        while (ls > 0 && text[ls - 1] != '\n')
            ls--;
        while (ls < at + st && text[ls] == ' ')
            ls++;
        if ((strncmp(text + ls, "V ", 2) == 0 || strncmp(text + ls, "Ve ", 3) == 0) &&
            context(text, at + st) == CTX_LABEL) {
            *out = d;
            found = 1;
        }
        at += en;
    }
    return found;
}
