/* Folding and cleaning: real Czech words from the minutes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utf8proc.h>

#include "budget.h"
#include "buf.h"
#include "fold.h"

static const struct {
    const char *in, *out;
} words[] = {
    { "Žebříku", "zebriku" },
    { "PROSTĚJOV", "prostejov" },
    { "Prostějově", "prostejove" },
    { "cizincům", "cizincum" },
    { "Přítomni", "pritomni" },
    { "OMLUVENI", "omluveni" },
    { "Národnostní", "narodnostni" },
    { "Úkoly", "ukoly" },
    { "Ďábel", "dabel" },
    { "ťuk", "tuk" },
    { "Ňadro", "nadro" },
    { "Koclířov", "koclirov" },
    { "DiS", "dis" },
    { "\xEF\xAC\x81nance", "finance" },        /* ﬁ ligature (from PDFs) */
    { "e\xCC\x81", "e" },                      /* e + combining acute (NFD) */
    { "2019", "2019" },
    { "Stra\xC3\x9F" "e", "strasse" },         /* ß case folds to ss */
};

static void folds_czech_words_to_unaccented_lower_case(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        assert_int_equal(zp_fold_word(words[i].in, strlen(words[i].in), &b), 0);
        assert_string_equal(zp_buf_str(&b), words[i].out);
        zp_buf_free(&b);
    }
}

static void fold_of_folded_is_unchanged(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        zp_buf a = ZP_BUF_INIT, b = ZP_BUF_INIT;
        zp_fold_word(words[i].in, strlen(words[i].in), &a);
        zp_fold_word(zp_buf_str(&a), a.len, &b);
        assert_string_equal(zp_buf_str(&a), zp_buf_str(&b));
        zp_buf_free(&a);
        zp_buf_free(&b);
    }
}

static const struct {
    const char *in;
    size_t len;
    const char *out;
    long bad;
} texts[] = {
    { "Zápis", 6, "Zápis", 0 },
    { "\xEF\xBB\xBFZápis", 9, "Zápis", 0 },                       /* BOM dropped */
    { "Z\xE1pis", 5, "Z\xEF\xBF\xBDpis", 1 },                        /* cp1250 á */
    { "a\0b", 3, "a b", 0 },                                           /* NUL blanked */
    { "a\x01\x7F" "b", 4, "a  b", 0 },                                 /* controls blanked */
    { "r\xC5\x99\xC3", 4, "rř\xEF\xBF\xBD", 1 },                     /* truncated at end */
    { "e\xCC\x81" "ok", 5, "\xC3\xA9ok", 0 },                          /* NFD -> NFC */
    { "\xC0\xAF", 2, "\xEF\xBF\xBD\xEF\xBF\xBD", 2 },                  /* overlong '/' */
    { "\xED\xA0\x80", 3, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3 }, /* surrogate */
    { "řádek\nřádek\t", 16, "řádek\nřádek\t", 0 },
};

static void clean_text_repairs_invalid_utf8_and_controls(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        long bad = zp_fold_clean_text(texts[i].in, texts[i].len, &b);
        assert_int_equal(bad, texts[i].bad);
        assert_string_equal(zp_buf_str(&b), texts[i].out);
        zp_buf_free(&b);
    }
}

static void counts_characters_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(zp_fold_count_chars("Žebřík", strlen("Žebřík")), 6);
    /* eight bytes at a time, and the bytes after the last eight */
    const char *long_one = "Organizace Žebřík pomáhá cizincům – „ČEZ“ …";
    assert_int_equal(zp_fold_count_chars(long_one, strlen(long_one)), 43);
    assert_int_equal(zp_fold_count_chars("", 0), 0);
    /* every length and start, sixteen and eight at a time and the rest,
     * and a text past 255 rounds of sixteen: as counted a byte at a time */
    zp_buf text = ZP_BUF_INIT;
    while (text.len < 9000)
        zp_buf_adds(&text, "Usnesení č. 12/2019: Rada schvaluje příspěvek „Žebříku“ – 5 000 Kč… ÿ À ");
    for (size_t from = 0; from < 40; from++)
        for (size_t len = 0; from + len <= text.len; len += len < 300 ? 1 : 997) {
            size_t want = 0;
            for (size_t i = from; i < from + len; i++)
                want += ((unsigned char)text.data[i] & 0xC0) != 0x80;
            assert_int_equal(zp_fold_count_chars(text.data + from, len), want);
        }
    zp_buf_reset(&text);
    for (int i = 0; i < 5000; i++)   /* a continuation at every other byte: each lane's count near its limit */
        zp_buf_adds(&text, "č");
    assert_int_equal(zp_fold_count_chars(text.data, text.len), 5000);
    zp_buf_free(&text);
}

