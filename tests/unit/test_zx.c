/* The Xapian wrapper: its error paths say what went wrong, and a document
 * goes in and comes out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zx.h"

static char dir[] = "/tmp/zapisy-test-zx-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void path_in(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static void missing_database_is_named_in_the_message(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "nowhere");
    zx_db *db = (zx_db *)1;
    assert_int_equal(zx_db_open_read(p, &db, err, sizeof err), ZX_ERR_NO_DB);
    assert_null(db);
    assert_non_null(strstr(err, p));
    assert_non_null(strstr(err, "zapisy-index"));
}

static void a_directory_that_is_not_a_database_is_refused(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "empty");
    mkdir(p, 0700);
    zx_db *db = NULL;
    assert_int_equal(zx_db_open_read(p, &db, err, sizeof err), ZX_ERR_NO_DB);
    assert_null(db);
    assert_non_null(strstr(err, p));
}

static void a_second_writer_is_told_the_database_is_locked(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "locked");
    zx_db *w1 = NULL, *w2 = NULL;
    assert_int_equal(zx_db_open_write(p, &w1, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_open_write(p, &w2, err, sizeof err), ZX_ERR_LOCKED);
    assert_null(w2);
    assert_non_null(strstr(err, "locked"));
    /* A reader is not blocked by the writer. */
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    zx_db_close(r);
    zx_db_close(w1);
    assert_int_equal(zx_db_open_write(p, &w2, err, sizeof err), ZX_OK);
    zx_db_close(w2);
}

static void an_empty_query_is_a_query_error(void **state)
{
    (void)state;
    char err[512];
    zx_query *q = (zx_query *)1;
    zx_parse_opts o = { NULL, NULL, 0, 0, NULL, 0, NULL, NULL, NULL, NULL };
    assert_int_equal(zx_query_parse(NULL, "", &o, &q, err, sizeof err), ZX_ERR_QUERY);
    assert_null(q);
    assert_non_null(strstr(err, "empty query"));
}

static void writing_to_a_reader_is_refused(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "ro");
    zx_db *w = NULL, *r = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    zx_doc *d = zx_doc_new();
    assert_int_equal(zx_db_replace(r, "Qx", d, err, sizeof err), ZX_ERR_ARG);
    assert_int_equal(zx_db_commit(r, err, sizeof err), ZX_ERR_ARG);
    zx_doc_free(d);
    zx_db_close(r);
}

static size_t upper_stem(const char *w, size_t len, char *out, size_t outsize, void *ud)
{
    (void)ud;
    size_t n = len < 3 ? len : 3; /* "stem" = first three letters */
    if (n >= outsize)
        n = outsize - 1;
    memcpy(out, w, n);
    out[n] = '\0';
    return n;
}

static int collect(const char *term, size_t len, void *ud)
{
    char *buf = ud;
    strncat(buf, term, len);
    strcat(buf, " ");
    return 0;
}

static void a_document_is_replaced_found_and_read_back(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "docs");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    for (int round = 0; round < 2; round++) {
        zx_doc *d = zx_doc_new();
        assert_int_equal(zx_doc_add_posting(d, "Zzeb", 4, 1, 1), ZX_OK);
        assert_int_equal(zx_doc_add_posting(d, "Zciz", 4, 2, 1), ZX_OK);
        assert_int_equal(zx_doc_add_boolean_term(d, "Qdoc1", 5), ZX_OK);
        assert_int_equal(zx_doc_set_value(d, 0, "20190111", 8), ZX_OK);
        assert_int_equal(zx_doc_set_data(d, round ? "druhá" : "první", strlen(round ? "druhá" : "první")), ZX_OK);
        assert_int_equal(zx_db_replace(w, "Qdoc1", d, err, sizeof err), ZX_OK);
        zx_doc_free(d);
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    unsigned count = 0;
    zx_db_doc_count(w, &count, err, sizeof err);
    assert_int_equal(count, 1);
    zx_db_close(w);

    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    zx_parse_opts o = { upper_stem, NULL, 0, 0, NULL, 0, NULL, NULL, NULL, NULL };
    zx_query *q = NULL;
    assert_int_equal(zx_query_parse(r, "zebrik cizinci", &o, &q, err, sizeof err), ZX_OK);
    zx_search_opts so = { 0, 10, 10, -1, 0, NULL, 0, 0, 0, 0 };
    zx_mset *m = NULL;
    assert_int_equal(zx_search(r, q, &so, &m, err, sizeof err), ZX_OK);
    assert_int_equal(zx_mset_size(m), 1);
    assert_int_equal(zx_mset_total(m), 1);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(zx_mset_data(m, 0, &data, &len, err, sizeof err), ZX_OK);
    assert_string_equal(data, "druhá");
    free(data);
    assert_int_equal(zx_mset_value(m, 0, 0, &data, &len, err, sizeof err), ZX_OK);
    assert_string_equal(data, "20190111");
    free(data);
    char terms[128] = "";
    assert_int_equal(zx_mset_matching_terms(m, 0, collect, terms, err, sizeof err), ZX_OK);
    assert_string_equal(terms, "Zzeb Zciz "); /* in query order */
    zx_mset_free(m);
    zx_query_free(q);
    /* A phrase of stems matches the positions. */
    assert_int_equal(zx_query_parse(r, "\"zebrik cizinci\"", &o, &q, err, sizeof err), ZX_OK);
    assert_int_equal(zx_search(r, q, &so, &m, err, sizeof err), ZX_OK);
    assert_int_equal(zx_mset_size(m), 1);
    zx_mset_free(m);
    zx_query_free(q);
    assert_int_equal(zx_query_parse(r, "\"cizinci zebrik\"", &o, &q, err, sizeof err), ZX_OK);
    assert_int_equal(zx_search(r, q, &so, &m, err, sizeof err), ZX_OK);
    assert_int_equal(zx_mset_size(m), 0);
    zx_mset_free(m);
    zx_query_free(q);
    assert_int_equal(zx_db_get_data(r, "Qdoc1", &data, &len, err, sizeof err), ZX_OK);
    assert_string_equal(data, "druhá");
    free(data);
    assert_int_equal(zx_db_get_data(r, "Qnone", &data, &len, err, sizeof err), ZX_ERR_ARG);
    zx_db_close(r);
}

