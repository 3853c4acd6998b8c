/* Organisations in minutes: names with a legal form ("Člověk v tísni
 * o.p.s.", "ČEZ Distribuce, a.s."), "Name (ACR)" definitions -- kept as
 * name/acronym pairs so either finds the other --, institutions by their
 * kind and name ("Charita Šternberk", "Základní škola Krhanice", "ZŠ
 * Korunovační"), "organizace Žebřík", a short name between dashes in
 * reports, and acronyms in capitals that the text uses as names (SAS,
 * KPSS).  Capitals that are no organisation are left out: Czech words
 * written in capitals (PRO, PROTI, ZDRŽEL SE, FOND), tax, ID and office
 * abbreviations (DPH, IČO, ČR, k.ú.), labels and headings, and acronyms
 * used once without being defined.  Every step is linear in the text. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "budget.h"
#include "dict_cs.h"
#include "fold.h"
#include "hash.h"
#include "lemma.h"
#include "meta.h"
#include "meta_internal.h"
#include "meta_words.h"

/* A name before a legal form longer than this is a sentence. */
#define MAX_ORG_WORDS 8
#define MIN_ACRONYM 2
#define MAX_ACRONYM 8
/* An acronym the text does not define must recur this often to count. */
#define ACRONYM_MIN_USES 3
/* A word in capitals without its diacritics is asked of the lexicon from
 * this many letters. */
#define ASCII_WORD_MIN 5

/* Legal forms as the tokenizer gives them ("o.p.s." -> "ops"). */
static const char *const legal_forms[] = { "ops", "zs", "zu", "sro", "as", "po", "os", "spol", "vos", "ks",
                                           NULL };
/* Words before a name that introduce it and are not part of it: "s
 * firmou X", "mezi obcí a X".  (Prepositions such as v, na, pro stay:
 * "Člověk v tísni", "Sdružení pro ...".) */
static const char *const introducers[] = { "s", "se", "mezi", "dle", "od", "firma", "firmou", "firmy", "firme",
                                           "spolecnost", "spolecnosti", "organizace", "organizaci", "realizator",
                                           "partner", "partnerem", "zadavatel", "prijemce", "zadatel",
                                           "dodavatel", "zhotovitel", NULL };
/* Kinds of association that introduce a name in lower case ("… Kč vč.
 * DPH, spolku TJ Lokomotiva Praha, z.s."); in capitals they begin one
 * ("Sdružení dechových orchestrů", "Spolek přátel Letné"). */
static const char *const associations[] = { "spolek", "spolku", "spolkem", "sdruzeni", "sdruzenim", NULL };
/* Of the introducers, the nouns that are part of a name after a
 * capitalised word ("Vodohospodářská společnost Benešov"); the
 * associations are too ("Oblastní spolek Českého červeného kříže"). */
static const char *const name_nouns[] = { "firma", "spolecnost", "spolecnosti", "organizace", NULL };

/* Words that end a name going backwards: verbs a sentence puts before it. */
static const char *const verbs_before[] = { "je", "jsou", "bude", "budou", "byl", "byla", "bylo", "byli", "ma",
                                            "maji", "bere", "schvaluje", "souhlasi", "uzavre", "uzavrit",
                                            "uklada", "poveruje", "dekuje", NULL };
static const char *const org_nouns[] = { "organizace", "organizaci", "spolek", "spolku", "spolkem",
                                         "sdruzeni", "nadace", "nadaci", NULL };
/* Letters a form of an institution's kind shares with its lemma. */
#define INSTITUTION_STEM 4

/* Nouns of a body's sitting: an acronym after one is that body. */
static const char *const sittings[] = { "zasedani", "schuze", "schuzi", "jednani", "zasedanim", NULL };
/* Kinds of institution that head their name ("Charita Šternberk",
 * "Základní škola Krhanice"), by their folded lemma. */
static const char *const institutions[] = { "charita", "diakonie", "skola", "gymnazium", "nemocnice", "domov",
                                            "centrum", "stredisko", "knihovna", "muzeum", "divadlo",
                                            "policie", "sprava", "nadace", "jednota", "ustav", "hospic",
                                            "poradna", "azylovy", "akademie", "univerzita", "fakulta",
                                            NULL };
