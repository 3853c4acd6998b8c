/* Czech stemmer on folded input: inflected forms from the minutes meet on
 * one stem; different words stay apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "analyse.h"
#include "fold.h"
#include "stem_cs.h"

/* What the index does to a word: fold, then stem. */
static void stem_of(const char *word, zp_buf *out)
{
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(word, strlen(word), &f);
    zp_analyse_stem(zp_buf_str(&f), f.len, out);
    zp_buf_free(&f);
}

/* Each row: forms that must share one stem (NULL-terminated). */
static const char *const groups[][8] = {
    { "cizinci", "cizinců", "cizincům", "cizince", "cizinec", "cizincem", NULL },
    { "Prostějov", "Prostějově", "Prostějova", "Prostějovem", "PROSTĚJOV", "prostejov", NULL },
    { "Žebřík", "Žebříku", "Žebříkem", "zebrik", "ŽEBŘÍK", NULL },
    { "poradenství", "poradenstvím", "poradenstvi", NULL },
    { "organizace", "organizací", "organizacím", "organizacemi", NULL },
    { "služba", "služby", "službě", "služeb", "službám", "službami", NULL },
    { "uprchlík", "uprchlíkům", "uprchlíků", "uprchlíci", NULL },
    { "Ostrava", "Ostravy", "Ostravě", "Ostravou", NULL },
    { "skupina", "skupiny", "skupině", "skupinou", "skupinám", NULL },
    { "magistrát", "magistrátu", "Magistrátem", NULL },
    { "senioři", "seniorů", "seniorům", "seniory", NULL },
    { "odborné", "odborného", "odborném", "odbornému", NULL },
    { "sociální", "sociálních", "sociálním", "sociálními", NULL },
    { "zastupitelstvo", "zastupitelstva", "zastupitelstvu", "Zastupitelstvem", NULL },
};

static void inflected_forms_share_a_stem(void **state)
{
    (void)state;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        zp_buf first = ZP_BUF_INIT;
        stem_of(groups[g][0], &first);
        for (size_t i = 1; groups[g][i]; i++) {
            zp_buf s = ZP_BUF_INIT;
            stem_of(groups[g][i], &s);
            if (strcmp(zp_buf_str(&s), zp_buf_str(&first)) != 0)
                fail_msg("%s -> %s but %s -> %s", groups[g][0], zp_buf_str(&first), groups[g][i],
                         zp_buf_str(&s));
            zp_buf_free(&s);
        }
        zp_buf_free(&first);
    }
}

/* Endings that only exist folded: Lucene's list has ům, ím, ým, not um, im, ym. */
static const struct {
    const char *folded, *stem;
} exact[] = {
    { "cizincum", "cizink" },
    { "poradenstvim", "poradenstv" },
    { "novym", "nov" },
    { "prostejov", "prostj" },
    { "prostejove", "prostj" },
    { "zebrik", "zebrik" },
    { "2019", "2019" },
    { "16", "16" },
    { "a", "a" },
    { "", "" },
};

static void folded_endings_are_removed(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        char out[64];
        size_t n = zp_stem_cs(exact[i].folded, strlen(exact[i].folded), out);
        assert_int_equal(n, strlen(exact[i].stem));
        assert_string_equal(out, exact[i].stem);
    }
}

static const char *const apart[][2] = {
    { "Prostějov", "Ostrava" },
    { "cizinci", "cíl" },
    { "senioři", "setkání" },
    { "poradenství", "porada" },
    { "Žebřík", "Drom" },
};

static void different_words_stay_apart(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof apart / sizeof apart[0]; i++) {
        zp_buf a = ZP_BUF_INIT, b = ZP_BUF_INIT;
        stem_of(apart[i][0], &a);
        stem_of(apart[i][1], &b);
        assert_string_not_equal(zp_buf_str(&a), zp_buf_str(&b));
        zp_buf_free(&a);
        zp_buf_free(&b);
    }
}

static void xapian_callback_folds_before_stemming(void **state)
{
    (void)state;
    char out[64];
    size_t n = zp_analyse_xapian_stem("Cizincům", strlen("Cizincům"), out, sizeof out, NULL);
    assert_int_equal(n, 6);
    assert_string_equal(out, "cizink");
    /* The output is cut to the buffer, never overflows it. */
    n = zp_analyse_xapian_stem("poradenstvi", 11, out, 4, NULL);
    assert_int_equal(n, 3);
    assert_string_equal(out, "por");
}

static void non_letters_are_copied_unchanged(void **state)
{
    (void)state;
    char out[64];
    zp_stem_cs("pre\xD0\xBF", 5, out);
    assert_string_equal(out, "pre\xD0\xBF");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inflected_forms_share_a_stem),
        cmocka_unit_test(folded_endings_are_removed),
        cmocka_unit_test(different_words_stay_apart),
        cmocka_unit_test(xapian_callback_folds_before_stemming),
        cmocka_unit_test(non_letters_are_copied_unchanged),
    };
    return cmocka_run_group_tests_name("stem_cs", tests, NULL, NULL);
}
