/* Document data records: any bytes survive a round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"

static void fields_round_trip_with_newlines_and_separators(void **state)
{
    (void)state;
    zp_buf b = ZP_BUF_INIT;
    zp_docdata_puts(&b, "path", "/archiv/zápis 1.txt");
    zp_docdata_puts(&b, "title", "Zápis\nz jednání=3:");
    zp_docdata_put(&b, "text", "a\0b", 3);
    zp_docdata_puts(&b, "org", "Žebřík");
    zp_docdata_puts(&b, "org", "Drom");
    const char *v;
    size_t n;
    assert_int_equal(zp_docdata_get(b.data, b.len, "title", &v, &n), 0);
    assert_int_equal(n, strlen("Zápis\nz jednání=3:"));
    assert_memory_equal(v, "Zápis\nz jednání=3:", n);
    assert_int_equal(zp_docdata_get(b.data, b.len, "text", &v, &n), 0);
    assert_int_equal(n, 3);
    assert_memory_equal(v, "a\0b", 3);
    assert_int_equal(zp_docdata_each(b.data, b.len, "org", NULL, NULL), 2);
    char *p = zp_docdata_dup(b.data, b.len, "path");
    assert_string_equal(p, "/archiv/zápis 1.txt");
    free(p);
    zp_buf_free(&b);
}

static void missing_fields_are_absent_and_dup_gives_empty(void **state)
{
    (void)state;
    zp_buf b = ZP_BUF_INIT;
    zp_docdata_puts(&b, "path", "x");
    const char *v;
    size_t n;
    assert_int_equal(zp_docdata_get(b.data, b.len, "pat", &v, &n), -1);
    assert_int_equal(zp_docdata_get(b.data, b.len, "paths", &v, &n), -1);
    char *p = zp_docdata_dup(b.data, b.len, "title");
    assert_string_equal(p, "");
    free(p);
    zp_buf_free(&b);
}

static const char *const malformed[] = {
    "path=5:ab\n",              /* length past the end */
    "path=2:abX",               /* no newline after value */
    "path=:ab\n",               /* no length */
    "path=99999999999999999999999:a\n", /* overflow */
    "garbage",
    "",
};

static void malformed_data_is_rejected_not_overread(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        const char *v;
        size_t n;
        assert_int_equal(zp_docdata_get(malformed[i], strlen(malformed[i]), "path", &v, &n), -1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_round_trip_with_newlines_and_separators),
        cmocka_unit_test(missing_fields_are_absent_and_dup_gives_empty),
        cmocka_unit_test(malformed_data_is_rejected_not_overread),
    };
    return cmocka_run_group_tests_name("docdata", tests, NULL, NULL);
}
