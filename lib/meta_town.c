/* Town (municipality) of minutes.  Minutes name their town in the header
 * in a handful of ways -- "Zastupitelstva obce Petřvald", "Magistrát města
 * Ostravy", "MěÚ Jeseník", "městské části Praha 17", an address with its
 * postcode "Prostějov 796 01" -- mostly in an inflected case.  The shown
 * form is the nominative, chosen among the forms of the same word that the
 * text uses ("Prostějova", "Prostějově", "Prostějov" -> "Prostějov"). */
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "dict_cs.h"
#include "meta.h"
#include "meta_internal.h"
#include "meta_words.h"

/* Where minutes name their town. */
#define TOWN_HEADER_BYTES 2500
/* The signature ("V Prostějově dne ...") is in the last bytes. */
#define SIGNATURE_BYTES 600
/* Longest town name in words ("Nové Město na Moravě" is four). */
#define MAX_NAME_WORDS 4

static int is_term(const zp_word *w, const char *const *list)
{
    return zp_words_in(w->term, list);
}

/* Words that end a name in a heading in capitals: "OBCE ZAŠOVÁ KONANÉHO DNE". */
static const char *const name_end[] = { "konane", "konaneho", "konana", "ze", "dne", "cislo", "c", NULL };

/* Upper-case words from i on, on one line with only spaces between; a
 * short number may end the name ("Praha 17").  Returns the count. */
static size_t name_at(const char *text, const zp_words *ws, size_t i)
{
    size_t n = 0;
    while (i + n < ws->n && n < MAX_NAME_WORDS) {
        const zp_word *w = &ws->w[i + n];
        if (n > 0 && !zp_words_adjacent(text, &ws->w[i + n - 1], w))
            break;
        if (w->upper && !w->digits && !is_term(w, name_end)) {
            n++;
            continue;
        }
        /* connectors inside names: "Nové Město na Moravě", "Ústí nad Labem" */
        if (n > 0 && (strcmp(w->term, "na") == 0 || strcmp(w->term, "nad") == 0 ||
                      strcmp(w->term, "pod") == 0) &&
            i + n + 1 < ws->n && ws->w[i + n + 1].upper) {
            n++;
            continue;
        }
        if (n > 0 && w->digits && strlen(w->term) <= 2)
            n++;
        break;
    }
    return n;
}

typedef struct {
    size_t first, count;
} span;

static const char *const obec[] = { "obce", "obec", "obci", NULL };
static const char *const mesto[] = { "mesta", "mesto", "meste", "mestem", NULL };
static const char *const mestys[] = { "mestyse", "mestys", "mestysi", NULL };
static const char *const urad_adj[] = { "mestsky", "mestskeho", "obecni", "obecniho", NULL };
static const char *const urad_abbr[] = { "meu", "ou", "mmu", NULL };
static const char *const cast_adj[] = { "mestska", "mestske", "mestskou", NULL };
static const char *const cast[] = { "cast", "casti", NULL };
static const char *const cast_abbr[] = { "mc", "umc", "zmc", "rmc", NULL };
/* Of those, a district's council or board itself. */
static const char *const cast_councils[] = { "zmc", "rmc", NULL };
/* The bodies of a town: "zastupitelstva obce X", "rady MČ X". */
static const char *const councils[] = { "zastupitelstvo", "zastupitelstva", "zastupitelstvu", "zastupitelstvem",
                                        "rada", "rady", "rade", "radou", "starosta", "starostka", "urad",
                                        "uradu", "uredni", "magistrat", "magistratu", "magistratem", NULL };
/* Short words that look like names and are not: currency, the collection
 * of laws, thousands. */
static const char *const not_names[] = { "kc", "sb", "tis", "mil", "mld", "odst", "cz", "eur", NULL };

/* How much each way of naming a town counts (see find_town). */
enum { VOTE_MENTION = 1, VOTE_ADDRESS = 2, VOTE_SIGNATURE = 1, VOTE_OFFICE = 3, VOTE_COUNCIL = 4,
       VOTE_HEADING = 6, VOTE_OWN_HEADING = 2 * VOTE_HEADING, VOTE_NEEDED = 2 };