/* Acronyms of a school's or a club's kind that head its name ("ZŠ
 * Korunovační", "KD Vltavská": kulturní dům, "TJ Lokomotiva": tělovýchovná
 * jednota, "HC Sparta": hokejový klub). */
static const char *const school_acronyms[] = { "zs", "ms", "sos", "sou", "zus", "ddm", "ss",
                                               "kd", "tj", "hc", "fc", "sk", NULL };
/* Abbreviations in capitals that name no organisation: tax and IDs,
 * offices and documents, units, the state, bodies of a town. */
static const char *const not_orgs[] = {
    "dph", "ico", "ic", "dic", "psc", "rc", "cr", "sr", "kc", "czk", "eur", "id", "op", "spz", "rz",
    "ku", "cp", "ce", "up", "ou", "meu", "mu", "mc", "orp", "kraj", "zo", "zm", "rm", "ro", "zmc", "rmc",
    "zk", "rk", "ps", "nn", "vn", "vvn", "vb", "rd", "bd", "pc", "it", "wc", "pdf", "sms", "cd", "dvd",
    "tv", "gps", "usb", "wifi", "www", "url", "ok", "ano", "ne", "bod", "odst", "sb", "cs", "tis", "mil",
    "mld", "dc", "qr", "ict", "vzt", "cov", "faq", "gui", "irc", "api", "sw", "hw", "vr", "zs", "ms", "sos",
    "sou", "zus", "ss", "osvc", "fo", "po", "umc", "umo", "mmu",
    /* a club's kind without its name ("TJ", "KD"): see school_acronyms */
    "kd", "tj", "hc", "fc", "sk",
    /* the commercial register ("zapsaná v OR"), once Prague's district
     * councils (Obvodní rada) */
    "or",
    /* the budget's classification (rozpočtová skladba) every town's
     * budget tables use: ORJ 421, OdPa 3419, ÚZ 98, ORG 433016, UR, pol. */
    "orj", "odpa", "uz", "org", "ur", "pol",
    /* property and procurement: (ne)bytový prostor, nájemní smlouva,
     * dodatek, projektová dokumentace, společenství vlastníků, veřejná
     * zakázka, zadávací dokumentace, katastr, list vlastnictví */
    "nbp", "np", "ns", "dod", "pd", "svj", "vz", "zd", "kn", "lv",
    /* the owner's declaration of a building's units ("dle PV jed. č.
     * 970/103", zákon o vlastnictví bytů) */
    "pv", NULL,
};
/* Words before an office's department in its acronym ("VED OFI", "vedoucí
 * OŠK", "odboru OKS"): a department of the office, no organisation. */
static const char *const department_heads[] = { "ved", "vedouci", "vedouciho", "vedoucimu", "vedoucim", "odbor",
                                                 "odboru", "odborem", NULL };

static int roman(const char *t)
{
    return strspn(t, "ivxlcdm") == strlen(t);
}

