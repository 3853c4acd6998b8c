/* Tokenizer: each row is a piece of real minutes text and its tokens,
 * written as "term" (next position), "+term" (glued to the previous one:
 * no space between) and "=term" (alternative at the previous position). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "tokenize.h"

static int describe(const zp_token *t, void *ud)
{
    zp_buf *b = ud;
    if (b->len)
        zp_buf_addc(b, ' ');
    if (t->pos_inc == 0)
        zp_buf_addc(b, '=');
    else if (t->glued)
        zp_buf_addc(b, '+');
    zp_buf_add(b, t->term, t->term_len);
    return 0;
}

static const struct {
    const char *text, *tokens;
} rows[] = {
    { "Dne: 11. 1. 2019", "dne 11 +1 +2019" },
    { "DATUM: 16.1.2025", "datum 16 +1 +2025" },
    { "do 01.02.2019", "do 1 +2 +2019" },
    { "Mgr. Barbora Klinovská", "mgr barbora klinovska" },
    { "Středisko rozvoje sociálních služeb, o.p.s. v partnerství",
      "stredisko rozvoje socialnich sluzeb ops v partnerstvi" },
    { "PhDr. Mgr. Vítězslav Štefl Ph.D., Karel", "phdr mgr vitezslav stefl phd karel" },
    { "v k.ú. Ohaře", "v ku ohare" },
    { "Bc. Sabina Nováková, DiS.,MBA", "bc sabina novakova dis +mba" },
    { "Z Á P I S č. 4 / 2011", "z =zapis a p i s c 4 2011" },
    /* a mark before a word's first letter: the letter says it is a capital */
    { "\xCC\x81Z Á P I S", "z =zapis a p i s" },
    { "\xCC\x81\xCC\x81" "A B C", "a =abc b c" },
    { "pracovně-právní", "pracovne =pracovnepravni +pravni" },
    { "e-mail", "e =email +mail" },
    { "e\xE2\x80\x90mail", "e =email +mail" },   /* U+2010 HYPHEN */
    { "e- mail", "e mail" },
    { "Interv,centrum", "interv +centrum" },
    { "(OPU)", "opu" },
    { "CZ.03.2.63/0.0/0.0/16_063/0006528", "cz +03 +2 +63 +0 +0 +0 +0 +16 +063 +0006528" },
    /* Cyrillic п and о among Latin letters: read as the Latin skeleton */
    { "přeпоšle", "preposle" },
    { "Москва", "москва" },   /* one script: left alone */
    { "  \n\t ", "" },
    { "9:30 11:30", "9 +30 11 +30" },
};

static void tokenizes_real_minutes_text(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        assert_int_equal(zp_tok_each(rows[i].text, strlen(rows[i].text), describe, &b), 0);
        assert_string_equal(zp_buf_str(&b), rows[i].tokens);
        zp_buf_free(&b);
    }
}

typedef struct {
    const char *text;
    zp_buf spans;
} span_ctx;

static int spans(const zp_token *t, void *ud)
{
    span_ctx *c = ud;
    if (c->spans.len)
        zp_buf_addc(&c->spans, '|');
    zp_buf_add(&c->spans, c->text + t->start, t->end - t->start);
    return 0;
}

static void token_offsets_point_at_the_original_words(void **state)
{
    (void)state;
    span_ctx c = { "V rámci Žebříku, o.p.s. dne 11. 1. 2019", ZP_BUF_INIT };
    zp_tok_each(c.text, strlen(c.text), spans, &c);
    assert_string_equal(zp_buf_str(&c.spans), "V|rámci|Žebříku|o.p.s|dne|11|1|2019");
    zp_buf_free(&c.spans);
}

static int stop_at_second(const zp_token *t, void *ud)
{
    (void)t;
    int *n = ud;
    return ++*n == 2 ? 7 : 0;
}

static void callback_can_stop_the_walk(void **state)
{
    (void)state;
    int n = 0;
    assert_int_equal(zp_tok_each("jedna dva tři", 15, stop_at_second, &n), 7);
    assert_int_equal(n, 2);
}