/* Content lines at the top that make a heading; a letterhead's address
 * is in the first LETTERHEAD_LINES (further down, an address is a
 * person's or a property's, not the town's). */
#define HEADING_LINES 4
#define LETTERHEAD_LINES 8
#define ADDRESS_LINE_BYTES 100
/* Candidates looked at, at most. */
#define MAX_CANDIDATES 64

/* Each pattern: the word(s) that announce a town name; returns the index
 * of the name's first word (0 when it does not apply at i) and what kind
 * of municipality it says the town is ("obce", "města", "městské části"). */
static size_t after_obec(const zp_words *ws, size_t i, const char **kind)
{
    *kind = "obce";
    return is_term(&ws->w[i], obec) ? i + 1 : 0;
}

static size_t after_mestys(const zp_words *ws, size_t i, const char **kind)
{
    *kind = "městyse";
    return is_term(&ws->w[i], mestys) ? i + 1 : 0;
}

static size_t after_urad(const zp_words *ws, size_t i, const char **kind)
{
    *kind = NULL;
    if (is_term(&ws->w[i], urad_abbr) && ws->w[i].upper)
        return i + 1;
    if (i + 1 < ws->n && is_term(&ws->w[i], urad_adj) && strncmp(ws->w[i + 1].term, "urad", 4) == 0)
        return i + 2;
    return 0;
}

static size_t after_cast(const zp_words *ws, size_t i, const char **kind)
{
    *kind = "městské části";
    /* "MČ Praha 7", its office "ÚMČ Praha 7", its council and board
     * "ZMČ P7", "RMČ Praha 7" */
    if (is_term(&ws->w[i], cast_abbr) && ws->w[i].caps)
        return i + 1;
    if (i + 1 < ws->n && is_term(&ws->w[i], cast_adj) && is_term(&ws->w[i + 1], cast))
        return i + 2;
    return 0;
}

static size_t after_mesto(const zp_words *ws, size_t i, const char **kind)
{
    *kind = "města";
    return is_term(&ws->w[i], mesto) ? i + 1 : 0;
}

typedef size_t (*pattern_fn)(const zp_words *ws, size_t i, const char **kind);

static const pattern_fn patterns[] = { after_obec, after_mestys, after_urad, after_cast, after_mesto };

static int digits_of(const zp_word *w, size_t n)
{
    return w->digits && strlen(w->term) == n;
}

/* "Prostějov 796 01": a name right before a postcode, at i. */
static int postcode_name(const char *text, const zp_words *ws, size_t i, span *out)
{
    if (i < 2 || !digits_of(&ws->w[i - 1], 3) || !digits_of(&ws->w[i], 2) ||
        !zp_words_adjacent(text, &ws->w[i - 1], &ws->w[i]))
        return 0;
    size_t j = i - 1, n = 0;
    while (j > 0 && n < MAX_NAME_WORDS && ws->w[j - 1].upper && !ws->w[j - 1].digits &&
           zp_words_adjacent(text, &ws->w[j - 1], &ws->w[j])) {
        j--;
        n++;
    }
    if (!n)
        return 0;
    *out = (span){ j, n };
    return 1;
}

/* "Karla Čapka 1147, Jeseník" ending a line, at i. */
static int address_name(const char *text, const zp_words *ws, size_t i, span *out)
{
    if (i < 1)
        return 0;
    const zp_word *num = &ws->w[i - 1], *w = &ws->w[i];
    if (!num->digits || !w->upper || w->digits)
        return 0;
    size_t g = num->end;
    while (g < w->start && text[g] == ' ')
        g++;
    if (g >= w->start || text[g] != ',')
        return 0;
    for (g++; g < w->start; g++)
        if (text[g] != ' ')
            return 0;
    size_t n = name_at(text, ws, i);
    if (!n)
        return 0;
    size_t e = ws->w[i + n - 1].end, ls = num->start;
    if (text[e] != '\0' && text[e] != '\n' && text[e] != '\r')
        return 0;
    /* a letterhead's line is short; a long one is a sentence naming a
     * person's or a property's address */
    while (ls > 0 && text[ls - 1] != '\n')
        ls--;
    if (e - ls > ADDRESS_LINE_BYTES)
        return 0;
    *out = (span){ i, n };
    return 1;
}

