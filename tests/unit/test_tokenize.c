/* Tokenizer: each row is a piece of real minutes text and its tokens,
 * written as "term" (next position), "+term" (glued to the previous one:
 * no space between) and "=term" (alternative at the previous position). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

/* zp_tok_each_only passes over the plain words whose folded form begins
 * with ASCII bytes the table does not want ("Šimáčkova" folds to "si"),
 * and the joined forms such a word begins, and nothing else: words folding
 * beyond ASCII, dates, abbreviations and the words after a passed-over one
 * are reported as zp_tok_each gives them.  A case's wanted are beginnings
 * ("sl": words beginning so), or whole words after '=' ("=e"). */
static void only_the_wanted_words_are_reported(void **state)
{
    (void)state;
    static const struct {
        const char *text, *wanted, *tokens;
    } cases[] = {
        { "Středisko rozvoje sociálních služeb, o.p.s. v partnerství", "s p",
          "stredisko socialnich sluzeb ops partnerstvi" },
        { "Šimáčkova 12, Praha 7, Argentinská", "p", "praha" },
        { "Šimáčkova 12, Praha 7, Argentinská", "s p", "simackova praha" },
        { "Dne: 11. 1. 2019 SCHVALUJE Schůze", "s", "11 +1 +2019 schvaluje schuze" },
        { "pracovně-právní e-mail", "x", "" },
        { "pracovně-právní e-mail", "m", "+mail" },
        /* a letter or two before a dot, a lone capital: a pattern may begin
         * there, and the words after it are read as zp_tok_each reads them */
        { "viz odst. p.s. ad Z Á P I S z k.ú. Holešovice", "s", "ps =zapis s ku" },
        { "viz odst. p.s. ad Z Á P I S z k.ú. Holešovice", "h", "ps =zapis ku holesovice" },
        { "ze Z Á P I S, viz k.ú. Holešovice", "s", "=zapis s ku" },
        { "pracovně-právní e-mail", "p e", "pracovne =pracovnepravni +pravni e =email" },
        { "Zastupitelstvo Obce ohaře", "z o", "zastupitelstvo obce ohare" },
        { "ČEZ a Člověk v tísni", "", "" },
        { "ČEZ a Člověk v tísni", "c", "cez clovek" },
        { "Ελλάδα, Україна: Ἀθῆναι", "", "ελλαδα украіна αθηναι" },
        { "ze Č E Z, ČEZ-Energo", "", "=cez" },
        /* by two letters: the second folded as the first is ("š" as s) */
        { "Středisko rozvoje sociálních služeb, o.p.s. v partnerství", "sl pa",
          "sluzeb ops partnerstvi" },
        { "Šimáčkova 12, Správa Šárky, SČ kraj", "si sc", "simackova sc" },
        { "a v ve na do 2019 20 2 Z Á P I S", "=a =v ve 20", "a v ve 2019 20 =zapis a" },
        /* before a hyphen a word is judged by its first letter alone: its
         * joined form may be wanted ("email"), though it is not ("e") */
        { "pracovně-právní e-mail a e mail", "em", "=email" },
        { "pracovně-právní e-mail a e mail", "=e", "e =email e" },
        { "pracovně-právní e-mail", "pr", "pracovne =pracovnepravni +pravni" },
        { "pracovně-právní e-mail", "pra", "pracovne =pracovnepravni +pravni" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        zp_tok_only *only = calloc(1, sizeof *only);
        assert_non_null(only);
        for (const char *w = cases[i].wanted; *w;) {
            int whole = *w == '=';
            w += whole;
            size_t n = strcspn(w, " ");
            zp_tok_only_add(only, w, n, whole ? ZP_TOK_ONLY_WORD : ZP_TOK_ONLY_BEGINNING);
            w += n + (w[n] == ' ');
        }
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenizes_real_minutes_text),
        cmocka_unit_test(token_offsets_point_at_the_original_words),
        cmocka_unit_test(callback_can_stop_the_walk),
        cmocka_unit_test(overlong_words_are_dropped),
        cmocka_unit_test(short_code_points_split_as_utf8proc_says),
        cmocka_unit_test(only_the_wanted_words_are_reported),
    };
    return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
