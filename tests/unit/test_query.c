/* Query normalisation: what people type -> what Xapian's parser is given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "query.h"

enum { YEAR, TOWN };
static const zp_field fields[] = { { "title", -1 }, { "rok", YEAR }, { "mesto", TOWN } };
#define N_FIELDS (sizeof fields / sizeof fields[0])

static const struct {
    const char *typed, *xapian;
} rows[] = {
    /* words go to the parser in lower case, their diacritics kept (the
     * stemmer reads the form typed); syntax survives */
    { "PROSTĚJOV", "prostějov" },
    { "Žebřík cizincům", "žebřík cizincům" },
    { "poradenství NOT cizinci", "poradenství NOT cizinci" },
    { "poradenství not cizinci", "poradenství not cizinci" },
    { "\"odborné sociální poradenství\"", "\"odborné sociální poradenství\"" },
    { "+Žebřík -cizinci", "+žebřík -cizinci" },
    { "(senioři OR děti) AND Ostrava", "(senioři OR děti) AND ostrava" },
    { "porad*", "porad*" },
    { "16.1.2025", "\"16 1 2025\"" },
    { "11. 1. 2019", "\"11 1 2019\"" },
    { "e-mail", "\"e mail\"" },
    { "-e-mail", "-\"e mail\"" },
    { "o.p.s.", "ops" },
    { "title:Zápis", "title:zápis" },
    { "TITLE:zápis", "title:zápis" },
    /* unknown field: words as indexed, adjacent -- a phrase, whose
     * ambiguous word (neznámý, or a form of znát) asks for each reading */
    { "neznamy:zápis", "(\"zpr_neznamy zápis\" OR \"zpr_znam zápis\" OR \"zpr_znamy zápis\")" },
    { "pracovní - Poradenství", "pracovní poradenství" },
    { "a; b<c> d{e}f", "a \"b c\" \"d e f\"" },
    { "\"unclosed phrase", "\"unclosed phrase" },
    /* a word of several readings (daň, daný) asks for any of them */
    { "dane", "(zpr_dan OR zpr_dany)" },
    { "+dane", "+(zpr_dan OR zpr_dany)" },
    /* with diacritics it has one */
    { "dané", "dané" },
    /* a phrase of such words: one phrase a combination of readings */
    { "\"dane z rozpoctu\"", "(\"zpr_dan z rozpoctu\" OR \"zpr_dany z rozpoctu\")" },
    /* a field's phrase keeps its quotes (and each word's first reading) */
    { "title:\"Zápis z jednání\"", "title:\"zápis z jednání\"" },
    /* a field before a bracket: each word and phrase in it, not only the
     * first (Xapian's parser carries no field into brackets) */
    { "title:(Zápis jednání)", "(title:zápis title:jednání)" },
    { "Title:(zápis OR \"z jednání\") Ostrava", "(title:zápis OR title:\"z jednání\") ostrava" },
    { "title:(zápis -(komise OR porad*))", "(title:zápis -(title:komise OR title:porad*))" },
};

static void rewrites_queries_into_folded_parser_syntax(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        zp_query q;
        char err[256];
        assert_int_equal(zp_query_normalize(rows[i].typed, strlen(rows[i].typed), fields, N_FIELDS,
                                            NULL, NULL, 0, &q, err, sizeof err),
                         0);
        assert_string_equal(q.xapian, rows[i].xapian);
        zp_query_free(&q);
    }
}

/* A field spread over a long bracket makes the text longer than typed:
 * its last word is still asked. */
static void a_long_bracket_keeps_its_last_word(void **state)
{
    (void)state;
    char typed[ZP_MAX_QUERY_BYTES + 1] = "title:(";
    while (strlen(typed) + 10 < ZP_MAX_QUERY_BYTES)
        strcat(typed, "ab ");
    strcat(typed, "zebrik)");
    zp_query q;
    char err[256];
    assert_int_equal(zp_query_normalize(typed, strlen(typed), fields, N_FIELDS, NULL, NULL, 0, &q, err, sizeof err), 0);
    const char *end = q.xapian + strlen(q.xapian) - strlen("title:zebrik)");
    assert_string_equal(end, "title:zebrik)");
    zp_query_free(&q);
}

static void records_wildcard_prefixes_for_highlighting(void **state)
{
    (void)state;
    zp_query q;
    char err[256];
    assert_int_equal(zp_query_normalize("Poraden* AND cizin*", 19, NULL, 0, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_int_equal(q.n_wildcards, 2);
    assert_string_equal(q.wildcards[0], "poraden");
    assert_string_equal(q.wildcards[1], "cizin");
    zp_query_free(&q);
}

static const struct {
    const char *typed;
    size_t len;
    const char *message;
} bad[] = {
    { "AND AND", 7, "empty query" },
    { "*** ---", 7, "empty query" },
    { "Z\xE1pis", 5, "not valid UTF-8" },
    { "a\0b", 3, NULL },   /* NUL is blanked, not an error */
};

/* Nothing typed is a browse: every document, filters allowed. */
static void an_empty_query_browses(void **state)
{
    (void)state;
    const char *typed[] = { "", "   ", "\t\n" };
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        zp_query q;
        char err[256] = "";
        assert_int_equal(zp_query_normalize(typed[i], strlen(typed[i]), NULL, 0, NULL, NULL, 0, &q, err, sizeof err), 0);
        assert_string_equal(q.xapian, "");
        zp_query_free(&q);
    }
}

static void refuses_empty_and_invalid_queries_with_a_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        zp_query q;
        char err[256] = "";
        int rc = zp_query_normalize(bad[i].typed, bad[i].len, NULL, 0, NULL, NULL, 0, &q, err, sizeof err);
        if (!bad[i].message) {
            assert_int_equal(rc, 0);
            assert_string_equal(q.xapian, "a b");
            zp_query_free(&q);
            continue;
        }
        assert_int_equal(rc, -1);
        assert_non_null(strstr(err, bad[i].message));
        assert_null(q.xapian);
    }
}