/* "V Prostějově dne 11. 1. 2019": the signature's place. */
static int signature_name(const char *text, const zp_words *ws, size_t i, span *out)
{
    const zp_word *w = &ws->w[i];
    if (!(strcmp(w->term, "v") == 0 || strcmp(w->term, "ve") == 0) || !w->upper ||
        !zp_words_line_start(text, ws, i) || i + 1 >= ws->n)
        return 0;
    size_t n = name_at(text, ws, i + 1);
    if (!n || i + 1 + n >= ws->n || strcmp(ws->w[i + 1 + n].term, "dne") != 0)
        return 0;
    *out = (span){ i + 1, n };
    return 1;
}

/* A span that is no name: a one-letter word ("V"), a word with digits
 * ("P7"), an abbreviation in capitals ("ČR"), currency and the like. */
static int not_a_name(const zp_words *ws, span sp)
{
    const zp_word *w = &ws->w[sp.first];
    size_t n = strlen(w->term);
    if (n < 2 || is_term(w, not_names) || (w->caps && n <= 3))
        return 1;
    for (size_t k = 0; k < n; k++)
        if (w->term[k] >= '0' && w->term[k] <= '9')
            return 1;
    return 0;
}

typedef struct {
    span sp;
    const char *kind;
    int votes;
    int mentions;   /* votes of mere mentions, at most MENTIONS_MAX */
    int headings;   /* times named in the heading */
    zp_buf display, canon;
} candidate;

/* Mentions in sentences count at most as one heading does: a deed of
 * "obec Praha" named twelve times is no record of the city. */
#define MENTIONS_MAX (VOTE_HEADING - 1)

static void add_votes(candidate *c, int votes, int mention, const char *kind)
{
    /* a heading that names a place twice ("vyhláška hlavního města Praha
     * …, Statut hlavního města Prahy") is one heading's weight and a
     * mention */
    if (!mention && votes >= VOTE_HEADING && c->headings++) {
        votes = VOTE_MENTION;
        mention = 1;
    }
    if (mention) {
        if (c->mentions >= MENTIONS_MAX)
            return;
        c->mentions += votes;
    }
    c->votes += votes;
    if (!c->kind)
        c->kind = kind;
}

/* The same words as written: a name repeated in a header ("MČ Praha 7")
 * is voted for again without working out its shown form again. */
static int same_words(const char *text, const zp_words *ws, span a, span b)
{
    if (a.count != b.count)
        return 0;
    for (size_t k = 0; k < a.count; k++) {
        const zp_word *x = &ws->w[a.first + k], *y = &ws->w[b.first + k];
        if (x->end - x->start != y->end - y->start || memcmp(text + x->start, text + y->start, x->end - x->start) != 0)
            return 0;
    }
    return 1;
}

static int show_name(const char *text, const zp_words *ws, span sp, zp_buf *display);

/* Adds votes for the name at sp (a mere mention's when mention); the same
 * name in other case forms is one candidate. */
