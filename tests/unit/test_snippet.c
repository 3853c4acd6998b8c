/* Snippets: the passage shown for a hit, marked in the original text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "fold.h"
#include "snippet.h"

static const char *none[] = { NULL };

/* The term a query word asks for, as the searcher computes it (lemma or
 * light stem); static storage, a few at a time. */
static const char *stem(const char *word)
{
    static char out[8][64];
    static int next;
    char *o = out[next++ % 8];
    zp_buf f = ZP_BUF_INIT, s = ZP_BUF_INIT;
    zp_fold_word(word, strlen(word), &f);
    zp_analyse_query_term(word, strlen(word), zp_buf_str(&f), f.len, &s);
    snprintf(o, 64, "%s", zp_buf_str(&s));
    zp_buf_free(&f);
    zp_buf_free(&s);
    return o;
}

/* Renders with [[ ]] markers; the caller frees the result. */
static char *snip(const char *text, const char *const *words, const char *const *stems,
                  const char *const *prefixes, int html)
{
    size_t nw = 0, ns = 0, np = 0;
    while (words[nw])
        nw++;
    while (stems[ns])
        ns++;
    while (prefixes[np])
        np++;
    /* each snippet twice: every word analysed, and with the stems' forms
     * passing over the words that cannot match -- the same marks */
    zp_snip_terms t = { words, nw, stems, ns, prefixes, np, NULL };
    zp_snip_forms *forms = zp_snip_forms_new(&t);
    assert_non_null(forms);   /* the lexicon has its table of forms */
    char *out[2];
    for (int k = 0; k < 2; k++) {
        t.forms = k ? forms : NULL;
        zp_snippet s;
        assert_int_equal(zp_snip_make(text, strlen(text), &t, ZP_SNIP_MAX_CHARS, &s), 0);
        zp_buf b = ZP_BUF_INIT;
        zp_snip_render(&s, html ? "<mark>" : "[[", html ? "</mark>" : "]]", html, &b);
        zp_snip_free(&s);
        out[k] = zp_buf_steal(&b);
    }
    zp_snip_forms_free(forms);
    assert_string_equal(out[1], out[0]);
    free(out[1]);
    return out[0];
}

/* Passing over words by their forms misses none: a lemma's forms (the
 * dictionary's), a suppletive one (lidé: člověk), a name the dictionary
 * does not know (its light stem: the stem's beginning, its ending cut and
 * its last letters changed), a date's numbers. */
static void words_passed_over_by_their_forms_are_never_a_match(void **state)
{
    (void)state;
    const char *stems[] = { stem("rozpočet"), stem("člověk"), stem("Klinovskou"), stem("Holešovicemi"),
                            stem("2019"), stem("cizinec"), NULL };
    char *s = snip("Návrh rozpočtu na rok 2019: lidé z Holešovic, Mgr. Barbora Klinovská a cizinci.", none,
                   stems, none, 0);
    assert_string_equal(s, "Návrh [[rozpočtu]] na rok [[2019]]: [[lidé]] z [[Holešovic]], Mgr. Barbora "
                           "[[Klinovská]] a [[cizinci]].");
    free(s);
}

static void marks_inflected_forms_in_the_original_text(void **state)
{
    (void)state;
    const char *stems[] = { stem("zebrik"), stem("cizinci"), NULL };
    char *s = snip("P. Rozehnalová – v rámci Žebříku byla zrušena služba. Nyní narůstá počet cizinců.",
                   none, stems, none, 0);
    assert_string_equal(s, "P. Rozehnalová – v rámci [[Žebříku]] byla zrušena služba. Nyní narůstá počet [[cizinců]].");
    free(s);
}

static void html_rendering_escapes_text_and_marks_words(void **state)
{
    (void)state;
    const char *stems[] = { stem("zebrik"), NULL };
    char *s = snip("A < B & \"Žebřík\" <script>", none, stems, none, 1);
    assert_string_equal(s, "A &lt; B &amp; &quot;<mark>Žebřík</mark>&quot; &lt;script&gt;");
    free(s);
}

static void without_a_match_shows_the_beginning(void **state)
{
    (void)state;
    char text[1200] = "";
    for (int i = 0; i < 60; i++)
        strcat(text, "Zápis z jednání ");
    char *s = snip(text, none, none, none, 0);
    assert_true(strncmp(s, "Zápis z jednání", 15) == 0);
    assert_non_null(strstr(s, " \xE2\x80\xA6"));
    assert_true(zp_fold_count_chars(s, strlen(s)) <= ZP_SNIP_MAX_CHARS + 2);
    free(s);
}