static void overlong_words_are_dropped(void **state)
{
    (void)state;
    char text[200];
    memset(text, 'a', 150);
    strcpy(text + 150, " slovo");
    zp_buf b = ZP_BUF_INIT;
    zp_tok_each(text, strlen(text), describe, &b);
    assert_string_equal(zp_buf_str(&b), "slovo");
    zp_buf_free(&b);
}

typedef struct {
    size_t n, start[4], end[4];
    int glued[4];
} words_seen;

static int collect(const zp_token *t, void *ud)
{
    words_seen *s = ud;
    if (t->pos_inc && s->n < 4) {
        s->start[s->n] = t->start;
        s->end[s->n] = t->end;
        s->glued[s->n++] = t->glued;
    }
    return 0;
}

/* The scan reads the code points of one and two bytes from its own table:
 * each one, between "abc" and "def", joins them or parts them (glued, or
 * by a space) as utf8proc's category for it says. */
static void short_code_points_split_as_utf8proc_says(void **state)
{
    (void)state;
    for (utf8proc_int32_t cp = 1; cp < 0x800; cp++) {
        char text[16] = "abc";
        size_t n = 3 + (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)text + 3);
        memcpy(text + n, "def", 3);
        n += 3;
        utf8proc_category_t cat = utf8proc_category(cp);
        int word = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
        int space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
                    cat == UTF8PROC_CATEGORY_ZS;
        words_seen s = { 0 };
        zp_tok_each(text, n, collect, &s);
        if (word) {
            assert_int_equal(s.n, 1);
            assert_int_equal(s.end[0], n);
        } else {
            assert_int_equal(s.n, 2);
            assert_int_equal(s.end[0], 3);
            assert_int_equal(s.start[1], n - 3);
            assert_int_equal(s.glued[1], !space);
        }
    }
    /* a lead byte without its continuation is one replacement character */
    words_seen s = { 0 };
    zp_tok_each("abc\xC3" "def", 7, collect, &s);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.start[1], 4);
}

/* A table wanting what each word of wanted begins ("sl") or, after '=',
 * is whole ("=e"). */
static zp_tok_only *table_of(const char *wanted)
{
    zp_tok_only *only = calloc(1, sizeof *only);
    assert_non_null(only);
    for (const char *w = wanted; *w;) {
        int whole = *w == '=';
        w += whole;
        size_t n = strcspn(w, " ");
        zp_tok_only_add(only, w, n, whole ? ZP_TOK_ONLY_WORD : ZP_TOK_ONLY_BEGINNING);
        w += n + (w[n] == ' ');
    }
    return only;
}

/* zp_tok_each_only reports the tokens zp_tok_each gives whose folded form
 * the table wants by its first three bytes ("Šimáčkova" folds to "si";
 * a form of three letters is wanted whole), and only those: a date's
 * numbers, an abbreviation, a heading's joined letters are judged by their
 * folded forms as words are; a form with a byte beyond ASCII among its
 * first three is always reported.  A case's wanted are beginnings ("sl":
 * words beginning so), or whole words after '=' ("=e"). */
