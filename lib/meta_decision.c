/* Decisions and tasks.  Minutes record what was agreed in sentences with
 * a verb of agreeing ("Skupina se shodla", "Zastupitelstvo obce schvaluje",
 * "bylo dohodnuto", "doporučuje"), often in bold, and what is to be done
 * in an "Úkoly:" section: who does what by when ("P. Kolářiková zašle ...",
 * "Členové PS ... pošlou je do 22. 2. 2019").  Resolutions list their
 * items under a line that ends in the verb ("Zastupitelstvo obce Krhanice
 * schvaluje" / "1. program ..."; "II. souhlasí" / "s přechodem nájmu"),
 * carry the number of the resolution and, in minutes, the vote that
 * follows (lib/meta_resolution.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "budget.h"
#include "fold.h"
#include "meta.h"
#include "meta_words.h"

/* A decision shown longer than this is cut at a word. */
#define MAX_DECISION_CHARS 400
/* More than this in one document is a list, not decisions. */
#define MAX_DECISIONS 200
/* "Návrh nebyl přijat.": a line this short that says how a vote went is
 * no decision of its own. */
#define OUTCOME_LINE_BYTES 60
/* The first lines, where "č. 0556/99" alone is the resolution's number. */
#define HEADER_LINES 10

static const char *const verbs[] = {
    "shodla", "shodli", "shodlo", "shodl", "schvaluje", "schvalil", "schvalila", "schvalilo",
    "schvalili", "neschvaluje", "doporucuje", "doporucuji", "doporuceno", "doporucila", "doporucil",
    "doporucili", "dohodnuto", "dohodli", "dohodla", "dohodl", "rozhodl", "rozhodla", "rozhodlo",
    "rozhodli", "rozhoduje", "uklada", "poveruje", "souhlasi", "souhlasili", "souhlasila",
    "nesouhlasi", "urcuje", "revokuje", "zamita", "zamitl", "zamitla", "zamitlo", NULL,
};
/* Who a task is for: the words that may open it before the verb. */
static const char *const roles[] = {
    "clenove", "clen", "clenka", "clenky", "vsichni", "vedouci", "koordinator", "koordinatorka",
    "manazer", "manazerka", "starosta", "starostka", "mistostarosta", "mistostarostka", "tajemnik",
    "tajemnice", "predseda", "predsedkyne", "zapisovatel", "zapisovatelka", "skupina", "rada",
    "vybor", "komise", "odbor", "obec", "mesto", NULL,
};
static const char *const titles[] = { "mgr", "bc", "ing", "phdr", "mudr", "judr", "rndr", "doc",
                                      "p", "pi", "pan", "pani", NULL };
/* A line starting with these ends the "Úkoly" section. */
static const char *const section_end[] = { "zapsal", "zapsala", "zapisovatel", "sepsal", "sepsala",
                                           "overovatel", "overil", "v", "ve", "termin", "dalsi",
                                           "prilohy", "priloha", NULL };
/* Titles long enough to look like a sentence's last word before the dot. */
static const char *const long_titles[] = { "phdr", "paeddr", "mudr", "judr", "rndr", "prof", "mvdr",
                                           "thdr", "ph.d", NULL };
static const char *const deadline_words[] = { "do", "nejpozdeji", "termin", "t", NULL };

typedef struct {
    size_t s, e;
} range;

/* The item's text: bullets, numbering and bold markers stripped. */
static range strip(const char *t, size_t s, size_t e, int *bold)
{
    for (;;) {
        if (s + 3 <= e && memcmp(t + s, "\xE2\x80\xA2", 3) == 0) {   /* • */
            s += 3;
        } else if (s < e && strchr(" \t-*", t[s])) {
            if (t[s] == '*' && s + 1 < e && t[s + 1] == '*')
                *bold = 1;
            s++;
        } else {
            break;
        }
    }
    size_t d = s;
    while (d < e && t[d] >= '0' && t[d] <= '9')
        d++;
    if (d > s && d < e && (t[d] == '.' || t[d] == ')') && d + 1 < e && t[d + 1] == ' ') {
        s = d + 2;
        while (s < e && strchr(" \t*", t[s])) {
            if (t[s] == '*')
                *bold = 1;
            s++;
        }
    }
    while (e > s && strchr(" \t\r*", t[e - 1]))
        e--;
    return (range){ s, e };
}

static int first_word_is(const char *t, range r, const char *const *list)
{
    size_t e = r.s;
    while (e < r.e && !strchr(" \t:.,", t[e]))
        e++;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(t + r.s, e - r.s, &f);
    int yes = zp_words_in(zp_buf_str(&f), list);
    zp_buf_free(&f);
    return yes;
}

