/* Document data records: any bytes survive a round trip. */
#include <setjmp.h>
#include <pthread.h>
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
#include "record_dict.h"

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

/* A malloc()ed copy of b's bytes, as a record read from the index is;
 * *len their count. */
static char *copy_of(const zp_buf *b, size_t *len)
{
    char *p = malloc(b->len);
    assert_non_null(p);
    memcpy(p, b->data, b->len);
    *len = b->len;
    return p;
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
    size_t len;
    char *data = copy_of(&packed, &len);
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

/* Record i of the seed minutes: a header like a resolution's, then 30
 * lines of one of the two minutes from line i on (so records overlap as an
 * archive's do: the same bodies, phrases and names, in other words). */
static void seed_record(int i, zp_buf *rec)
{
    static const char *const files[2] = { "corpus/seed/ostrava-deti-a-rodina.txt",
                                          "corpus/seed/prostejov-mensiny-a-cizinci.txt" };
    FILE *f = fopen(files[i % 2], "r");
    assert_non_null(f);
    char line[4096], path[64];
    zp_buf text = ZP_BUF_INIT;
    for (int n = 0; fgets(line, sizeof line, f) && n < i / 2 + 30; n++)
        if (n >= i / 2)
            zp_buf_adds(&text, line);
    fclose(f);
    snprintf(path, sizeof path, "/archiv/%d/zapis-%03d.txt", 2010 + i % 9, i);
    zp_buf_reset(rec);
    zp_docdata_puts(rec, "path", path);
    zp_docdata_puts(rec, "title", i % 2 ? "Zápis z jednání pracovní skupiny" : "Zápis ze setkání pracovní skupiny");
    zp_docdata_puts(rec, "mime", "text/plain");
    zp_docdata_put(rec, "text", text.data, text.len);
    zp_buf_free(&text);
}

/* The packer trains a dictionary from the first records; the records after
 * them are packed with it, smaller than alone, and unpack to themselves
 * once the reader has it -- and before, are refused with its id named. */
#define TRAINED_FROM 40
#define RECORDS 120
static void records_after_the_first_are_packed_with_a_dictionary(void **state)
{
    (void)state;
    zp_packer *p = zp_packer_new(TRAINED_FROM);
    assert_non_null(p);
    zp_buf rec = ZP_BUF_INIT, packed = ZP_BUF_INIT, alone = ZP_BUF_INIT;
    size_t with = 0, without = 0;
    unsigned id = 0, first_id = 0;
    char *stored[RECORDS] = { NULL };
    size_t stored_len[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
        seed_record(i, &rec);
        assert_int_equal(zp_packer_pack(p, rec.data, rec.len, &packed, &id), 0);
        if (i < TRAINED_FROM) {
            assert_int_equal(id, 0);
            continue;
        }
        if (i == TRAINED_FROM) {
            size_t dlen;
            assert_non_null(zp_packer_dict(p, &first_id, &dlen));
            assert_true(dlen > 1000);
        }
        assert_int_not_equal(id, 0);
        assert_int_equal(id, first_id);
        assert_int_equal(zp_docdata_pack(rec.data, rec.len, &alone), 0);
        with += packed.len;
        without += alone.len;
        stored[i] = copy_of(&packed, &stored_len[i]);
    }
    /* the seed's records are like each other: at least a fifth smaller */
    assert_true(with * 5 < without * 4);
    char err[256] = "", hex[16];
    snprintf(hex, sizeof hex, "%08x", first_id);
    /* a reader without the dictionary names it */
    size_t len;
    char *data = copy_of(&packed, &len);
    assert_int_equal(zp_docdata_unpack(&data, &len, err, sizeof err), -1);
    assert_null(data);
    assert_non_null(strstr(err, hex));
    assert_non_null(strstr(err, "does not hold"));
    /* given it, every record comes back as it was */
    unsigned got;
    size_t dlen;
    const void *dict = zp_packer_dict(p, &got, &dlen);
    assert_int_equal(zp_record_dict_register(dict, dlen), 0);
    assert_non_null(zp_record_dict_find(first_id));
    for (int i = TRAINED_FROM; i < RECORDS; i++) {
        seed_record(i, &rec);
        assert_int_equal(zp_docdata_unpack(&stored[i], &stored_len[i], err, sizeof err), 0);
        assert_int_equal(stored_len[i], rec.len);
        assert_memory_equal(stored[i], rec.data, rec.len);
        free(stored[i]);
    }
    /* a packer handed the dictionary (a later run) packs the same frames */
    zp_packer *again = zp_packer_new(TRAINED_FROM);
    assert_int_equal(zp_packer_use(again, dict, dlen), 0);
    zp_buf second = ZP_BUF_INIT;
    assert_int_equal(zp_packer_pack(again, rec.data, rec.len, &second, &id), 0);
    assert_int_equal(id, first_id);
    assert_int_equal(second.len, packed.len);
    assert_memory_equal(second.data, packed.data, packed.len);
    /* what is not a dictionary is not taken, nor registered */
    assert_int_equal(zp_packer_use(again, "Usnesení č. 12", 14), -1);
    assert_int_equal(zp_record_dict_register("Usnesení č. 12", 14), -1);
    zp_packer_free(again);
    zp_packer_free(p);
    zp_buf_free(&second);
    zp_buf_free(&rec);
    zp_buf_free(&packed);
    zp_buf_free(&alone);
}

/* A packer told to train from no records never has a dictionary; one
 * given too little to train from gives up and packs without. */
static void a_packer_without_enough_records_packs_alone(void **state)
{
    (void)state;
    zp_buf rec = ZP_BUF_INIT, packed = ZP_BUF_INIT;
    for (size_t samples = 0; samples < 2; samples++) {
        zp_packer *p = zp_packer_new(samples);
        assert_non_null(p);
        unsigned id = 7;
        for (int i = 0; i < 10; i++) {
            seed_record(i, &rec);
            assert_int_equal(zp_packer_pack(p, rec.data, rec.len, &packed, &id), 0);
            assert_int_equal(id, 0);
        }
        size_t dlen;
        assert_null(zp_packer_dict(p, &id, &dlen));
        zp_packer_free(p);
    }
    zp_buf_free(&rec);
    zp_buf_free(&packed);
}

/* Two workers share one packer (the indexer's): whoever brings the last
 * sample trains, the other waits for it, and every record either thread
 * packed unpacks to itself. */
typedef struct {
    zp_packer *p;
    int from;
    int ok, with_dict;
} packing;

static void *pack_some(void *arg)
{
    packing *k = arg;
    zp_buf rec = ZP_BUF_INIT, packed = ZP_BUF_INIT;
    char err[256];
    for (int i = k->from; i < RECORDS; i += 2) {
        seed_record(i, &rec);
        unsigned id;
        size_t len;
        if (zp_packer_pack(k->p, rec.data, rec.len, &packed, &id) != 0)
            continue;
        size_t dlen;
        unsigned got;
        const void *dict = id ? zp_packer_dict(k->p, &got, &dlen) : NULL;
        if (dict && zp_record_dict_register(dict, dlen) != 0)
            continue;
        char *data = copy_of(&packed, &len);
        if (zp_docdata_unpack(&data, &len, err, sizeof err) == 0 && len == rec.len &&
            memcmp(data, rec.data, len) == 0)
            k->ok++;
        k->with_dict += id != 0;
        free(data);
    }
    zp_buf_free(&rec);
    zp_buf_free(&packed);
    return NULL;
}

static void two_threads_share_a_packer(void **state)
{
    (void)state;
    zp_packer *p = zp_packer_new(TRAINED_FROM);
    packing k[2] = { { p, 0, 0, 0 }, { p, 1, 0, 0 } };
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, pack_some, &k[1]), 0);
    pack_some(&k[0]);
    pthread_join(t, NULL);
    assert_int_equal(k[0].ok + k[1].ok, RECORDS);
    /* the training took as long as it took: most records came after it */
    /* the other thread waited while the training ran: every record
     * after the samples has the dictionary */
    assert_int_equal(k[0].with_dict + k[1].with_dict, RECORDS - TRAINED_FROM);
    zp_packer_free(p);
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
        cmocka_unit_test(records_after_the_first_are_packed_with_a_dictionary),
        cmocka_unit_test(a_packer_without_enough_records_packs_alone),
        cmocka_unit_test(two_threads_share_a_packer),
    };
    return cmocka_run_group_tests_name("docdata", tests, NULL, NULL);
}
