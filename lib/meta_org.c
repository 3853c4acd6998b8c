/* Organisations in minutes: names with a legal form ("Člověk v tísni
 * o.p.s.", "AQE advisors, a. s."), "Name (ACR)" definitions -- kept as
 * name/acronym pairs so either finds the other --, "organizace Žebřík",
 * "za NZDM", and acronyms in capitals (SAS, KPSS, MMO), which recur across
 * an archive and are how staff name the organisations of their field. */
#include <string.h>
#include <utf8proc.h>

#include "meta.h"
#include "meta_internal.h"
#include "meta_words.h"

/* A name before a legal form longer than this is a sentence; its trailing
 * capitalised words are the name ("... v prostorách nemocnice Agel a.s."). */
#define MAX_ORG_WORDS 6
#define MIN_ACRONYM 2
#define MAX_ACRONYM 8

/* Legal forms as the tokenizer gives them ("o.p.s." -> "ops"). */
static const char *const legal_forms[] = { "ops", "zs", "zu", "sro", "as", "po", "os", "spol", NULL };
/* Words before a name that are not part of it. */
static const char *const roles[] = { "realizator", "partner", "partnerem", "zadavatel", "prijemce",
                                     "zadatel", "dodavatel", NULL };
static const char *const org_nouns[] = { "organizace", "organizaci", "spolek", "spolku", "spolkem",
                                         "sdruzeni", "nadace", "nadaci", NULL };

static int roman(const char *t)
{
    return strspn(t, "ivxlcdm") == strlen(t);
}

/* "a. s." written with spaces is two words: a, s. */
static int legal_form_at(const char *text, const zp_words *ws, size_t i, size_t *n)
{
    const zp_word *w = &ws->w[i];
    if (zp_words_in(w->term, legal_forms) && memchr(text + w->start, '.', w->end - w->start + 1)) {
        *n = 1;
        return 1;
    }
    if (i + 1 < ws->n && strcmp(w->term, "a") == 0 && strcmp(ws->w[i + 1].term, "s") == 0 &&
        text[w->end] == '.' && text[ws->w[i + 1].end] == '.') {
        *n = 2;
        return 1;
    }
    return 0;
}

static int separates(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (strchr("\n(:;\"\xE2", text[i]) || (text[i] == '-' && i > from && text[i - 1] == ' '))
            return 1;   /* \xE2: an en dash or a quote mark in UTF-8 */
    return 0;
}

/* The name before a legal form at word i. */
static int name_before(const char *text, const zp_words *ws, size_t i, zp_meta *m)
{
    size_t s = i;
    while (s > 0 && i - s < 12 && !separates(text, ws->w[s - 1].end, ws->w[s].start))
        s--;
    /* sentence end: ". " before an upper-case word */
    for (size_t k = s + 1; k < i; k++)
        if (text[ws->w[k - 1].end] == '.' && ws->w[k].upper && strlen(ws->w[k - 1].term) > 3)
            s = k;
    if (i - s > MAX_ORG_WORDS) {
        s = i;
        while (s > 0 && ws->w[s - 1].upper && i - s < MAX_ORG_WORDS)
            s--;
    }
    while (s < i && (zp_words_in(ws->w[s].term, roles) || !ws->w[s].upper))
        s++;
    if (s == i)
        return 0;
    return zp_strlist_add(&m->orgs, text + ws->w[s].start, ws->w[i - 1].end - ws->w[s].start, 1);
}

/* "Organizace pro pomoc uprchlíkům (OPU)": the shortest run of words before
 * the bracket whose initials contain the acronym's letters in order, the
 * first word's initial being the acronym's first letter. */
static int acronym_pair(const char *text, const zp_words *ws, size_t a, zp_meta *m)
{
    const char *acr = ws->w[a].term;
    size_t alen = strlen(acr);
    for (size_t s = a; s-- > 0 && a - s <= alen + 4;) {
        if (separates(text, ws->w[s].end, ws->w[s + 1 == a ? a : s + 1].start) && s + 1 != a)
            break;
        if (ws->w[s].term[0] != acr[0] || !ws->w[s].upper)
            continue;
        size_t k = 1;
        for (size_t j = s + 1; j < a && k < alen; j++)
            if (ws->w[j].term[0] == acr[k])
                k++;
        if (k < alen || ws->w[a - 1].term[0] != acr[alen - 1])
            continue;
        size_t ns = ws->w[s].start, ne = ws->w[a - 1].end;
        if (zp_strlist_add(&m->orgs, text + ns, ne - ns, 1) < 0 ||
            zp_strlist_add(&m->acronyms.names, text + ns, ne - ns, 0) < 0 ||
            zp_strlist_add(&m->acronyms.acronyms, text + ws->w[a].start, ws->w[a].end - ws->w[a].start, 0) < 0)
            return -1;
        return 1;
    }
    return 0;
}

static int is_acronym(const zp_word *w)
{
    size_t n = strlen(w->term);
    return w->caps && !w->digits && n >= MIN_ACRONYM && n <= MAX_ACRONYM && !roman(w->term);
}