static void only_the_wanted_words_are_reported(void **state)
{
    (void)state;
    static const struct {
        const char *text, *wanted, *tokens;
    } cases[] = {
        { "Středisko rozvoje sociálních služeb, o.p.s. v partnerství", "s p",
          "stredisko socialnich sluzeb partnerstvi" },
        { "Šimáčkova 12, Praha 7, Argentinská", "p", "praha" },
        { "Šimáčkova 12, Praha 7, Argentinská", "s p", "simackova praha" },
        { "Dne: 11. 1. 2019 SCHVALUJE Schůze", "s", "schvaluje schuze" },
        { "pracovně-právní e-mail", "x", "" },
        { "pracovně-právní e-mail", "m", "+mail" },
        /* a letter or two before a dot, a lone capital: a pattern may begin
         * there, and the words after it are read as zp_tok_each reads them */
        { "viz odst. p.s. ad Z Á P I S z k.ú. Holešovice", "s", "s" },
        { "viz odst. p.s. ad Z Á P I S z k.ú. Holešovice", "h", "holesovice" },
        { "ze Z Á P I S, viz k.ú. Holešovice", "s", "s" },
        { "pracovně-právní e-mail", "p e", "pracovne =pracovnepravni +pravni e =email" },
        { "Zastupitelstvo Obce ohaře", "z o", "zastupitelstvo obce ohare" },
        { "ČEZ a Člověk v tísni", "", "" },
        { "ČEZ a Člověk v tísni", "c", "cez clovek" },
        { "Ελλάδα, Україна: Ἀθῆναι", "", "ελλαδα украіна αθηναι" },
        { "ze Č E Z, ČEZ-Energo", "", "" },
        /* by two letters: the second folded as the first is ("š" as s) */
        { "Středisko rozvoje sociálních služeb, o.p.s. v partnerství", "sl pa",
          "sluzeb partnerstvi" },
        { "Šimáčkova 12, Správa Šárky, SČ kraj", "si sc", "simackova sc" },
        { "a v ve na do 2019 20 2 Z Á P I S", "=a =v ve 20", "a v ve 2019 20 a" },
        /* before a hyphen a word is judged by its first letter alone: its
         * joined form may be wanted ("email"), though it is not ("e") */
        { "pracovně-právní e-mail a e mail", "em", "=email" },
        { "pracovně-právní e-mail a e mail", "=e", "e e" },
        { "pracovně-právní e-mail", "pr", "pracovne =pracovnepravni +pravni" },
        { "pracovně-právní e-mail", "pra", "pracovne =pracovnepravni +pravni" },
        /* and by three: "na" and the words beginning "naj", not "nad",
         * "nabídka"; a third letter folding beyond ASCII (the ligature fi)
         * is always wanted */
        { "na nad Nájemní najít nabídka NAJ smlouva", "naj =na", "na najemni najit naj" },
        { "na nad Nájemní najít nabídka", "=na", "na" },
        { "na nad Nájemní naﬁ nab", "=naj", "najemni" },
        { "na nad Nájemní nabídka", "na", "na nad najemni nabidka" },
        { "smlouva smlouvy smlouvě sml smrt směr", "smlouv =sml", "smlouva smlouvy smlouve sml" },
        /* a word of three letters is wanted whole or not at all: "pro" is
         * no beginning of "pronájem" ("prostor" is reported by its three
         * letters); whole ("=pro"), or as all a beginning is ("pro"), it is */
        { "pro prostor Pronájem PRO nad", "pron", "prostor pronajem" },
        { "pro prostor Pronájem PRO nad", "=pro", "pro prostor pronajem pro" },
        { "pro prostor Pronájem PRO nad", "pro", "pro prostor pronajem pro" },
        { "let léta letní lét", "leto =leta", "leta letni" },
        { "let léta letní lét", "leto =let", "let leta letni let" },
        /* and so are the folded forms of the words a pattern reads ("pró"
         * with a combining mark, a date's numbers) */
        { "pro\xcc\x81 prostor 1. 2. 2019", "pron", "prostor" },
        { "pro\xcc\x81 prostor 1. 2. 2019", "pro 1", "pro prostor 1" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        zp_tok_only *only = table_of(cases[i].wanted);
        zp_buf b = ZP_BUF_INIT;
        assert_int_equal(zp_tok_each_only(cases[i].text, strlen(cases[i].text), only, describe, &b), 0);
        assert_string_equal(zp_buf_str(&b), cases[i].tokens);
        zp_buf_free(&b);
        free(only);
    }
    /* without a table: every token, as zp_tok_each */
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        zp_tok_each_only(rows[i].text, strlen(rows[i].text), NULL, describe, &b);
        assert_string_equal(zp_buf_str(&b), rows[i].tokens);
        zp_buf_free(&b);
    }
}

/* Every token with where it stands: "term@start-end" (+ glued, = at the
 * previous position). */
static int describe_at(const zp_token *t, void *ud)
{
    zp_buf *b = ud;
    zp_buf_printf(b, " %s%.*s@%zu-%zu", t->pos_inc == 0 ? "=" : t->glued ? "+" : "", (int)t->term_len, t->term,
                  t->start, t->end);
    return 0;
}