static unsigned phrase_hits_too(zx_db *r, const char *qs, const char *unpositioned, const char *too, char *err,
                                size_t errlen)
{
    static const zx_prefix fields[] = { { "rozhodnuti", "XDEC", 0 }, { "nazev", "S", 0 } };
    zx_parse_opts o = { upper_stem, NULL, 0, 0, fields, 2, NULL, unpositioned, NULL, too };
    zx_query *q = NULL;
    zx_mset *m = NULL;
    zx_search_opts so = { 0, 10, 10, -1, 0, NULL, 0, 0, 0, 0 };
    assert_int_equal(zx_query_parse(r, qs, &o, &q, err, errlen), ZX_OK);
    assert_int_equal(zx_search(r, q, &so, &m, err, errlen), ZX_OK);
    unsigned n = zx_mset_size(m);
    zx_mset_free(m);
    zx_query_free(q);
    return n;
}

static unsigned phrase_hits(zx_db *r, const char *qs, const char *unpositioned, char *err, size_t errlen)
{
    return phrase_hits_too(r, qs, unpositioned, NULL, err, errlen);
}

/* Decision (and title) stems carry no positions: a phrase in a decision
 * is its words in the decision and the phrase in the text. */
static void a_phrase_of_unpositioned_stems_is_matched_in_the_text(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "unpositioned");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    /* doc1: "zebrik cizinci" in the text, both words in a decision;
     * doc2: "cizinci zebrik" (not the phrase), both in a decision;
     * doc3: the phrase in the text, only "zebrik" in a decision */
    const char *texts[3][2] = { { "Zzeb", "Zciz" }, { "Zciz", "Zzeb" }, { "Zzeb", "Zciz" } };
    for (int i = 0; i < 3; i++) {
        zx_doc *d = zx_doc_new();
        char id[16];
        snprintf(id, sizeof id, "Qdoc%d", i + 1);
        assert_int_equal(zx_doc_add_posting(d, texts[i][0], 4, 1, 1), ZX_OK);
        assert_int_equal(zx_doc_add_posting(d, texts[i][1], 4, 2, 1), ZX_OK);
        assert_int_equal(zx_doc_add_term(d, "ZXDECzeb", 8, 1), ZX_OK);
        assert_int_equal(zx_doc_add_term(d, "ZSzeb", 5, 1), ZX_OK);
        if (i < 2) {
            assert_int_equal(zx_doc_add_term(d, "ZXDECciz", 8, 1), ZX_OK);
            assert_int_equal(zx_doc_add_term(d, "ZSciz", 5, 1), ZX_OK);
        }
        assert_int_equal(zx_doc_add_boolean_term(d, id, strlen(id)), ZX_OK);
        assert_int_equal(zx_db_replace(w, id, d, err, sizeof err), ZX_OK);
        zx_doc_free(d);
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    /* without the rule, a phrase of position-less terms matches nothing */
    assert_int_equal(phrase_hits(r, "rozhodnuti:\"zebrik cizinci\"", NULL, err, sizeof err), 0);
    assert_int_equal(phrase_hits(r, "rozhodnuti:\"zebrik cizinci\"", "XDEC", err, sizeof err), 1);
    assert_int_equal(phrase_hits(r, "rozhodnuti:\"cizinci zebrik\"", "XDEC", err, sizeof err), 1);
    assert_int_equal(phrase_hits(r, "rozhodnuti:(zebrik NEAR cizinci)", "XDEC", err, sizeof err), 2);
    /* nested in other operators, and the text's own phrases untouched */
    assert_int_equal(phrase_hits(r, "rozhodnuti:\"zebrik cizinci\" OR xyz", "XDEC", err, sizeof err), 1);
    assert_int_equal(phrase_hits(r, "\"zebrik cizinci\"", "XDEC", err, sizeof err), 2);
    assert_int_equal(phrase_hits(r, "rozhodnuti:zebrik", "XDEC", err, sizeof err), 3);
    /* a second such field (the title's), beside the first or alone */
    assert_int_equal(phrase_hits(r, "nazev:\"zebrik cizinci\"", "XDEC", err, sizeof err), 0);
    assert_int_equal(phrase_hits_too(r, "nazev:\"zebrik cizinci\"", "XDEC", "S", err, sizeof err), 1);
    assert_int_equal(phrase_hits_too(r, "nazev:\"zebrik cizinci\"", NULL, "S", err, sizeof err), 1);
    assert_int_equal(phrase_hits_too(r, "nazev:(zebrik NEAR cizinci) rozhodnuti:\"cizinci zebrik\"", "XDEC", "S", err,
                                     sizeof err), 1);
    zx_db_close(r);
}

