/* The body that met: a working group, a commission, a council, an
 * assembly.  Found in the header by its head noun ("pracovní skupiny",
 * "Zastupitelstva obce", "Komise", "PS"), given in the nominative, with
 * the group's own name as written up to the end of the line or the words
 * that end it ("konaného dne"); or by what the record says it is
 * ("orgán: rada", front matter "původce: republikový výbor"); or by the
 * body whose sitting it records ("schůze Poslanecké sněmovny" ->
 * "Poslanecká sněmovna", "schůze Spolku přátel ..." -> "Schůze Spolku
 * přátel ...").  zp_meta_extract then names it with its town. */
#include <string.h>

#include "dict_cs.h"
#include "fold.h"
#include "meta.h"
#include "meta_internal.h"
#include "meta_words.h"

#define BODY_HEADER_BYTES 1500
/* Lines at the top where a label "orgán: rada" is looked for. */
#define LABEL_LINES 8
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

/* The group's name from word i: to the end of the line or a name_end word. */
static size_t name_words(const char *text, const zp_words *ws, size_t i)
{
    size_t n = 0;
    while (i + n < ws->n && n < MAX_NAME_WORDS) {
        const zp_word *w = &ws->w[i + n];
        if (zp_words_in(w->term, name_end))
            break;
        if (n > 0 && !zp_words_adjacent(text, &ws->w[i + n - 1], w))
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
    size_t first = name, n = name < ws->n && zp_words_adjacent(text, &ws->w[name - 1], &ws->w[name])
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

/* Nouns of bodies that sit ("schůze výboru"); and of organisations whose
 * members' meeting is the body ("schůze spolku"). */
static const char *const body_nouns[] = { "snemovna", "senat", "vybor", "rada", "zastupitelstvo", "komise",
                                          "skupina", "predstavenstvo", "kolegium", "shromazdeni", "snem",
                                          "predsednictvo", "sbor", NULL };
static const char *const org_nouns[] = { "spolek", "sdruzeni", "strana", "nadace", "svaz", "klub", "unie",
                                         "spolecnost", "organizace", "druzstvo", NULL };
static const char *const sittings[] = { "schuze", "schuzi", "zasedani", "jednani", "hromady", "hromada", NULL };
/* Words after which a body's name does not go on ("... výboru v Brně"),
 * besides the verbs of resolving ("Republikový výbor schvaluje"). */
static const char *const phrase_end[] = { "v", "ve", "konane", "konaneho", "konana", "dne", "ze", "c", "cislo",
                                          "a", "na", "od", "do", "k", "pro", "se", "po", NULL };

static int ends_phrase(const zp_word *w)
{
    return zp_words_in(w->term, phrase_end) || zp_meta_is_resolution_verb(w->term);
}

/* The folded lemma of a word from the dictionary ("sněmovny" ->
 * "snemovna"); empty when the dictionary does not know it. */
static void folded_lemma(const char *text, const zp_word *w, zp_buf *out)
{
    zp_buf l = ZP_BUF_INIT;
    if (zp_dict_lemma(text + w->start, w->end - w->start, &l) == 1)
        zp_fold_word(zp_buf_str(&l), l.len, out);
    zp_buf_free(&l);
}

/* "Poslanecké sněmovny" -> "Poslanecká sněmovna": the adjectives before
 * a body noun take its gender in the nominative, the noun its lemma; the
 * rest of the name is kept as written (a genitive attribute). */
static int body_phrase(const char *text, const zp_words *ws, size_t i, zp_buf *out)
{
    size_t n = name_words(text, ws, i), head = i + n;
    for (size_t k = i; k < i + n && k < i + 4; k++) {
        zp_buf l = ZP_BUF_INIT;
        folded_lemma(text, &ws->w[k], &l);
        int is_body = zp_words_in(zp_buf_str(&l), body_nouns);
        zp_buf_free(&l);
        if (is_body) {
            head = k;
            break;
        }
    }
    if (head == i + n)
        return 0;
    size_t from = out->len;
    zp_words_noun_phrase(text, ws, i, head, out);
    size_t end = head + 1;
    while (end < i + n && !ends_phrase(&ws->w[end]) && !ws->w[end].digits)
        end++;
    if (end > head + 1) {
        zp_buf_addc(out, ' ');
        zp_buf_add(out, text + ws->w[head + 1].start, ws->w[end - 1].end - ws->w[head + 1].start);
    }
    zp_words_capitalise(out, from);
    return out->oom ? -1 : 1;
}

/* "schůze Spolku přátel severské zvěře": the members' meeting of an
 * organisation is the body; its name stays as written. */
static int org_meeting(const char *text, const zp_words *ws, size_t i, zp_buf *out)
{
    zp_buf l = ZP_BUF_INIT;
    folded_lemma(text, &ws->w[i], &l);
    int org = zp_words_in(zp_buf_str(&l), org_nouns) && ws->w[i].upper;
    zp_buf_free(&l);
    if (!org)
        return 0;
    size_t n = name_words(text, ws, i);
    zp_buf_adds(out, "Schůze ");
    zp_buf_add(out, text + ws->w[i].start, ws->w[i + n - 1].end - ws->w[i].start);
    return out->oom ? -1 : 1;
}

/* The body whose sitting the heading records: "Zahájení schůze
 * Poslanecké sněmovny", "zahajuji 16. schůzi Poslanecké sněmovny",
 * "Zápis ze schůze Spolku ...". */
static int sitting_of(const char *text, const zp_words *ws, size_t limit, zp_buf *out)
{
    for (size_t i = 0; i + 1 < limit; i++) {
        if (!zp_words_in(ws->w[i].term, sittings))
            continue;
        size_t k = i + 1;
        if (ws->w[k].digits && k + 1 < ws->n)
            k++;   /* "schůzi 16." -- an ordinal after is rare, before is usual */
        if (!zp_words_adjacent(text, &ws->w[k - 1], &ws->w[k]))
            continue;
        /* "zasedání republikového výboru": a body noun needs no capital;
         * an organisation's name does */
        int rc = body_phrase(text, ws, k, out);
        if (rc == 0 && ws->w[k].upper)
            rc = org_meeting(text, ws, k, out);
        if (rc)
            return rc;
    }
    return 0;
}

/* "Republikový výbor schvaluje ...", "Zastupitelstvo obce Krhanice
 * schvaluje": the subject of a resolution opening a line. */
static int subject_of_resolution(const char *text, const zp_words *ws, size_t limit, zp_buf *out)
{
    for (size_t i = 0; i < limit; i++) {
        if (!ws->w[i].upper || !zp_words_line_start(text, ws, i))
            continue;
        size_t v = i + 1;
        while (v < ws->n && v < i + 6 && !zp_meta_is_resolution_verb(ws->w[v].term) &&
               zp_words_adjacent(text, &ws->w[v - 1], &ws->w[v]))
            v++;
        if (v >= ws->n || v >= i + 6 || !zp_meta_is_resolution_verb(ws->w[v].term))
            continue;
        size_t mark = out->len;
        int rc = body_phrase(text, ws, i, out);
        if (rc)
            return rc;
        out->len = mark;
    }
    return 0;
}

/* "orgán: rada" as a line of the header or a front-matter field
 * ("původce: republikový výbor"). */
static int labelled_body(const char *text, zp_buf *out)
{
    static const char *const fields[] = { "organ", "puvodce", "body", NULL };
    size_t len = strlen(text);
    const char *v;
    size_t vlen;
    static const char *const label[] = { "organ", NULL };
    /* the front matter's field, or a plain "orgán: ..." line among the first */
    if (!zp_meta_front_field(text, len, fields, &v, &vlen) && !zp_meta_field_in(text, len, LABEL_LINES, label, &v, &vlen))
        return 0;
    size_t from = out->len;
    zp_buf_add(out, v, vlen);
    zp_words_capitalise(out, from);
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(v, vlen, &f);
    int council = strcmp(zp_buf_str(&f), "rada") == 0 || strcmp(zp_buf_str(&f), "zastupitelstvo") == 0;
    zp_buf_free(&f);
    return out->oom ? -1 : council ? ZP_BODY_COUNCIL : 1;
}

/* The first words of two bodies' names are one word, folded. */
static int same_head(const char *a, const char *b)
{
    zp_buf fa = ZP_BUF_INIT, fb = ZP_BUF_INIT;
    zp_fold_word(a, strcspn(a, " "), &fa);
    zp_fold_word(b, strcspn(b, " "), &fb);
    int same = !fa.oom && !fb.oom && strcmp(zp_buf_str(&fa), zp_buf_str(&fb)) == 0;
    zp_buf_free(&fa);
    zp_buf_free(&fb);
    return same;
}

/* A body its header names by its head noun ("pracovní skupiny X",
 * "Komise pro ...", "Zastupitelstva obce"). */
static int header_body(const char *text, const zp_words *ws, size_t limit, zp_buf *out)
{
    for (size_t i = 0; i < limit; i++) {
        const zp_word *w = &ws->w[i];
        const zp_word *next = i + 1 < ws->n ? &ws->w[i + 1] : NULL;
        if (next && zp_words_in(w->term, pracovni) && zp_words_in(next->term, skupina))
            return named_group(text, ws, i + 2, "Pracovní skupina", out);
        if (next && zp_words_in(w->term, ridici) && zp_words_in(next->term, skupina))
            return named_group(text, ws, i + 2, "Řídící skupina", out);
        if (next && strcmp(w->term, "ps") == 0 && w->caps && next->upper && zp_words_adjacent(text, w, next))
            return named_group(text, ws, i + 1, "Pracovní skupina", out);
        /* "Komise" needs its name ("Komise pro sociální oblast"): alone it
         * is a commission spoken of, not the one that met */
        if (next && zp_words_in(w->term, komise) && zp_words_adjacent(text, w, next))
            return named_group(text, ws, i + 1, "Komise", out);
        if (next && (zp_words_in(w->term, zastupitelstvo) || zp_words_in(w->term, rada)) && council_of(next->term)) {
            zp_buf_adds(out, zp_words_in(w->term, rada) ? "Rada " : "Zastupitelstvo ");
            zp_buf_adds(out, council_of(next->term));
            return out->oom ? -1 : ZP_BODY_COUNCIL;
        }
    }
    return 0;
}

int zp_meta_body_in(const char *text, const zp_words *ws, zp_buf *out)
{
    /* a front matter says what the record is before anything else */
    int front = zp_meta_front_matter_end(text, strlen(text)) > 0;
    if (front) {
        int rc = labelled_body(text, out);
        if (rc)
            return rc;
    }
    size_t limit = zp_words_at(ws, agenda_start(text));
    size_t mark = out->len;
    int rc = header_body(text, ws, limit, out);
    if (rc < 0 || (front && rc))
        return rc;
    /* What an "orgán: rada" line says the record is, over a body of
     * another kind its header's sentences name ("Návrh ... usnesením
     * Zastupitelstva MČ Praha 7" above "orgán: rada"); a body of its kind
     * named in full stays ("Komise pro sociální oblast" over "Orgán:
     * Komise"). */
    zp_buf label = ZP_BUF_INIT;
    int lrc = front ? 0 : labelled_body(text, &label);
    if (lrc > 0 && (rc == 0 || !same_head(out->data + mark, zp_buf_str(&label)))) {
        out->len = mark;
        zp_buf_add(out, label.data, label.len);
        rc = out->oom ? -1 : lrc;
    } else if (lrc < 0) {
        rc = -1;
    }
    zp_buf_free(&label);
    if (rc)
        return rc;
    rc = sitting_of(text, ws, limit, out);
    if (rc == 0)
        rc = subject_of_resolution(text, ws, limit, out);
    return rc;
}

int zp_meta_body(const char *text, size_t len, zp_buf *display)
{
    zp_words ws;
    if (zp_words_collect(text, len, &ws) < 0)
        return -1;
    int rc = zp_meta_body_in(text, &ws, display);
    zp_words_free(&ws);
    return rc > 0 ? 1 : rc;
}