/* The tokens of text under a table, skimmed or read a word at a time. */
static char *tokens_of(const char *text, size_t len, const zp_tok_only *only, int skim)
{
    zp_buf b = ZP_BUF_INIT;
    zp_tok_skim(skim);
    assert_int_equal(zp_tok_each_only(text, len, only, describe_at, &b), 0);
    zp_tok_skim(1);
    char *out = strdup(zp_buf_str(&b));
    zp_buf_free(&b);
    return out;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

/* The seed minutes, on which the quick pass is compared whole. */
static const char *const seed_files[] = { "corpus/seed/ostrava-deti-a-rodina.txt",
                                          "corpus/seed/prostejov-mensiny-a-cizinci.txt" };

/* A text pieced from 1 to max_words pieces, each followed by a space, or
 * (one time in space_odds) by one of the gaps; *seed steps on. */
static void pieced_text(uint32_t *seed, const char *const *pieces, size_t np, const char *const *gaps, size_t ng,
                        size_t max_words, unsigned space_odds, zp_buf *text)
{
    zp_buf_reset(text);
    *seed = *seed * 1103515245u + 12345u;
    size_t words = 1 + (*seed >> 16) % max_words;
    for (size_t w = 0; w < words; w++) {
        *seed = *seed * 1103515245u + 12345u;
        zp_buf_adds(text, pieces[(*seed >> 16) % np]);
        *seed = *seed * 1103515245u + 12345u;
        zp_buf_adds(text, (*seed >> 16) % space_odds ? " " : gaps[(*seed >> 18) % ng]);
    }
}

/* The quick pass skims a text 64 bytes at a time where it can class every
 * byte (ASCII, and the letters of U+00C0-U+017F), and reads a word at a
 * time where it cannot: the tokens, their places and their order are the
 * same either way.  Checked on the seed minutes, and on thousands of texts
 * pieced together from what the skim must tell apart -- the signs for times
 * and division among Latin-1's letters, a no-break space, dashes, quotes,
 * marks after a letter, other scripts, bytes that begin no character or
 * end the text halfway through one, words up to 70 bytes across the
 * blocks' edges, lone capitals, a letter or two before a dot, dates,
 * abbreviations, hyphens -- under tables that want some first letters,
 * two letters, whole words, digits or every word. */
static void the_skim_reports_what_reading_word_by_word_does(void **state)
{
    (void)state;
    static const char *const tables[] = { "s p", "sl pa", "=e", "c", "h", "pr", "z o", "x", "", "2 1", "=a =v ve 20",
                                          "em", "ta t", "d", "s", "so", "7", "n", "pra", "=nad", "soc sl", "naj =na",
                                          "smlouv rozp =ta", "=pro =se 201", "smlouv rozp pronaj", "zapis holes",
                                          "naj sml =pro" };
    size_t compared = 0;
    for (size_t f = 0; f < sizeof seed_files / sizeof seed_files[0]; f++) {
        size_t len;
        char *text = read_file(seed_files[f], &len);
        for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
            zp_tok_only *only = table_of(tables[k]);
            for (size_t from = 0; from < 70 && from < len; from += 7) {   /* every alignment of the blocks */
                char *skimmed = tokens_of(text + from, len - from, only, 1);
                char *read = tokens_of(text + from, len - from, only, 0);
                assert_string_equal(skimmed, read);
                compared += strlen(read) > 0;
                free(skimmed);
                free(read);
            }
            free(only);
        }
        free(text);
    }
    assert_true(compared > 200);
    static const char *const pieces[] = {
        "Schvaluje", "rozpočet", "smlouvu", "nájemní", "pronájem", "sociálních", "služeb", "Žebřík", "ČEZ", "Ústí",
        "a", "v", "Z", "Á", "Č", "s", "2019", "11", "1", "7", "ŽÁDOST", "příspěvková", "organizace", "×", "÷", "Ø",
        "ß", "ĸ", "ſ", "ŉ", "Ÿ", "\xC2\xA0", "\xE2\x80\x93", "\xE2\x80\x9E", "\xE2\x80\x9C", "e\xCC\x81", "\xCC\x81",
        "Москва", "Ελλάδα", "\xC3", "\x80", "\xFF", "\xC4\x8D\xCC\x8C", "§", "°", "µ", "ª", "—",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789",
        "příliš žluťoučký kůň úpěl ďábelské ódy", "o.p.s.", "k.ú.", "Ph.D.", "11. 1. 2019", "16.1.2025",
        "e-mail", "pracovně-právní", "e\xE2\x80\x90mail", "Z Á P I S", "č.", "odst.", "ad", "ta", "tě",
        "ţ", "İ", "ı", "ǅ", "Ǆ", "\xC3\x97x", "x\xC3\xB7", "\xC5", "\xC4\xC4",
        /* glued to the words around them */
        "pro\xC2\xA0sociální", "č.\xC2\xA0" "1", "§\xC2\xA0" "7", "smlouva\xE2\x80\x93pronájem", "„Senioři“", "2×3",
        "m\xC2\xB2", "Ö\xC3\xB7s", "slovo\xC3\x97slovo", "tř\xCC\x8Cída", "pa\xCC\x81s", "x\xC2\xB5y",
        "ta\x80smlouva", "pro\xBFsociální", "x\xA0" "7", "rada\xC3\x28nájem",
    };
    static const char *const gaps[] = { " ", "  ", "\n", ", ", ".", ". ", "-", "", "\t", "/", "(", ")", ":", " – " };
    const size_t np = sizeof pieces / sizeof pieces[0], ng = sizeof gaps / sizeof gaps[0];
    uint32_t seed = 12345u;
    zp_buf text = ZP_BUF_INIT;
    for (int round = 0; round < 3000; round++) {
        pieced_text(&seed, pieces, np, gaps, ng, 120, 3, &text);   /* mostly a space, as in text */
        seed = seed * 1103515245u + 12345u;
        zp_tok_only *only = table_of(tables[(seed >> 16) % (sizeof tables / sizeof tables[0])]);
        char *skimmed = tokens_of(text.data, text.len, only, 1);
        char *read = tokens_of(text.data, text.len, only, 0);
        assert_string_equal(skimmed, read);
        free(skimmed);
        free(read);
        free(only);
        zp_buf_free(&text);
    }
}

