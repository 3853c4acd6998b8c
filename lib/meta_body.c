/* The body that met: a working group, a commission, a council, an
 * assembly.  Found in the header by its head noun ("pracovní skupiny",
 * "Zastupitelstva obce", "Komise", "PS"), given in the nominative, with
 * the group's own name as written up to the end of the line or the words
 * that end it ("konaného dne"). */
#include <string.h>

#include "meta.h"
#include "meta_internal.h"
#include "meta_words.h"

#define BODY_HEADER_BYTES 1500
#define MAX_NAME_WORDS 16

static const char *const skupina[] = { "skupina", "skupiny", "skupine", "skupinou", "skupin", "skupinam", NULL };
static const char *const pracovni[] = { "pracovni", "pracovnich", NULL };
static const char *const ridici[] = { "ridici", "ridicich", NULL };
static const char *const zastupitelstvo[] = { "zastupitelstvo", "zastupitelstva", "zastupitelstvu", "zastupitelstvem", NULL };
static const char *const rada[] = { "rada", "rady", "rade", "radou", NULL };
static const char *const komise[] = { "komise", "komisi", NULL };
/* Words that end a group's name: "... konaného dne", "... ze dne". */
static const char *const name_end[] = { "konane", "konaneho", "konana", "konanem", "ze", "dne", "datum",
                                        "ktera", "ktere", "ktery", "konalo", "konala", NULL };

typedef struct {
    const char *head;       /* nominative head */
    int named;              /* followed by the group's own name */
} body_kind;

/* Whose council: "obce", "města", ... -> "Zastupitelstvo obce". */
static const char *council_of(const char *term)
{
    static const char *const of[][2] = { { "obce", "obce" },   { "mesta", "města" },
                                         { "mestyse", "městyse" }, { "kraje", "kraje" },
                                         { "mestske", "městské části" }, { "mc", "městské části" } };
    for (size_t i = 0; i < sizeof of / sizeof of[0]; i++)
        if (strcmp(term, of[i][0]) == 0)
            return of[i][1];
    return NULL;
}

static int gap_ok(const char *text, const zp_word *a, const zp_word *b)
{
    for (size_t i = a->end; i < b->start; i++)
        if (!strchr(" \t", text[i]))
            return 0;
    return 1;
}

/* The group's name from word i: to the end of the line or a name_end word. */
static size_t name_words(const char *text, const zp_words *ws, size_t i)
{
    size_t n = 0;
    while (i + n < ws->n && n < MAX_NAME_WORDS) {
        const zp_word *w = &ws->w[i + n];
        if (zp_words_in(w->term, name_end))
            break;
        if (n > 0 && !gap_ok(text, &ws->w[i + n - 1], w))
            break;
        n++;
    }
    return n;
}

/* "pracovní skupiny – tematické setkání / DĚTI A RODINA": the name is the
 * next line when this one only says what kind of meeting it was. */
static size_t name_on_next_line(const char *text, const zp_words *ws, size_t i, size_t *first)
{
    size_t k = i;
    while (k < ws->n && !zp_words_line_start(text, ws, k))
        k++;
    if (k >= ws->n)
        return 0;
    size_t n = name_words(text, ws, k);
    if (!n || !zp_words_all_caps(text + ws->w[k].start, ws->w[k + n - 1].end - ws->w[k].start))
        return 0;
    *first = k;
    return n;
}

static int add_name(const char *text, const zp_words *ws, size_t first, size_t n, zp_buf *out)
{
    size_t s = ws->w[first].start, e = ws->w[first + n - 1].end;
    zp_buf_addc(out, ' ');
    if (zp_words_all_caps(text + s, e - s))
        return zp_words_recase(text + s, e - s, 1, out);
    return zp_buf_add(out, text + s, e - s);
}

static int named_group(const char *text, const zp_words *ws, size_t name, const char *head, zp_buf *out)
{
    size_t first = name, n = name < ws->n && gap_ok(text, &ws->w[name - 1], &ws->w[name])
                                 ? name_words(text, ws, name)
                                 : 0;
    if (n == 0 || (n >= 2 && strcmp(ws->w[name].term, "tematicke") == 0)) {
        size_t n2 = name_on_next_line(text, ws, name, &first);
        if (n2)
            n = n2;
        else
            first = name;
    }
    zp_buf_adds(out, head);
    if (n)
        add_name(text, ws, first, n, out);
    return out->oom ? -1 : 1;
}

/* Where the agenda starts: a line beginning "1." -- past it, a council or a
 * group mentioned is a subject of the meeting, not the body that met. */
static size_t agenda_start(const char *text)
{
    for (const char *p = text; *p && p - text < BODY_HEADER_BYTES; p++) {
        if (p != text && p[-1] != '\n')
            continue;
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        if (q[0] == '1' && q[1] == '.' && (q[2] == ' ' || q[2] == '\t'))
            return (size_t)(p - text);
    }
    return BODY_HEADER_BYTES;
}

int zp_meta_body_in(const char *text, const zp_words *ws, zp_buf *out)
{
    size_t limit = zp_words_at(ws, agenda_start(text));
    for (size_t i = 0; i < limit; i++) {
        const zp_word *w = &ws->w[i];
        const zp_word *next = i + 1 < ws->n ? &ws->w[i + 1] : NULL;
        if (next && zp_words_in(w->term, pracovni) && zp_words_in(next->term, skupina))
            return named_group(text, ws, i + 2, "Pracovní skupina", out);
        if (next && zp_words_in(w->term, ridici) && zp_words_in(next->term, skupina))
            return named_group(text, ws, i + 2, "Řídící skupina", out);
        if (next && strcmp(w->term, "ps") == 0 && w->caps && next->upper && gap_ok(text, w, next))
            return named_group(text, ws, i + 1, "Pracovní skupina", out);
        if (next && zp_words_in(w->term, komise))
            return named_group(text, ws, i + 1, "Komise", out);
        if (next && (zp_words_in(w->term, zastupitelstvo) || zp_words_in(w->term, rada)) && council_of(next->term)) {
            zp_buf_adds(out, zp_words_in(w->term, rada) ? "Rada " : "Zastupitelstvo ");
            zp_buf_adds(out, council_of(next->term));
            return out->oom ? -1 : 1;
        }
    }
    return 0;
}

int zp_meta_body(const char *text, size_t len, zp_buf *display)
{
    zp_words ws;
    if (zp_words_collect(text, len, &ws) < 0)
        return -1;
    int rc = zp_meta_body_in(text, &ws, display);
    zp_words_free(&ws);
    return rc;
}
