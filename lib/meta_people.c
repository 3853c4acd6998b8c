/* People in minutes: the attendance lines ("Přítomni:", "Omluveni:",
 * "Hosté:", continued on following lines as in Jeseník's list), and
 * anyone named with an academic title or "pan/paní/P." anywhere in the
 * text.  An organisation in brackets after a name ("(MěÚ Jeseník)") is an
 * organisation too. */
#include <string.h>
#include <utf8proc.h>

#include "budget.h"
#include "fold.h"
#include "meta.h"
#include "meta_internal.h"
#include "meta_words.h"

/* Longest attendance entry that is still one person or organisation. */
#define MAX_ITEM_WORDS 8

static const char *const pre_titles[] = { "mgr", "bc", "ing", "phdr", "mudr", "judr", "rndr", "paeddr",
                                          "doc", "prof", "mga", "mvdr", "thdr", "pharmdr", "pan",
                                          "pani", "pi", "p", NULL };
static const char *const post_titles[] = { "phd", "dis", "csc", "mba", "dr", NULL };

enum { PRESENT, EXCUSED, GUESTS, IGNORED };

static const struct {
    const char *word;
    int list;
} labels[] = {
    { "pritomni", PRESENT }, { "pritomno", PRESENT }, { "pritomny", PRESENT }, { "pritomen", PRESENT },
    { "omluveni", EXCUSED }, { "omluveny", EXCUSED }, { "omluven", EXCUSED }, { "omluvena", EXCUSED },
    { "hoste", GUESTS },     { "host", GUESTS },      { "neomluveni", IGNORED },
};

/* The attendance list a line opens, and where its value starts; -1 if none. */
static int label_of(const char *line, size_t len, size_t *value)
{
    size_t i = 0;
    while (i < len && strchr(" \t-*", line[i]))
        i++;
    size_t ws = i;
    while (i < len && !strchr(" \t:-\xE2", line[i]))
        i++;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(line + ws, i - ws, &f);
    int list = -1;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0] && list < 0; k++)
        if (strcmp(zp_buf_str(&f), labels[k].word) == 0)
            list = labels[k].list;
    zp_buf_free(&f);
    if (list < 0)
        return -1;
    /* "Přítomni – členové komise: ..." : the value follows the colon */
    const char *colon = memchr(line + i, ':', len - i < 40 ? len - i : 40);
    if (colon) {
        i = (size_t)(colon - line) + 1;
    } else {
        while (i < len && (strchr(" \t-", line[i]) || (unsigned char)line[i] >= 0x80))
            i += (unsigned char)line[i] >= 0x80 ? 3 : 1;   /* an en dash is 3 bytes */
        if (i > len)
            i = len;
    }
    *value = i;
    return list;
}

static int starts_with_fold(const char *s, size_t len, const char *word)
{
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(s, len < 16 ? len : 16, &f);
    int yes = strncmp(zp_buf_str(&f), word, strlen(word)) == 0;
    zp_buf_free(&f);
    return yes;
}

/* Adds a person found in an attendance entry (titles and names, no
 * bracket); returns whether it looked like one. */
static int add_person(const char *s, size_t len, zp_meta *m)
{
    zp_words ws;
    if (zp_words_collect(s, len, &ws) < 0)
        return -1;
    size_t names = 0, titled = 0;
    for (size_t i = 0; i < ws.n; i++) {
        int initial = strlen(ws.w[i].term) == 1 && ws.w[i].upper && s[ws.w[i].end] == '.';
        if (zp_words_in(ws.w[i].term, pre_titles) || zp_words_in(ws.w[i].term, post_titles) || initial)
            titled++;
        else if (ws.w[i].upper && !ws.w[i].caps && !ws.w[i].digits)
            names++;
    }
    int person = ws.n <= MAX_ITEM_WORDS && names >= 1 && (titled || names >= 2) && names <= 4;
    zp_words_free(&ws);
    /* "Bc. Jana Macková, DiS.": the person is named before the comma */
    const char *comma = memchr(s, ',', len);
    if (comma)
        len = (size_t)(comma - s);
    if (person)
        return zp_strlist_add(&m->people, s, len, 1) < 0 ? -1 : 1;
    return 0;
}

/* One attendance entry: "Ing. Martina Mařáková (Středisko rozvoje ..., o.p.s.)". */
static int add_entry(const char *s, size_t len, zp_strlist *list, zp_meta *m)
{
    while (len && strchr(" \t.", *s)) {
        s++;
        len--;
    }
    while (len && strchr(" \t.", s[len - 1]))
        len--;
    if (len == 0 || (*s >= '0' && *s <= '9') || starts_with_fold(s, len, "viz") ||
        starts_with_fold(s, len, "dle"))
        return 0;
    if (zp_strlist_add(list, s, len, 0) < 0)
        return -1;
    const char *open = memchr(s, '(', len);
    size_t name_len = open ? (size_t)(open - s) : len;
    if (open) {
        const char *close = memchr(open, ')', len - (size_t)(open - s));
        size_t inner = close ? (size_t)(close - open - 1) : len - (size_t)(open - s) - 1;
        utf8proc_int32_t cp = 0;
        utf8proc_iterate((const utf8proc_uint8_t *)open + 1, (utf8proc_ssize_t)inner, &cp);
        /* "(Středisko ... Jeseník, o.p.s.)": the name without its legal form */
        const char *comma = NULL;
        for (size_t k = inner; k > 0 && !comma; k--)
            if (open[k] == ',')
                comma = open + k;
        if (comma && (size_t)(open + 1 + inner - comma) <= 8)
            inner = (size_t)(comma - open - 1);
        if (inner && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU &&
            zp_strlist_add(&m->orgs, open + 1, inner, 1) < 0)
            return -1;
    }
    return add_person(s, name_len, m) < 0 ? -1 : 0;
}

