/* Metadata of minutes found in their text: title, meeting date, town, body,
 * people, organisations, decisions and tasks.  Each extractor is a small
 * function over the clean text (valid NFC UTF-8); zp_meta_extract runs them
 * all.  Extractors look at what minutes really contain (headers, attendance
 * lines, "Úkoly:" sections, bold agreements) and return nothing rather than
 * a guess when the text does not say. */
#ifndef ZP_META_H
#define ZP_META_H

#include <stddef.h>

#include "buf.h"

typedef struct {
    int year, month, day;   /* 0 when unknown */
} zp_date;

/* A list of strings, each malloc()ed, owned by the list. */
typedef struct {
    char **v;
    size_t n;
} zp_strlist;

/* Most distinct names (organisations, people) kept of one document. */
#define ZP_MAX_NAMES 300

/* Adds s[0..len) (whitespace squeezed); with unique, not when an entry
 * with the same canonical form (zp_meta_canonical) is already there, nor
 * when the list holds ZP_MAX_NAMES.  Returns 0, or -1 when memory ran out. */
int zp_strlist_add(zp_strlist *l, const char *s, size_t len, int unique);
/* zp_strlist_add(list, s, len, 0) as a callback of the Xapian wrapper
 * (zx_term_fn): non-zero, to stop, when memory ran out. */
int zp_strlist_collect(const char *s, size_t len, void *list);
void zp_strlist_free(zp_strlist *l);

/* Recorded votes: -1 where the minutes give no count. */
typedef struct {
    int yes, no, abstain;
} zp_votes;

/* A decision or a task recorded in the minutes. */
typedef struct {
    char *text;        /* the sentence or item, whitespace squeezed */
    char *owner;       /* who is to do it ("P. Kolářiková"), NULL if unsaid */
    zp_date deadline;  /* year 0 when none */
    int task;          /* 1: a task (Úkoly), 0: an agreement or resolution */
    char *number;      /* the resolution's number as written ("0054/17-Z"), NULL */
    char verb[32];     /* "schvaluje", "bere na vědomí", ...; "" when none */
    zp_votes votes;    /* all -1 when no vote is recorded */
    int passed;        /* 1 adopted, 0 not, -1 unknown */
    size_t at, end;    /* read from an index: the bytes of the stored text
                          it was squeezed from, when known (end > 0) */
} zp_decision;

typedef struct {
    zp_decision *v;
    size_t n;
} zp_decisions;

/* "Organizace pro pomoc uprchlíkům (OPU)": a name and its acronym. */
typedef struct {
    zp_strlist names, acronyms;   /* same length: names.v[i] is acronyms.v[i] */
} zp_acronyms;

/* Everything zp_meta_extract finds.  NULL / empty / year 0 when absent. */
typedef struct {
    char *title;
    size_t title_subject;   /* where in title the subject taken from the
                               text's next line begins ("Usnesení rady MČ
                               Praha 7: Uzavření ..."); 0 for none */
    zp_date date;
    char *town, *body;
    zp_strlist present, excused, guests;   /* attendance lists as written */
    zp_strlist people;                     /* "Mgr. Barbora Klinovská" */
    zp_strlist orgs;                       /* "Člověk v tísni", "Žebřík", "OPU" */
    zp_acronyms acronyms;
    zp_decisions decisions;
} zp_meta;

/* Runs every extractor over text (valid UTF-8).  Free with zp_meta_free.
 * Returns 0 or -1 when memory ran out. */
int zp_meta_extract(const char *text, size_t len, zp_meta *out);
void zp_meta_free(zp_meta *m);

/* The attendance lines ("Přítomni:", "Omluveni:", "Hosté:") and the people
 * named with a title anywhere ("Mgr. Gawlíková", "P. Kadlec").  Adds to
 * the lists of m.  0 or -1. */
int zp_meta_people(const char *text, size_t len, zp_meta *m);

/* Organisations: names with a legal form (o.p.s., z.s., z.ú., s.r.o., a.s.,
 * p.o.), "Name (ACR)" pairs, "organizace X", "za X", and acronyms in
 * capitals.  Adds to m->orgs and m->acronyms.  0 or -1. */
int zp_meta_orgs(const char *text, size_t len, zp_meta *m);

/* Decisions and tasks: agreements ("Skupina se shodla", "schvaluje",
 * "doporučuje", "bylo dohodnuto"), bold items, the items of an "Úkoly:"
 * section with owner and deadline, and resolutions ("Zastupitelstvo obce
 * schvaluje" and its numbered items, "II. souhlasí" sections) with their
 * number, verb, vote and outcome.  Adds to m->decisions. */
int zp_meta_decisions(const char *text, size_t len, zp_meta *m);