static void refuses_overlong_queries(void **state)
{
    (void)state;
    char big[ZP_MAX_QUERY_BYTES + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    zp_query q;
    char err[256];
    assert_int_equal(zp_query_normalize(big, strlen(big), NULL, 0, NULL, NULL, 0, &q, err, sizeof err), -1);
    assert_non_null(strstr(err, "too long"));
    /* At the limit it is accepted (and the overlong word simply dropped). */
    big[ZP_MAX_QUERY_BYTES - 6] = ' ';
    memcpy(big + ZP_MAX_QUERY_BYTES - 5, "slovo", 5);
    assert_int_equal(zp_query_normalize(big, ZP_MAX_QUERY_BYTES, NULL, 0, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_string_equal(q.xapian + strlen(q.xapian) - 5, "slovo");
    zp_query_free(&q);
}

static void takes_filters_out_of_the_query(void **state)
{
    (void)state;
    zp_query q;
    char err[256];
    const char *typed = "rok:2019 Žebřík MĚSTO:\"Velké Březno\" title:zápis";
    assert_int_equal(zp_query_normalize(typed, strlen(typed), fields, N_FIELDS, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_string_equal(q.xapian, "žebřík title:zápis");
    assert_int_equal(q.n_filters, 2);
    assert_int_equal(q.filters[0].id, YEAR);
    assert_string_equal(q.filters[0].value, "2019");
    assert_int_equal(q.filters[1].id, TOWN);
    assert_string_equal(q.filters[1].value, "Velké Březno");
    zp_query_free(&q);
    /* Only filters: an empty text query, not an error. */
    assert_int_equal(zp_query_normalize("rok:2019", 8, fields, N_FIELDS, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_string_equal(q.xapian, "");
    assert_int_equal(q.n_filters, 1);
    zp_query_free(&q);
}

static int opu_synonyms(const char *key, zp_strlist *out, void *ud)
{
    (void)ud;
    if (strcmp(key, "opu") == 0)
        return zp_strlist_add(out, "organizace pro pomoc uprchlikum", 31, 0);
    if (strcmp(key, "organizace pro pomoc uprchlikum") == 0)
        return zp_strlist_add(out, "opu", 3, 0);
    return 0;
}

static void expands_acronyms_and_names_both_ways(void **state)
{
    (void)state;
    const struct {
        const char *typed, *xapian;
    } syn[] = {
        { "OPU", "(opu OR (\"organizace pro zpr_pomoc uprchlikum\" OR \"organizace pro zpr_pomocit uprchlikum\"))" },
        { "zebrik OPU", "zebrik (opu OR (\"organizace pro zpr_pomoc uprchlikum\" OR \"organizace pro zpr_pomocit uprchlikum\"))" },
        { "Organizace pro pomoc uprchlíkům",
          "((\"organizace pro zpr_pomoc uprchlikum\" OR \"organizace pro zpr_pomocit uprchlikum\") OR opu)" },
        { "\"OPU\"", "\"opu\"" },
        { "OPU*", "opu*" },
    };
    for (size_t i = 0; i < sizeof syn / sizeof syn[0]; i++) {
        zp_query q;
        char err[256];
        assert_int_equal(zp_query_normalize(syn[i].typed, strlen(syn[i].typed), NULL, 0, opu_synonyms, NULL, 0, &q,
                                            err, sizeof err),
                         0);
        assert_string_equal(q.xapian, syn[i].xapian);
        zp_query_free(&q);
    }
}

static void records_words_readings_and_exact_lemmas(void **state)
{
    (void)state;
    zp_query q;
    char err[256];
    /* typed with diacritics: být's own lemma ranks first (it shares its
     * folded spelling with byt) */
    assert_int_equal(zp_query_normalize("být v obci", 11, NULL, 0, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_true(q.plain);
    assert_int_equal(q.n_words, 3);
    assert_int_equal(q.n_exact, 1);
    assert_string_equal(q.exact[0], "Ebýt");
    zp_query_free(&q);
    /* without diacritics nothing ranks apart */
    assert_int_equal(zp_query_normalize("byt v obci", 10, NULL, 0, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_int_equal(q.n_exact, 0);
    zp_query_free(&q);
    /* operators make a query more than its words: never relaxed */
    assert_int_equal(zp_query_normalize("rozpocet AND obec", 17, NULL, 0, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_false(q.plain);
    zp_query_free(&q);
    assert_int_equal(zp_query_normalize("\"rozpocet obce\"", 15, NULL, 0, NULL, NULL, 0, &q, err, sizeof err), 0);
    assert_false(q.plain);
    zp_query_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rewrites_queries_into_folded_parser_syntax),
        cmocka_unit_test(a_long_bracket_keeps_its_last_word),
        cmocka_unit_test(records_wildcard_prefixes_for_highlighting),
        cmocka_unit_test(an_empty_query_browses),
        cmocka_unit_test(refuses_empty_and_invalid_queries_with_a_reason),
        cmocka_unit_test(refuses_overlong_queries),
        cmocka_unit_test(takes_filters_out_of_the_query),
        cmocka_unit_test(expands_acronyms_and_names_both_ways),
        cmocka_unit_test(records_words_readings_and_exact_lemmas),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
