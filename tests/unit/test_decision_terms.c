/* A document's decisions kept as what lies outside them (lib/decision_terms.c):
 * which terms a resolution and a minutes get, and the real archive searched
 * in decisions finding the same documents as with the decisions' own terms,
 * plain searches the same hits in the same order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decision_terms.h"
#include "document.h"
#include "lemma.h"
#include "search.h"
#include "zx.h"

typedef struct {
    const char *term;
    long wdf;           /* -1: not in the document */
    unsigned long sum;  /* every term's wdf: the document's length */
} term_look;

static int look(const char *term, size_t len, unsigned wdf, void *ud)
{
    term_look *l = ud;
    if (strlen(l->term) == len && memcmp(term, l->term, len) == 0)
        l->wdf = wdf;
    l->sum += wdf;
    return 0;
}

/* The wdf of term in doc, -1 when it has none; its length in *length. */
static long wdf_of(const zx_doc *doc, const char *term, unsigned long *length)
{
    term_look l = { term, -1, 0 };
    assert_int_equal(zx_doc_each_term(doc, look, &l), ZX_OK);
    if (length)
        *length = l.sum;
    return l.wdf;
}

/* A document whose text has words[0, n) (each a word and its stem), and
 * whose decisions have dec[0, nd) twice each. */
static zx_doc *doc_of(const char *const *words, size_t n, const char *const *dec, size_t nd, zp_term_set **set)
{
    zx_doc *doc = zx_doc_new();
    assert_non_null(doc);
    char term[64];
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(zx_doc_add_term(doc, words[i], strlen(words[i]), 1), ZX_OK);
        snprintf(term, sizeof term, "Z%s", words[i]);
        assert_int_equal(zx_doc_add_posting(doc, term, strlen(term), (unsigned)i + 1, 1), ZX_OK);
    }
    *set = zp_term_set_new();
    assert_non_null(*set);
    for (size_t i = 0; i < nd; i++)
        for (int twice = 0; twice < 2; twice++) {
            assert_int_equal(zp_term_set_add(*set, "", dec[i], strlen(dec[i]), 1), !twice);
            assert_int_equal(zp_term_set_add(*set, "Z", dec[i], strlen(dec[i]), 1), !twice);
        }
    return doc;
}

/* A resolution: its decisions are all its text but its heading word, and
 * one word (a decision's, cut from the text) the text lacks. */
static void a_resolution_lists_what_lies_outside_its_decisions(void **state)
{
    (void)state;
    const char *const text[] = { "rada", "schvaluje", "prodej", "pozemku", "usneseni", "cislo" };
    const char *const dec[] = { "schvaluje", "prodej", "pozemku", "usneseni", "cislo", "vyhlaseni" };
    zp_term_set *set;
    zx_doc *doc = doc_of(text, 6, dec, 6, &set);
    unsigned long before;
    wdf_of(doc, "rada", &before);
    assert_int_equal(zp_decision_terms_write(doc, set, "XDEC", "XOUT"), 0);
    unsigned long length;
    /* the shared words are the text's alone; the one the text lacks stays */
    assert_int_equal(wdf_of(doc, "XDECschvaluje", &length), -1);
    assert_int_equal(wdf_of(doc, "ZXDECcislo", NULL), -1);
    assert_int_equal(wdf_of(doc, "XDECvyhlaseni", NULL), 2);
    assert_int_equal(wdf_of(doc, "ZXDECvyhlaseni", NULL), 2);
    /* the heading word is listed, without weight, and the document marked */
    assert_int_equal(wdf_of(doc, "XOUTrada", NULL), 0);
    assert_int_equal(wdf_of(doc, "ZXOUTrada", NULL), 0);
    assert_int_equal(wdf_of(doc, "XOUTprodej", NULL), -1);
    assert_int_equal(wdf_of(doc, "XOUT", NULL), 0);
    assert_int_equal(wdf_of(doc, "XDEC", NULL), -1);
    /* its length as if the decisions' twenty-four terms were there */
    assert_int_equal(wdf_of(doc, "ZXOUT", NULL), 20);
    assert_int_equal(length, before + 24);
    zp_term_set_free(set);
    zx_doc_free(doc);
}

/* Minutes with one decision among many words keep its terms, and a text
 * without decisions is marked so too. */