static int is_tasks_heading(const char *t, range r)
{
    if (r.e <= r.s || t[r.e - 1] != ':' || r.e - r.s > 80)
        return 0;
    /* "Úkoly:", "Úkoly a termíny ...:", "Úkol:" -- not "Úkol se přesouvá ...:" */
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(t + r.s, r.e - r.s, &f);
    const char *h = zp_buf_str(&f);
    int yes = strncmp(h, "ukoly", 5) == 0 || strncmp(h, "ukol:", 5) == 0;
    zp_buf_free(&f);
    return yes;
}

/* Owner: titles, names, acronyms and role nouns before the first other word. */
static char *owner_of(const char *t, range r)
{
    zp_words ws;
    if (zp_words_collect(t + r.s, r.e - r.s, &ws) < 0)
        return NULL;
    size_t n = 0, upper = 0, strong = 0;
    while (n < ws.n && n < 6) {
        const zp_word *w = &ws.w[n];
        if (zp_words_in(w->term, titles) || zp_words_in(w->term, roles) || w->caps) {
            strong++;
        } else if (w->upper && !w->digits) {
            upper++;
        } else {
            break;
        }
        n++;
    }
    char *owner = NULL;
    if (n > 0 && (strong || upper >= 2) && n < ws.n) {
        zp_buf b = ZP_BUF_INIT;
        zp_buf_add(&b, t + r.s + ws.w[0].start, ws.w[n - 1].end - ws.w[0].start);
        owner = zp_buf_steal(&b);
    }
    zp_words_free(&ws);
    return owner;
}

/* The first date after "do", "nejpozději", "termín" (any date for tasks). */
static zp_date deadline_of(const char *t, range r, int any)
{
    zp_date d = { 0, 0, 0 };
    size_t at = r.s, st, en;
    while (at < r.e && zp_meta_find_date(t + at, r.e - at, &d, &st, &en)) {
        size_t ws = at + st;
        while (ws > r.s && t[ws - 1] == ' ')
            ws--;
        size_t w0 = ws;
        while (w0 > r.s && t[w0 - 1] != ' ' && t[w0 - 1] != '(')
            w0--;
        zp_buf f = ZP_BUF_INIT;
        zp_fold_word(t + w0, ws - w0, &f);
        int labelled = zp_words_in(zp_buf_str(&f), deadline_words) || (ws > w0 && t[ws - 1] == ':');
        zp_buf_free(&f);
        if (labelled || any)
            return d;
        at += en;
    }
    return (zp_date){ 0, 0, 0 };
}

static int has_verb(const char *t, range r)
{
    zp_words ws;
    if (zp_words_collect(t + r.s, r.e - r.s, &ws) < 0)
        return 0;
    int yes = 0;
    for (size_t i = 0; i < ws.n && !yes; i++)
        yes = zp_words_in(ws.w[i].term, verbs) ||
              (i + 2 < ws.n && strcmp(ws.w[i].term, "bere") == 0 && strcmp(ws.w[i + 1].term, "na") == 0 &&
               strcmp(ws.w[i + 2].term, "vedomi") == 0);
    zp_words_free(&ws);
    return yes;
}

/* A decision shown longer than MAX_DECISION_CHARS is cut at a word. */
static void cap_text(zp_buf *b)
{
    if (zp_fold_count_chars(zp_buf_str(b), b->len) <= MAX_DECISION_CHARS)
        return;
    size_t chars = 0, i = 0, cut = 0;
    for (; i < b->len && chars < MAX_DECISION_CHARS; i++) {
        chars += ((unsigned char)b->data[i] & 0xC0) != 0x80;
        if (b->data[i] == ' ')
            cut = i;
    }
    b->len = cut ? cut : i;
    b->data[b->len] = '\0';
    zp_buf_adds(b, " \xE2\x80\xA6");
}

/* What the walk over the lines knows: the resolution's number, the verb
 * of the section the items are under. */
typedef struct {
    zp_buf number;
    char verb[32];
    int in_section;     /* items under a verb line */
    size_t section_first;   /* first decision of the current vote block */
    int pending_vote;       /* the last line was a vote: the block closes at the next decision */
} walk_state;