static void a_damaged_database_is_reported_not_crashed_on(void **state)
{
    (void)state;
    char p[256], f[300], err[512];
    path_in(p, sizeof p, "damaged");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    snprintf(f, sizeof f, "%s/iamglass", p);
    FILE *fp = fopen(f, "w");
    fputs("this is not a glass version file", fp);
    fclose(fp);
    zx_db *r = NULL;
    int rc = zx_db_open_read(p, &r, err, sizeof err);
    assert_true(rc == ZX_ERR_CORRUPT || rc == ZX_ERR_NO_DB);
    assert_null(r);
    assert_non_null(strstr(err, p));
}

/* A shard with one document (id term `id`, a term, a value) and, when key
 * is given, a metadata item and a synonym. */
/* A meeting key (slot 8) and a facet (slot 3, Praha and Brno as one
 * multi-valued value) on document id, with the term n times. */
static zx_doc *meeting_doc(const char *id, int n, const char *meeting, const char *facet)
{
    zx_doc *d = zx_doc_new();
    for (int k = 0; k < n; k++)
        assert_int_equal(zx_doc_add_posting(d, "zebrik", 6, (unsigned)k + 1, 1), ZX_OK);
    assert_int_equal(zx_doc_add_posting(d, "filler", 6, (unsigned)n + 1, 1), ZX_OK);
    assert_int_equal(zx_doc_add_boolean_term(d, id, strlen(id)), ZX_OK);
    if (meeting)
        assert_int_equal(zx_doc_set_value(d, 8, meeting, strlen(meeting)), ZX_OK);
    assert_int_equal(zx_doc_set_value(d, 3, facet, strlen(facet)), ZX_OK);
    assert_int_equal(zx_doc_set_data(d, id, strlen(id)), ZX_OK);
    return d;
}

static void write_doc(zx_db *w, const char *id, zx_doc *d)
{
    char err[256];
    assert_int_equal(zx_db_replace(w, id, d, err, sizeof err), ZX_OK);
    zx_doc_free(d);
}

static void add_meeting_doc(zx_db *w, const char *id, int n, const char *meeting, const char *facet)
{
    write_doc(w, id, meeting_doc(id, n, meeting, facet));
}

/* A search's answer as text: "total N:", each hit's rank, data ("@" and
 * its weight after it when weights) and collapse count, then with facets
 * the towns (slot 3) and with two the meetings 0042 and 0099 (slot 8). */
static void describe_mset(const zx_mset *m, size_t facets, int weights, char *out, size_t cap)
{
    char err[256];
    size_t o = (size_t)snprintf(out, cap, "total %u:", zx_mset_total(m));
    for (unsigned i = 0; i < zx_mset_size(m) && o < cap; i++) {
        char *data = NULL, weight[32] = "";
        size_t len = 0;
        assert_int_equal(zx_mset_data(m, i, &data, &len, err, sizeof err), ZX_OK);
        if (weights)
            snprintf(weight, sizeof weight, "@%.9g", zx_mset_weight(m, i));
        o += (size_t)snprintf(out + o, cap - o, " %u:%s%s+%u", zx_mset_rank(m, i), data, weight,
                              zx_mset_collapsed(m, i));
        free(data);
    }
    if (facets > 0 && o < cap)
        o += (size_t)snprintf(out + o, cap - o, " | Praha %u Brno %u Ostrava %u", zx_mset_facet_count(m, 0, "Praha", 5),
                              zx_mset_facet_count(m, 0, "Brno", 4), zx_mset_facet_count(m, 0, "Ostrava", 7));
    if (facets > 1 && o < cap)
        snprintf(out + o, cap - o, " | meetings 0042 %u 0099 %u", zx_mset_facet_count(m, 1, "20190042 rada", 13),
                 zx_mset_facet_count(m, 1, "20190099 rada", 13));
}