static void minutes_keep_their_decisions_terms(void **state)
{
    (void)state;
    const char *const text[] = { "zapis", "jednani", "pracovni", "skupiny", "seniori", "pritomni", "omluveni",
                                 "program", "diskuse", "zaver", "dotace" };
    const char *const dec[] = { "dotace" };
    zp_term_set *set;
    zx_doc *doc = doc_of(text, 11, dec, 1, &set);
    assert_int_equal(zp_decision_terms_write(doc, set, "XDEC", "XOUT"), 0);
    assert_int_equal(wdf_of(doc, "XDECdotace", NULL), 2);
    assert_int_equal(wdf_of(doc, "ZXDECdotace", NULL), 2);
    assert_int_equal(wdf_of(doc, "XOUT", NULL), -1);
    assert_int_equal(wdf_of(doc, "XOUTzapis", NULL), -1);
    assert_int_equal(wdf_of(doc, "XDEC", NULL), 0);   /* the mark of how */
    zp_term_set_free(set);
    zx_doc_free(doc);
    doc = doc_of(text, 11, dec, 0, &set);
    assert_int_equal(zp_decision_terms_write(doc, NULL, "XDEC", "XOUT"), 0);
    assert_int_equal(wdf_of(doc, "XDEC", NULL), 0);
    assert_int_equal(wdf_of(doc, "XOUT", NULL), -1);
    zp_term_set_free(set);
    zx_doc_free(doc);
}

/* ---- the archive, indexed both ways ------------------------------------- */

static char dir[] = "/tmp/zapisy-test-decisions-XXXXXX";
static char db_rest[300], db_field[300];
static const char *const archive = "../shared/corpus/archive";
static int have_archive;

typedef struct {
    zx_db *db;
    unsigned docs, marked, with_field;   /* documents; listing the rest; with decision terms */
} indexing;

/* The document of an archive's file, as the indexer builds it, stored as
 * the file at path (NULL: the file). */
static void build(const char *file, const char *path, zp_doc *d)
{
    zp_buf text = ZP_BUF_INIT;
    char err[512];
    assert_int_equal(zp_buf_read_file(&text, file, err, sizeof err), 0);
    zp_doc_input in = { path ? path : file, "text/plain", zp_buf_str(&text), text.len, 1, (long long)text.len,
                        NULL, NULL };
    assert_int_equal(zp_doc_build(&in, d, err, sizeof err), 0);
    zp_buf_free(&text);
}

/* The path of the archive's next text file into file: 0 when none is left. */
static int next_text(DIR *d, char *file, size_t size)
{
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len >= 5 && strcmp(e->d_name + len - 4, ".txt") == 0) {
            snprintf(file, size, "%s/%s", archive, e->d_name);
            return 1;
        }
    }
    return 0;
}

static int count_kinds(const char *term, size_t len, unsigned wdf, void *ud)
{
    (void)wdf;
    int *kinds = ud;
    if (len == 4 && memcmp(term, "XOUT", 4) == 0)
        kinds[0] = 1;
    else if (len > 5 && memcmp(term, "ZXDEC", 5) == 0)
        kinds[1] = 1;
    return 0;
}

/* Whether the file's document lists what lies outside its decisions. */
static int lists_rest(const char *path)
{
    zp_doc d;
    zp_decision_terms_rest(1);
    build(path, NULL, &d);
    int kinds[2] = { 0, 0 };
    zx_doc_each_term(d.doc, count_kinds, kinds);
    zp_doc_free(&d);
    return kinds[0];
}

static void index_file(indexing *ix, const char *path)
{
    zp_doc d;
    char err[512];
    build(path, NULL, &d);
    int kinds[2] = { 0, 0 };
    zx_doc_each_term(d.doc, count_kinds, kinds);
    ix->docs++;
    ix->marked += (unsigned)kinds[0];
    ix->with_field += (unsigned)kinds[1];
    assert_int_equal(zx_db_replace(ix->db, d.id_term, d.doc, err, sizeof err), ZX_OK);
    zp_doc_free(&d);
}

/* The archive's texts into path, the decisions kept as the rest where
 * fewer (rest) or always under their prefix; resolutions: only those that
 * list the rest, and every eighth of the others. */
static void index_archive(const char *path, int rest, int resolutions, indexing *ix)
{
    char err[256];
    memset(ix, 0, sizeof *ix);
    assert_int_equal(zx_db_open_write(path, &ix->db, err, sizeof err), ZX_OK);
    zp_decision_terms_rest(rest);
    DIR *d = opendir(archive);
    assert_non_null(d);
    char file[600];
    unsigned others = 0;
    while (next_text(d, file, sizeof file)) {
        if (resolutions && !lists_rest(file) && others++ % 8 != 0)
            continue;
        zp_decision_terms_rest(rest);
        index_file(ix, file);
    }
    closedir(d);
    zp_decision_terms_rest(1);
    zx_db_set_metadata(ix->db, ZP_METADATA_VERSION, ZP_INDEX_VERSION, err, sizeof err);
    zx_db_set_metadata(ix->db, ZP_METADATA_LEXICON, zp_lemma_identity(), err, sizeof err);
    assert_int_equal(zx_db_commit(ix->db, err, sizeof err), ZX_OK);
    zx_db_close(ix->db);
}