static void vote(const char *text, const zp_words *ws, candidate *c, size_t *nc, span sp, const char *kind,
                 int votes, int mention, const char *shown)
{
    if (!shown && not_a_name(ws, sp))
        return;
    for (size_t i = 0; i < *nc; i++) {
        if (same_words(text, ws, c[i].sp, sp)) {
            add_votes(&c[i], votes, mention, kind);
            return;
        }
    }
    zp_buf d = ZP_BUF_INIT, k = ZP_BUF_INIT;
    if (shown)
        zp_buf_adds(&d, shown);
    else
        show_name(text, ws, sp, &d);
    zp_meta_canonical(zp_buf_str(&d), d.len, &k);
    for (size_t i = 0; i < *nc; i++) {
        if (strcmp(zp_buf_str(&c[i].canon), zp_buf_str(&k)) == 0) {
            add_votes(&c[i], votes, mention, kind);
            zp_buf_free(&d);
            zp_buf_free(&k);
            return;
        }
    }
    if (*nc == MAX_CANDIDATES) {
        zp_buf_free(&d);
        zp_buf_free(&k);
        return;
    }
    c[*nc] = (candidate){ sp, NULL, 0, 0, 0, d, k };
    add_votes(&c[(*nc)++], votes, mention, kind);
}

/* Prague's districts are the only ones numbered, and are written short
 * after "MČ": "MČ P7", "ÚMČ P 7", "MČ P-7".  The words the short name takes
 * at i (0 when it is none) with its shown form ("Praha 7") in out. */
#define PRAGUE_DISTRICTS 22
static size_t prague_district(const char *text, const zp_words *ws, size_t i, char out[16])
{
    const zp_word *w = &ws->w[i];
    if (!w->upper || w->term[0] != 'p')
        return 0;
    const char *num = w->term + 1;
    size_t words = 1;
    if (!*num && i + 1 < ws->n && ws->w[i + 1].digits &&
        (zp_words_adjacent(text, w, &ws->w[i + 1]) || (ws->w[i + 1].start == w->end + 1 && text[w->end] == '-'))) {
        num = ws->w[i + 1].term;
        words = 2;
    }
    size_t len = strlen(num);
    if (len < 1 || len > 2 || strspn(num, "0123456789") != len || num[0] == '0')
        return 0;
    int d = len == 2 ? (num[0] - '0') * 10 + num[1] - '0' : num[0] - '0';
    if (d > PRAGUE_DISTRICTS)
        return 0;
    snprintf(out, 16, "Praha %d", d);
    return words;
}

/* The town is the name the header gives most weight: a name in the
 * heading lines counts most, then one in a council's title ("zastupitelstva
 * obce X", "rady MČ X"), an office ("OÚ X"), an address or the signature;
 * a name merely mentioned ("obec Praha" in a sentence) counts least, and
 * a name with less than `needed` weight is no town of the minutes. */
static int find_town(const char *text, const zp_words *ws, int needed, span *out, const char **kind,
                     zp_buf *display)
{
    size_t limit = zp_words_at(ws, TOWN_HEADER_BYTES);
    candidate c[MAX_CANDIDATES];
    size_t nc = 0;
    zp_line_counter lc = { 0, 0, 0, 0 };
    for (size_t i = 0; i < limit; i++) {
        size_t line = zp_words_content_lines_to(text, &lc, ws->w[i].start);
        /* a table row is data, never the heading */
        int table = text[lc.line_start] == '|';
        int heading = line < HEADING_LINES && !table;
        for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
            const char *k;
            size_t s = patterns[p](ws, i, &k);
            if (!s || s >= ws->n || !zp_words_adjacent(text, &ws->w[s - 1], &ws->w[s]))
                continue;
            size_t n = name_at(text, ws, s);
            char district[16];
            const char *shown = NULL;
            size_t short_name = patterns[p] == after_cast ? prague_district(text, ws, s, district) : 0;
            if (short_name) {
                n = short_name;
                shown = district;
            }
            if (!n)
                continue;
            int v = patterns[p] == after_urad ? VOTE_OFFICE
                    : ((i > 0 && is_term(&ws->w[i - 1], councils)) || is_term(&ws->w[i], cast_councils)) ? VOTE_COUNCIL
                                                                                                  : VOTE_MENTION;
            /* a heading naming the council ("Usnesení rady MČ Praha 7") is
             * the record's own: it outweighs another name in the heading
             * and all that name's mentions */
            int votes = heading ? (v == VOTE_COUNCIL ? VOTE_OWN_HEADING : VOTE_HEADING) : table ? VOTE_MENTION : v;
            vote(text, ws, c, &nc, (span){ s, n }, k, votes, !heading && (table || v == VOTE_MENTION), shown);
        }
        span sp;
        if (line < LETTERHEAD_LINES && (postcode_name(text, ws, i, &sp) || address_name(text, ws, i, &sp)))
            vote(text, ws, c, &nc, sp, NULL, VOTE_ADDRESS, 0, NULL);
    }
    size_t len = strlen(text);
    size_t tail = zp_words_at(ws, len > SIGNATURE_BYTES ? len - SIGNATURE_BYTES : 0);
    for (size_t i = tail > limit ? tail : limit; i < ws->n; i++) {
        span sp;
        if (signature_name(text, ws, i, &sp))
            vote(text, ws, c, &nc, sp, NULL, VOTE_SIGNATURE, 0, NULL);
    }
    size_t best = nc;
    for (size_t i = 0; i < nc; i++)
        if (c[i].votes >= needed && (best == nc || c[i].votes > c[best].votes))
            best = i;
    int found = best < nc;
    if (found) {
        *out = c[best].sp;
        *kind = c[best].kind;
        zp_buf_add(display, zp_buf_str(&c[best].display), c[best].display.len);
    }
    for (size_t i = 0; i < nc; i++) {
        zp_buf_free(&c[i].display);
        zp_buf_free(&c[i].canon);
    }
    return found;
}