/* Whether an entry is only post-nominal titles ("DiS. (SPS Jeseník)"),
 * which belong to the entry before the comma. */
static int only_post_titles(const char *s, size_t len)
{
    zp_words ws;
    if (zp_words_collect(s, len, &ws) < 0 || ws.n == 0)
        return 0;
    int only = zp_words_in(ws.w[0].term, post_titles);
    zp_words_free(&ws);
    return only;
}

static int add_entries(const char *s, size_t len, zp_strlist *list, zp_meta *m)
{
    size_t start = 0, depth = 0;
    size_t pend_s = 0, pend_e = 0;
    int pending = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] == '(')
            depth++;
        else if (i < len && s[i] == ')' && depth)
            depth--;
        if (i < len && !((s[i] == ',' || s[i] == ';') && depth == 0))
            continue;
        if (pending && only_post_titles(s + start, i - start)) {
            pend_e = i;   /* "Bc. Jana Macková, DiS. (SPS Jeseník)" is one entry */
        } else {
            if (pending && add_entry(s + pend_s, pend_e - pend_s, list, m) < 0)
                return -1;
            pend_s = start;
            pend_e = i;
            pending = 1;
        }
        start = i + 1;
    }
    if (pending && add_entry(s + pend_s, pend_e - pend_s, list, m) < 0)
        return -1;
    return 0;
}

static zp_strlist *list_of(zp_meta *m, int which)
{
    return which == PRESENT ? &m->present : which == EXCUSED ? &m->excused : &m->guests;
}

/* A line that continues an attendance list: a short line naming someone. */
static int continues_list(const char *line, size_t len)
{
    size_t v;
    if (len == 0 || len > 120 || (*line >= '0' && *line <= '9') || label_of(line, len, &v) >= 0)
        return 0;
    const char *colon = memchr(line, ':', len < 20 ? len : 20);
    if (colon)
        return 0;
    utf8proc_int32_t cp = 0;
    utf8proc_iterate((const utf8proc_uint8_t *)line, (utf8proc_ssize_t)len, &cp);
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static size_t line_end(const char *text, size_t len, size_t from)
{
    const char *nl = memchr(text + from, '\n', len - from);
    return nl ? (size_t)(nl - text) : len;
}

static int attendance(const char *text, size_t len, zp_meta *m)
{
    size_t ls = 0;
    while (ls < len) {
        size_t le = line_end(text, len, ls), v;
        int which = label_of(text + ls, le - ls, &v);
        if (which < 0) {
            ls = le + 1;
            continue;
        }
        zp_strlist *list = which == IGNORED ? NULL : list_of(m, which);
        if (list && add_entries(text + ls + v, le - ls - v, list, m) < 0)
            return -1;
        ls = le + 1;
        while (ls < len) {
            size_t ce = line_end(text, len, ls), cs = ls;
            while (cs < ce && (text[cs] == ' ' || text[cs] == '\t'))
                cs++;
            if (!continues_list(text + cs, ce - cs))
                break;
            if (list && add_entries(text + cs, ce - cs, list, m) < 0)
                return -1;
            ls = ce + 1;
        }
    }
    return 0;
}

static int dot_after(const char *text, const zp_word *w)
{
    return text[w->end] == '.';
}

/* "Mgr. Barbora Klinovská", "P. Kadlec", "paní Mgr. Jana Křivánková". */
static int titled_names(const char *text, const zp_words *wl, zp_meta *m)
{
    const zp_words ws = *wl;
    int rc = 0;
    for (size_t i = 0; i < ws.n && rc == 0 && !zp_budget_spent(); i++) {
        const zp_word *t = &ws.w[i];
        int abbrev = strcmp(t->term, "pan") != 0 && strcmp(t->term, "pani") != 0;
        if (!zp_words_in(t->term, pre_titles) || (abbrev && !dot_after(text, t)))
            continue;
        size_t j = i + 1;
        while (j < ws.n && zp_words_in(ws.w[j].term, pre_titles))
            j++;
        size_t names = 0;
        while (j + names < ws.n && names < 2) {
            const zp_word *w = &ws.w[j + names];
            const zp_word *prev = &ws.w[j + names - 1];
            size_t gap = w->start - prev->end;
            if (!w->upper || w->caps || w->digits || zp_words_in(w->term, pre_titles) || gap > 2 ||
                memchr(text + prev->end, '\n', gap))
                break;
            names++;
        }
        if (names == 0)
            continue;
        if (zp_strlist_add(&m->people, text + t->start, ws.w[j + names - 1].end - t->start, 1) < 0)
            rc = -1;
        i = j + names - 1;
    }
    return rc;
}

int zp_meta_people_in(const char *text, size_t len, const zp_words *ws, zp_meta *m)
{
    if (attendance(text, len, m) < 0)
        return -1;
    return titled_names(text, ws, m);
}

int zp_meta_people(const char *text, size_t len, zp_meta *m)
{
    zp_words ws;
    if (zp_words_collect(text, len, &ws) < 0)
        return -1;
    int rc = zp_meta_people_in(text, len, &ws, m);
    zp_words_free(&ws);
    return rc;
}