static indexing by_rest, by_field, res_rest, res_field;
static char db_res_rest[300], db_res_field[300];

static int setup(void **state)
{
    (void)state;
    DIR *d = opendir(archive);
    have_archive = d != NULL;
    if (d)
        closedir(d);
    if (!have_archive)
        return 0;
    if (!mkdtemp(dir))
        return -1;
    snprintf(db_rest, sizeof db_rest, "%s/rest", dir);
    snprintf(db_field, sizeof db_field, "%s/field", dir);
    snprintf(db_res_rest, sizeof db_res_rest, "%s/res-rest", dir);
    snprintf(db_res_field, sizeof db_res_field, "%s/res-field", dir);
    index_archive(db_rest, 1, 0, &by_rest);
    index_archive(db_field, 0, 0, &by_field);
    index_archive(db_res_rest, 1, 1, &res_rest);
    index_archive(db_res_field, 0, 1, &res_field);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (!have_archive)
        return 0;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* The hits of query (decisions: in decisions; facets: with them, every
 * match counted) in the index at path, as ids in rank order, one a line;
 * their number in *total. */
static void hits_of(const char *path, const char *query, int decisions, int facets, zp_buf *out, unsigned *total)
{
    zp_search_req req;
    memset(&req, 0, sizeof req);
    req.db_path = path;
    req.query = query;
    req.query_len = strlen(query);
    req.limit = ZP_SEARCH_MAX_LIMIT;
    req.decisions = decisions;
    req.facets = facets;
    zp_results *r = NULL;
    char err[512];
    int rc = zp_search_run(&req, &r, err, sizeof err);
    if (rc != 0)
        fail_msg("%s: %s", query, err);
    assert_true(r->total <= ZP_SEARCH_MAX_LIMIT);
    for (size_t i = 0; i < r->n_hits; i++) {
        zp_buf_adds(out, r->hits[i].id);
        zp_buf_addc(out, '\n');
    }
    *total = r->total;
    zp_results_free(r);
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of b sorted, as one string. */
static void sorted(zp_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->data[i] == '\n';
    char **lines = calloc(n + 1, sizeof *lines);
    assert_non_null(lines);
    char *copy = strndup(b->data ? b->data : "", b->len);
    size_t k = 0;
    for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        lines[k++] = l;
    qsort(lines, k, sizeof *lines, cmp_line);
    zp_buf_reset(b);
    for (size_t i = 0; i < k; i++) {
        zp_buf_adds(b, lines[i]);
        zp_buf_addc(b, '\n');
    }
    free(lines);
    free(copy);
}

static const char *const queries[] = {
    "dotace", "rozpočet", "schvaluje", "zastupitelstvo", "obec", "smlouva", "pronájem", "program", "starosta",
    "rada", "žádost", "příspěvek", "pozemek", "komise", "porad*", "prode*", "\"kupní smlouvy\"",
    "\"rozpočtové opatření\"", "dotace NOT rozpočet", "obec OR město", "smlouva pozemek", "zapis", "usnesení",
    "ověřovatel", "hlasování", "zápisu", "program jednání", "místostarosta NEAR obce",
};

/* Both ways the archive's documents are the same: the indexes differ in
 * how each holds its decisions, and at least one document holds them
 * either way (else this compares nothing). */
static void the_archive_holds_its_decisions_both_ways(void **state)
{
    (void)state;
    if (!have_archive)
        skip();
    assert_int_equal(by_rest.docs, by_field.docs);
    assert_true(by_rest.docs > 100);
    assert_true(by_rest.marked > 0);
    assert_true(by_rest.with_field > 0);
    assert_int_equal(by_field.marked, 0);
    assert_true(by_field.with_field > by_rest.with_field);
    /* most of the resolutions' documents list the rest: a search tells
     * them by not having the other mark */
    assert_int_equal(res_rest.docs, res_field.docs);
    assert_true(res_rest.marked * 2 > res_rest.docs);
    assert_true(res_rest.marked < res_rest.docs);
    assert_int_equal(res_field.marked, 0);
}

/* In decisions (--decisions, and rozhodnuti: before a word), the same
 * documents, and every query finds some there; without, the same hits in
 * the same order. */
static void same_either_way(const char *rest_path, const char *field_path)
{
    unsigned found = 0;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        char field[256];
        snprintf(field, sizeof field, "rozhodnuti:%s", queries[q]);
        for (int way = 0; way < 3; way++) {
            const char *query = way == 1 ? field : queries[q];
            if (way == 1 && strchr(queries[q], ' '))
                continue;   /* the field is for a word */
            zp_buf a = ZP_BUF_INIT, b = ZP_BUF_INIT;
            unsigned ta, tb;
            hits_of(rest_path, query, way == 0, 0, &a, &ta);
            hits_of(field_path, query, way == 0, 0, &b, &tb);
            if (way < 2) {   /* in decisions: the same documents */
                sorted(&a);
                sorted(&b);
            }
            found += way == 0 && ta > 0;
            if (ta != tb || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0))
                fail_msg("%s (%s): %u hits against %u", query, way == 0 ? "--decisions" : "", ta, tb);
            zp_buf_free(&a);
            zp_buf_free(&b);
        }
    }
    assert_int_equal(found, sizeof queries / sizeof queries[0]);
}

