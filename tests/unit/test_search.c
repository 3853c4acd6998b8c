/* A page of hits read from records (lib/search.c fill_hits): its hits'
 * fields and snippets, on pages short enough for one thread, long enough
 * for both cores and for several batches alike, and a damaged record
 * named, not shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "docdata.h"
#include "document.h"
#include "lemma.h"
#include "record_dict.h"
#include "search.h"
#include "zx.h"

static char dir[] = "/tmp/zapisy-test-search-XXXXXX";
static char db_path[300];

/* Records 0 to N_RECORDS - 1, all holding the word "dotace"; the
 * damaged one (a zstd frame's magic, then noise), record 7, ranks last:
 * its words are there once, the others' two to four times.  Records from
 * TRAINED_FROM on are packed with a dictionary the first ones trained, as
 * the indexer packs a big archive's (lib/record_dict.h). */
#define N_RECORDS 72
#define DAMAGED 7
#define TRAINED_FROM 24

/* How many decisions record i has: one to nine. */
static int decisions_of(int i)
{
    return i % 9 + 1;
}

/* Adds record i, packed by packer: the id of the dictionary it was
 * packed with (0: none). */
static unsigned add_record(zx_db *db, zp_packer *packer, int i, int damaged)
{
    char path[64], id[ZP_ID_TERM_SIZE], err[256];
    snprintf(path, sizeof path, "/archiv/zapis-%02d.txt", i);
    zp_doc_id_term(path, id);
    zx_doc *doc = zx_doc_new();
    assert_non_null(doc);
    assert_int_equal(zx_doc_add_boolean_term(doc, id, strlen(id)), 0);
    const char *words[] = { "Zrada", "Zschvalovat", "Zdotace", damaged ? "Zposkozeny" : "Zspolek" };
    for (unsigned k = 0; k < 4; k++)
        assert_int_equal(zx_doc_add_posting(doc, words[k], strlen(words[k]), k + 1, damaged ? 1 : 2 + (unsigned)(i % 3)), 0);
    zp_buf rec = ZP_BUF_INIT, packed = ZP_BUF_INIT;
    char text[256];
    snprintf(text, sizeof text, "Rada schvaluje dotace spolku číslo %d na rok 2019.\n\nHlasování: 5 pro.", i);
    zp_docdata_puts(&rec, "path", path);
    zp_docdata_puts(&rec, "title", "Usnesení rady");
    zp_docdata_puts(&rec, "mime", "text/plain");
    zp_docdata_puts(&rec, "town", "Praha 7");
    zp_docdata_puts(&rec, "body", "Rada");
    zp_docdata_puts(&rec, "org", "Spolek Žebřík");
    zp_docdata_puts(&rec, "date", "2019-03-04");
    zp_docdata_puts(&rec, "text", text);
    /* decisions_of(i): a resolution's, where they stand in the text, and
     * tasks with their own text; votes, deadline, kind and outcome each */
    const char *verb = strstr(text, "schvaluje dotace");
    for (int k = 0; k < decisions_of(i); k++) {
        /* the ninth's count against is damaged: too big for any vote */
        char v[256], against[16];
        snprintf(against, sizeof against, "%d", k);
        if (k == 8)
            snprintf(against, sizeof against, "9999999999");
        snprintf(v, sizeof v, "%s\x1f%s\x1f" "2019-%02d-%02d\x1f%s\x1f%d/19\x1f" "schvaluje\x1f%d\x1f%s\x1f-1\x1f%d\x1f%s%zu-%zu",
                 k % 2 ? "Zajistit výplatu dotace" : "", k % 2 ? "P. Novák" : "", k + 1, k + 10,
                 k % 2 ? "task" : "decision", 100 + k, k + 3, against, k % 2 ? 0 : 1, "", (size_t)(verb - text),
                 (size_t)(verb - text) + strlen("schvaluje dotace"));
        zp_docdata_puts(&rec, "decision", v);
        if (k == 2)   /* an organisation among the decisions */
            zp_docdata_puts(&rec, "org", "Organizace pro pomoc uprchlíkům");
    }
    /* a key again: the first one is the field */
    zp_docdata_puts(&rec, "title", "Jiný název");
    zp_docdata_puts(&rec, "town", "Brno");
    unsigned dict_id;
    assert_int_equal(zp_packer_pack(packer, rec.data, rec.len, &packed, &dict_id), 0);
    if (damaged)
        memset(packed.data + 6, 0x5A, packed.len - 6);
    assert_int_equal(zx_doc_set_data(doc, packed.data, packed.len), 0);
    assert_int_equal(zx_db_replace(db, id, doc, err, sizeof err), ZX_OK);
    zx_doc_free(doc);
    zp_buf_free(&rec);
    zp_buf_free(&packed);
    return dict_id;
}

