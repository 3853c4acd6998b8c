/* Town (municipality) of minutes.  Minutes name their town in the header
 * in a handful of ways -- "Zastupitelstva obce Petřvald", "Magistrát města
 * Ostravy", "MěÚ Jeseník", "městské části Praha 17", an address with its
 * postcode "Prostějov 796 01" -- mostly in an inflected case.  The shown
 * form is the nominative, chosen among the forms of the same word that the
 * text uses ("Prostějova", "Prostějově", "Prostějov" -> "Prostějov"). */
#include <string.h>

#include "analyse.h"
#include "meta.h"
#include "meta_internal.h"
#include "meta_words.h"

/* Where minutes name their town. */
#define TOWN_HEADER_BYTES 2500
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
static const char *const urad_adj[] = { "mestsky", "mestskeho", "obecni", "obecniho", NULL };
static const char *const urad_abbr[] = { "meu", "ou", "mmu", NULL };
static const char *const cast_adj[] = { "mestska", "mestske", "mestskou", NULL };
static const char *const cast[] = { "cast", "casti", NULL };

/* Each pattern: the word(s) that announce a town name; returns the index
 * of the name's first word or 0 when it does not apply at i. */
static size_t after_obec(const zp_words *ws, size_t i)
{
    return is_term(&ws->w[i], obec) ? i + 1 : 0;
}

static size_t after_urad(const zp_words *ws, size_t i)
{
    if (is_term(&ws->w[i], urad_abbr) && ws->w[i].upper)
        return i + 1;
    if (i + 1 < ws->n && is_term(&ws->w[i], urad_adj) && strncmp(ws->w[i + 1].term, "urad", 4) == 0)
        return i + 2;
    return 0;
}

static size_t after_cast(const zp_words *ws, size_t i)
{
    if (strcmp(ws->w[i].term, "mc") == 0 && ws->w[i].caps)
        return i + 1;
    if (i + 1 < ws->n && is_term(&ws->w[i], cast_adj) && is_term(&ws->w[i + 1], cast))
        return i + 2;
    return 0;
}

static size_t after_mesto(const zp_words *ws, size_t i)
{
    return is_term(&ws->w[i], mesto) ? i + 1 : 0;
}

typedef size_t (*pattern_fn)(const zp_words *ws, size_t i);

/* In order of trust: the first pattern that matches anywhere wins. */
static const pattern_fn patterns[] = { after_obec, after_urad, after_cast, after_mesto };

static int digits_of(const zp_word *w, size_t n)
{
    return w->digits && strlen(w->term) == n;
}

/* "Prostějov 796 01": a name right before a postcode. */
static int postcode_name(const char *text, const zp_words *ws, size_t limit, span *out)
{
    for (size_t i = 2; i < limit; i++) {
        if (!digits_of(&ws->w[i - 1], 3) || !digits_of(&ws->w[i], 2) ||
            !zp_words_adjacent(text, &ws->w[i - 1], &ws->w[i]))
            continue;
        size_t j = i - 1, n = 0;
        while (j > 0 && n < MAX_NAME_WORDS && ws->w[j - 1].upper && !ws->w[j - 1].digits &&
               zp_words_adjacent(text, &ws->w[j - 1], &ws->w[j])) {
            j--;
            n++;
        }
        if (n) {
            *out = (span){ j, n };
            return 1;
        }
    }
    return 0;
}

/* "Karla Čapka 1147, Jeseník" at the end of a line. */
static int address_name(const char *text, const zp_words *ws, size_t limit, span *out)
{
    for (size_t i = 1; i < limit; i++) {
        const zp_word *num = &ws->w[i - 1], *w = &ws->w[i];
        if (!num->digits || !w->upper || w->digits)
            continue;
        size_t g = num->end;
        while (g < w->start && text[g] == ' ')
            g++;
        if (g >= w->start || text[g] != ',')
            continue;
        size_t n = name_at(text, ws, i);
        size_t e = ws->w[i + n - 1].end;
        if (n && (e >= strlen(text) || text[e] == '\n' || text[e] == '\r'))
            if (!(i + n < ws->n) || zp_words_line_start(text, ws, i + n)) {
                *out = (span){ i, n };
                return 1;
            }
    }
    return 0;
}

static int find_town(const char *text, const zp_words *ws, span *out)
{
    size_t limit = zp_words_at(ws, TOWN_HEADER_BYTES);
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        for (size_t i = 0; i < limit; i++) {
            size_t s = patterns[p](ws, i);
            if (!s || s >= ws->n || !zp_words_adjacent(text, &ws->w[s - 1], &ws->w[s]))
                continue;
            size_t n = name_at(text, ws, s);
            if (n) {
                *out = (span){ s, n };
                return 1;
            }
        }
    }
    return postcode_name(text, ws, limit, out) || address_name(text, ws, limit, out);
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

int zp_meta_town_in(const char *text, const zp_words *ws, zp_buf *display)
{
    span sp;
    if (!find_town(text, ws, &sp))
        return 0;
    /* the last word that is not a number takes the nominative */
    size_t last = sp.first + sp.count - 1;
    while (last > sp.first && ws->w[last].digits)
        last--;
    for (size_t k = sp.first; k < sp.first + sp.count; k++) {
        const zp_word *w = &ws->w[k];
        if (k > sp.first)
            zp_buf_addc(display, ' ');
        if (k == last)
            zp_meta_nominative(text, ws, w, display);
        else if (w->caps && !w->digits)
            zp_words_recase(text + w->start, w->end - w->start, 0, display);
        else
            zp_buf_add(display, text + w->start, w->end - w->start);
    }
    return display->oom ? -1 : 1;
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