/* A page of "zebrik", one hit a meeting, with the towns. */
static void describe_search(zx_db *r, unsigned offset, unsigned limit, int memory, char *out, size_t cap)
{
    char err[256];
    zx_query *q = NULL;
    zx_mset *m = NULL;
    static const unsigned slots[] = { 3 };
    zx_search_opts so = { offset, limit, 1000, -1, 0, slots, 1, 1, 8, memory };
    assert_int_equal(zx_query_term("zebrik", &q, err, sizeof err), ZX_OK);
    assert_int_equal(zx_search(r, q, &so, &m, err, sizeof err), ZX_OK);
    describe_mset(m, 1, 0, out, cap);
    zx_mset_free(m);
    zx_query_free(q);
}

/* A process that keeps the database open counts facets and collapses
 * meetings from columns in memory: the same pages as Xapian's spies and
 * collapsing, exact totals, whether the meetings fit the window of hits it
 * looks at (a page of 1) or not (a page of 10 under 200 hits of one
 * meeting: it falls back to Xapian's collapsing). */
static void memory_columns_answer_as_xapian_does(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "columns");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    char id[32], key[32];
    for (int i = 0; i < 200; i++) {   /* one meeting's 200 records, first by weight */
        snprintf(id, sizeof id, "Qa%03d", i);
        add_meeting_doc(w, id, 3, "20190111 rada", i % 2 ? "Praha" : "Praha\x1f" "Brno");
    }
    for (int i = 0; i < 20; i++) {   /* twenty meetings of one record */
        snprintf(id, sizeof id, "Qb%02d", i);
        snprintf(key, sizeof key, "2019%04d rada", i + 200);
        add_meeting_doc(w, id, 1, key, "Ostrava");
    }
    for (int i = 0; i < 5; i++) {    /* records of no known meeting */
        snprintf(id, sizeof id, "Qc%d", i);
        add_meeting_doc(w, id, 2, NULL, "Praha");
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    char spies[4096], columns[4096];
    static const unsigned pages[][2] = { { 0, 1 }, { 0, 10 }, { 3, 10 }, { 20, 10 } };
    for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
        describe_search(r, pages[k][0], pages[k][1], 0, spies, sizeof spies);
        describe_search(r, pages[k][0], pages[k][1], 1, columns, sizeof columns);
        assert_string_equal(columns, spies);
        /* 1 + 20 + 5 meetings (a record of none is its own), exactly */
        assert_non_null(strstr(spies, "total 26:"));
        assert_non_null(strstr(spies, "| Praha 205 Brno 100 Ostrava 20"));
    }
    /* the first hit stands for its meeting's other 199 records */
    describe_search(r, 0, 1, 1, columns, sizeof columns);
    assert_non_null(strstr(columns, "+199 |"));
    zx_db_close(r);
}

/* Collapsing from the column asks a window of three times the page's hits,
 * then sixteen times when that holds too few meetings: twenty records of
 * one meeting ahead of thirty meetings of one record each.  The pages are
 * Xapian's own collapsing's, whichever window held them. */
static void a_wider_window_is_read_when_the_first_holds_too_few_meetings(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "windows");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    char id[32], key[32];
    for (int i = 0; i < 20; i++) {
        snprintf(id, sizeof id, "Qa%02d", i);
        add_meeting_doc(w, id, 5, "20190111 rada", "Praha");
    }
    for (int i = 0; i < 30; i++) {
        snprintf(id, sizeof id, "Qb%02d", i);
        snprintf(key, sizeof key, "2019%04d rada", i + 200);
        add_meeting_doc(w, id, 1, key, "Brno");
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    char spies[4096], columns[4096];
    /* 2 hits: 6 hold one meeting, 32 enough; 4 from 2: 18, then 96 */
    static const unsigned pages[][2] = { { 0, 2 }, { 2, 4 }, { 0, 10 } };
    for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
        describe_search(r, pages[k][0], pages[k][1], 0, spies, sizeof spies);
        describe_search(r, pages[k][0], pages[k][1], 1, columns, sizeof columns);
        assert_string_equal(columns, spies);
        assert_non_null(strstr(columns, "total 31:"));
        assert_non_null(strstr(columns, "| Praha 20 Brno 30 Ostrava 0"));
    }
    describe_search(r, 0, 2, 1, columns, sizeof columns);
    assert_non_null(strstr(columns, "total 31: 0:Qa00+19 "));
    zx_db_close(r);
}