static void a_deep_match_is_shown_in_context_within_the_length_limit(void **state)
{
    (void)state;
    char text[4000] = "";
    for (int i = 0; i < 80; i++)
        strcat(text, "Různé informace ze služeb. ");
    strcat(text, "Skupina se shodla na obnovení odborného sociálního poradenství pro cizince. ");
    for (int i = 0; i < 40; i++)
        strcat(text, "Další setkání. ");
    zp_buf stem = ZP_BUF_INIT;
    zp_fold_word("obnovení", strlen("obnovení"), &stem);
    char *folded = zp_buf_steal(&stem);
    zp_analyse_query_term(NULL, 0, folded, strlen(folded), &stem);
    const char *stems[] = { zp_buf_str(&stem), NULL };
    char *s = snip(text, none, stems, none, 0);
    free(folded);
    assert_true(strncmp(s, "\xE2\x80\xA6 ", 4) == 0);
    assert_non_null(strstr(s, "[[obnovení]]"));
    assert_true(zp_fold_count_chars(s, strlen(s)) <= ZP_SNIP_MAX_CHARS + 2 + 4);
    free(s);
    zp_buf_free(&stem);
}

/* Two words 180 characters apart (300 bytes of Czech letters between
 * them) fit in one passage of 200 characters: the room is counted in
 * characters, far after the text's beginning too. */
static void words_within_the_room_in_characters_share_a_passage(void **state)
{
    (void)state;
    char text[4000] = "";
    for (int i = 0; i < 30; i++)
        strcat(text, "Různé informace. ");
    strcat(text, "alfa ");
    for (int i = 0; i < 45; i++)
        strcat(text, "čšž ");
    strcat(text, "beta a dál.");
    const char *words[] = { "alfa", "beta", NULL };
    char *s = snip(text, words, none, none, 0);
    assert_non_null(strstr(s, "[[alfa]]"));
    assert_non_null(strstr(s, "[[beta]]"));
    free(s);
    /* the room's last word counted in characters too: "Seniorům" (8
     * characters, 9 bytes) ends exactly 200 characters after "Senioři"
     * begins, so the two share the passage */
    char filler[184];
    for (int i = 0; i < 183; i++)
        filler[i] = i % 3 == 2 ? ' ' : 'x';
    filler[183] = '\0';
    snprintf(text, sizeof text, "Senioři %s Seniorům a další slova, která se do ukázky nevejdou.", filler);
    const char *stems[] = { "senior", NULL };
    s = snip(text, none, stems, none, 0);
    assert_non_null(strstr(s, "[[Senioři]]"));
    assert_non_null(strstr(s, "[[Seniorům]]"));
    free(s);
}

static void prefers_the_passage_with_more_distinct_terms(void **state)
{
    (void)state;
    char text[4000] = "cizinci cizinci cizinci cizinci. ";
    for (int i = 0; i < 40; i++)
        strcat(text, "Jiné téma jednání. ");
    strcat(text, "Organizace Žebřík pomáhá cizincům.");
    const char *stems[] = { stem("cizinci"), stem("zebrik"), NULL };
    char *s = snip(text, none, stems, none, 0);
    assert_non_null(strstr(s, "[[Žebřík]] pomáhá [[cizincům]]"));
    free(s);
}

/* Of two passages with the same terms as often, the one where they stand
 * side by side (a phrase, only whitespace between) is shown; a comma or
 * another word between them is not side by side. */
static void prefers_the_passage_where_the_terms_stand_together(void **state)
{
    (void)state;
    char text[4000] = "Žebřík, cizinci a další. ";
    for (int i = 0; i < 20; i++)
        strcat(text, "Jiné téma jednání. ");
    strcat(text, "Žebřík a cizinci. ");
    for (int i = 0; i < 20; i++)
        strcat(text, "Jiné téma jednání. ");
    strcat(text, "Organizace Žebřík\n cizincům pomáhá. ");
    for (int i = 0; i < 20; i++)
        strcat(text, "Jiné téma jednání. ");
    const char *stems[] = { stem("cizinci"), stem("zebrik"), NULL };
    char *s = snip(text, none, stems, none, 0);
    assert_non_null(strstr(s, "Organizace [[Žebřík]] [[cizincům]] pomáhá"));
    free(s);
}

