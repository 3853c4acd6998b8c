/* Resolutions: what makes a decision a resolution of a council or a board
 * -- its number ("Usnesení č. 1/2021", "č. usnesení: 0322/17-R"), its
 * verb ("schvaluje", "bere na vědomí", "neschvaluje"), the vote
 * ("PRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )", "Hlasování: pro 8, proti
 * 0, zdržel se 0") and whether it passed ("Návrh nebyl přijat").  Line
 * helpers for lib/meta_decision.c, which walks the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "meta.h"

/* A resolution number is short: "0054/17-Z", "RM/1/1/2022". */
#define MAX_NUMBER_BYTES 30
/* Words of a line looked at. */
#define MAX_LINE_WORDS 64

/* Verbs of resolving, folded, with the form shown; past forms of minutes
 * ("Zastupitelstvo schválilo") show as the resolution's present. */
static const struct {
    const char *folded, *shown;
} verbs[] = {
    { "bere na vedomi", "bere na vědomí" },   { "nebere na vedomi", "nebere na vědomí" },
    { "vzalo na vedomi", "bere na vědomí" },  { "vzala na vedomi", "bere na vědomí" },
    { "vzal na vedomi", "bere na vědomí" },   { "vzali na vedomi", "bere na vědomí" },
    { "schvaluje", "schvaluje" },             { "neschvaluje", "neschvaluje" },
    { "schvalilo", "schvaluje" },             { "schvalila", "schvaluje" },
    { "schvalil", "schvaluje" },              { "schvalili", "schvaluje" },
    { "neschvalilo", "neschvaluje" },         { "neschvalila", "neschvaluje" },
    { "uklada", "ukládá" },                   { "ulozilo", "ukládá" },
    { "souhlasi", "souhlasí" },               { "nesouhlasi", "nesouhlasí" },
    { "doporucuje", "doporučuje" },           { "nedoporucuje", "nedoporučuje" },
    { "zamita", "zamítá" },                   { "zamitlo", "zamítá" },
    { "revokuje", "revokuje" },               { "poveruje", "pověřuje" },
    { "poverilo", "pověřuje" },               { "voli", "volí" },
    { "zvolilo", "volí" },                    { "jmenuje", "jmenuje" },
    { "odvolava", "odvolává" },               { "rusi", "ruší" },
    { "zrusilo", "ruší" },                    { "zrizuje", "zřizuje" },
    { "vydava", "vydává" },                   { "deleguje", "deleguje" },
    { "konstatuje", "konstatuje" },           { "stanovuje", "stanovuje" },
    { "stanovi", "stanoví" },                 { "potvrzuje", "potvrzuje" },
    { "rozhoduje", "rozhoduje" },             { "rozhodlo", "rozhoduje" },
    { "rozhodla", "rozhoduje" },              { "rozhodl", "rozhoduje" },
    { "prijima", "přijímá" },                 { "vyhlasuje", "vyhlašuje" },
};

typedef struct {
    size_t start, end;      /* in the line */
    char folded[40];
    char bare[40];          /* folded, without the punctuation around it */
} lword;

/* Copies len bytes of s into out (size bytes), cut to fit. */
static void copy_cut(char *out, size_t size, const char *s, size_t len)
{
    if (len >= size)
        len = size - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static int alnum_folded(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The word without the punctuation around it ("schvaluje:" -> "schvaluje"). */
static void bare(const char *folded, char *out, size_t size)
{
    size_t b = 0, e = strlen(folded);
    while (b < e && !alnum_folded(folded[b]))
        b++;
    while (e > b && !alnum_folded(folded[e - 1]))
        e--;
    copy_cut(out, size, folded + b, e - b);
}

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '|' || c == '*';
}

/* The line's words split at blanks, each folded (lower case, no marks). */
static size_t split(const char *s, size_t len, lword *w, size_t max)
{
    size_t n = 0, i = 0;
    zp_buf f = ZP_BUF_INIT;
    while (i < len && n < max) {
        while (i < len && blank(s[i]))
            i++;
        size_t b = i;
        while (i < len && !blank(s[i]))
            i++;
        if (i == b)
            break;
        zp_buf_reset(&f);
        zp_fold_word(s + b, i - b, &f);
        w[n].start = b;
        w[n].end = i;
        copy_cut(w[n].folded, sizeof w[n].folded, zp_buf_str(&f), f.len);
        bare(w[n].folded, w[n].bare, sizeof w[n].bare);
        n++;
    }
    zp_buf_free(&f);
    return n;
}

int zp_meta_is_resolution_verb(const char *folded)
{
    size_t n = strlen(folded);
    for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
        if (verbs[k].folded[0] == folded[0] && strncmp(verbs[k].folded, folded, n) == 0 &&
            (verbs[k].folded[n] == '\0' || verbs[k].folded[n] == ' '))
            return n > 0;
    return 0;
}

/* Whether phrase (words separated by one space) starts with word and a
 * space; the rest of phrase in *rest. */
static int starts_with_word(const char *phrase, const char *word, const char **rest)
{
    size_t n = strlen(word);
    if (strncmp(phrase, word, n) != 0 || phrase[n] != ' ')
        return 0;
    *rest = phrase + n + 1;
    return 1;
}

size_t zp_meta_resolution_verb(const char *s, size_t len, char *verb, size_t size)
{
    lword w[MAX_LINE_WORDS];
    size_t n = split(s, len, w, MAX_LINE_WORDS);
    for (size_t i = 0; i < n; i++) {
        const char *one = w[i].bare;
        for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
            const char *f = verbs[k].folded, *rest;
            if (f[0] != one[0])
                continue;
            size_t end;
            if (!strchr(f, ' ')) {
                if (strcmp(one, f) != 0)
                    continue;
                end = w[i].end;
            } else {   /* three words: "bere na vědomí" */
                if (i + 2 >= n || !starts_with_word(f, one, &rest) || !starts_with_word(rest, w[i + 1].bare, &rest) ||
                    strcmp(rest, w[i + 2].bare) != 0)
                    continue;
                end = w[i + 2].end;
            }
            snprintf(verb, size, "%s", verbs[k].shown);
            return end;
        }
    }
    return 0;
}

