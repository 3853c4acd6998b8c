/* Document data records: any bytes survive a round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "document.h"
#include "meta_words.h"

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

/* A decision is stored as where it stands in the text (lib/document.c):
 * its text comes back with the whitespace squeezed, cut ones with " …";
 * a range that is not one is refused, never read beyond the text. */
static void a_decision_comes_back_from_where_it_stands(void **state)
{
    (void)state;
    const char *text = "Rada MČ Praha 7\n\nI.\tschvaluje\n\n  prodej  bytu\r\nč. 12 \n";
    size_t len = strlen(text), at = 0, end = 0;
    const char *from = strstr(text, "prodej"), *to = strstr(text, "12") + 2;
    char range[32];
    snprintf(range, sizeof range, "%zu-%zu", (size_t)(from - text), (size_t)(to - text));
    zp_buf b = ZP_BUF_INIT;
    assert_int_equal(zp_doc_decision_text(text, len, range, strlen(range), &at, &end, &b), 0);
    assert_string_equal(zp_buf_str(&b), "prodej bytu č. 12");
    assert_int_equal(at, (size_t)(from - text));
    assert_int_equal(end, (size_t)(to - text));
    zp_buf_reset(&b);
    snprintf(range, sizeof range, "%zu-%zu\xE2\x80\xA6", (size_t)(from - text), (size_t)(to - text));
    assert_int_equal(zp_doc_decision_text(text, len, range, strlen(range), &at, &end, &b), 0);
    assert_string_equal(zp_buf_str(&b), "prodej bytu č. 12 \xE2\x80\xA6");
    /* squeezed onto what the buffer holds; whitespace alone gives nothing */
    zp_buf_reset(&b);
    zp_buf_adds(&b, "x:");
    zp_words_squeeze(text, 0, len, &b);
    assert_string_equal(zp_buf_str(&b), "x:Rada MČ Praha 7 I. schvaluje prodej bytu č. 12");
    zp_buf_reset(&b);
    const char *blank = strstr(text, "\n\n  ");
    zp_words_squeeze(text, (size_t)(blank - text), (size_t)(blank - text) + 4, &b);
    assert_int_equal(b.len, 0);
    const char *bad[] = { "", "12", "-5", "5-", "9-3", "0-999", "1-2x", "a-b", "1-2-3" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        zp_buf_reset(&b);
        assert_int_equal(zp_doc_decision_text(text, len, bad[i], strlen(bad[i]), &at, &end, &b), -1);
    }
    zp_buf_free(&b);
}

/* What zp_words_squeeze must give: text[from, to) trimmed, each run of
 * space, tab, CR and LF one space, a byte at a time. */
static void squeezed_slowly(const char *text, size_t from, size_t to, zp_buf *out)
{
    int space = 0;
    for (size_t i = from; i < to; i++) {
        int ws = text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n';
        if (ws) {
            space = out->len > 0;
            continue;
        }
        if (space)
            zp_buf_addc(out, ' ');
        space = 0;
        zp_buf_addc(out, text[i]);
    }
}

/* The squeeze reads a word eight bytes at a time: words longer and
 * shorter than eight, letters of two and three bytes, other control
 * characters (kept) and whitespace runs at every place in the eight, cut
 * anywhere, squeeze as a byte at a time would. */
static void a_long_text_squeezes_as_a_byte_at_a_time(void **state)
{
    (void)state;
    static const char *const words[] = { "Usnesení", "č.", "RMČ", "Praha", "7", "schvaluje", "pronájem",
                                         "nebytových", "prostor", "v", "objektu", "Šimáčkova", "1452/12",
                                         "a!b", "\f", "\x01", "–", "", "odborné", "sociální", "poradenství" };
    static const char *const gaps[] = { " ", "  ", "\t", "\r\n", "\n\n   ", " \t ", "        \n" };
    zp_buf text = ZP_BUF_INIT, fast = ZP_BUF_INIT, slow = ZP_BUF_INIT;
    unsigned r = 7;
    for (int i = 0; i < 400; i++) {
        r = r * 1103515245u + 12345u;
        zp_buf_adds(&text, words[(r >> 8) % (sizeof words / sizeof words[0])]);
        zp_buf_adds(&text, gaps[(r >> 20) % (sizeof gaps / sizeof gaps[0])]);
    }
    for (size_t from = 0; from < 40; from++) {
        for (size_t to = from; to <= text.len; to += 1 + to / 50) {
            zp_buf_reset(&fast);
            zp_buf_reset(&slow);
            zp_words_squeeze(text.data, from, to, &fast);
            squeezed_slowly(text.data, from, to, &slow);
            assert_int_equal(fast.len, slow.len);
            assert_memory_equal(fast.data, slow.data, slow.len);
        }
    }
    zp_buf_free(&text);
    zp_buf_free(&fast);
    zp_buf_free(&slow);
}

/* Records are stored as zstd frames; a record stored before (plain) reads
 * as it is; a damaged frame is refused with a message, never read past. */
static void a_packed_record_unpacks_to_itself(void **state)
{
    (void)state;
    zp_buf rec = ZP_BUF_INIT, packed = ZP_BUF_INIT;
    zp_docdata_puts(&rec, "path", "/archiv/Zápis 2019.txt");
    for (int i = 0; i < 40; i++)
        zp_docdata_puts(&rec, "text", "Rada MČ Praha 7 schvaluje prodej bytu č. 12, Šimáčkova 12. ");
    assert_int_equal(zp_docdata_pack(rec.data, rec.len, &packed), 0);
    assert_true(packed.len < rec.len / 4);
    char *data = malloc(packed.len);
    memcpy(data, packed.data, packed.len);
    size_t len = packed.len;
    char err[256] = "";
    assert_int_equal(zp_docdata_unpack(&data, &len, err, sizeof err), 0);
    assert_int_equal(len, rec.len);
    assert_memory_equal(data, rec.data, len);
    free(data);
    /* a record stored before: as it is */
    data = strdup("path=3:a/b\n");
    len = strlen(data);
    assert_int_equal(zp_docdata_unpack(&data, &len, err, sizeof err), 0);
    assert_string_equal(data, "path=3:a/b\n");
    free(data);
    /* damaged: cut short, a byte changed in its body (the frame's checksum
     * tells), only the magic */
    for (int k = 0; k < 3; k++) {
        len = k == 2 ? 4 : packed.len - (k == 0 ? 7 : 0);
        data = malloc(len);
        memcpy(data, packed.data, len);
        if (k == 1)
            data[len / 2] ^= 0x5a;
        err[0] = '\0';
        assert_int_equal(zp_docdata_unpack(&data, &len, err, sizeof err), -1);
        assert_null(data);
        assert_non_null(strstr(err, "stored data is corrupt"));
    }
    zp_buf_free(&rec);
    zp_buf_free(&packed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_round_trip_with_newlines_and_separators),
        cmocka_unit_test(missing_fields_are_absent_and_dup_gives_empty),
        cmocka_unit_test(malformed_data_is_rejected_not_overread),
        cmocka_unit_test(a_decision_comes_back_from_where_it_stands),
        cmocka_unit_test(a_long_text_squeezes_as_a_byte_at_a_time),
        cmocka_unit_test(a_packed_record_unpacks_to_itself),
    };
    return cmocka_run_group_tests_name("docdata", tests, NULL, NULL);
}