static void shows_up_to_three_passages_in_text_order(void **state)
{
    (void)state;
    char text[8000] = "";
    static const char *const parts[] = { "Žebřík pomáhá cizincům. ", "Druhá zmínka: Žebřík jedná s městem. ",
                                         "Třetí: Žebřík a cizinci. ", "Čtvrtá: Žebřík znovu. " };
    for (size_t k = 0; k < 4; k++) {
        strcat(text, parts[k]);
        for (int i = 0; i < 30; i++)
            strcat(text, "Jiné téma jednání. ");
    }
    const char *stems[] = { stem("zebrik"), stem("cizinci"), NULL };
    zp_snip_terms t = { none, 0, stems, 2, none, 0, NULL };
    zp_snippet sn;
    assert_int_equal(zp_snip_passages(text, strlen(text), &t, ZP_SNIP_MAX_CHARS, ZP_SNIP_MORE_CHARS, 3, &sn), 0);
    zp_buf b = ZP_BUF_INIT;
    zp_snip_render(&sn, "[[", "]]", 0, &b);
    const char *s = zp_buf_str(&b);
    /* the best passage (both words) first in the text, two more after it,
     * one ellipsis between passages, none doubled */
    const char *a = strstr(s, "[[Žebřík]] pomáhá [[cizincům]]"), *c = strstr(s, "Třetí: [[Žebřík]] a [[cizinci]]");
    assert_non_null(a);
    assert_non_null(c);
    assert_true(a < c);
    assert_null(strstr(s, "\xE2\x80\xA6 \xE2\x80\xA6"));
    size_t passages = 0;
    for (const char *p = s; (p = strstr(p, "\xE2\x80\xA6")); p += 3)
        passages++;
    assert_true(passages >= 2 && passages <= 4);
    assert_int_equal(sn.n_marks >= 4, 1);
    zp_buf_free(&b);
    zp_snip_free(&sn);
}

static void wildcard_prefixes_and_plain_words_mark_too(void **state)
{
    (void)state;
    const char *words[] = { "opu", NULL };
    const char *prefixes[] = { "poraden", NULL };
    char *s = snip("Klientům poskytují sociální poradenství (OPU).", words, none, prefixes, 0);
    assert_string_equal(s, "Klientům poskytují sociální [[poradenství]] ([[OPU]]).");
    free(s);
}

/* A stem of two letters or fewer says nothing of how its words begin
 * (a light stem may change both): no word is passed over by its first. */
static void a_short_stem_is_looked_for_in_every_word(void **state)
{
    (void)state;
    const char *stems[] = { stem("MŠ"), stem("7"), NULL };
    char *s = snip("Nájem bytu pro MŠ Kostelní, Praha 7.", none, stems, none, 0);
    assert_string_equal(s, "Nájem bytu pro [[MŠ]] Kostelní, Praha [[7]].");
    free(s);
}

static void a_date_is_one_mark(void **state)
{
    (void)state;
    const char *stems[] = { "16", "1", "2025", NULL };
    char *s = snip("DATUM: 16.1.2025 MÍSTO", none, stems, none, 0);
    assert_string_equal(s, "DATUM: [[16.1.2025]] MÍSTO");
    free(s);
}

/* The marks a passage would have, counted without making it, are those
 * zp_snip_make's passage has: a date's numbers one, hits the context took
 * in, hits beyond the passage left out, none at all. */
static void a_passage_marks_are_counted_as_made(void **state)
{
    (void)state;
    char long_text[3000] = "";
    for (int i = 0; i < 12; i++)
        strcat(long_text, "Rada schvaluje dotaci 16.1.2025 spolku a dotace jinému spolku. Další text bez shody. ");
    const char *texts[] = { "DATUM: 16.1.2025 MÍSTO", long_text, "nic zde", "", "dotace dotace 16. 1. 2025 dotace" };
    const char *words[] = { "dotace", "16", "1", "2025", NULL };
    zp_snip_terms t = { words, 4, (const char *const *)none, 0, (const char *const *)none, 0, NULL };
    size_t maxes[] = { 30, 120, 420 };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (size_t m = 0; m < 3; m++) {
            zp_snippet sn;
            assert_int_equal(zp_snip_make(texts[i], strlen(texts[i]), &t, maxes[m], &sn), 0);
            zp_snip_found *f;
            assert_int_equal(zp_snip_find(texts[i], strlen(texts[i]), &t, &f), 0);
            assert_int_equal(zp_snip_found_marks(f, maxes[m]), sn.n_marks);
            zp_snip_found_free(f);
            zp_snip_free(&sn);
        }
}

