/* JSON strings: what must be escaped is, bytes that are not UTF-8 become
 * U+FFFD, and everything else is copied as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "buf.h"
#include "format.h"

static const struct {
    const char *in;
    size_t len;
    const char *out;
} strings[] = {
    { "Zápis z jednání Žebřík", 0, "\"Zápis z jednání Žebřík\"" },
    { "a\"b\\c\nd\re\tf", 0, "\"a\\\"b\\\\c\\nd\\re\\tf\"" },
    { "</script> a/b <x/>", 0, "\"<\\u002fscript> a/b <x/>\"" },
    { "x\x01\x1f\x7fy", 0, "\"x\\u0001\\u001f\\u007fy\"" },
    { "nul\0in", 6, "\"nul\\u0000in\"" },
    { "cena 5 € – „dotace“", 0, "\"cena 5 € – „dotace“\"" },
    { "Z\xE1pis", 0, "\"Z\xEF\xBF\xBDpis\"" },                            /* cp1250 á */
    { "konec \xC5", 0, "\"konec \xEF\xBF\xBD\"" },                          /* cut short */
    { "\xC0\xAF/", 0, "\"\xEF\xBF\xBD\xEF\xBF\xBD/\"" },                   /* overlong */
    { "\xF0\x9F\x93\x84 zápis\xFF", 0, "\"\xF0\x9F\x93\x84 zápis\xEF\xBF\xBD\"" },
    { "", 0, "\"\"" },
};

static void json_strings_are_escaped_and_valid_utf8(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        zp_buf_adds(&b, "x:");
        size_t len = strings[i].len ? strings[i].len : strlen(strings[i].in);
        assert_int_equal(zp_fmt_json_string(&b, strings[i].in, len), 0);
        assert_string_equal(zp_buf_str(&b) + 2, strings[i].out);
        zp_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_strings_are_escaped_and_valid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