/* A query of terms: each word a term, joined by op ('|' OR, '&' AND, '-'
 * AND NOT, '/' filter, '?' AND_MAYBE, '<' AND a value range of meetings),
 * left to right: "zebrik | Q001 - Q002". */
static zx_query *terms_query(const char *text)
{
    char err[256], word[64], op = 0;
    zx_query *q = NULL;
    for (const char *p = text; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (strchr("|&-/?<", *p) && p[1] == ' ') {
            op = *p++;
            continue;
        }
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        p += n;
        zx_query *t = NULL;
        if (op == '<')
            assert_int_equal(zx_query_value_range(8, "20190010", word, &t, err, sizeof err), ZX_OK);
        else
            assert_int_equal(zx_query_term(word, &t, err, sizeof err), ZX_OK);
        if (!q) {
            q = t;
            continue;
        }
        int rc = op == '|'   ? zx_query_or(q, t, err, sizeof err)
                 : op == '&' ? zx_query_and(q, t, err, sizeof err)
                 : op == '-' ? zx_query_and_not(q, t, err, sizeof err)
                 : op == '/' ? zx_query_filter(q, t, err, sizeof err)
                 : op == '?' ? zx_query_and_maybe(q, t, err, sizeof err)
                             : zx_query_and(q, t, err, sizeof err);
        assert_int_equal(rc, ZX_OK);
        zx_query_free(t);
    }
    return q;
}

/* A page of a query of terms (terms_query) as text (describe_mset, with
 * weights): the towns and meetings when facets, one hit a meeting when
 * group, counted from columns when memory (from the posting lists where the
 * query allows) or by Xapian's spies. */
static void describe_query(zx_db *r, const char *text, unsigned offset, unsigned limit, int facets, int group,
                           int memory, char *out, size_t cap)
{
    char err[256];
    zx_query *q = terms_query(text);
    zx_mset *m = NULL;
    static const unsigned slots[] = { 3, 8 };
    zx_search_opts so = { offset, limit, 100000, -1, 0, facets ? slots : NULL, facets ? 2 : 0, group, 8, memory };
    assert_int_equal(zx_search(r, q, &so, &m, err, sizeof err), ZX_OK);
    describe_mset(m, facets ? 2 : 0, 1, out, cap);
    zx_mset_free(m);
    zx_query_free(q);
}

/* A page whose every match is counted for its facets is counted by one
 * match and ranked by another: the same hits, ranks and weights as the
 * page looked at in one match (no facets asked for), for pages deep and
 * shallow, and the facets and total exact.  300 records whose weights
 * rise and fall with their docids, so the best are met late and early. */
static void a_page_counted_apart_ranks_as_one_match_does(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "apart");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    char id[32], key[32];
    unsigned praha = 0, brno = 0, ostrava = 0;
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "Q%03d", i);
        snprintf(key, sizeof key, "2019%04d rada", i / 3);
        const char *town = i % 3 == 0 ? "Praha" : i % 3 == 1 ? "Praha\x1f" "Brno" : "Ostrava";
        praha += i % 3 != 2;
        brno += i % 3 == 1;
        ostrava += i % 3 == 2;
        add_meeting_doc(w, id, 1 + (i * 37) % 11, key, town);
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    char once[8192], apart[8192], counts[64];
    snprintf(counts, sizeof counts, "| Praha %u Brno %u Ostrava %u | meetings 0042 3 0099 3", praha, brno, ostrava);
    static const unsigned pages[][2] = { { 0, 1 }, { 0, 10 }, { 7, 10 }, { 90, 30 }, { 295, 10 } };
    for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
        describe_query(r, "zebrik | filler", pages[k][0], pages[k][1], 0, 0, 1, once, sizeof once);
        describe_query(r, "zebrik | filler", pages[k][0], pages[k][1], 1, 0, 1, apart, sizeof apart);
        assert_non_null(strstr(apart, counts));
        *strstr(apart, " |") = '\0';
        assert_string_equal(apart, once);
        assert_non_null(strstr(once, "total 300:"));
        /* one hit a meeting: 100 meetings, collapsed from the column */
        describe_query(r, "zebrik | filler", pages[k][0], pages[k][1], 1, 1, 1, apart, sizeof apart);
        assert_non_null(strstr(apart, "total 100:"));
        assert_non_null(strstr(apart, counts));
    }
    /* the best hit stands for its meeting's other two records */
    describe_query(r, "zebrik | filler", 0, 1, 1, 1, 1, apart, sizeof apart);
    assert_non_null(strstr(apart, "+2 |"));
    zx_db_close(r);
}

/* Matches counted from the posting lists (a process that keeps the
 * database open) are those Xapian's matcher counts, for every operator the
 * count reads (OR, AND, AND NOT, filter, AND_MAYBE's left side) and for
 * those it leaves to Xapian (a value range). */