/* Lines in capitals are headings, whose words are not acronyms. */
static int on_caps_line(const char *text, size_t len, const zp_word *w)
{
    size_t s = w->start, e = w->end;
    while (s > 0 && text[s - 1] != '\n')
        s--;
    while (e < len && text[e] != '\n')
        e++;
    size_t spaces = 0;
    for (size_t i = s; i < e; i++)
        spaces += text[i] == ' ';
    return spaces >= 1 && zp_words_all_caps(text + s, e - s);
}

/* Capitals that are not an organisation: a label ("DATUM:"), a heading
 * alone on its line ("PROGRAM"), a title after a name ("MBA"). */
static int not_an_acronym(const char *text, size_t len, const zp_word *w)
{
    static const char *const post_titles[] = { "mba", "phd", "csc", "dis", "llm", "mpa", NULL };
    if (zp_words_in(w->term, post_titles) || (w->end < len && text[w->end] == ':'))
        return 1;
    size_t s = w->start, e = w->end;
    while (s > 0 && (text[s - 1] == ' ' || text[s - 1] == '\t'))
        s--;
    while (e < len && (text[e] == ' ' || text[e] == '\t' || text[e] == '\r'))
        e++;
    return (s == 0 || text[s - 1] == '\n') && (e == len || text[e] == '\n');
}

/* "P. Sivolobová – Drom – organizace neplánuje": a short capitalised name
 * between two dashes, as organisations are named in reports. */
static int between_dashes(const char *text, const zp_words *ws, size_t i, zp_meta *m)
{
    static const char dash[] = " \xE2\x80\x93 ";
    const zp_word *w = &ws->w[i];
    if (!w->upper || w->caps || w->start < 5 || memcmp(text + w->start - 5, dash, 5) != 0)
        return 0;
    size_t n = 0;
    while (i + n < ws->n && n < 4) {
        const zp_word *x = &ws->w[i + n];
        if (n > 0 && !zp_words_adjacent(text, &ws->w[i + n - 1], x) && text[ws->w[i + n - 1].end] != '.')
            break;
        if (x->end + 5 <= strlen(text) && memcmp(text + x->end, dash, 5) == 0) {
            size_t last = i + n;
            size_t k;
            if (legal_form_at(text, ws, last, &k) && last > i)
                last--;   /* "Člověk v tísni o.p.s." is found by its legal form */
            if (last > i || !legal_form_at(text, ws, i, &k))
                return zp_strlist_add(&m->orgs, text + w->start, ws->w[last].end - w->start, 1);
            return 0;
        }
        n++;
    }
    return 0;
}

/* "organizace Žebřík", "spolek Náš domov": the upper-case words after. */
static int after_noun(const char *text, const zp_words *ws, size_t i, zp_meta *m)
{
    if (!zp_words_in(ws->w[i].term, org_nouns))
        return 0;
    size_t n = 0;
    while (i + 1 + n < ws->n && n < 3) {
        const zp_word *w = &ws->w[i + 1 + n];
        if (!w->upper || w->caps || w->digits || !zp_words_adjacent(text, &ws->w[i + n], w))
            break;
        n++;
    }
    if (n == 0)
        return 0;
    if (n == 1) {
        zp_buf b = ZP_BUF_INIT;
        zp_meta_nominative(text, ws, &ws->w[i + 1], &b);
        int rc = zp_strlist_add(&m->orgs, zp_buf_str(&b), b.len, 1);
        zp_buf_free(&b);
        return rc;
    }
    size_t s = ws->w[i + 1].start;
    return zp_strlist_add(&m->orgs, text + s, ws->w[i + n].end - s, 1);
}

int zp_meta_orgs_in(const char *text, size_t len, const zp_words *wl, zp_meta *m)
{
    const zp_words ws = *wl;
    int rc = 0;
    for (size_t i = 0; i < ws.n && rc >= 0; i++) {
        size_t n;
        const zp_word *w = &ws.w[i];
        if (legal_form_at(text, &ws, i, &n)) {
            rc = name_before(text, &ws, i, m);
            i += n - 1;
            continue;
        }
        if (is_acronym(w) && w->start > 0 && text[w->start - 1] == '(' && text[w->end] == ')' && i > 0) {
            rc = acronym_pair(text, &ws, i, m);
            if (rc < 0)
                break;
        }
        if (is_acronym(w) && !on_caps_line(text, len, w) && !not_an_acronym(text, len, w))
            rc = zp_strlist_add(&m->orgs, text + w->start, w->end - w->start, 1);
        else if (rc >= 0)
            rc = after_noun(text, &ws, i, m);
        if (rc >= 0)
            rc = between_dashes(text, &ws, i, m);
    }
    return rc < 0 ? -1 : 0;
}

int zp_meta_orgs(const char *text, size_t len, zp_meta *m)
{
    zp_words ws;
    if (zp_words_collect(text, len, &ws) < 0)
        return -1;
    int rc = zp_meta_orgs_in(text, len, &ws, m);
    zp_words_free(&ws);
    return rc;
}