/* "a. s." written with spaces is two words: a, s. */
static int legal_form_at(const char *text, const zp_words *ws, size_t i, size_t *n)
{
    const zp_word *w = &ws->w[i];
    /* "s.r.o.", "o.p.s.", "p. o." carry their dots inside; "PO." ending a
     * sentence is no legal form ("spol." is the one written whole) */
    if (zp_words_in(w->term, legal_forms) &&
        (memchr(text + w->start, '.', w->end - w->start) ||
         (strcmp(w->term, "spol") == 0 && text[w->end] == '.' && i + 1 < ws->n &&
          strcmp(ws->w[i + 1].term, "s") == 0))) {
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
    for (size_t i = from; i < to; i++) {
        if (strchr("\n(:;\"\xE2", text[i]) || (text[i] == '-' && i > from && text[i - 1] == ' '))
            return 1;   /* \xE2: an en dash or a quote mark in UTF-8 */
        /* a soft hyphen between spaces is a dash as pdftotext gives it */
        if ((unsigned char)text[i] == 0xC2 && i + 1 < to && (unsigned char)text[i + 1] == 0xAD)
            return 1;
    }
    return 0;
}

/* A sum's last words: "… 45 000 Kč vč. DPH společnosti BETIS, s.r.o." --
 * the name comes after them, and they are no name's capitalised word. */
static const char *const amount_words[] = { "kc", "dph", "eur", NULL };

/* The name before a legal form at word i: back over the words of one
 * phrase to a verb, an introducing word ("s firmou", "mezi"), a sum or a
 * sentence start; then from its first capitalised word. */
static int name_before(const char *text, const zp_words *ws, size_t i, zp_meta *m)
{
    size_t s = i;
    while (s > 0 && i - s < MAX_ORG_WORDS && !separates(text, ws->w[s - 1].end, ws->w[s].start) &&
           !zp_words_in(ws->w[s - 1].term, verbs_before) && !zp_words_in(ws->w[s - 1].term, amount_words)) {
        const zp_word *p = &ws->w[s - 1];
        /* "Český orientační spolek, z.s.": the association's noun right
         * before the legal form ends the name */
        int association = zp_words_in(p->term, associations);
        int introduces = (zp_words_in(p->term, introducers) || (s < i && association)) && !p->upper &&
                         !((association || zp_words_in(p->term, name_nouns)) && s >= 2 && ws->w[s - 2].upper &&
                           !zp_words_in(ws->w[s - 2].term, amount_words));
        if (introduces)
            break;
        s--;
    }
    /* sentence end: ". " before an upper-case word */
    for (size_t k = s + 1; k < i; k++)
        if (text[ws->w[k - 1].end] == '.' && ws->w[k].upper && strlen(ws->w[k - 1].term) > 3)
            s = k;
    while (s < i && (!ws->w[s].upper || zp_words_in(ws->w[s].term, introducers)))
        s++;
    if (s == i)
        return 0;
    if (s + 1 == i) {
        /* "s Posázavím, o.p.s.": one word, in the nominative if the
         * dictionary knows the name */
        zp_buf b = ZP_BUF_INIT;
        const zp_word *w = &ws->w[s];
        if (zp_dict_proper_lemma(text + w->start, w->end - w->start, &b) != 1 || strncmp(b.data, text + w->start, 2) != 0) {
            zp_buf_reset(&b);
            zp_buf_add(&b, text + w->start, w->end - w->start);
        }
        int rc = zp_strlist_add(&m->orgs, zp_buf_str(&b), b.len, 1);
        zp_buf_free(&b);
        return rc;
    }
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
    return w->caps && strcspn(w->term, "0123456789") == n && n >= MIN_ACRONYM && n <= MAX_ACRONYM &&
           !roman(w->term);
}

/* Whether each line is in capitals: a heading, whose words are no
 * acronyms.  Worked out once a line, so the whole text costs O(n). */
typedef struct {
    size_t start, end;
    int caps;
} line_cache;

static int on_caps_line(const char *text, size_t len, const zp_word *w, line_cache *lc)
{
    if (w->start < lc->start || w->start >= lc->end || lc->end == 0) {
        size_t s = w->start, e = w->end;
        while (s > 0 && text[s - 1] != '\n')
            s--;
        while (e < len && text[e] != '\n')
            e++;
        size_t spaces = 0;
        for (size_t i = s; i < e; i++)
            spaces += text[i] == ' ';
        lc->start = s;
        lc->end = e + 1;
        lc->caps = spaces >= 1 && zp_words_all_caps(text + s, e - s);
    }
    return lc->caps;
}

/* A vote line ("PRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )") and words in
 * capitals beside other capitals ("ZDRŽEL SE") are no acronyms; nor are
 * parts of a word joined by hyphens ("Krhanice-kNN"). */
static int in_caps_phrase(const char *text, const zp_words *ws, size_t i)
{
    const zp_word *w = &ws->w[i];
    if ((w->start > 0 && (text[w->start - 1] == '-' || text[w->start - 1] == '/')) ||
        text[w->end] == '-' || text[w->end] == '/')
        return 1;
    if (i > 0 && ws->w[i - 1].caps && zp_words_adjacent(text, &ws->w[i - 1], w))
        return 1;
    return i + 1 < ws->n && ws->w[i + 1].caps && zp_words_adjacent(text, w, &ws->w[i + 1]);
}

/* Capitals that are not an organisation: a label ("DATUM:"), a heading
 * alone on its line ("PROGRAM"), a title after a name ("MBA"), a Czech
 * word in capitals (PROTI, FOND), a known abbreviation of no organisation. */
static int not_an_acronym(const char *text, size_t len, const zp_word *w)
{
    static const char *const post_titles[] = { "mba", "phd", "csc", "dis", "llm", "mpa", "bc", "ing", "mgr", NULL };
    if (zp_words_in(w->term, post_titles) || zp_words_in(w->term, not_orgs) || (w->end < len && text[w->end] == ':'))
        return 1;
    size_t s = w->start, e = w->end;
    while (s > 0 && (text[s - 1] == ' ' || text[s - 1] == '\t'))
        s--;
    while (e < len && (text[e] == ' ' || text[e] == '\t' || text[e] == '\r'))
        e++;
    if ((s == 0 || text[s - 1] == '\n') && (e == len || text[e] == '\n'))
        return 1;
    /* a word of the language written in capitals: the dictionary knows its
     * lower-case form */
    zp_buf lemma = ZP_BUF_INIT;
    utf8proc_uint8_t *l = NULL;
    utf8proc_map((const utf8proc_uint8_t *)text + w->start, (utf8proc_ssize_t)(w->end - w->start), &l,
                 UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE);
    int word = l && zp_dict_lemma((const char *)l, strlen((const char *)l), &lemma) == 1;
    /* or one with its diacritics left out ("RADNI Hasal Štěpán", "MISTA"):
     * the lexicon knows its folded form as a word's, not a name's (five
     * letters or more: shorter acronyms fold to words by chance) */
    if (l && !word && w->end - w->start >= ASCII_WORD_MIN &&
        !zp_fold_has_non_ascii(text + w->start, w->end - w->start)) {
        uint32_t ids[ZP_LEMMA_MAX];
        size_t n = zp_lemma_lookup(NULL, 0, (const char *)l, strlen((const char *)l), ids);
        for (size_t k = 0; k < n && !word; k++)
            word = !zp_lemma_is_proper(ids[k]);
    }
    free(l);
    zp_buf_free(&lemma);
    return word;
}

static int common_word(const char *text, const zp_word *w);

/* "P. Sivolobová – Drom – organizace neplánuje": a short capitalised name
 * between two dashes, as organisations are named in reports. */
static int between_dashes(const char *text, size_t len, const zp_words *ws, size_t i, zp_meta *m)
{
    static const char dash[] = " \xE2\x80\x93 ";
    const zp_word *w = &ws->w[i];
    if (!w->upper || w->caps || w->start < 5 || memcmp(text + w->start - 5, dash, 5) != 0)
        return 0;
    /* a person's or a place's name from the dictionary ("– Mikuláš –"), or
     * a sentence's first word ("– Finanční systém –"), names no organisation */
    zp_buf l = ZP_BUF_INIT;
    int known = zp_dict_proper_lemma(text + w->start, w->end - w->start, &l) == 1 || common_word(text, w);
    zp_buf_free(&l);
    if (known)
        return 0;
    size_t n = 0;
    while (i + n < ws->n && n < 4) {
        const zp_word *x = &ws->w[i + n];
        if (n > 0 && !zp_words_adjacent(text, &ws->w[i + n - 1], x) && text[ws->w[i + n - 1].end] != '.')
            break;
        if (x->end + 5 <= len && memcmp(text + x->end, dash, 5) == 0) {
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

static int adjective_lemma(const char *lemma, void *ud)
{
    (void)ud;
    size_t n = strlen(lemma);
    /* -ý, -í: the dictionary gives adjectives in the masculine */
    return n > 2 && (memcmp(lemma + n - 2, "\xC3\xBD", 2) == 0 || memcmp(lemma + n - 2, "\xC3\xAD", 2) == 0);
}

static int adjective(const char *text, const zp_word *w)
{
    return zp_dict_each_lemma(text + w->start, w->end - w->start, 0, adjective_lemma, NULL) == 1;
}

/* "organizace Žebřík", "spolek Náš domov": the upper-case words after. */
static int institution(const char *text, const zp_words *ws, size_t i, zp_meta *m, size_t *used);

static int after_noun(const char *text, const zp_words *ws, size_t i, zp_meta *m)
{
    if (!zp_words_in(ws->w[i].term, org_nouns) || i + 1 >= ws->n)
        return 0;
    /* "příspěvkové organizace Základní škola Krhanice": an institution */
    size_t used;
    int rc = institution(text, ws, i + 1, m, &used);
    if (rc || used)
        return rc;
    /* "organizací Člověk v tísni o.p.s.": the legal form will name it whole */
    for (size_t k = i + 2, n; k < ws->n && k <= i + 6; k++) {
        if (separates(text, ws->w[k - 1].end, ws->w[k].start))
            break;
        if (legal_form_at(text, ws, k, &n))
            return 0;
    }
    size_t n = 0;
    while (i + 1 + n < ws->n && n < 3) {
        const zp_word *w = &ws->w[i + 1 + n];
        if (!w->upper || w->caps || w->digits || !zp_words_adjacent(text, &ws->w[i + n], w))
            break;
        n++;
    }
    /* an adjective alone names nothing: "spolku Oblastní spolek Českého
     * červeného kříže" */
    if (n == 0 || (n == 1 && adjective(text, &ws->w[i + 1])))
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

/* A word the dictionary knows in lower case ("Výpůjční", "Školní"
 * opening a heading or a list item): no part of a name. */
static int lower_lemma(const char *lemma, void *ud)
{
    (void)ud;
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)lemma, -1, &cp) <= 0)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int common_word(const char *text, const zp_word *w)
{
    return zp_dict_each_lemma(text + w->start, w->end - w->start, 0, lower_lemma, NULL) == 1;
}

/* Prepositions inside a name ("MŠ Na Výšinách", "Domov na Výsluní", "MŠ
 * Nad Štolou", "MŠ U Studánky"). */
static int preposition(const zp_word *w)
{
    static const char *const preps[] = { "na", "nad", "pod", "u", "v", "ve", "pri", NULL };
    return zp_words_in(w->term, preps);
}

/* A given name's initial: a capital or up to three letters and a dot
 * ("Fr. Plamínkové", "T. G. Masaryka"). */
static int initial(const char *text, const zp_word *w)
{
    return w->upper && strlen(w->term) <= 3 && text[w->end] == '.';
}

/* The capitalised name after an institution's kind: "Šternberk", "Na
 * Výsluní", after a school's acronym also a street's adjective ("ZŠ
 * Korunovační"); a word the dictionary knows in lower case is a heading's
 * or a list's ("Středisko Základní škola"), not a name.  Returns its word
 * count. */
static size_t institution_name(const char *text, const zp_words *ws, size_t i, int school)
{
    size_t n = 0;
    int bound = 0;   /* after a preposition or an initial: a word of the name whatever it is */
    while (i + n < ws->n && n < 4) {
        const zp_word *w = &ws->w[i + n];
        /* "Fr. Plamínkové": an initial's dot between two words of the name */
        const zp_word *p = &ws->w[i + n - 1];
        if (!zp_words_adjacent(text, p, w) && !(bound && initial(text, p) && zp_words_blank(text, p->end + 1, w->start)))
            break;
        int prep = preposition(w);
        if (w->upper && !w->caps && !w->digits && ((n == 0 && school) || bound || !common_word(text, w))) {
            n++;
            bound = prep || initial(text, w);
            continue;
        }
        /* "Domov na Výsluní", "ZŠ nám. Svobody" */
        if (prep && i + n + 1 < ws->n && ws->w[i + n + 1].upper && n > 0) {
            n++;
            bound = 1;
            continue;
        }
        /* "ZŠ Praha 7", "Pečovatelské centrum Praha 7": a district's
         * number ends the name (Prague's are the numbered ones; after a
         * street the number is a house's: "ZŠ Korunovační 8") */
        static const char *const numbered[] = { "praha", "prahy", "praze", NULL };
        if (n > 0 && w->digits && strlen(w->term) <= 2 && zp_words_in(ws->w[i + n - 1].term, numbered))
            n++;
        break;
    }
    /* a preposition or an initial cannot end the name */
    while (n > 0 && !ws->w[i + n - 1].digits &&
           (!ws->w[i + n - 1].upper || preposition(&ws->w[i + n - 1]) || initial(text, &ws->w[i + n - 1])))
        n--;
    return n;
}

/* Whether a folded word may be a form of an institution's kind: its
 * first letters are a kind's ("skole" of "skola").  Cheap, so the
 * dictionary is asked only for these. */
static int institution_prefix(const char *term)
{
    for (const char *const *k = institutions; *k; k++)
        if (strncmp(term, *k, INSTITUTION_STEM) == 0)
            return 1;
    return 0;
}

/* "Charita Šternberk", "Charitě Šternberk", "Základní školy Krhanice",
 * "ZŠ Korunovační": an institution's kind with a capital, then its name;
 * given in the nominative. */
static int institution(const char *text, const zp_words *ws, size_t i, zp_meta *m, size_t *used)
{
    const zp_word *w = &ws->w[i];
    *used = 0;
    if (!w->upper)
        return 0;
    size_t head = i;
    int school = w->caps && zp_words_in(w->term, school_acronyms);
    if (!school) {
        /* the kind, perhaps after an adjective ("Základní škola") */
        int found = 0;
        for (size_t k = i; k < ws->n && k <= i + 1 && !found; k++) {
            if (k > i && !zp_words_adjacent(text, &ws->w[k - 1], &ws->w[k]))
                break;
            /* the dictionary only for words that could be a kind */
            if (!institution_prefix(ws->w[k].term)) {
                /* not a kind: it may only be an adjective before one
                 * ("Základní škola"), not a sentence's noun ("Žádost
                 * Charitě") */
                if (k == i && i + 1 < ws->n && institution_prefix(ws->w[i + 1].term) && adjective(text, w))
                    continue;
                break;
            }
            zp_buf l = ZP_BUF_INIT, f = ZP_BUF_INIT;
            if (zp_dict_lemma(text + ws->w[k].start, ws->w[k].end - ws->w[k].start, &l) == 1)
                zp_fold_word(zp_buf_str(&l), l.len, &f);
            found = zp_words_in(zp_buf_str(&f), institutions);
            zp_buf_free(&l);
            zp_buf_free(&f);
            if (found)
                head = k;
            /* before the kind only an adjective ("Základní škola"), not a
             * sentence's noun ("Žádost Charitě") */
            if (k == i && !found && !adjective(text, &ws->w[k]))
                break;
        }
        if (!found)
            return 0;
    }
    if (head + 1 >= ws->n)
        return 0;
    size_t n = institution_name(text, ws, head + 1, school);
    if (n == 0)
        return 0;
    zp_buf b = ZP_BUF_INIT;
    if (school)
        zp_buf_add(&b, text + w->start, w->end - w->start);
    else
        zp_words_noun_phrase(text, ws, i, head, &b);
    zp_words_capitalise(&b, 0);
    zp_buf_addc(&b, ' ');
    zp_buf_add(&b, text + ws->w[head + 1].start, ws->w[head + n].end - ws->w[head + 1].start);
    int rc = b.oom ? -1 : zp_strlist_add(&m->orgs, zp_buf_str(&b), b.len, 1);
    zp_buf_free(&b);
    *used = head + n - i;
    return rc;
}

/* How often each word in capitals is used: one pass, a hash table with
 * open addressing, so judging acronyms stays linear in the text. */
typedef struct {
    const char **key;    /* the word's term (in the words array) */
    unsigned *count;
    unsigned char *judged;
    size_t cap;
} caps_counts;

static size_t slot_of(const caps_counts *c, const char *term)
{
    size_t i = zp_hash(term, strlen(term)) & (c->cap - 1);
    while (c->key[i] && strcmp(c->key[i], term) != 0)
        i = (i + 1) & (c->cap - 1);
    return i;
}

static int count_caps(const zp_words *ws, caps_counts *c)
{
    size_t n = 0;
    for (size_t i = 0; i < ws->n; i++)
        n += ws->w[i].caps;
    c->cap = 16;
    while (c->cap < 2 * n + 1)
        c->cap *= 2;
    c->key = calloc(c->cap, sizeof *c->key);
    c->count = calloc(c->cap, sizeof *c->count);
    c->judged = calloc(c->cap, 1);
    if (!c->key || !c->count || !c->judged)
        return -1;
    for (size_t i = 0; i < ws->n; i++) {
        if (!ws->w[i].caps)
            continue;
        size_t k = slot_of(c, ws->w[i].term);
        c->key[k] = ws->w[i].term;
        c->count[k]++;
    }
    return 0;
}

static void free_counts(caps_counts *c)
{
    free(c->key);
    free(c->count);
    free(c->judged);
}

/* Words either side of a budget's unit (ORJ) that name its department. */
#define UNIT_REACH 3

/* Whether the text at i, with only blanks and one slash between, reads
 * "/": a part of a file's or contract's number. */
static int slash_between(const char *text, size_t from, size_t to)
{
    int slashes = 0;
    for (size_t k = from; k < to; k++) {
        if (text[k] == '/')
            slashes++;
        else if (text[k] != ' ')
            return 0;
    }
    return slashes == 1;
}

/* The acronym at i is a department of the office by where it stands: by
 * a budget's organisational unit ("ORJ 417, OŠK", "ORJ OŠK", "OKS, ORJ
 * 621"), or inside a file's or contract's number ("č. 2001 / OMA / 0021",
 * "2015/OIVZ/038"), where an office puts its department's code. */
static int department_at(const char *text, const zp_words *ws, size_t i)
{
    for (size_t k = i > UNIT_REACH ? i - UNIT_REACH : 0; k < ws->n && k <= i + UNIT_REACH; k++)
        if (k != i && strcmp(ws->w[k].term, "orj") == 0)
            return 1;
    return i > 0 && i + 1 < ws->n && slash_between(text, ws->w[i - 1].end, ws->w[i].start) &&
           slash_between(text, ws->w[i].end, ws->w[i + 1].start) && (ws->w[i - 1].digits || ws->w[i + 1].digits);
}

int zp_meta_orgs_in(const char *text, size_t len, const zp_words *wl, zp_meta *m)
{
    const zp_words ws = *wl;
    line_cache lc = { 0, 0, 0 };
    caps_counts caps = { NULL, NULL, NULL, 0 };
    int rc = count_caps(&ws, &caps);
    /* the office's departments, wherever the text names one as such, and
     * the ones listed with it ("vedoucí OP a OVV", "VED OFI, OKS") */
    for (size_t i = 1; i < ws.n && rc >= 0; i++) {
        if (!is_acronym(&ws.w[i]) || !(zp_words_in(ws.w[i - 1].term, department_heads) || department_at(text, &ws, i)))
            continue;
        caps.judged[slot_of(&caps, ws.w[i].term)] = 1;
        for (size_t j = i + 1; j < ws.n; j++) {
            if (strcmp(ws.w[j].term, "a") == 0 && j + 1 < ws.n)
                j++;
            else if (!(ws.w[j].start == ws.w[j - 1].end + 2 && text[ws.w[j - 1].end] == ','))
                break;
            if (!is_acronym(&ws.w[j]))
                break;
            caps.judged[slot_of(&caps, ws.w[j].term)] = 1;
        }
    }
    for (size_t i = 0; i < ws.n && rc >= 0; i++) {
        size_t n;
        const zp_word *w = &ws.w[i];
        if (zp_budget_spent()) {
            rc = -1;
            break;
        }
        if (legal_form_at(text, &ws, i, &n)) {
            /* "ředitelce p.o. Pečovatelské centrum": a příspěvková
             * organizace's form before its name, which the name's own
             * rules read; the words before it are no name */
            const zp_word *after = i + n < ws.n ? &ws.w[i + n] : NULL;
            if (!(strcmp(w->term, "po") == 0 && after && after->upper && !separates(text, w->end, after->start) &&
                  !memchr(text + w->end, '\n', after->start - w->end)))
                rc = name_before(text, &ws, i, m);
            i += n - 1;
            continue;
        }
        if (is_acronym(w) && w->start > 0 && text[w->start - 1] == '(' && text[w->end] == ')' && i > 0) {
            rc = acronym_pair(text, &ws, i, m);
            if (rc < 0)
                break;
        }
        size_t used;
        rc = institution(text, &ws, i, m, &used);
        if (rc < 0)
            break;
        if (used) {
            i += used;
            continue;
        }
        /* "zasedání RV", "schůze ZO": the body that sits, not an organisation */
        if (is_acronym(w) && i > 0 && zp_words_in(ws.w[i - 1].term, sittings)) {
            caps.judged[slot_of(&caps, w->term)] = 1;
            continue;
        }
        if (is_acronym(w)) {
            size_t k = slot_of(&caps, w->term);
            if (!caps.judged[k] && caps.count[k] >= ACRONYM_MIN_USES && !on_caps_line(text, len, w, &lc) &&
                !in_caps_phrase(text, &ws, i) && !not_an_acronym(text, len, w)) {
                caps.judged[k] = 1;
                rc = zp_strlist_add(&m->orgs, text + w->start, w->end - w->start, 1);
            }
        } else if (rc >= 0) {
            rc = after_noun(text, &ws, i, m);
        }
        if (rc >= 0)
            rc = between_dashes(text, len, &ws, i, m);
    }
    free_counts(&caps);
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