static void matches_counted_from_postings_are_xapians(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "postings");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    char id[32], key[32];
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "Q%03d", i);
        snprintf(key, sizeof key, "2019%04d rada", i / 3);
        const char *town = i % 3 == 0 ? "Praha" : i % 3 == 1 ? "Praha\x1f" "Brno" : "Ostrava";
        add_meeting_doc(w, id, 1 + (i * 37) % 11, key, town);
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    static const char *const queries[] = {
        "zebrik",
        "Q126 | Q127 | Q128 | Q297 | Q298",
        "zebrik - Q126 - Q127",
        "Q126 | Q127 | Q128 | Q297 - Q127",
        "zebrik & Q127 | Q297",
        "zebrik / Q128 | Q129",
        "Q128 ? zebrik",
        "zebrik < 20190043",
        "nothing | Q299",
        "nothing",
    };
    char xapians[4096], postings[4096];
    for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++)
        for (int group = 0; group < 2; group++) {
            describe_query(r, queries[k], 0, 5, 1, group, 0, xapians, sizeof xapians);
            describe_query(r, queries[k], 0, 5, 1, group, 1, postings, sizeof postings);
            assert_string_equal(postings, xapians);
        }
    describe_query(r, "Q126 | Q127 | Q128 | Q297 - Q127", 0, 5, 1, 0, 1, postings, sizeof postings);
    assert_non_null(strstr(postings, "total 3:"));
    assert_non_null(strstr(postings, "Praha 2 Brno 0 Ostrava 1 | meetings 0042 2 0099 1"));
    describe_query(r, "zebrik < 20190043", 0, 5, 1, 1, 1, postings, sizeof postings);
    assert_non_null(strstr(postings, "total 33:"));   /* meetings 10 to 42 ("20190043 rada" sorts after 20190043) */
    zx_db_close(r);
}

/* A page without facets whose total is asked exact only up to a few
 * matches (check_at_least 10 of 300) has its total counted from the posting
 * lists: exact, where Xapian's matcher, stopping early, would estimate --
 * and the same hits, ranks and weights as the match that looks at every
 * document, for pages shallow and deep, opened afresh or kept open. */
static void a_plain_page_has_an_exact_total_and_the_same_hits(void **state)
{
    (void)state;
    char p[256], err[512];
    path_in(p, sizeof p, "plain");
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    char id[32], key[32];
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "Q%03d", i);
        snprintf(key, sizeof key, "2019%04d rada", i / 3);
        zx_doc *d = meeting_doc(id, 1 + (i * 37) % 11, key, "Praha");
        if (i % 2 == 0)   /* "even" and "four" overlap: 75 both */
            assert_int_equal(zx_doc_add_posting(d, "even", 4, 20, 1), ZX_OK);
        if (i % 4 == 0)
            assert_int_equal(zx_doc_add_posting(d, "four", 4, 21, 1), ZX_OK);
        write_doc(w, id, d);
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    zx_db_close(w);
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    static const struct {
        const char *query;
        unsigned total;
    } cases[] = {
        { "even & four", 75 },
        { "zebrik & four", 75 },
        { "even - four", 75 },
        { "four | Q001 | Q003", 77 },
        { "even & zebrik - Q126 - Q128", 148 },
        { "four ? even", 75 },
        { "zebrik / even", 150 },
        { "zebrik & Q127 | Q297", 2 },
    };
    static const unsigned pages[][2] = { { 0, 1 }, { 0, 10 }, { 7, 10 }, { 290, 10 } };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (size_t g = 0; g < sizeof pages / sizeof pages[0]; g++)
            for (int memory = 0; memory < 2; memory++) {
                zx_query *q = terms_query(cases[k].query);
                char every[4096], few[4096], want[32];
                zx_mset *m = NULL;
                zx_search_opts all = { pages[g][0], pages[g][1], 100000, -1, 0, NULL, 0, 0, 8, memory };
                assert_int_equal(zx_search(r, q, &all, &m, err, sizeof err), ZX_OK);
                describe_mset(m, 0, 1, every, sizeof every);
                zx_mset_free(m);
                zx_search_opts some = { pages[g][0], pages[g][1], 10, -1, 0, NULL, 0, 0, 8, memory };
                assert_int_equal(zx_search(r, q, &some, &m, err, sizeof err), ZX_OK);
                describe_mset(m, 0, 1, few, sizeof few);
                zx_mset_free(m);
                zx_query_free(q);
                assert_string_equal(few, every);
                snprintf(want, sizeof want, "total %u:", cases[k].total);
                assert_memory_equal(few, want, strlen(want));
            }
    zx_db_close(r);
}