int zp_meta_nominative(const char *text, const zp_words *ws, const zp_word *w, zp_buf *out)
{
    /* The forms of this word in the text: same stem, written with a capital. */
    zp_buf stem = ZP_BUF_INIT, s2 = ZP_BUF_INIT;
    zp_analyse_stem(w->term, strlen(w->term), &stem);
    const zp_word *best = NULL;
    int best_rank = 99;
    for (size_t i = 0; i < ws->n; i++) {
        const zp_word *f = &ws->w[i];
        if (!f->upper || f->digits)
            continue;
        zp_buf_reset(&s2);
        zp_analyse_stem(f->term, strlen(f->term), &s2);
        if (strcmp(zp_buf_str(&s2), zp_buf_str(&stem)) != 0)
            continue;
        size_t tl = strlen(f->term);
        char last = f->term[tl - 1];
        int rank = !strchr("aeiouy", last) ? 0 : last == 'o' ? 1 : last == 'a' ? 2 :
                   (last == 'y' && tl > 2 && !strchr("aeiouy", f->term[tl - 2])) ? 3 : 9;
        rank += f->caps ? 10 : 0;   /* prefer forms not in capitals */
        if (rank < best_rank) {
            best_rank = rank;
            best = f;
        }
    }
    zp_buf_free(&stem);
    zp_buf_free(&s2);
    if (best && best_rank % 10 == 3) {
        /* only a genitive like "Ostravy": the nominative ends in -a */
        if (best->caps)
            zp_words_recase(text + best->start, best->end - best->start - 1, 0, out);
        else
            zp_buf_add(out, text + best->start, best->end - best->start - 1);
        return zp_buf_addc(out, 'a') < 0 ? -1 : 0;
    }
    if (best && best_rank < 10)
        w = best;
    if (w->caps)
        return zp_words_recase(text + w->start, w->end - w->start, 0, out);
    return zp_buf_add(out, text + w->start, w->end - w->start);
}

typedef struct {
    const char *text;
    const zp_words *ws;
    const zp_word *w;
    zp_buf first, in_text, itself;
} lemma_pick;

static int pick_lemma(const char *lemma, void *ud)
{
    lemma_pick *p = ud;
    size_t n = strlen(lemma);
    if (!p->first.len)
        zp_buf_add(&p->first, lemma, n);
    if (n == p->w->end - p->w->start && memcmp(lemma, p->text + p->w->start, n) == 0) {
        if (!p->itself.len)
            zp_buf_add(&p->itself, lemma, n);
        return 0;   /* the form itself is no evidence for itself */
    }
    for (size_t i = 0; i < p->ws->n && !p->in_text.len; i++) {
        const zp_word *x = &p->ws->w[i];
        if (x->end - x->start == n && memcmp(p->text + x->start, lemma, n) == 0)
            zp_buf_add(&p->in_text, lemma, n);
    }
    return 0;
}

