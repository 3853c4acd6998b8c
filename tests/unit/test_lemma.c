/* Lemmas from the dictionary (lib/lemma.c through lib/analyse.c): forms
 * with a mobile e, suppletive forms, forms of several lemmas -- typed with
 * and without diacritics -- and the light stemmer for what the dictionary
 * does not know. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "fold.h"
#include "lemma.h"

/* The readings a query word asks for, "a b" in order. */
static void query_readings(const char *word, char *out, size_t size)
{
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(word, strlen(word), &f);
    zp_word_terms w;
    zp_analyse_query_word(word, strlen(word), zp_buf_str(&f), f.len, &w);
    out[0] = '\0';
    for (size_t i = 0; i < w.n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%.*s", i ? " " : "", (int)w.len[i], w.term[i]);
    zp_buf_free(&f);
}

/* The terms a document word is indexed under, sorted, "a b". */
static void doc_terms(const char *word, char *out, size_t size)
{
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(word, strlen(word), &f);
    zp_word_terms w;
    zp_analyse_word(word, strlen(word), zp_buf_str(&f), f.len, &w);
    const char *t[ZP_WORD_TERMS_MAX];
    char buf[ZP_WORD_TERMS_MAX][64];
    for (size_t i = 0; i < w.n; i++) {
        snprintf(buf[i], sizeof buf[i], "%.*s", (int)w.len[i], w.term[i]);
        t[i] = buf[i];
    }
    for (size_t i = 1; i < w.n; i++)
        for (size_t k = i; k > 0 && strcmp(t[k - 1], t[k]) > 0; k--) {
            const char *x = t[k];
            t[k] = t[k - 1];
            t[k - 1] = x;
        }
    out[0] = '\0';
    for (size_t i = 0; i < w.n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", t[i]);
    zp_buf_free(&f);
}

static void check_doc(const char *word, const char *expected)
{
    char got[512];
    doc_terms(word, got, sizeof got);
    if (strcmp(got, expected) != 0)
        fail_msg("%s is indexed as \"%s\", expected \"%s\"", word, got, expected);
}

/* The word is indexed under the lemma (among others when it has several
 * readings: "uctu" is also úcta's). */
static void check_has(const char *word, const char *lemma)
{
    char got[512], padded[520], want[80];
    doc_terms(word, got, sizeof got);
    snprintf(padded, sizeof padded, " %s ", got);
    snprintf(want, sizeof want, " %s ", lemma);
    if (!strstr(padded, want))
        fail_msg("%s is indexed as \"%s\", without %s", word, got, lemma);
}

static void lexicon_is_there(void **state)
{
    (void)state;
    if (!zp_lemma_available())
        fail_msg("no lexicon at %s (make builds it)", zp_lemma_path());
    assert_non_null(strstr(zp_lemma_identity(), "cs.lex"));
}

/* rozpočet/rozpočtu, obec/obce, den/dne, účet/účtu: the e that comes and
 * goes is the dictionary's business, and typing without diacritics finds
 * the same lemma. */
static void mobile_e_meets_its_lemma(void **state)
{
    (void)state;
    static const char *const rows[][2] = {
        { "rozpočet", "rozpocet" }, { "rozpočtu", "rozpocet" }, { "rozpoctu", "rozpocet" },
        { "rozpočtem", "rozpocet" }, { "obec", "obec" }, { "obce", "obec" }, { "obcí", "obec" },
        { "obci", "obec" }, { "účet", "ucet" }, { "účtu", "ucet" }, { "uctu", "ucet" },
        { "účtech", "ucet" }, { "cizincům", "cizinec" }, { "cizincum", "cizinec" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        check_has(rows[i][0], rows[i][1]);
    /* written with diacritics, the form is only rozpočet's, účet's */
    check_doc("rozpočtu", "rozpocet");
    check_doc("účtu", "ucet");
}

/* Forms the dictionary lists on their own are their lemma's. */
static void suppletive_forms_meet_their_lemma(void **state)
{
    (void)state;
    static const char *const rows[][2] = {
        { "byl", "byt" }, { "byla", "byt" }, { "nebyli", "byt" }, { "jsou", "byt" },
        { "není", "byt" }, { "bude", "byt" }, { "lidé", "clovek" }, { "lidí", "clovek" },
        { "děti", "dite" }, { "dětem", "dite" }, { "dne", "den" }, { "dnů", "den" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        check_has(rows[i][0], rows[i][1]);
}

/* A folded form of several lemmas: without diacritics it is indexed and
 * asked for under all; with them, under the lemmas of that very form. */
static void ambiguous_forms_keep_every_reading(void **state)
{
    (void)state;
    char got[512];
    check_doc("dane", "dan dany");
    check_doc("dané", "dany");
    query_readings("dane", got, sizeof got);
    assert_non_null(strstr(got, "dan"));
    assert_non_null(strstr(got, "dany"));
    query_readings("dané", got, sizeof got);
    assert_string_equal(got, "dany");
    /* byt and být fold alike: one term; exact lemmas tell them apart */
    check_doc("bytu", "byt byte");
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word("být", strlen("být"), &f);
    zp_word_terms w;
    zp_analyse_query_word("být", strlen("být"), zp_buf_str(&f), f.len, &w);
    assert_int_equal(w.n_exact, 1);
    assert_memory_equal(w.exact[0], "být", w.exact_len[0]);
    zp_analyse_query_word("byt", 3, "byt", 3, &w);
    assert_int_equal(w.n_exact, 0);   /* typed without: ranks as before */
    zp_buf_free(&f);
}

/* A name in lower case is not read as a name: "daná" is daný, "Dana"
 * also Dana. */
static void names_are_readings_only_when_written_so(void **state)
{
    (void)state;
    char got[512];
    doc_terms("Dana", got, sizeof got);
    assert_non_null(strstr(got, "dana"));
    check_doc("daná", "dany");
}

/* Words the dictionary does not know fall back to the light stemmer, so
 * their forms still meet. */
static void unknown_names_fall_back_to_the_light_stemmer(void **state)
{
    (void)state;
    char a[256], b[256], q[256];
    doc_terms("Zdrbalové", a, sizeof a);
    doc_terms("Zdrbalová", b, sizeof b);
    assert_string_equal(a, b);
    query_readings("zdrbalovou", q, sizeof q);
    assert_string_equal(q, a);
    check_doc("Kabrňákovi", "kabrnak");
    check_doc("Kabrňák", "kabrnak");
}

/* The first term of a word as written, analysed from the folded form the
 * tokenizer gives it. */
static void first_term(const char *written, const char *folded, char *out, size_t size)
{
    zp_word_terms w;
    zp_analyse_word(written, strlen(written), folded, strlen(folded), &w);
    snprintf(out, size, "%.*s", (int)w.len[0], w.term[0]);
}

/* A date's "07" is analysed as "7" (the tokenizer drops a day's or month's
 * leading zero), the word "07" as "07": whichever a thread met first, the
 * other keeps its own terms -- an index must not depend on the order the
 * workers took the files in. */
static void terms_do_not_depend_on_the_words_before(void **state)
{
    (void)state;
    char t[64];
    first_term("07", "7", t, sizeof t);
    assert_string_equal(t, "7");
    first_term("07", "07", t, sizeof t);
    assert_string_equal(t, "07");
    first_term("07", "7", t, sizeof t);
    assert_string_equal(t, "7");
}

typedef struct {
    const char *lemma, *want;   /* want: forms that must be among them, " "-separated */
    size_t forms, read_so, wanted;
} forms_seen;

static int check_form(const char *form, size_t len, void *ud)
{
    forms_seen *c = ud;
    uint32_t ids[ZP_LEMMA_MAX];
    size_t n = zp_lemma_lookup(NULL, 0, form, len, ids), l;
    for (size_t i = 0; i < n; i++) {
        const char *f = zp_lemma_folded(ids[i], &l);
        if (f && l == strlen(c->lemma) && memcmp(f, c->lemma, l) == 0) {
            c->read_so++;
            break;
        }
    }
    for (const char *w = c->want; *w;) {
        size_t wl = strcspn(w, " ");
        c->wanted += wl == len && memcmp(w, form, len) == 0;
        w += wl + (w[wl] == ' ');
    }
    c->forms++;
    return 0;
}

/* The lexicon's table of forms (what snippets pass words over by) agrees
 * with its lookups: every form it gives a lemma spelling is looked up to
 * a lemma spelt so, and a paradigm's forms (a suppletive one too) are
 * there. */
static void the_forms_of_a_lemma_are_the_forms_read_as_it(void **state)
{
    (void)state;
    static const struct {
        const char *lemma, *want;
        size_t n_want;
    } cases[] = {
        { "rozpocet", "rozpocet rozpoctu rozpocte rozpoctem rozpocty rozpoctum rozpoctech", 7 },
        { "clovek", "clovek lide lidi lidmi", 4 },
        { "cizinec", "cizinec cizince cizinci cizincem cizincu cizincum cizincich", 7 },
        { "byt", "byt bytu je jsou byl byla bude", 7 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        forms_seen c = { cases[i].lemma, cases[i].want, 0, 0, 0 };
        assert_int_equal(zp_lemma_each_form(c.lemma, strlen(c.lemma), check_form, &c), 1);
        assert_int_equal(c.wanted, cases[i].n_want);
        assert_int_equal(c.read_so, c.forms);
    }
    forms_seen c = { "zzqx", "", 0, 0, 0 };
    assert_int_equal(zp_lemma_each_form("zzqx", 4, check_form, &c), 0);
    assert_int_equal(c.forms, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lexicon_is_there),
        cmocka_unit_test(mobile_e_meets_its_lemma),
        cmocka_unit_test(suppletive_forms_meet_their_lemma),
        cmocka_unit_test(ambiguous_forms_keep_every_reading),
        cmocka_unit_test(names_are_readings_only_when_written_so),
        cmocka_unit_test(unknown_names_fall_back_to_the_light_stemmer),
        cmocka_unit_test(terms_do_not_depend_on_the_words_before),
        cmocka_unit_test(the_forms_of_a_lemma_are_the_forms_read_as_it),
    };
    return cmocka_run_group_tests_name("lemma", tests, NULL, NULL);
}