static int add(zp_meta *m, const char *t, range r, int task, walk_state *ws)
{
    if (m->decisions.n >= MAX_DECISIONS || r.e <= r.s)
        return 0;
    zp_decision *v = realloc(m->decisions.v, (m->decisions.n + 1) * sizeof *v);
    if (!v)
        return -1;
    m->decisions.v = v;
    zp_decision *d = &v[m->decisions.n];
    memset(d, 0, sizeof *d);
    zp_buf b = ZP_BUF_INIT;
    zp_words_squeeze(t, r.s, r.e, &b);
    cap_text(&b);
    d->text = zp_buf_steal(&b);
    if (!d->text)
        return -1;
    d->task = task;
    d->owner = task ? owner_of(t, r) : NULL;
    d->deadline = deadline_of(t, r, task);
    d->votes = (zp_votes){ -1, -1, -1 };
    d->passed = -1;
    if (ws && ws->pending_vote) {
        ws->section_first = m->decisions.n;
        ws->pending_vote = 0;
    }
    if (ws) {
        if (ws->number.len && !(d->number = strdup(zp_buf_str(&ws->number))))
            return -1;
        if (ws->in_section)
            snprintf(d->verb, sizeof d->verb, "%s", ws->verb);
        else
            zp_meta_resolution_verb(t + r.s, r.e - r.s, d->verb, sizeof d->verb);
    }
    m->decisions.n++;
    return 0;
}

/* A proposal put to the vote: "Návrh usnesení: ...", "Procedurální
 * hlasování o ponechání bodu ..." (a line "Návrh" alone only announces
 * one). */
static int proposal(const char *t, range r)
{
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(t + r.s, r.e - r.s, &f);
    const char *p = zp_buf_str(&f);
    /* "Návrh na uzavření smlouvy" alone is an agenda item's title */
    int yes = strncmp(p, "navrh usneseni", 14) == 0 || strncmp(p, "navrh:", 6) == 0 || strstr(p, "hlasovani o ") != NULL;
    zp_buf_free(&f);
    return yes;
}

/* Appends a line to the last decision (an item running over lines). */
static int extend_last(zp_meta *m, const char *t, range r)
{
    zp_decision *d = &m->decisions.v[m->decisions.n - 1];
    if (zp_fold_count_chars(d->text, strlen(d->text)) >= MAX_DECISION_CHARS)
        return 0;
    zp_buf b = ZP_BUF_INIT;
    zp_buf_adds(&b, d->text);
    zp_buf_addc(&b, ' ');
    zp_words_squeeze(t, r.s, r.e, &b);
    cap_text(&b);
    if (b.oom) {
        zp_buf_free(&b);
        return -1;
    }
    free(d->text);
    d->text = zp_buf_steal(&b);
    return 0;
}

/* A line that ends in a resolution verb: "Zastupitelstvo obce Krhanice
 * schvaluje", "II.\tsouhlasí", "bere na vědomí:".  Its verb into w. */
static int verb_line(const char *t, range r, walk_state *w)
{
    char verb[32];
    size_t end = zp_meta_resolution_verb(t + r.s, r.e - r.s, verb, sizeof verb);
    if (!end)
        return 0;
    size_t rest = r.s + end;
    while (rest < r.e && strchr(" \t:,.*", t[rest]))
        rest++;
    if (rest < r.e)
        return 0;
    /* before the verb: a numbering or a body's name, no sentence */
    if (end > 80)
        return 0;
    snprintf(w->verb, sizeof w->verb, "%s", verb);
    return 1;
}

static int numbered(const char *t, range r)
{
    while (r.s < r.e && strchr(" \t-*", t[r.s]))
        r.s++;
    size_t i = r.s;
    while (i < r.e && t[i] >= '0' && t[i] <= '9')
        i++;
    if (i == r.s && i + 1 < r.e && t[i] >= 'a' && t[i] <= 'z' && t[i + 1] == ')')
        return 1;
    return i > r.s && i < r.e && (t[i] == '.' || t[i] == ')');
}

/* The vote of a line goes to the decisions since the last vote. */
static void record_vote(zp_meta *m, const char *t, size_t ls, size_t le, walk_state *w, int *was_vote)
{
    zp_votes v = { -1, -1, -1 };
    int outcome = -1;
    int given = zp_meta_votes(t + ls, le - ls, &v, &outcome);
    /* a line of counts, or one that only says how the vote went */
    *was_vote = given > 0 || (outcome >= 0 && le - ls < OUTCOME_LINE_BYTES);
    if (!m->decisions.n || (given == 0 && outcome < 0))
        return;
    /* the decisions proposed since the last vote were voted on together */
    size_t first = w->section_first < m->decisions.n ? w->section_first : m->decisions.n - 1;
    for (size_t k = first; k < m->decisions.n; k++) {
        zp_decision *d = &m->decisions.v[k];
        if (d->task)
            continue;
        if (given) {
            if (v.yes >= 0)
                d->votes.yes = v.yes;
            if (v.no >= 0)
                d->votes.no = v.no;
            if (v.abstain >= 0)
                d->votes.abstain = v.abstain;
            /* without the minutes saying, a majority of those voting */
            if (d->votes.yes >= 0 && outcome < 0)
                d->passed = d->votes.yes > (d->votes.no > 0 ? d->votes.no : 0) +
                                               (d->votes.abstain > 0 ? d->votes.abstain : 0);
        }
        if (outcome >= 0)
            d->passed = outcome;
    }
    /* a table of counts spans lines: the next line may add to this vote */
    if (!given)
        w->section_first = m->decisions.n;
    else
        w->pending_vote = 1;
}

