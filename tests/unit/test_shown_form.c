/* Shown forms of facet values: the form most documents wrote, whatever
 * the order they came in or the shards they went to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shown_form.h"

/* The stored value after counting each of forms[0..n) in turn. */
static char *counted(const char *start, const char *const *forms, size_t n)
{
    zp_buf b = ZP_BUF_INIT;
    char *stored = strdup(start);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(zp_shown_forms_count(stored, forms[i], &b), 0);
        free(stored);
        stored = strdup(zp_buf_str(&b));
    }
    zp_buf_free(&b);
    return stored;
}

static void best_of(const char *stored, const char *want)
{
    char *got = zp_shown_forms_best(stored);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* Real: one of Praha 7's resolutions writes "Prah a7" (read as the town
 * "Prah 7"), 1,620 others "Praha 7"; by diacritics and capitals the two
 * tie, and "Prah 7" came first in byte order. */
static void one_typo_does_not_rename_the_value(void **state)
{
    (void)state;
    const char *forms[] = { "Praha 7", "Praha 7", "Prah 7", "Praha 7" };
    char *stored = counted("", forms, 4);
    assert_string_equal(stored, "3\tPraha 7\n1\tPrah 7");
    best_of(stored, "Praha 7");
    free(stored);
}

static void the_order_documents_came_in_does_not_matter(void **state)
{
    (void)state;
    const char *a[] = { "ZŠ Letohradská", "ZŚ Letohradská", "ZŠ Letohradská", "ZS Letohradska" };
    const char *b[] = { "ZS Letohradska", "ZŠ Letohradská", "ZŚ Letohradská", "ZŠ Letohradská" };
    char *x = counted("", a, 4), *y = counted("", b, 4);
    assert_string_equal(x, y);
    best_of(x, "ZŠ Letohradská");
    free(x);
    free(y);
}

/* Each shard counts its own documents; a reader joins the shards' values
 * and counts them together: the form most written over all of them. */
static void shards_are_counted_together(void **state)
{
    (void)state;
    const char *one[] = { "Prah 7", "Prah 7" };
    const char *two[] = { "Praha 7", "Praha 7", "Praha 7" };
    char *a = counted("", one, 2), *b = counted("", two, 3);
    best_of(a, "Prah 7");   /* this shard alone */
    char joined[256];
    snprintf(joined, sizeof joined, "%s\n%s", a, b);
    best_of(joined, "Praha 7");
    snprintf(joined, sizeof joined, "%s\n%s", b, a);
    best_of(joined, "Praha 7");
    free(a);
    free(b);
}

/* Written equally often: more diacritics, then fewer capitals, then the
 * first in byte order. */
static void ties_go_to_diacritics_then_fewer_capitals(void **state)
{
    (void)state;
    best_of("1\tUZ\n1\tÚZ", "ÚZ");
    best_of("2\tRADA OBCE\n2\tRada obce", "Rada obce");
    best_of("1\tRada b\n1\tRada a", "Rada a");
    assert_true(zp_display_better("ÚZ", "UZ"));
    assert_false(zp_display_better("UZ", "ÚZ"));
    assert_true(zp_display_better("Rada", "RADA"));
}

/* An index written before counts were kept stores the form alone. */
static void a_value_stored_before_counts_counts_once(void **state)
{
    (void)state;
    best_of("Jeseník", "Jeseník");
    const char *forms[] = { "Jesenik", "Jesenik" };
    char *stored = counted("Jeseník", forms, 2);
    assert_string_equal(stored, "2\tJesenik\n1\tJeseník");
    free(stored);
    stored = counted("1. ZŠ Most", forms, 0);   /* digits, but no count */
    best_of(stored, "1. ZŠ Most");
    free(stored);
    char *none = zp_shown_forms_best("");
    assert_null(none);
}

static void a_full_list_keeps_its_forms(void **state)
{
    (void)state;
    zp_buf b = ZP_BUF_INIT;
    char *stored = strdup("");
    for (int i = 0; i <= ZP_SHOWN_FORMS_MAX + 5; i++) {
        char form[32];
        snprintf(form, sizeof form, "Forma %02d", i);
        assert_int_equal(zp_shown_forms_count(stored, form, &b), 0);
        free(stored);
        stored = strdup(zp_buf_str(&b));
    }
    size_t lines = 1;
    for (const char *p = stored; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, ZP_SHOWN_FORMS_MAX);
    assert_null(strstr(stored, "Forma 33"));
    /* a form already kept is still counted */
    assert_int_equal(zp_shown_forms_count(stored, "Forma 07", &b), 0);
    assert_non_null(strstr(zp_buf_str(&b), "2\tForma 07"));
    /* a form is one line */
    assert_int_equal(zp_shown_forms_count("", "Rada\nobce", &b), 0);
    assert_string_equal(zp_buf_str(&b), "1\tRada");
    zp_buf_free(&b);
    free(stored);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_typo_does_not_rename_the_value),
        cmocka_unit_test(the_order_documents_came_in_does_not_matter),
        cmocka_unit_test(shards_are_counted_together),
        cmocka_unit_test(ties_go_to_diacritics_then_fewer_capitals),
        cmocka_unit_test(a_value_stored_before_counts_counts_once),
        cmocka_unit_test(a_full_list_keeps_its_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