/* Marks db as an index of this version and lexicon, commits and closes it. */
static int close_index(zx_db *db)
{
    char err[256];
    zx_db_set_metadata(db, ZP_METADATA_VERSION, ZP_INDEX_VERSION, err, sizeof err);
    zx_db_set_metadata(db, ZP_METADATA_LEXICON, zp_lemma_identity(), err, sizeof err);
    int rc = zx_db_commit(db, err, sizeof err);
    zx_db_close(db);
    return rc == ZX_OK ? 0 : -1;
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(db_path, sizeof db_path, "%s/db", dir);
    char err[256];
    zx_db *db = NULL;
    if (zx_db_open_write(db_path, &db, err, sizeof err) != ZX_OK)
        return -1;
    zp_packer *packer = zp_packer_new(TRAINED_FROM);
    for (int i = 0; i < N_RECORDS; i++)
        if ((add_record(db, packer, i, i == DAMAGED) != 0) != (i >= TRAINED_FROM))
            return -1;
    unsigned id;
    size_t len;
    const void *dict = zp_packer_dict(packer, &id, &len);
    if (!dict || zp_record_dict_store(db, dict, len, id, err, sizeof err) != ZX_OK)
        return -1;
    zp_packer_free(packer);
    return close_index(db);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* A page of query in the index at path. */
static int search_in(const char *path, const char *query, unsigned offset, unsigned limit, zp_results **r,
                     char *err, size_t errlen)
{
    zp_search_req req;
    memset(&req, 0, sizeof req);
    req.db_path = path;
    req.query = query;
    req.query_len = strlen(query);
    req.offset = offset;
    req.limit = limit;
    return zp_search_run(&req, r, err, errlen);
}

static int search(const char *query, unsigned offset, unsigned limit, zp_results **r, char *err, size_t errlen)
{
    return search_in(db_path, query, offset, limit, r, err, errlen);
}

/* Pages of 10 (marked on this thread), 23 (on both cores) and 71 (three
 * batches, each marked while the next is read) give each hit its record's
 * fields and a snippet marking the words asked for. */
static void every_hit_of_a_page_has_its_record_and_snippet(void **state)
{
    (void)state;
    unsigned limits[] = { 10, 23, N_RECORDS - 1 };
    for (unsigned l = 0; l < 3; l++) {
        zp_results *r = NULL;
        char err[512] = "";
        assert_int_equal(search("dotace spolek", 0, limits[l], &r, err, sizeof err), 0);
        assert_int_equal(r->n_hits, limits[l]);
        int seen[N_RECORDS] = { 0 };
        for (size_t i = 0; i < r->n_hits; i++) {
            const zp_hit *h = &r->hits[i];
            int k = -1;
            assert_int_equal(sscanf(h->path, "/archiv/zapis-%d.txt", &k), 1);
            assert_true(k >= 0 && k < N_RECORDS && k != DAMAGED && !seen[k]);
            seen[k] = 1;
            assert_string_equal(h->title, "Usnesení rady");
            assert_string_equal(h->town, "Praha 7");
            assert_string_equal(h->date, "2019-03-04");
            /* every organisation, in the record's order, wherever it stands */
            assert_int_equal(h->orgs.n, decisions_of(k) > 2 ? 2 : 1);
            assert_string_equal(h->orgs.v[0], "Spolek Žebřík");
            if (decisions_of(k) > 2)
                assert_string_equal(h->orgs.v[1], "Organizace pro pomoc uprchlíkům");
            char number[32];
            snprintf(number, sizeof number, "číslo %d ", k);
            assert_non_null(strstr(h->snippet.text, number));
            /* its decisions in order, each field as stored */
            assert_int_equal(h->decisions.n, (size_t)decisions_of(k));
            for (int d = 0; d < decisions_of(k); d++) {
                const zp_decision *dc = &h->decisions.v[d];
                assert_string_equal(dc->text, d % 2 ? "Zajistit výplatu dotace" : "schvaluje dotace");
                if (d % 2)
                    assert_string_equal(dc->owner, "P. Novák");
                else
                    assert_null(dc->owner);
                assert_int_equal(dc->task, d % 2);
                assert_int_equal(dc->deadline.year, 2019);
                assert_int_equal(dc->deadline.month, d + 1);
                assert_int_equal(dc->deadline.day, d + 10);
                char num[16];
                snprintf(num, sizeof num, "%d/19", 100 + d);
                assert_string_equal(dc->number, num);
                assert_string_equal(dc->verb, "schvaluje");
                assert_int_equal(dc->votes.yes, d + 3);
                assert_int_equal(dc->votes.no, d == 8 ? -1 : d);
                assert_int_equal(dc->votes.abstain, -1);
                assert_int_equal(dc->passed, d % 2 ? 0 : 1);
            }
            /* the word as asked, and "spolek" in the form the text has */
            assert_int_equal(h->snippet.n_marks, 2);
            const char *marked[] = { "dotace", "spolku" };
            for (unsigned k2 = 0; k2 < 2; k2++) {
                const zp_snip_mark *m = &h->snippet.marks[k2];
                assert_int_equal(m->end - m->start, strlen(marked[k2]));
                assert_memory_equal(h->snippet.text + m->start, marked[k2], m->end - m->start);
            }
        }
        zp_results_free(r);
    }
}

/* Without passages (the floor make bench measures the highlighter
 * against) a page has the same hits in the same order, each with its
 * record's fields and decisions, and no passage, mark or decision picked:
 * on one thread and on both cores alike. */
static void a_page_without_passages_has_the_records_only(void **state)
{
    (void)state;
    unsigned limits[] = { 10, 23 };
    for (unsigned l = 0; l < 2; l++) {
        zp_results *with = NULL, *without = NULL;
        char err[512] = "";
        zp_search_req req;
        memset(&req, 0, sizeof req);
        req.db_path = db_path;
        req.query = "dotace spolek";
        req.query_len = strlen(req.query);
        req.limit = limits[l];
        assert_int_equal(zp_search_run(&req, &with, err, sizeof err), 0);
        req.no_passages = 1;
        assert_int_equal(zp_search_run(&req, &without, err, sizeof err), 0);
        assert_int_equal(without->n_hits, with->n_hits);
        assert_int_equal(without->total, with->total);
        for (size_t i = 0; i < with->n_hits; i++) {
            const zp_hit *a = &with->hits[i], *b = &without->hits[i];
            assert_string_equal(b->path, a->path);
            assert_string_equal(b->title, a->title);
            assert_string_equal(b->date, a->date);
            assert_int_equal(b->orgs.n, a->orgs.n);
            assert_int_equal(b->decisions.n, a->decisions.n);
            assert_true(a->snippet.n_marks > 0);
            assert_null(b->snippet.text);
            assert_int_equal(b->snippet.n_marks, 0);
            assert_int_equal(b->shown_decision, -1);
            zp_buf shown = ZP_BUF_INIT;
            assert_int_equal(zp_snip_render(&b->snippet, "<mark>", "</mark>", 1, &shown), 0);
            assert_int_equal(shown.len, 0);
            zp_buf_free(&shown);
        }
        zp_results_free(with);
        zp_results_free(without);
    }
}

/* A page holding the damaged record fails with a message that says so:
 * all 72 (its last batch of 8 marked on this thread), the 32 from the
 * 41st (one batch on both cores), and a page of 10 of it alone. */
static void a_damaged_record_on_the_page_is_named(void **state)
{
    (void)state;
    static const struct {
        const char *query;
        unsigned offset, limit;
    } pages[] = { { "dotace", 0, N_RECORDS }, { "dotace", 40, 32 }, { "poskozeny", 0, 10 } };
    for (unsigned l = 0; l < 3; l++) {
        zp_results *r = NULL;
        char err[512] = "";
        int rc = search(pages[l].query, pages[l].offset, pages[l].limit, &r, err, sizeof err);
        assert_int_not_equal(rc, 0);
        assert_non_null(strstr(err, "corrupt"));
        assert_non_null(strstr(err, "index the file again"));
        assert_null(r);
    }
    /* and the damaged record ranks last, so the pages before it are whole */
    zp_results *r = NULL;
    char err[512] = "";
    assert_int_equal(search("dotace", 0, N_RECORDS - 1, &r, err, sizeof err), 0);
    assert_int_equal(r->n_hits, N_RECORDS - 1);
    zp_results_free(r);
}

/* A record packed with a dictionary the index does not hold (a shard
 * copied without its metadata, say) is named, not shown. */
static void a_record_whose_dictionary_is_missing_is_named(void **state)
{
    (void)state;
    char other[320], err[512] = "";
    snprintf(other, sizeof other, "%s/lost", dir);
    zx_db *db = NULL;
    assert_int_equal(zx_db_open_write(other, &db, err, sizeof err), ZX_OK);
    zp_packer *packer = zp_packer_new(TRAINED_FROM);
    unsigned id = 0;
    for (int i = 0; i < TRAINED_FROM + 4; i++)
        id = add_record(db, packer, 100 + i, 0);
    assert_int_not_equal(id, 0);
    zp_packer_free(packer);
    assert_int_equal(close_index(db), 0);
    zp_results *r = NULL;
    assert_int_not_equal(search_in(other, "dotace", 0, 40, &r, err, sizeof err), 0);
    assert_null(r);
    assert_non_null(strstr(err, "dictionary"));
    assert_non_null(strstr(err, "does not hold"));
}

/* A dictionary damaged in the index (cut short: its tables unreadable; or
 * a byte of its content changed: the frames' checksums tell) is named,
 * never read past or shown wrong. */
static void a_damaged_dictionary_is_named(void **state)
{
    (void)state;
    for (int cut = 0; cut < 2; cut++) {
        char other[320], err[512] = "";
        snprintf(other, sizeof other, "%s/damaged-%d", dir, cut);
        zx_db *db = NULL;
        assert_int_equal(zx_db_open_write(other, &db, err, sizeof err), ZX_OK);
        /* trained from other samples than the others: a dictionary no
         * search has read yet */
        zp_packer *packer = zp_packer_new(TRAINED_FROM + 1 + (size_t)cut);
        for (int i = 0; i < TRAINED_FROM + 6; i++)
            add_record(db, packer, 200 + 50 * cut + i, 0);
        unsigned id;
        size_t len;
        const char *dict = zp_packer_dict(packer, &id, &len);
        assert_non_null(dict);
        assert_null(zp_record_dict_find(id));
        char *bad = malloc(len);
        memcpy(bad, dict, len);
        for (size_t k = len / 2; k < len; k++)   /* its content's second half, past the tables */
            bad[k] ^= 0x55;
        assert_int_equal(zp_record_dict_store(db, bad, cut ? 8 : len, id, err, sizeof err), ZX_OK);
        free(bad);
        zp_packer_free(packer);
        assert_int_equal(close_index(db), 0);
        zp_results *r = NULL;
        assert_int_not_equal(search_in(other, "dotace", 0, 40, &r, err, sizeof err), 0);
        assert_null(r);
        assert_non_null(strstr(err, cut ? "holds damaged" : "corrupt"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_hit_of_a_page_has_its_record_and_snippet),
        cmocka_unit_test(a_page_without_passages_has_the_records_only),
        cmocka_unit_test(a_damaged_record_on_the_page_is_named),
        cmocka_unit_test(a_record_whose_dictionary_is_missing_is_named),
        cmocka_unit_test(a_damaged_dictionary_is_named),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