static void make_shard(const char *name, const char *id, const char *term, const char *key, const char *value)
{
    char p[256], err[512];
    path_in(p, sizeof p, name);
    zx_db *w = NULL;
    assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
    zx_doc *d = zx_doc_new();
    assert_int_equal(zx_doc_add_posting(d, term, strlen(term), 1, 1), ZX_OK);
    assert_int_equal(zx_doc_add_boolean_term(d, id, strlen(id)), ZX_OK);
    assert_int_equal(zx_doc_set_value(d, 3, "Praha", 5), ZX_OK);
    assert_int_equal(zx_doc_set_data(d, id, strlen(id)), ZX_OK);
    assert_int_equal(zx_db_replace(w, id, d, err, sizeof err), ZX_OK);
    zx_doc_free(d);
    if (key) {
        assert_int_equal(zx_db_set_metadata(w, key, value, err, sizeof err), ZX_OK);
        assert_int_equal(zx_db_add_synonym(w, "opu", "organizace pro pomoc", err, sizeof err), ZX_OK);
    }
    assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
    zx_db_close(w);
}

static void write_stub(const char *name, const char *const *lines, size_t n)
{
    char p[256], err[512];
    path_in(p, sizeof p, name);
    assert_int_equal(zx_stub_write(p, lines, n, err, sizeof err), ZX_OK);
}

static void shards_in_a_stub_are_searched_as_one(void **state)
{
    (void)state;
    char p[256], err[512];
    make_shard("s0", "Qa", "zebrik", NULL, NULL);
    make_shard("s1", "Qb", "zebrik", "zapisy.test", "druhý");
    static const char *const lines[] = { "auto s0", "# a comment", "auto s1" };
    write_stub("two.stub", lines, 3);
    path_in(p, sizeof p, "two.stub");
    assert_int_equal(zx_db_is_stub(p), 1);
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_shard_count(r), 2);
    assert_string_equal(zx_db_shard_name(r, 1), "auto s1");
    assert_null(zx_db_shard_down(r, 0));
    unsigned n = 0;
    assert_int_equal(zx_db_doc_count(r, &n, err, sizeof err), ZX_OK);
    assert_int_equal(n, 2);
    /* Xapian reads only the first database's metadata; zx asks each shard */
    char *v = NULL;
    assert_int_equal(zx_db_get_metadata(r, "zapisy.test", &v, err, sizeof err), ZX_OK);
    assert_string_equal(v, "druhý");
    free(v);
    assert_int_equal(zx_db_shard_metadata(r, 0, "zapisy.test", &v, err, sizeof err), ZX_OK);
    assert_string_equal(v, "");
    free(v);
    char syn[128] = "";
    assert_int_equal(zx_db_synonyms(r, "opu", collect, syn, err, sizeof err), ZX_OK);
    assert_string_equal(syn, "organizace pro pomoc ");
    /* both documents, facets counted over both */
    zx_query *q = NULL;
    assert_int_equal(zx_query_term("zebrik", &q, err, sizeof err), ZX_OK);
    const unsigned slots[] = { 3 };
    zx_search_opts so = { 0, 10, 10, -1, 0, slots, 1, 0, 0, 0 };
    zx_mset *m = NULL;
    assert_int_equal(zx_search(r, q, &so, &m, err, sizeof err), ZX_OK);
    assert_int_equal(zx_mset_size(m), 2);
    assert_int_equal(zx_mset_facet_count(m, 0, "Praha", 5), 2);
    zx_mset_free(m);
    zx_query_free(q);
    assert_int_equal(zx_db_get_data(r, "Qb", &v, NULL, err, sizeof err), ZX_OK);
    assert_string_equal(v, "Qb");
    free(v);
    zx_db_close(r);
    /* the same shards as a list */
    char list[600];
    snprintf(list, sizeof list, "%s/s0,%s/s1", dir, dir);
    assert_int_equal(zx_db_open_read(list, &r, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_shard_count(r), 2);
    zx_db_close(r);
}

/* A process that keeps a stub of local shards open counts what Xapian's
 * spies count: a spy is told a shard's own docid, not the combined one
 * the facet columns are kept by, so they are not used there.  Counted from
 * the posting lists (a term) and by Xapian's matcher (a value range). */
