/* Meeting dates from real minutes headers -- and the dates that are not
 * the meeting's (next meeting, deadlines, signature). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "meta.h"

static const struct {
    const char *text, *iso;   /* "" = the text gives no meeting date */
} rows[] = {
    { "ZÁPIS\n\nDATUM: 16.1.2025\n\nMÍSTO KONÁNÍ: Magistrát\n\nDalší setkání pracovní skupiny bude 20.2.2025",
      "2025-01-16" },
    { "Zápis z jednání Pracovní skupiny\n\nDne: 11. 1. 2019\n\n... pošlou je do 22. 2. 2019 vedoucí PS.\n\n"
      "V Prostějově dne 11. 1. 2018",
      "2019-01-11" },
    { "Průběh zasedání Zastupitelstva obce Ohaře č. 4/2015 konaného dne 21. 5. 2015 od 19.00 hodin", "2015-05-21" },
    { "ZÁPIS Z 3. ZASEDÁNÍ ZASTUPITELSTVA OBCE ZAŠOVÁ KONANÉHO DNE 17. BŘEZNA 2015", "2015-03-17" },
    { "Zápis z 5. zasedání zastupitelstva obce Velké Březno, které se konalo 20. 4. 2015 od 17:00 hodin", "2015-04-20" },
    { "Zápis ze dne 25. 2. 2016\n\nTermín dalšího jednání byl stanoven na 26. 5. 2016, 13:00 hod.", "2016-02-25" },
    { "Zápis ze dne 10.9.2010\n\nDne: 10.9.2010, kancelář", "2010-09-10" },
    { "Jednání se konalo dne 3. března 2021 v zasedací místnosti", "2021-03-03" },
    { "Zápis 05.03.2020\nPřítomni: viz prezenční listina", "2020-03-05" },
    /* no meeting date in the text */
    { "PRACOVNÍ SKUPINA SENIOŘI\nZápis setkání\nTermín konání: čtvrtek\nv lednu/únoru 2014", "" },
    { "Z Á P I S č. 4 / 2011\nze zasedání Zastupitelstva obce Koclířov konaného dne v klubovně", "" },
    { "Úkoly: zašle do 29. 11. 2019 emailem", "" },
    { "Další setkání bude 20.2.2025", "" },
    { "Dny seniorů proběhnou ve dnech 30.9.-3.10.2010 v Jeseníku", "" },
    { "Dne: 31. 2. 2019", "" },      /* not a date */
    { "Dne: 11. 13. 2019", "" },
    /* the archives: the heading's date beside the dates that are not the meeting's */
    { "Zápis č. 1/2021 ze zasedání zastupitelstva obce Krhanice konaného dne 17.3.2021\n\n\nPřítomni\n"
      "Starosta konstatoval, že zasedání bylo svoláno dne 9.3.2021 bylo vyvěšeno na úřední desce", "2021-03-17" },
    { "Zápis č. / ze zasedání zastupitelstva obce Krhanice konaného dne \n\n\nPřítomni\n"
      "Starosta konstatoval, že zasedání bylo svoláno dne 27.2.2026, bylo vyvěšeno na úřední desce", "" },
    { "Usnesení zastupitelstva MČ Praha 7\n\nPřevod domu schváleného usnesením Zastupitelstva MČ Praha 7 "
      "č. 0031-01-Z ze dne 2. 4. 2001 k prodeji\n\n\t\tč. 0041/03\n\n\t\tZe dne 26.05.2003\n", "2003-05-26" },
    { "Návrh na uzavření nájemních smluv\nč. usnesení: 0322/17-R\ndatum: 2017-04-04\norgán: rada\n\n"
      "konstatuje, že nájemné je průměr mezi znaleckými posudky č. 217-2016, ze dne 14.10.2016", "2017-04-04" },
    { "---\ntyp:          rozhodnutí\nnázev:        Otevření fóra\nplatnost:     2009-12-08\n"
      "účinnost:     2010-01-05\n---\n#Otevření fóra\n", "2009-12-08" },
    { "Zahájení schůze Poslanecké sněmovny\n10. září 2014\nPřítomno: 164 poslanců\n"
      "Organizační výbor stanovil návrh pořadu 16. schůze dne 4. září 2014, pozvánka vám byla doručena", "2014-09-10" },
    { "Zápis ze schůze Spolku přátel severské zvěře\nDatum: 18. 4. 2015\nPřítomní: Martin Hanžl", "2015-04-18" },
    { "# **Stenozáznam zasedání RV**\n### -- Sobota 9. února 2013\n## 1. Kampaně\n", "2013-02-09" },
    { "# Zápisy ze schůzí: Období 2022-2025\n\n## 2025-05-07: předání moci\n\ntext\n"
      "## 2025-03-23: elektronické hlasování\n\ntext\n## 2025-03-18: schůze výboru\n", "" },
    /* dates on lines one after another are a list (a schedule), not the
     * headings of many meetings: the header's own label stands */
    { "Usnesení rady MČ Praha 7\n\nStanovení termínů konání jednání OR 7 ve II. pololetí 1999\n\n\t\tč. 0418/99\n\n"
      "\t\tZe dne 08.06.1999\n\nObvodní rada v Praze 7\npo projednání\n\nII.\tsouhlasí\n\ns následujícími termíny "
      "konání jednání OR 7 ve II. pololetí 1999:\n\n13.07.1999\n27.07.1999\n10.08.1999\n24.08.1999\n07.09.1999\n",
      "1999-06-08" },
    { "Usnesení rady MČ Praha 7\n\nStanovení termínů konání jednání Rady MČ Praha 7 v II. pololetí roku 2004\n\n"
      "\t\tč. 0664/04\n\n\t\tZe dne 22.06.2004\n\nRada MČ Praha 7\n\npo projednání\n\nII.  souhlasí\n\n"
      "s následujícími termíny konání Rady MČ Praha 7 v II. pololetí roku 2004\n\n\xC2\xA0\n\n13.07.2004\n\n20.07.2004\n\n"
      "27.07.2004\n\n03.08.2004\n\n10.08.2004\n",
      "2004-06-22" },
    /* headings standing apart, unmarked (Markdown read as text): many meetings */
    { "Zápisy ze schůzí výboru\n\n2025-05-07: předání moci\n\nViz nový dokument.\n\n"
      "2025-03-23: elektronické hlasování\n\nHlasovalo se.\n\n2025-03-18: schůze výboru\n\nPřítomni: všichni\n", "" },
    /* a date right under a task's text is its deadline, no heading */
    { "Usnesení zastupitelstva MČ Praha 7\n\nNávrh k rozpočtu MČ Praha 7 na rok 2005 - hlavní činnost\n\n"
      "\t\tč. 0008/05\n\n\t\tZe dne 21.02.2005\n\nUkládá\n\nSTA Kučerová Ivana PhDr.\nPokračovat v přípravách "
      "organizačních opatření\n31.12.2005\n\nZAS STA Kechner Otto Bc.\nPotvrdit všem organizačním jednotkám\n"
      "31.12.2005\n\nZAS STA Kechner Otto Bc.\nPředkládat Z MČ P/7 informace o základních ukazatelích\n31.12.2005\n",
      "2005-02-21" },
    /* a label inside the subject's sentence (an event "konané dne", a
     * quoted resolution named in a heading, a sentence wrapped onto "dne")
     * gives way to the header's own label */
    { "Usnesení rady MČ Praha 7\n\nNávrh na schválení realizace akce \"Doping a sport\" konané 20. 02. 2006  od 9 "
      "do  11:15 hodin v Kulturním domě Vltavská\n\n\t\tč. 0290/06\n\n\t\tZe dne 14.02.2006\n\nRada MČ P7\n",
      "2006-02-14" },
    { "Návrh na schválení stanoviska MČ Praha 7 k akci ADRA běh konané dne 23.09.2018 na Letenské pláni\n"
      "č. usnesení: 0485/18-R\ndatum: 2018-06-19\norgán: rada\n", "2018-06-19" },
    { "Usnesení rady MČ Praha 7\n\nUsnesení ZHMP č. 08/04 ze dne 29.05.2003, kterým se schvaluje obecně závazná "
      "vyhláška\n\n\t\tč. 0669/03\n\n\t\tZe dne 10.06.2003\n", "2003-06-10" },
    { "Usnesení rady MČ Praha 7\n\nPodaná výpověď společností CENTRA a.s. z nájemní smlouvy uzavřené\n"
      "dne 20.3.2003 na rekreační zařízení Velký Semerink\n\n\t\tč. 0041/05\n\n\t\tZe dne 18.01.2005\n",
      "2005-01-18" },
    { "Usnesení rady MČ Praha 7\n\nSouhlas s realizací Romského plesu Městské části Praha 7\nkonaného dne "
      "25.03.2005\n\n\t\tč. 0167/05\n\n\t\tZe dne 22.02.2005\n", "2005-02-22" },
    /* ... and stands when the header has no other */
    { "Zápis z jednání pracovní skupiny Senioři\nkonaného dne 25. 2. 2016 v zasedací místnosti\n\nPřítomni: 12",
      "2016-02-25" },
    /* only the signature says it */
    { "Zápis z jednání\n\nProjednáno vše.\n\nV Prostějově dne 11. 1. 2019\nZapsala: P. Kolářiková", "2019-01-11" },
};