/* Sentences of a line: split at ". " before an upper-case letter, unless
 * the dot ends an abbreviation or a number ("č. 4", "Mgr. Novák", "1. bod"). */
static size_t sentence_end(const char *t, size_t s, size_t e)
{
    for (size_t i = s + 1; i + 2 < e; i++) {
        if (!strchr(".!?", t[i]) || t[i + 1] != ' ')
            continue;
        utf8proc_int32_t cp = 0;
        utf8proc_iterate((const utf8proc_uint8_t *)t + i + 2, (utf8proc_ssize_t)(e - i - 2), &cp);
        if (utf8proc_category(cp) != UTF8PROC_CATEGORY_LU)
            continue;
        size_t w = i;
        while (w > s && t[w - 1] != ' ')
            w--;
        zp_buf f = ZP_BUF_INIT;
        zp_fold_word(t + w, i - w, &f);
        int title = zp_words_in(zp_buf_str(&f), long_titles);
        zp_buf_free(&f);
        if (i - w > 3 && !title && !(t[i - 1] >= '0' && t[i - 1] <= '9'))
            return i + 1;
    }
    return e;
}

int zp_meta_decisions(const char *text, size_t len, zp_meta *m)
{
    int in_tasks = 0, blank_before = 1, rc = 0, last_item = 0;
    size_t ls = 0, line = 0, first_new = m->decisions.n;
    walk_state w = { ZP_BUF_INIT, "", 0, first_new, 0 };
    while (ls < len && rc == 0 && !zp_budget_spent()) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        int bold = 0;
        range r = strip(text, ls, le, &bold);
        size_t this_ls = ls;
        ls = le + 1;
        if (r.e <= r.s) {
            blank_before = 1;
            last_item = 0;
            continue;
        }
        line++;
        int blank = blank_before;
        blank_before = 0;
        int item_before = last_item;
        last_item = 0;
        /* the resolution's number: from here on, its decisions carry it */
        zp_buf num = ZP_BUF_INIT;
        if (zp_meta_resolution_number(text + this_ls, le - this_ls, line <= HEADER_LINES, &num)) {
            zp_buf_reset(&w.number);
            zp_buf_add(&w.number, zp_buf_str(&num), num.len);
        }
        zp_buf_free(&num);
        int was_vote = 0;
        record_vote(m, text, this_ls, le, &w, &was_vote);
        if (was_vote) {
            w.in_section = 0;
            continue;
        }
        if (is_tasks_heading(text, r)) {
            in_tasks = 1;
            w.in_section = 0;
            continue;
        }
        if (in_tasks && first_word_is(text, r, section_end))
            in_tasks = 0;
        if (!in_tasks && verb_line(text, r, &w)) {
            w.in_section = 1;
            continue;
        }
        if (w.in_section && first_word_is(text, r, section_end))
            w.in_section = 0;
        if (w.in_section && !in_tasks) {
            /* an item: a numbered line, or a paragraph under the verb; a
             * line straight after an item goes on with it */
            range raw = { this_ls, le };
            if (!numbered(text, raw) && !blank && item_before && !bold) {
                last_item = 1;
                rc = extend_last(m, text, r);
                continue;
            }
            rc = add(m, text, r, 0, &w);
            last_item = 1;
            continue;
        }
        if (in_tasks || bold || proposal(text, r)) {
            rc = add(m, text, r, in_tasks, &w);
            continue;
        }
        for (size_t s = r.s; s < r.e && rc == 0;) {
            size_t e = sentence_end(text, s, r.e);
            range sr = { s, e };
            if (has_verb(text, sr))
                rc = add(m, text, sr, 0, &w);
            s = e;
            while (s < r.e && text[s] == ' ')
                s++;
        }
    }
    zp_buf_free(&w.number);
    return rc == 0 && zp_budget_spent() ? -1 : rc;
}