static void decisions_find_the_same_documents_either_way(void **state)
{
    (void)state;
    if (!have_archive)
        skip();
    same_either_way(db_rest, db_field);
}

/* The same in an archive of mostly resolutions. */
static void resolutions_find_the_same_documents_either_way(void **state)
{
    (void)state;
    if (!have_archive)
        skip();
    same_either_way(db_res_rest, db_res_field);
}

/* A document of an older index, marked neither way, never matches in
 * decisions (the marks then do not tell every document's way). */
static void an_unmarked_document_is_not_in_decisions(void **state)
{
    (void)state;
    if (!have_archive)
        skip();
    zp_buf ids = ZP_BUF_INIT;
    unsigned before, after, plain_before, plain_after;
    hits_of(db_res_rest, "dotace", 1, 0, &ids, &before);
    hits_of(db_res_rest, "dotace", 0, 0, &ids, &plain_before);
    zx_db *db;
    char err[256], id[ZP_ID_TERM_SIZE];
    zp_doc_id_term("/archiv/stary.txt", id);
    zx_doc *doc = zx_doc_new();
    assert_non_null(doc);
    assert_int_equal(zx_doc_add_boolean_term(doc, id, strlen(id)), ZX_OK);
    assert_int_equal(zx_doc_add_term(doc, "dotace", 6, 1), ZX_OK);
    assert_int_equal(zx_doc_add_posting(doc, "Zdotace", 7, 1, 1), ZX_OK);
    assert_int_equal(zx_db_open_write(db_res_rest, &db, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_replace(db, id, doc, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_commit(db, err, sizeof err), ZX_OK);
    zx_db_close(db);
    zx_doc_free(doc);
    hits_of(db_res_rest, "dotace", 1, 0, &ids, &after);
    hits_of(db_res_rest, "dotace", 0, 0, &ids, &plain_after);
    assert_int_equal(plain_after, plain_before + 1);
    assert_int_equal(after, before);
    zp_buf_free(&ids);
}

/* A copy of a resolution from the archive whose decisions have "dotace"
 * and which lists what lies outside them, built under another path. */
static int copy_of_a_resolution(zp_doc *d)
{
    DIR *dir_ = opendir(archive);
    assert_non_null(dir_);
    char file[600];
    int found = 0;
    while (!found && next_text(dir_, file, sizeof file)) {
        build(file, "/archiv/kopie.txt", d);
        found = wdf_of(d->doc, "XOUT", NULL) == 0 && wdf_of(d->doc, "Zdotace", NULL) > 0 &&
                wdf_of(d->doc, "ZXOUTdotace", NULL) < 0;
        if (!found)
            zp_doc_free(d);
    }
    closedir(dir_);
    return found;
}

/* A database kept open (FastCGI), its matches counted for the facets from
 * the posting lists, keeps which documents are marked until it reads a
 * commit: a marked resolution added then is counted. */
static void a_kept_database_reads_the_marks_of_its_latest_commit(void **state)
{
    (void)state;
    if (!have_archive)
        skip();
    zp_search_keep_open(1);
    zp_buf ids = ZP_BUF_INIT;
    unsigned before, after;
    hits_of(db_rest, "dotace", 1, 1, &ids, &before);
    zp_doc d;
    assert_true(copy_of_a_resolution(&d));
    zx_db *db;
    char err[256];
    assert_int_equal(zx_db_open_write(db_rest, &db, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_replace(db, d.id_term, d.doc, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_commit(db, err, sizeof err), ZX_OK);
    zx_db_close(db);
    hits_of(db_rest, "dotace", 1, 1, &ids, &after);
    assert_int_equal(after, before + 1);
    zp_search_keep_open(0);
    zp_doc_free(&d);
    zp_buf_free(&ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_resolution_lists_what_lies_outside_its_decisions),
        cmocka_unit_test(minutes_keep_their_decisions_terms),
        cmocka_unit_test(the_archive_holds_its_decisions_both_ways),
        cmocka_unit_test(decisions_find_the_same_documents_either_way),
        cmocka_unit_test(resolutions_find_the_same_documents_either_way),
        cmocka_unit_test(a_kept_database_reads_the_marks_of_its_latest_commit),
        cmocka_unit_test(an_unmarked_document_is_not_in_decisions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