static void finds_the_meeting_date_not_other_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        zp_date d;
        char iso[11] = "";
        if (zp_meta_meeting_date(rows[i].text, strlen(rows[i].text), &d))
            zp_meta_date_iso(&d, iso);
        if (strcmp(iso, rows[i].iso) != 0)
            fail_msg("row %zu: got '%s', wanted '%s'", i, iso, rows[i].iso);
    }
}

static void finds_dates_written_any_way(void **state)
{
    (void)state;
    const char *texts[] = { "do 22. 2. 2019 x", "do 22.2.2019", "dne 22. února 2019", "DNE 22. ÚNORA 2019",
                            "22. unora 2019" };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        zp_date d;
        size_t s, e;
        assert_int_equal(zp_meta_find_date(texts[i], strlen(texts[i]), &d, &s, &e), 1);
        assert_int_equal(d.year, 2019);
        assert_int_equal(d.month, 2);
        assert_int_equal(d.day, 22);
    }
    zp_date d;
    size_t s, e;
    assert_int_equal(zp_meta_find_date("č. 3/2011, 2018-2022, 123.4.2019", 33, &d, &s, &e), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_the_meeting_date_not_other_dates),
        cmocka_unit_test(finds_dates_written_any_way),
    };
    return cmocka_run_group_tests_name("meta_date", tests, NULL, NULL);
}
