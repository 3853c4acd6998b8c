/* Resolutions from the archives' own lines: numbers, verbs, votes and
 * outcomes, and the decisions of a resolution with them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "meta.h"

static const struct {
    const char *line;
    int header;
    const char *number;   /* "" = none */
} numbers[] = {
    { "Usnesení č. 1/2021 ze zasedání zastupitelstva obce Krhanice konaného dne 17.3.2021", 0, "1/2021" },
    { "č. usnesení: 0322/17-R", 1, "0322/17-R" },
    { "\t\tč. 0556/99", 1, "0556/99" },
    { "Usnesení RM/1/1/2022: Rada města schvaluje", 0, "RM/1/1/2022" },
    { "Výsledek hlasování o usnesení č.: 42/2015 schvaluje program", 0, "42/2015" },
    /* not a resolution's number */
    { "ZO schvaluje rozpočtové opatření č. 1/2021.", 0, "" },
    { "\t\tč. 0556/99", 0, "" },
    { "byt: 1+1, U Uranie 5/45", 1, "" },
};

static void reads_resolution_numbers(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        int found = zp_meta_resolution_number(numbers[i].line, strlen(numbers[i].line), numbers[i].header, &b);
        if (found != (numbers[i].number[0] != 0) || strcmp(zp_buf_str(&b), numbers[i].number) != 0)
            fail_msg("row %zu: got %d '%s', wanted '%s'", i, found, zp_buf_str(&b), numbers[i].number);
        zp_buf_free(&b);
    }
}

static const struct {
    const char *line;
    int yes, no, abstain, outcome;   /* -1: not given */
} votes[] = {
    { "PRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )", 8, 0, 0, -1 },
    { "Hlasování: pro 8, proti 0, zdržel se 0", 8, 0, 0, -1 },
    { "Výsledek hlasování: Pro: 7 Proti: 1 Zdrželi se: 0 Usnesení bylo přijato.", 7, 1, 0, 1 },
    { "|PRO|1 hlas|", 1, -1, -1, -1 },
    { "Návrh nebyl přijat.", -1, -1, -1, 0 },
    /* no vote */
    { "ubytování pro 5 osob na dobu 3 dnů", -1, -1, -1, -1 },
    { "Program jednání byl doplněn o bod 4.", -1, -1, -1, -1 },
};

static void reads_votes_and_outcomes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof votes / sizeof votes[0]; i++) {
        zp_votes v = { -1, -1, -1 };
        int outcome = -1;
        zp_meta_votes(votes[i].line, strlen(votes[i].line), &v, &outcome);
        if (v.yes != votes[i].yes || v.no != votes[i].no || v.abstain != votes[i].abstain ||
            outcome != votes[i].outcome)
            fail_msg("row %zu: got %d/%d/%d outcome %d", i, v.yes, v.no, v.abstain, outcome);
    }
}

static void finds_resolution_verbs(void **state)
{
    (void)state;
    const char *rows[][2] = {
        { "Zastupitelstvo obce Krhanice schvaluje", "schvaluje" },
        { "I.\tbere na vědomí", "bere na vědomí" },
        { "ZO neschvaluje prodej pozemku", "neschvaluje" },
        { "Zastupitelstvo schválilo rozpočet", "schvaluje" },
        { "Rada města ukládá tajemníkovi", "ukládá" },
        { "Program schůze byl doplněn", "" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char verb[32] = "";
        zp_meta_resolution_verb(rows[i][0], strlen(rows[i][0]), verb, sizeof verb);
        if (strcmp(verb, rows[i][1]) != 0)
            fail_msg("row %zu: got '%s', wanted '%s'", i, verb, rows[i][1]);
    }
}

/* A resolution as Krhanice publishes it, and minutes with their votes. */
static const char usneseni[] =
    "Usnesení č. 1/2021 ze zasedání zastupitelstva obce Krhanice konaného dne 17.3.2021\n\n\n"
    "Zastupitelstvo obce Krhanice schvaluje\n"
    "1. program zasedání zastupitelstva obce.\n"
    "2. návrhovou komisi ve složení Jaroslav Mixa, Petr Dub.\n"
    "3. prodej pozemku parc.č. 312/1 k.ú. Krhanice o výměře 84 m2 za cenu 500 Kč/1 m2.\n\n"
    "Zastupitelstvo obce Krhanice bere na vědomí\n"
    "1. zprávu o činnosti.\n";

static const char zapis[] =
    "Zápis č. 1/2021 ze zasedání zastupitelstva obce Krhanice konaného dne 17.3.2021\n\n"
    "Návrh\nZO schvaluje program zasedání zastupitelstva obce.\n"
    "PRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )\n\n"
    "Návrh\nZO neschvaluje prodej pozemku parc. č. 326/2.\n"
    "PRO ( 2 ) – PROTI ( 5 ) – ZDRŽEL SE ( 1 )\n";

static void numbers_each_item_of_a_resolution(void **state)
{
    (void)state;
    zp_meta m;
    assert_int_equal(zp_meta_extract(usneseni, strlen(usneseni), &m), 0);
    assert_int_equal(m.decisions.n, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_non_null(m.decisions.v[i].number);
        assert_string_equal(m.decisions.v[i].number, "1/2021");
    }
    assert_string_equal(m.decisions.v[0].text, "program zasedání zastupitelstva obce.");
    assert_string_equal(m.decisions.v[0].verb, "schvaluje");
    assert_string_equal(m.decisions.v[3].verb, "bere na vědomí");
    assert_int_equal(m.decisions.v[0].votes.yes, -1);
    zp_meta_free(&m);
}

static void gives_minutes_decisions_their_vote(void **state)
{
    (void)state;
    zp_meta m;
    assert_int_equal(zp_meta_extract(zapis, strlen(zapis), &m), 0);
    assert_int_equal(m.decisions.n, 2);
    const zp_decision *a = &m.decisions.v[0], *b = &m.decisions.v[1];
    assert_string_equal(a->verb, "schvaluje");
    assert_int_equal(a->votes.yes, 8);
    assert_int_equal(a->votes.no, 0);
    assert_int_equal(a->passed, 1);
    assert_string_equal(b->verb, "neschvaluje");
    assert_int_equal(b->votes.yes, 2);
    assert_int_equal(b->votes.no, 5);
    assert_int_equal(b->votes.abstain, 1);
    assert_int_equal(b->passed, 0);
    zp_meta_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_resolution_numbers),
        cmocka_unit_test(reads_votes_and_outcomes),
        cmocka_unit_test(finds_resolution_verbs),
        cmocka_unit_test(numbers_each_item_of_a_resolution),
        cmocka_unit_test(gives_minutes_decisions_their_vote),
    };
    return cmocka_run_group_tests_name("meta_resolution", tests, NULL, NULL);
}
