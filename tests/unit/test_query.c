/* Query normalisation: what people type -> what Xapian's parser is given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "query.h"

static const char *const fields[] = { "title", "rok", NULL };

static const struct {
    const char *typed, *xapian;
} rows[] = {
    { "PROSTĚJOV", "prostejov" },
    { "Žebřík cizincům", "zebrik cizincum" },
    { "poradenství NOT cizinci", "poradenstvi NOT cizinci" },
    { "poradenství not cizinci", "poradenstvi not cizinci" },
    { "\"odborné sociální poradenství\"", "\"odborne socialni poradenstvi\"" },
    { "+Žebřík -cizinci", "+zebrik -cizinci" },
    { "(senioři OR děti) AND Ostrava", "(seniori OR deti) AND ostrava" },
    { "porad*", "porad*" },
    { "16.1.2025", "\"16 1 2025\"" },
    { "11. 1. 2019", "\"11 1 2019\"" },
    { "e-mail", "\"e mail\"" },
    { "-e-mail", "-\"e mail\"" },
    { "o.p.s.", "ops" },
    { "title:Zápis", "title:zapis" },
    { "TITLE:zápis", "title:zapis" },
    { "neznamy:zápis", "\"neznamy zapis\"" },   /* unknown field: words as indexed, adjacent */
    { "pracovní - skupina", "pracovni skupina" },
    { "a; b<c> d{e}f", "a \"b c\" \"d e f\"" },
    { "\"unclosed phrase", "\"unclosed phrase" },
};

static void rewrites_queries_into_folded_parser_syntax(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        zp_query q;
        char err[256];
        assert_int_equal(zp_query_normalize(rows[i].typed, strlen(rows[i].typed), fields, &q, err,
                                            sizeof err),
                         0);
        assert_string_equal(q.xapian, rows[i].xapian);
        zp_query_free(&q);
    }
}

static void records_wildcard_prefixes_for_highlighting(void **state)
{
    (void)state;
    zp_query q;
    char err[256];
    assert_int_equal(zp_query_normalize("Poraden* AND cizin*", 19, NULL, &q, err, sizeof err), 0);
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
    { "", 0, "empty query" },
    { "   ", 3, "empty query" },
    { "AND AND", 7, "empty query" },
    { "*** ---", 7, "empty query" },
    { "Z\xE1pis", 5, "not valid UTF-8" },
    { "a\0b", 3, NULL },   /* NUL is blanked, not an error */
};

static void refuses_empty_and_invalid_queries_with_a_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        zp_query q;
        char err[256] = "";
        int rc = zp_query_normalize(bad[i].typed, bad[i].len, NULL, &q, err, sizeof err);
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
    assert_int_equal(zp_query_normalize(big, strlen(big), NULL, &q, err, sizeof err), -1);
    assert_non_null(strstr(err, "too long"));
    /* At the limit it is accepted (and the overlong word simply dropped). */
    big[ZP_MAX_QUERY_BYTES - 6] = ' ';
    memcpy(big + ZP_MAX_QUERY_BYTES - 5, "slovo", 5);
    assert_int_equal(zp_query_normalize(big, ZP_MAX_QUERY_BYTES, NULL, &q, err, sizeof err), 0);
    assert_string_equal(q.xapian + strlen(q.xapian) - 5, "slovo");
    zp_query_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rewrites_queries_into_folded_parser_syntax),
        cmocka_unit_test(records_wildcard_prefixes_for_highlighting),
        cmocka_unit_test(refuses_empty_and_invalid_queries_with_a_reason),
        cmocka_unit_test(refuses_overlong_queries),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