/* The tokens the table wants (zp_tok_only_wants) of those zp_tok_each
 * gives (or, quick, zp_tok_each_only), as describe_at writes them. */
typedef struct {
    const zp_tok_only *only;
    zp_buf b;
} wanted_ctx;

static int keep_wanted(const zp_token *t, void *ud)
{
    wanted_ctx *w = ud;
    if (zp_tok_only_wants(w->only, t->term, t->term_len))
        describe_at(t, &w->b);
    return 0;
}

static char *wanted_of(const char *text, size_t len, const zp_tok_only *only, int quick)
{
    wanted_ctx w = { only, ZP_BUF_INIT };
    if (quick)
        assert_int_equal(zp_tok_each_only(text, len, only, keep_wanted, &w), 0);
    else
        assert_int_equal(zp_tok_each(text, len, keep_wanted, &w), 0);
    char *out = strdup(zp_buf_str(&w.b));
    zp_buf_free(&w.b);
    return out;
}

/* text under only: the quick pass reports the tokens of zp_tok_each it
 * wants, and nothing else.  How many bytes they take, described. */
static size_t reports_what_it_wants(const char *text, size_t len, const zp_tok_only *only)
{
    char *quick = wanted_of(text, len, only, 1), *all = wanted_of(text, len, only, 0);
    assert_string_equal(quick, all);
    char *every = tokens_of(text, len, only, 1);
    assert_string_equal(every, quick);
    size_t n = strlen(all);
    free(every);
    free(quick);
    free(all);
    return n;
}

/* The quick pass reports the tokens zp_tok_each gives that the table wants
 * (zp_tok_only_wants), each where it stands, and only those: it passes
 * over the words that cannot match, and the dates when the table wants no
 * number, and over nothing a pattern would have read otherwise (a heading
 * gone over from its second letter would be joined from there).  On the
 * seed minutes and on texts pieced from numbers, dates, abbreviations,
 * headings and words, under tables that want numbers, short words, or
 * neither. */
