/* Titles of real minutes: the heading, not the letterhead. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta.h"

static const struct {
    const char *text, *title;
} rows[] = {
    { "\n\nZÁPIS\n\nz jednání pracovní skupiny – tematické setkání\n\nDĚTI A RODINA\n\nDATUM: 16.1.2025\n",
      "ZÁPIS z jednání pracovní skupiny – tematické setkání DĚTI A RODINA" },
    { "Evropská unie\nEvropský sociální fond\nOperační program Zaměstnanost\n\n"
      "Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci\n\nDne: 11. 1. 2019\n",
      "Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci" },
    { "PRACOVNÍ SKUPINA SENIOŘI\nZápis setkání\nTermín konání: čtvrtek\n",
      "PRACOVNÍ SKUPINA SENIOŘI – Zápis setkání" },
    { "Z Á P I S č. 4 / 2011\nze zasedání Zastupitelstva obce Koclířov konaného dne\n\nK bodu 4/1: Jednání",
      "Z Á P I S č. 4 / 2011 ze zasedání Zastupitelstva obce Koclířov konaného dne" },
    { "Zápis ze dne 10.9.2010\n\nDne: 10.9.2010, kancelář", "Zápis ze dne 10.9.2010" },
    { "Seznam kontaktů\nJan Novák\n", "Seznam kontaktů" },
    /* a heading that names only the record's kind and body takes the
     * subject under it (Praha 7's resolutions, 1999-2015) -- not its
     * number, and not a field */
    { "Usnesení rady MČ Praha 7\n\nUzavření nájemní smlouvy na NBP - Čechova 17, Praha 7\n\n\t\tč. 0393/99\n\n"
      "\t\tZe dne 08.06.1999\n",
      "Usnesení rady MČ Praha 7: Uzavření nájemní smlouvy na NBP - Čechova 17, Praha 7" },
    { "Usnesení rady MČ Praha 7\n\nPodaná výpověď společností CENTRA a.s. z nájemní smlouvy uzavřené\n"
      "dne 20.3.2003 na rekreační zařízení Velký Semerink\n\t\tč. 0041/05\n",
      "Usnesení rady MČ Praha 7: Podaná výpověď společností CENTRA a.s. z nájemní smlouvy uzavřené dne 20.3.2003 "
      "na rekreační zařízení Velký Semerink" },
    { "Zápis z jednání Rady města Vsetín\n\nPřítomni: Jan Novák, Eva Malá\n", "Zápis z jednání Rady města Vsetín" },
    /* minutes cover many matters: the line under their heading is none */
    { "Zápis z jednání Pracovní skupiny Senioři\n\nEvropský sociální fond podpoří organizaci Žebřík: „obnovení "
      "poradenství“ – schváleno.\n", "Zápis z jednání Pracovní skupiny Senioři" },
    /* a sentence's piece naming a resolution is no heading */
    { "Návrh na prodej pozemku parc. č. 2063/2 v k.ú. Holešovice\nč. usnesení: 0101/17-R\ndatum: 2017-01-31\n"
      "orgán: rada\n\nsouhlasí\n\ns návrhem usnesení Zastupitelstva MČ Praha 7 o prodeji\n",
      "Návrh na prodej pozemku parc. č. 2063/2 v k.ú. Holešovice" },
    /* Praha 7's resolutions since 2016: the record's fields end the heading */
    { "Návrh na stanovení programu 2. řádného zasedání Zastupitelstva MČ Praha 7 dne 20.02.2017\n"
      "č. usnesení: 0100/17-R\ndatum: 2017-01-31\norgán: rada\n\nbere na vědomí\n",
      "Návrh na stanovení programu 2. řádného zasedání Zastupitelstva MČ Praha 7 dne 20.02.2017" },
    /* the line over the fields is the heading: a task naming a resolution
     * ("o usnesení Rady"), or a list item ("s usnesením"), further down is
     * the record's text */
    { "Souhlas s nákupem šatních skříněk pro žáky PO ZŠ TGM Praha 7\nč. usnesení: 0228/16-R\ndatum: 2016-03-15\n"
      "orgán: rada\n\nbere na vědomí\n\npředložený materiál - Souhlas s nákupem šatních skříněk\n\nschvaluje\n\n"
      "nákup šatních skříněk pro žáky PO ZŠ TGM Praha 7\n\nukládá\n\nVED OŠK Mgr. Ludmila Knížková\n\n"
      "Informovat ředitele PO ZŠ TGM Praha 7 o usnesení Rady MČ Praha 7.\n",
      "Souhlas s nákupem šatních skříněk pro žáky PO ZŠ TGM Praha 7" },
    { "Návrh na prodloužení ubytování občanům MČ Praha 7 v bytech určených pro sociálně ohrožené občany Praha 7\n"
      "č. usnesení: 0175/16-R\ndatum: 2016-02-26\norgán: rada\n\nbere na vědomí\n\nnávrh na prodloužení ubytování\n\n"
      "ukládá\n\nVED OSZ PaedDr. Miroslav Lucka\n\n1.1. oznámit žadatelům schválení prodloužení ubytování\n\n"
      "1.2.seznámit společnost Sedmá ubytovací s.r.o. s usnesením ve věci schválení prodloužení ubytování\n",
      "Návrh na prodloužení ubytování občanům MČ Praha 7 v bytech určených pro sociálně ohrožené občany Praha 7" },
    /* the line over the fields may wrap */
    { "Návrh na řešení žádosti občana MČ Praha 7 na uzavření splátkového kalendáře\ndoručené MČ Praha 7\n"
      "č. usnesení: 0754/16-R\ndatum: 2016-08-02\norgán: rada\n\nbere na vědomí\n\nnávrh\n\nukládá\n\n"
      "Informovat žadatelku o usnesení R MČ P7\n",
      "Návrh na řešení žádosti občana MČ Praha 7 na uzavření splátkového kalendáře doručené MČ Praha 7" },
    /* ... but a heading right under the fields is the heading: the lines
     * over them a letterhead */
    { "Obec Kunčice\nDatum: 12. 1. 2020\nMísto: obecní úřad\nZápis z jednání zastupitelstva obce\n",
      "Zápis z jednání zastupitelstva obce" },
    /* a subject in quotation marks; one in lower case with the record's
     * number under it */
    { "Usnesení rady MČ Praha 7\n\n„Prohlášení vlastníka nemovitosti“ na zapsání do KN nemovitosti č.p.708\n\n"
      "\t\tč. 0041/02\n\n\t\tZe dne 15.01.2002\n",
      "Usnesení rady MČ Praha 7: „Prohlášení vlastníka nemovitosti“ na zapsání do KN nemovitosti č.p.708" },
    { "Usnesení rady MČ Praha 7\n\nschválení stanoviska k návrhu vyhlášky hl. m. Prahy o schůdnosti místních "
      "komunikací\n\n\t\tč. 0640/99\n\n\t\tZe dne 10.09.1999\n",
      "Usnesení rady MČ Praha 7: schválení stanoviska k návrhu vyhlášky hl. m. Prahy o schůdnosti místních "
      "komunikací" },
    { "   \n\t\n", "" },
};

static void finds_the_heading_of_real_minutes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        size_t subject;
        assert_int_equal(zp_meta_title(rows[i].text, strlen(rows[i].text), &b, &subject), 0);
        assert_string_equal(zp_buf_str(&b), rows[i].title);
        zp_buf_free(&b);
    }
}

static void long_titles_are_cut_at_a_word(void **state)
{
    (void)state;
    char text[2000] = "Zápis z jednání";
    for (int i = 0; i < 40; i++)
        strcat(text, " pracovní skupiny");
    zp_buf b = ZP_BUF_INIT;
    size_t subject;
    zp_meta_title(text, strlen(text), &b, &subject);
    assert_true(b.len < 200 * 2);
    assert_non_null(strstr(zp_buf_str(&b), "skupiny \xE2\x80\xA6"));
    zp_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_the_heading_of_real_minutes),
        cmocka_unit_test(long_titles_are_cut_at_a_word),
    };
    return cmocka_run_group_tests_name("meta_title", tests, NULL, NULL);
}