/* Each code point of two bytes folds, alone, as utf8proc_map does it
 * (compatibility, case fold, marks stripped): the fold reads those code
 * points itself and takes most of them from a table. */
static void two_byte_code_points_fold_as_utf8proc_does(void **state)
{
    (void)state;
    for (utf8proc_int32_t cp = 0x80; cp < 0x800; cp++) {
        utf8proc_uint8_t in[4], *want = NULL;
        utf8proc_ssize_t n = utf8proc_encode_char(cp, in);
        utf8proc_ssize_t m = utf8proc_map(in, n, &want,
                                           UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
        assert_true(m >= 0);
        zp_buf got = ZP_BUF_INIT;
        assert_int_equal(zp_fold_word((const char *)in, (size_t)n, &got), 0);
        assert_string_equal(zp_buf_str(&got), (const char *)want);
        zp_buf_free(&got);
        free(want);
    }
}

/* The code points the cleaning leaves to themselves without NFC (lib/fold.c
 * nfc_as_it_is): utf8proc's NFC keeps each alone and after a letter, and
 * none is a combining mark. */
static void code_points_taken_as_nfc_are(void **state)
{
    (void)state;
    static const utf8proc_int32_t ranges[][2] = { { 0x80, 0x300 }, { 0x2002, 0x20C0 } };
    for (size_t r = 0; r < 2; r++)
        for (utf8proc_int32_t cp = ranges[r][0]; cp < ranges[r][1]; cp++) {
            assert_int_equal(utf8proc_get_property(cp)->combining_class, 0);
            for (int k = 0; k < 3; k++) {
                utf8proc_uint8_t in[8] = "eA";
                size_t n = k == 2 ? 0 : 1;
                if (k == 1)
                    in[0] = 'A';
                n += (size_t)utf8proc_encode_char(cp, in + n);
                utf8proc_uint8_t *nfc = NULL;
                utf8proc_ssize_t m = utf8proc_map(in, (utf8proc_ssize_t)n, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
                assert_int_equal(m, (utf8proc_ssize_t)n);
                assert_memory_equal(nfc, in, n);
                free(nfc);
            }
        }
}

/* A text of several MB is made NFC a chunk at a time: the same as in one
 * piece, decomposed letters at every place of a chunk's end included. */
static void a_long_text_is_made_nfc_as_one_piece_is(void **state)
{
    (void)state;
    zp_buf in = ZP_BUF_INIT;
    static const char *parts[] = { "Zápis z jednání ", "e\xCC\x81", "\xC5\x99\xCC\x8C", "„Žebřík“ – ",
                                   "ab\xCC\x81\xCC\xA3", "\xE1\x84\x80\xE1\x85\xA1", "\n" };
    for (unsigned i = 0; in.len < 3u * 1024 * 1024 + 777; i = i * 7 + 3)
        zp_buf_adds(&in, parts[i % 7]);
    zp_buf got = ZP_BUF_INIT;
    assert_int_equal(zp_fold_clean_text(in.data, in.len, &got), 0);
    utf8proc_uint8_t *want = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)in.data, (utf8proc_ssize_t)in.len, &want,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    assert_int_equal(got.len, (size_t)m);
    assert_memory_equal(got.data, want, got.len);
    free(want);
    zp_buf_free(&got);
    /* and, the run interrupted, it stops between two chunks (in a child:
     * the cancel is for the whole process) */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        zp_budget_cancel();
        _exit(zp_fold_clean_text(in.data, in.len, &got) == -1 ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    zp_buf_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folds_czech_words_to_unaccented_lower_case),
        cmocka_unit_test(fold_of_folded_is_unchanged),
        cmocka_unit_test(clean_text_repairs_invalid_utf8_and_controls),
        cmocka_unit_test(counts_characters_not_bytes),
        cmocka_unit_test(two_byte_code_points_fold_as_utf8proc_does),
        cmocka_unit_test(code_points_taken_as_nfc_are),
        cmocka_unit_test(a_long_text_is_made_nfc_as_one_piece_is),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