/* The resolution number a line gives ("Usnesení č. 1/2021 ze zasedání",
 * "č. usnesení: 0322/17-R", "č. 0556/99" alone, "RM/1/1/2022"): 1 and
 * the number appended to out, or 0.  header: the line is among the
 * document's first, where "č. X" alone is its number. */
int zp_meta_resolution_number(const char *line, size_t len, int header, zp_buf *out);

/* A vote recorded on a line ("PRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )",
 * "Hlasování: pro 8, proti 0, zdržel se 0", "|PRO|1 hlas|"): fills the
 * counts the line gives (others left as they are) and returns how many it
 * gave.  *outcome: 1 "přijato"/"schváleno", 0 "nebyl přijat", else kept. */
int zp_meta_votes(const char *line, size_t len, zp_votes *v, int *outcome);

/* The resolution verb in s ("schvaluje", "bere na vědomí", "neschvaluje",
 * "ukládá", "souhlasí", "doporučuje", "zamítá", "revokuje", "pověřuje",
 * "volí", "jmenuje", "odvolává", ...): its shown form copied into
 * verb[size], and the byte offset past it returned; 0 when none. */
size_t zp_meta_resolution_verb(const char *s, size_t len, char *verb, size_t size);

/* 1 when a folded word is a resolution verb or opens one ("schvaluje",
 * "bere" of "bere na vědomí"). */
int zp_meta_is_resolution_verb(const char *folded);

/* Appends the title of a minutes text: its heading ("Zápis z jednání
 * Pracovní skupiny ..."), else its first non-empty line; whitespace
 * collapsed, at most ~160 characters.  Nothing for empty text.  *subject:
 * where the subject under a heading that names only the record's kind
 * begins in out, or 0.  Returns 0 or -1 when memory ran out. */
int zp_meta_title(const char *text, size_t len, zp_buf *out, size_t *subject);

/* Finds the first date in s[0..len): "16.1.2025", "11. 1. 2019",
 * "17. března 2015" (Czech month names in any case).  Returns 1 and fills
 * *out, *start and *end (byte range) when found, else 0. */
int zp_meta_find_date(const char *s, size_t len, zp_date *out, size_t *start, size_t *end);

/* The meeting date: a labelled date in the header ("DATUM:", "Dne:",
 * "konaného dne", "ze dne"), never the next meeting, a deadline or a date
 * in the body; the signature line ("V Prostějově dne ...") only when the
 * header has none.  Returns 1 when found, 0 when the text gives none. */
int zp_meta_meeting_date(const char *text, size_t len, zp_date *out);

/* The town the minutes belong to, in the nominative ("Prostějov" from
 * "Magistrátem města Prostějova" and "Prostějov 796 01"), appended to
 * display.  Returns 1 when found, 0 when the text does not say, -1 when
 * memory ran out. */
int zp_meta_town(const char *text, size_t len, zp_buf *display);

/* The body that met: "Pracovní skupina Národnostní menšiny a cizinci",
 * "Zastupitelstvo obce", "Komise pro sociální oblast ...", with the head
 * noun in the nominative and capitals undone.  1 found, 0 none, -1 oom. */
int zp_meta_body(const char *text, size_t len, zp_buf *display);

/* The folded words of s joined by single spaces ("Organizace pro pomoc
 * uprchlíkům" -> "organizace pro pomoc uprchlikum"): the form acronym
 * synonyms are stored and looked up in.  Appends to out; 0 or -1. */
int zp_meta_folded_words(const char *s, size_t len, zp_buf *out);

/* The end (byte offset past its closing "---" line) of a front-matter
 * block opening the text ("---\nkey: value\n---\n"), 0 when there is none. */
int zp_meta_front_matter_end(const char *text, size_t len);

/* The value of the first front-matter field whose folded key is one of
 * keys ("nazev", "datum jednani"): 1 with *value and *vlen pointing into
 * text (blanks trimmed), 0 when there is none. */
int zp_meta_front_field(const char *text, size_t len, const char *const *keys, const char **value,
                        size_t *vlen);

/* The same for a "key: value" line among the first max_lines lines of
 * text[0..len) ("orgán: rada" opening a record). */
int zp_meta_field_in(const char *text, size_t len, size_t max_lines, const char *const *keys, const char **value,
                     size_t *vlen);

/* "2019-01-11" into out (11 bytes). */
void zp_meta_date_iso(const zp_date *d, char out[11]);

/* The canonical form of a name (town, body, organisation, person): each
 * word folded and stemmed (words of three letters or fewer only folded:
 * acronyms), joined by single spaces, so "Ostravy" and "Ostrava" are one
 * value but KC and KK are two.  Appends to out. */
int zp_meta_canonical(const char *name, size_t len, zp_buf *out);

#endif