static void kept_open_shards_count_as_xapian_does(void **state)
{
    (void)state;
    char p[256], err[512], id[32], key[32];
    static const char *const towns[] = { "Praha", "Brno", "Ostrava" };
    for (int s = 0; s < 2; s++) {
        snprintf(key, sizeof key, "u%d", s);
        path_in(p, sizeof p, key);
        zx_db *w = NULL;
        assert_int_equal(zx_db_open_write(p, &w, err, sizeof err), ZX_OK);
        for (int i = 0; i < 3 + 4 * s; i++) {   /* 3 records in u0, 7 in u1 */
            snprintf(id, sizeof id, "Qu%d%d", s, i);
            snprintf(key, sizeof key, "2019%04d rada", 40 + i);
            add_meeting_doc(w, id, 1 + i % 4, key, towns[(i + s) % 3]);
        }
        assert_int_equal(zx_db_commit(w, err, sizeof err), ZX_OK);
        zx_db_close(w);
    }
    static const char *const lines[] = { "auto u0", "auto u1" };
    write_stub("u.stub", lines, 2);
    path_in(p, sizeof p, "u.stub");
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_OK);
    static const char *const queries[] = { "zebrik", "zebrik < 20190043" };
    char xapians[4096], kept[4096];
    for (size_t k = 0; k < 2; k++)
        for (int group = 0; group < 2; group++) {
            describe_query(r, queries[k], 0, 5, 1, group, 0, xapians, sizeof xapians);
            describe_query(r, queries[k], 0, 5, 1, group, 1, kept, sizeof kept);
            assert_string_equal(kept, xapians);
        }
    describe_query(r, "zebrik < 20190043", 0, 5, 1, 0, 1, kept, sizeof kept);
    assert_non_null(strstr(kept, "total 6:"));   /* meetings 40-42 of both shards */
    assert_non_null(strstr(kept, "Praha 2 Brno 2 Ostrava 2 | meetings 0042 2"));
    zx_db_close(r);
}

static void a_missing_shard_is_named_or_left_out(void **state)
{
    (void)state;
    char p[256], err[512];
    make_shard("m0", "Qa", "zebrik", NULL, NULL);
    static const char *const lines[] = { "auto m0", "auto gone", "remote 127.0.0.1:1" };
    write_stub("missing.stub", lines, 3);
    path_in(p, sizeof p, "missing.stub");
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_ERR_SHARD);
    assert_null(r);
    assert_non_null(strstr(err, "shard auto gone"));
    /* partial: the others, and what is missing, with why */
    assert_int_equal(zx_db_open(p, ZX_OPEN_PARTIAL, &r, err, sizeof err), ZX_OK);
    assert_int_equal(zx_db_shard_count(r), 3);
    assert_null(zx_db_shard_down(r, 0));
    assert_non_null(zx_db_shard_down(r, 1));
    assert_non_null(strstr(zx_db_shard_down(r, 2), "cannot be reached"));
    char *v = NULL;
    assert_int_equal(zx_db_get_data(r, "Qa", &v, NULL, err, sizeof err), ZX_OK);
    assert_string_equal(v, "Qa");
    free(v);
    /* a shard left out on purpose (another version) */
    assert_int_equal(zx_db_shard_leave_out(r, 0, "stale", err, sizeof err), ZX_OK);
    assert_string_equal(zx_db_shard_down(r, 0), "stale");
    unsigned n = 9;
    assert_int_equal(zx_db_doc_count(r, &n, err, sizeof err), ZX_OK);
    assert_int_equal(n, 0);
    zx_db_close(r);
}

static void a_stub_it_cannot_read_is_named_with_its_line(void **state)
{
    (void)state;
    char p[256], err[512];
    static const char *const lines[] = { "auto s0", "bogus here" };
    write_stub("bad.stub", lines, 2);
    path_in(p, sizeof p, "bad.stub");
    zx_db *r = NULL;
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_ERR_NO_DB);
    assert_non_null(strstr(err, "bad.stub:2"));
    static const char *const port[] = { "remote 127.0.0.1:99999" };
    write_stub("port.stub", port, 1);
    path_in(p, sizeof p, "port.stub");
    assert_int_equal(zx_db_open_read(p, &r, err, sizeof err), ZX_ERR_NO_DB);
    assert_non_null(strstr(err, "not a port"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(missing_database_is_named_in_the_message),
        cmocka_unit_test(a_directory_that_is_not_a_database_is_refused),
        cmocka_unit_test(a_second_writer_is_told_the_database_is_locked),
        cmocka_unit_test(an_empty_query_is_a_query_error),
        cmocka_unit_test(a_phrase_of_unpositioned_stems_is_matched_in_the_text),
        cmocka_unit_test(writing_to_a_reader_is_refused),
        cmocka_unit_test(a_document_is_replaced_found_and_read_back),
        cmocka_unit_test(a_damaged_database_is_reported_not_crashed_on),
        cmocka_unit_test(memory_columns_answer_as_xapian_does),
        cmocka_unit_test(a_wider_window_is_read_when_the_first_holds_too_few_meetings),
        cmocka_unit_test(a_page_counted_apart_ranks_as_one_match_does),
        cmocka_unit_test(matches_counted_from_postings_are_xapians),
        cmocka_unit_test(a_plain_page_has_an_exact_total_and_the_same_hits),
        cmocka_unit_test(shards_in_a_stub_are_searched_as_one),
        cmocka_unit_test(kept_open_shards_count_as_xapian_does),
        cmocka_unit_test(a_missing_shard_is_named_or_left_out),
        cmocka_unit_test(a_stub_it_cannot_read_is_named_with_its_line),
    };
    return cmocka_run_group_tests_name("zx", tests, setup, teardown);
}