static void the_quick_pass_reports_the_tokens_the_table_wants(void **state)
{
    (void)state;
    static const char *const tables[] = { "s p", "pra", "=nad", "smlouv rozp pronaj", "zapis holes", "naj sml =pro",
                                          "2 1", "=pro =se 201", "soc sl", "x", "", "7", "ku", "=ku", "ph", "cp" };
    size_t reported = 0;
    for (size_t f = 0; f < sizeof seed_files / sizeof seed_files[0]; f++) {
        size_t len;
        char *text = read_file(seed_files[f], &len);
        for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
            zp_tok_only *only = table_of(tables[k]);
            reported += reports_what_it_wants(text, len, only);
            free(only);
        }
        free(text);
    }
    assert_true(reported > 5000);   /* bytes of tokens described: 9,028 */
    static const char *const pieces[] = {
        "Schvaluje", "smlouvu", "pronájem", "pro", "Praha", "sociálních", "holešovice", "a", "v", "Z", "Á", "s", "ú",
        "2019", "11", "1", "12", "31", "0054", "11. 1. 2019", "1.2.2019", "31. 12.", "o.p.s.", "k.ú.", "Ph.D.", "č.",
        "č. p.", "čp.", "p.", "ku", "Z Á P I S", "Z Á", "H O L", "e-mail", "pro-rodinné", "1 000", "Ελλάδα", "α.",
        "αβ", "č.α.", "ǅ", "k.ǅ.", "7", "odst.", "ad", "S.", "P. Novák", "č. 1234/5", "J.", "č.\xC2\xA0" "12",
        "A, B", "Z Á P I S", "Ž Á", "K Ú", "k.", "ú.", "P.S.", "s. r. o.",
    };
    static const char *const gaps[] = { " ", ". ", ".", "\n", ", ", "-", "" };
    const size_t np = sizeof pieces / sizeof pieces[0], ng = sizeof gaps / sizeof gaps[0];
    uint32_t seed = 4242u;
    size_t compared = 0;
    zp_buf text = ZP_BUF_INIT;
    for (int round = 0; round < 3000; round++) {
        pieced_text(&seed, pieces, np, gaps, ng, 60, 2, &text);
        seed = seed * 1103515245u + 12345u;
        zp_tok_only *only = table_of(tables[(seed >> 16) % (sizeof tables / sizeof tables[0])]);
        compared += reports_what_it_wants(text.data, text.len, only) > 0;
        free(only);
        zp_buf_free(&text);
    }
    assert_true(compared > 1000);
}

/* A table holds a set of third letters for 512 pairs of first two; a pair
 * beyond them wants any third: its words are reported, never lost. */
static void a_full_table_of_thirds_wants_any_third(void **state)
{
    (void)state;
    static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    zp_tok_only *only = calloc(1, sizeof *only);
    assert_non_null(only);
    for (const char *a = alnum; *a; a++)
        for (const char *b = alnum; *b; b++) {
            char w[3] = { *a, *b, 'x' };
            zp_tok_only_add(only, w, 3, ZP_TOK_ONLY_WORD);
        }
    assert_int_equal(only->n_third, ZP_TOK_THIRDS);
    zp_buf b = ZP_BUF_INIT;
    /* "aa" has a set ('x' only); "99" came too late for one */
    assert_int_equal(zp_tok_each_only("aax aay 99x 99y", 15, only, describe, &b), 0);
    assert_string_equal(zp_buf_str(&b), "aax 99x 99y");
    zp_buf_free(&b);
    free(only);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenizes_real_minutes_text),
        cmocka_unit_test(token_offsets_point_at_the_original_words),
        cmocka_unit_test(callback_can_stop_the_walk),
        cmocka_unit_test(overlong_words_are_dropped),
        cmocka_unit_test(short_code_points_split_as_utf8proc_says),
        cmocka_unit_test(only_the_wanted_words_are_reported),
        cmocka_unit_test(the_skim_reports_what_reading_word_by_word_does),
        cmocka_unit_test(the_quick_pass_reports_the_tokens_the_table_wants),
        cmocka_unit_test(a_full_table_of_thirds_wants_any_third),
    };
    return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