static void collapses_whitespace_of_the_original(void **state)
{
    (void)state;
    const char *stems[] = { "senior", NULL };
    char *s = snip("PS\n\n   Senioři\t\tzápis", none, stems, none, 0);
    assert_string_equal(s, "PS [[Senioři]] zápis");
    free(s);
    /* a passage deep in a text of wide gaps: one space after the ellipsis,
     * one between words, wherever the passage was cut */
    char text[6000] = "";
    for (int i = 0; i < 80; i++)
        strcat(text, "Různé  informace\n\n ze \tslužeb.  ");
    strcat(text, "PS \n Senioři  \n\n");
    for (int i = 0; i < 40; i++)
        strcat(text, "Další \r\n setkání.   ");
    s = snip(text, none, stems, none, 0);
    assert_true(strncmp(s, "\xE2\x80\xA6 ", 4) == 0);
    assert_true(s[4] != ' ');
    assert_null(strstr(s, "  "));
    assert_non_null(strstr(s, "PS [[Senioři]] Další setkání."));
    free(s);
}

static void a_decision_is_found_in_the_text_and_its_matches_counted(void **state)
{
    (void)state;
    const char *text = "Rada městské části\n1. schvaluje dotaci\n   spolku Žebřík ve výši 10 000 Kč\n"
                       "2. ukládá starostovi uzavřít smlouvu s Žebříkem dne 16.1.2025";
    const char *stems[] = { stem("zebrik"), stem("dotace"), "16", "1", "2025", NULL };
    zp_snip_terms t = { none, 0, stems, 5, none, 0, NULL };
    zp_snip_found *f = NULL;
    assert_int_equal(zp_snip_find(text, strlen(text), &t, &f), 0);
    size_t from, to;
    /* a decision keeps the words with their spacing squeezed */
    const char *d1 = "schvaluje dotaci spolku Žebřík ve výši 10 000 Kč";
    assert_int_equal(zp_snip_locate(text, strlen(text), d1, strlen(d1), &from, &to), 1);
    assert_int_equal(strncmp(text + from, "schvaluje", 9), 0);
    assert_int_equal(zp_snip_found_count(f, from, to), 2);
    /* one cut short; a date's numbers are one match */
    const char *d2 = "ukládá starostovi uzavřít smlouvu s Žebříkem dne 16.1.2025 \xE2\x80\xA6";
    assert_int_equal(zp_snip_locate(text, strlen(text), d2, strlen(d2), &from, &to), 1);
    assert_int_equal(zp_snip_found_count(f, from, to), 2);
    /* words that are not there in that order */
    const char *d3 = "schvaluje smlouvu";
    assert_int_equal(zp_snip_locate(text, strlen(text), d3, strlen(d3), &from, &to), 0);
    /* the passages from what was found are those zp_snip_passages makes */
    zp_snippet a, b;
    assert_int_equal(zp_snip_passages_found(f, 60, 40, 3, &a), 0);
    assert_int_equal(zp_snip_passages(text, strlen(text), &t, 60, 40, 3, &b), 0);
    assert_string_equal(a.text, b.text);
    assert_int_equal(a.n_marks, b.n_marks);
    zp_snip_free(&a);
    zp_snip_free(&b);
    zp_snip_found_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(marks_inflected_forms_in_the_original_text),
        cmocka_unit_test(html_rendering_escapes_text_and_marks_words),
        cmocka_unit_test(without_a_match_shows_the_beginning),
        cmocka_unit_test(a_deep_match_is_shown_in_context_within_the_length_limit),
        cmocka_unit_test(words_within_the_room_in_characters_share_a_passage),
        cmocka_unit_test(prefers_the_passage_with_more_distinct_terms),
        cmocka_unit_test(prefers_the_passage_where_the_terms_stand_together),
        cmocka_unit_test(wildcard_prefixes_and_plain_words_mark_too),
        cmocka_unit_test(shows_up_to_three_passages_in_text_order),
        cmocka_unit_test(a_short_stem_is_looked_for_in_every_word),
        cmocka_unit_test(a_date_is_one_mark),
        cmocka_unit_test(a_passage_marks_are_counted_as_made),
        cmocka_unit_test(collapses_whitespace_of_the_original),
        cmocka_unit_test(a_decision_is_found_in_the_text_and_its_matches_counted),
        cmocka_unit_test(words_passed_over_by_their_forms_are_never_a_match),
    };
    return cmocka_run_group_tests_name("snippet", tests, NULL, NULL);
}