/* A resolution number: digits and a slash, letters, dashes, dots. */
static int number_token(const char *s, size_t b, size_t e, zp_buf *out)
{
    while (e > b && strchr(".,:;)", s[e - 1]))
        e--;
    if (e - b < 3 || e - b > MAX_NUMBER_BYTES)
        return 0;
    int digit = 0, slash = 0;
    for (size_t i = b; i < e; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            digit = 1;
        else if (c == '/')
            slash = 1;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.'))
            return 0;
    }
    if (!digit || !slash)
        return 0;
    zp_buf_add(out, s + b, e - b);
    return 1;
}

int zp_meta_resolution_number(const char *line, size_t len, int header, zp_buf *out)
{
    lword w[MAX_LINE_WORDS];
    size_t n = split(line, len, w, MAX_LINE_WORDS);
    for (size_t i = 0; i < n; i++) {
        const char *b = w[i].bare;
        size_t k = i + 1;
        if (strcmp(b, "usneseni") == 0) {
            /* "Usnesení č. 1/2021", "Usnesení číslo 5", "Usnesení RM/1/1/2022" */
            if (k < n && (strcmp(w[k].bare, "c") == 0 || strcmp(w[k].bare, "cislo") == 0))
                k++;
            if (k < n && number_token(line, w[k].start, w[k].end, out))
                return 1;
        } else if (strcmp(b, "c") == 0 && k < n) {
            /* "č. usnesení: 0322/17-R" */
            if (strcmp(w[k].bare, "usneseni") == 0 && k + 1 < n && number_token(line, w[k + 1].start, w[k + 1].end, out))
                return 1;
            /* "č. 0556/99" alone on a header line */
            if (header && i == 0 && n == 2 && number_token(line, w[k].start, w[k].end, out))
                return 1;
        }
    }
    return 0;
}

/* The count after a vote keyword: "( 8 )", ": 8", " 8", "|1 hlas". */
static int count_after(const char *s, size_t len, size_t at)
{
    size_t i = at, skipped = 0;
    while (i < len && skipped < 6 && strchr(" \t(:=|-", s[i])) {
        i++;
        skipped++;
    }
    if (i >= len || s[i] < '0' || s[i] > '9')
        return -1;
    int v = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9' && v < 100000)
        v = v * 10 + (s[i++] - '0');
    return v;
}

int zp_meta_votes(const char *line, size_t len, zp_votes *v, int *outcome)
{
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(line, len, &f);   /* lower case, marks off; ASCII keeps its bytes */
    const char *p = zp_buf_str(&f);
    size_t n = f.len;
    int yes = -1, no = -1, abstain = -1;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && ((p[i - 1] >= 'a' && p[i - 1] <= 'z')))
            continue;   /* words start here only */
        if (strncmp(p + i, "proti", 5) == 0 && !(p[i + 5] >= 'a' && p[i + 5] <= 'z'))
            no = count_after(p, n, i + 5);
        else if (strncmp(p + i, "pro", 3) == 0 && !(p[i + 3] >= 'a' && p[i + 3] <= 'z'))
            yes = count_after(p, n, i + 3);
        else if (strncmp(p + i, "zdrzel", 6) == 0) {
            size_t k = i + 6;
            while (k < n && p[k] >= 'a' && p[k] <= 'z')
                k++;
            while (k < n && p[k] == ' ')
                k++;
            if (strncmp(p + k, "se", 2) == 0)
                k += 2;
            abstain = count_after(p, n, k);
        }
    }
    int given = (yes >= 0) + (no >= 0) + (abstain >= 0);
    /* "pro 5 osob" is no vote: a vote names two counts, or says it is one */
    int labelled = strstr(p, "hlasova") != NULL || (n && p[0] == '|');
    if (given < 2 && !(given == 1 && labelled))
        given = 0;
    if (given) {
        if (yes >= 0)
            v->yes = yes;
        if (no >= 0)
            v->no = no;
        if (abstain >= 0)
            v->abstain = abstain;
    }
    static const char *const rejected[] = { "nebyl prijat", "nebylo prijato", "nebyla prijata", "neprijat",
                                            "nebylo schvaleno", "nebyl schvalen", "neschvalen", "zamitnut",
                                            NULL };
    static const char *const adopted[] = { "prijat", "prijato", "schvaleno", "schvalen", NULL };
    int found = 0;
    for (const char *const *r = rejected; *r && !found; r++)
        if (strstr(p, *r)) {
            *outcome = 0;
            found = 1;
        }
    for (const char *const *a = adopted; *a && !found; a++)
        if (strstr(p, *a) && (given || strstr(p, "navrh") || strstr(p, "usneseni")))
            *outcome = 1, found = 1;
    zp_buf_free(&f);
    return given;
}