/* The nominative of a name's word from the dictionary.  A form may be of
 * several names ("Brna": Brna or Brno): the one the text itself also
 * writes wins, then the word as written when it is a name of its own,
 * then the dictionary's first.  1 with the lemma in out, 0 when none. */
static int name_lemma(const char *text, const zp_words *ws, const zp_word *w, zp_buf *out)
{
    lemma_pick p = { text, ws, w, ZP_BUF_INIT, ZP_BUF_INIT, ZP_BUF_INIT };
    zp_dict_each_lemma(text + w->start, w->end - w->start, 1, pick_lemma, &p);
    const zp_buf *best = p.in_text.len ? &p.in_text : p.itself.len ? &p.itself : &p.first;
    int found = best->len > 0;
    zp_buf_add(out, zp_buf_str(best), best->len);
    zp_buf_free(&p.first);
    zp_buf_free(&p.in_text);
    zp_buf_free(&p.itself);
    return found;
}

/* The shown form of a name: each word before a connector ("Teplice nad
 * Metují", "Nové Město na Moravě") in the nominative the dictionary gives
 * ("Krhanicích" -> "Krhanice", "Praze" -> "Praha"), else the text's most
 * nominative-looking form of the word; connectors and what follows them
 * as written; numbers kept ("Praha 7"). */
static int show_name(const char *text, const zp_words *ws, span sp, zp_buf *display)
{
    /* the head noun: the last word before a connector or a number; the
     * words before it are adjectives agreeing with it ("Velké Březno") */
    size_t last = sp.first;
    for (size_t k = sp.first; k < sp.first + sp.count && ws->w[k].upper && !ws->w[k].digits; k++)
        last = k;
    int after_connector = 0;
    for (size_t k = sp.first; k < sp.first + sp.count; k++) {
        const zp_word *w = &ws->w[k];
        if (k > sp.first)
            zp_buf_addc(display, ' ');
        if (!w->upper)
            after_connector = 1;
        size_t mark = display->len;
        int done = 0;
        if (k == last && !after_connector) {
            zp_buf lemma = ZP_BUF_INIT;
            if (name_lemma(text, ws, w, &lemma) == 1) {
                if (w->caps)
                    zp_words_recase(zp_buf_str(&lemma), lemma.len, 0, display);
                else
                    zp_buf_add(display, zp_buf_str(&lemma), lemma.len);
                done = 1;
            }
            zp_buf_free(&lemma);
        }
        if (done)
            continue;
        display->len = mark;
        if (k == last && !after_connector)
            zp_meta_nominative(text, ws, w, display);
        else if (w->caps && !w->digits)
            zp_words_recase(text + w->start, w->end - w->start, 0, display);
        else
            zp_buf_add(display, text + w->start, w->end - w->start);
    }
    return display->oom ? -1 : 0;
}

int zp_meta_town_kind_in(const char *text, const zp_words *ws, int council, zp_buf *display, const char **kind)
{
    span sp;
    const char *k = NULL;
    if (!find_town(text, ws, council ? VOTE_MENTION : VOTE_NEEDED, &sp, &k, display))
        return 0;
    if (kind)
        *kind = k;
    return display->oom ? -1 : 1;
}

int zp_meta_town_in(const char *text, const zp_words *ws, zp_buf *display)
{
    return zp_meta_town_kind_in(text, ws, 0, display, NULL);
}

int zp_meta_town(const char *text, size_t len, zp_buf *display)
{
    zp_words ws;
    if (zp_words_collect(text, len, &ws) < 0)
        return -1;
    int rc = zp_meta_town_in(text, &ws, display);
    zp_words_free(&ws);
    return rc;
}
