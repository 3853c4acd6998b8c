/* Towns and bodies from real minutes headers, in the nominative. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "meta.h"

static const struct {
    const char *text, *town;
} towns[] = {
    { "MÍSTO KONÁNÍ:\n\nMagistrát města Ostravy, Prokešovo nám. 8, místnost č. 504", "Ostrava" },
    { "v partnerství s Magistrátem města Prostějova\nMísto: KK u Hradeb – DUHA, Školní 4, Prostějov 796 01\n"
      "V Prostějově dne 11. 1. 2019",
      "Prostějov" },
    { "Místo konání: budova Magistrátu města Brna, Malinovského nám. 3\nv rámci AP Brno 2013", "Brno" },
    { "Dne: 10.9.2010, kancelář Zdenky Lebduškové, Karla Čapka 1147, Jeseník\n", "Jeseník" },
    { "Zdenka Lebdušková (MěÚ Jeseník)", "Jeseník" },
    { "ze zasedání Zastupitelstva obce Koclířov konaného dne", "Koclířov" },
    { "Zápis z 3. zasedání zastupitelstva obce Petřvald, konaného dne 28. 1. 2015", "Petřvald" },
    { "Zápis z 5. zasedání zastupitelstva obce Velké Březno, které se konalo", "Velké Březno" },
    { "ZÁPIS Z 3. ZASEDÁNÍ ZASTUPITELSTVA OBCE ZAŠOVÁ KONANÉHO DNE 17. BŘEZNA 2015\n"
      "změna ÚP pro parc. č. 1506/1 v k.ú. Zašová.",
      "Zašová" },
    { "služeb souvisejících v městské části Praha 17 na období 2022 – 2027", "Praha 17" },
    { "Zasedání Zastupitelstva obce Nové Město na Moravě", "Nové Město na Moravě" },
    { "Koordinátorka KPSS přivítala všechny přítomné.", "" },
    /* the archives (../shared/corpus/archive): the heading outweighs a
     * mention, case forms become the nominative the town writes */
    { "Usnesení rady MČ Praha 7\n\nNávrh na převod vlastnictví bytové jednotky č. 933/18, Šmeralova č.o. 24, Praha 7\n"
      "\t\tč. 0573/06\n\t\tZe dne 28.03.2006\nRada MČ P7\n po projednání\nBere na vědomí\n"
      "1. vlastníkem je hlavní město Praha, obec Praha, jednající svěřenou správou\n"
      "2. smlouva mezi obec Praha a oprávněným nájemcem\n"
      "1.1 Úkol: předložit na zasedání Zastupitelstva MČ Praha 7 návrh; obec Praha souhlasí", "Praha 7" },
    /* mentions count at most as one heading: a deed naming "obec Praha"
     * line after line is still the district's record */
    { "Usnesení rady MČ Praha 7\n\nPřevod bytové jednotky\n\t\tč. 0197/07\n\t\tZe dne 13.02.2007\nRada MČ P7\n"
      "vlastníkem je obec Praha; obec Praha převádí; obec Praha prodává; obec Praha souhlasí; obec Praha jedná; "
      "obec Praha svěřila; obec Praha trvá; obec Praha vyzývá", "Praha 7" },
    { "Zápis č. 1/2021 ze zasedání zastupitelstva obce Krhanice konaného dne 17.3.2021\n\n"
      "Starosta přivítal přítomné v Krhanicích.", "Krhanice" },
    { "Zápis ze zasedání zastupitelstva města Vodňany\n\nV Vodňanech dne 3. 5. 2021", "Vodňany" },
    /* a Prague district written short after "MČ" (Praha 7's resolutions
     * since 2016, which name their district no other way) */
    { "Návrh na výběr zhotovitele a uzavření smlouvy o dílo č. 2015/OIVZ/043\nč. usnesení: 0243/16-R\n"
      "datum: 2016-03-15\norgán: rada\n\nbere na vědomí\n\nNávrh, která je zadaná dle Pravidel pro zadávání veřejných "
      "zakázek MČ P 7 ve výběrovém řízení ( viz Usnesení R MČ P 7 č. 902/15-R ze dne 1.10.2015)\n",
      "Praha 7" },
    { "souhlasí s uzavřením smlouvy mezi MČ P7 a PREdistribuce, a.s.\n", "Praha 7" },
    /* the district's council and board, written short */
    { "bere na vědomí\n\nodvolání z funkce (viz usnesení ZMČ P7 č. 0003/15 ze dne 19.01.2015)\n", "Praha 7" },
    { "souhlasí s uzavřením smlouvy mezi MČ P-22 a společností\n", "Praha 22" },
    /* there are 22 districts: "P 30" is none */
    { "souhlasí s uzavřením smlouvy mezi MČ P 30 a společností\n", "" },
    /* the council's own heading outweighs the capital a subject names
     * twice, and the capital's mentions */
    { "Usnesení rady MČ Praha 7\n\nSchválení stanoviska k návrhu vyhlášky HMP, kterou se mění a doplňuje vyhláška "
      "hlavního města Praha č. 38/1994 Sb., hl. m. Prahy, kterou se vydává Statut hlavního města Prahy...\n\n"
      "\t\tč. 0594/00\n\n\t\tZe dne 27.06.2000\n\n...v přenesené působnosti\n\nObvodní rada v Praze 7\n"
      "po projednání\n\nI.\tbere na vědomí\n\n předložený materiál - Návrh na schválení stanoviska k návrhu vyhlášky "
      "HMP, kterou se mění a doplňuje vyhláška hlavního města Praha č. 38/1994 Sb., kterou se vydává Statut "
      "hlavního města Prahy\n\nII.\tkonstatuje, že k návrhu vyhlášky hlavního města Praha, Statut hlavního města "
      "Prahy má připomínky\n",
      "Praha 7" },
    /* no town: a budget in crowns, a person's address in a long sentence,
     * a table row naming the capital, the place a national body met */
    { "Výdajová položka se snižuje o 150 000,- Kč\nZřizuje se nová položka ve výši 300 000,- Kč", "" },
    { "bere na vědomí\nnávrh\nkonstatuje, že dohodnuté nájemné je průměr mezi znaleckými posudky č. 217-2016, "
      "vypracovaným Ing. Michalem Crkvou, V Podhoří 128, Praha 7 a č. 5309/2533/16, Plickova 552, Praha 4\n", "" },
    { "Rozpočet strany\n\n|Krajské sdružení|částka|\n|Hlavní město Praha\t| 10|", "" },
    { "Zápis ze zasedání Republikového výboru\n\nProjednáno.\n\nV Brně dne 22. 2. 2013", "" },
};

static void finds_the_town_in_the_nominative(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof towns / sizeof towns[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        int rc = zp_meta_town(towns[i].text, strlen(towns[i].text), &b);
        if (rc != (towns[i].town[0] ? 1 : 0))
            fail_msg("row %zu: rc %d for '%s'", i, rc, towns[i].town);
        if (strcmp(zp_buf_str(&b), towns[i].town) != 0)
            fail_msg("row %zu: got '%s', wanted '%s'", i, zp_buf_str(&b), towns[i].town);
        zp_buf_free(&b);
    }
}

static const struct {
    const char *text, *body;
} bodies[] = {
    { "ZÁPIS\n\nz jednání pracovní skupiny – tematické setkání\n\nDĚTI A RODINA\n\nDATUM: 16.1.2025",
      "Pracovní skupina Děti a rodina" },
    { "Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci\n\nDne: 11. 1. 2019",
      "Pracovní skupina Národnostní menšiny a cizinci" },
    { "PRACOVNÍ SKUPINA SENIOŘI\nZápis setkání", "Pracovní skupina Senioři" },
    { "Zápis z jednání pracovní skupiny Senioři a osoby se zdravotním postižením konaného dne 25. 2. 2016.",
      "Pracovní skupina Senioři a osoby se zdravotním postižením" },
    { "3. jednání Komise pro sociální oblast a komunitní plánování sociálních služeb\n\nOrgán: Komise",
      "Komise pro sociální oblast a komunitní plánování sociálních služeb" },
    { "Z Á P I S č. 4 / 2011\nze zasedání Zastupitelstva obce Koclířov", "Zastupitelstvo obce" },
    { "ZÁPIS Z 3. ZASEDÁNÍ ZASTUPITELSTVA OBCE ZAŠOVÁ", "Zastupitelstvo obce" },
    { "Zápis z jednání Rady města Vsetín", "Rada města" },
    { "Zápis ze setkání PS Senioři\n", "Pracovní skupina Senioři" },
    { "Zápis ze dne 10.9.2010\n1. Úvodní slovo\n• Komunitní plán byl schválen na Zastupitelstvu města Jeseník", "" },
};

static void finds_the_body_that_met(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        zp_buf b = ZP_BUF_INIT;
        int rc = zp_meta_body(bodies[i].text, strlen(bodies[i].text), &b);
        assert_int_equal(rc, bodies[i].body[0] ? 1 : 0);
        if (strcmp(zp_buf_str(&b), bodies[i].body) != 0)
            fail_msg("row %zu: got '%s', wanted '%s'", i, zp_buf_str(&b), bodies[i].body);
        zp_buf_free(&b);
    }
}

/* Whole headers from the archives: the body named with its town (two
 * towns' councils are two bodies), or what a record of no town says it is. */
static const struct {
    const char *text, *body;
} bodies_with_town[] = {
    { "Usnesení č. 1/2021 ze zasedání zastupitelstva obce Krhanice konaného dne 17.3.2021\n\n\n"
      "Zastupitelstvo obce Krhanice schvaluje\n1. program zasedání zastupitelstva obce.",
      "Zastupitelstvo obce Krhanice" },
    { "Usnesení rady MČ Praha 7\n\nPřehled přechodů nájmů\n\n\t\tč. 0556/99\n\n\t\tZe dne 10.08.1999\n\n"
      "Obvodní rada v Praze 7\npo projednání\n",
      "Rada městské části Praha 7" },
    { "Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci\n\nDne: 11. 1. 2019\n"
      "Místo: KK u Hradeb – DUHA, Školní 4, Prostějov 796 01\n",
      "Pracovní skupina Národnostní menšiny a cizinci (Prostějov)" },
    { "---\ntyp:          rozhodnutí\nnázev:        Otevření fóra republikového výboru\n"
      "původce:      republikový výbor\nplatnost:     2009-12-08\n---\n#Otevření fóra\n",
      "Republikový výbor" },
    { "---\ntyp: rozhodnutí\nnázev: Zasedání republikového výboru v Ústí nad Labem\npůvodce:\n---\n"
      "Komise\n",
      "Republikový výbor" },
    { "Zahájení schůze Poslanecké sněmovny\n10. září 2014\nPřítomno: 164 poslanců\n", "Poslanecká sněmovna" },
    { "Zápis ze schůze Spolku přátel severské zvěře\nDatum: 18. 4. 2015\n", "Schůze Spolku přátel severské zvěře" },
    /* Praha 7's resolutions since 2016: the record's "orgán:" line, not
     * the council its subject's sentence names; its town from the office
     * ("ÚMČ Praha 7") the heading names */
    { "Návrh na stanovení programu 2. řádného zasedání Zastupitelstva MČ Praha 7 dne 20.02.2017\n"
      "č. usnesení: 0100/17-R\ndatum: 2017-01-31\norgán: rada\n\nbere na vědomí\n",
      "Rada městské části Praha 7" },
    { "Návrh na zvýšení platu vedoucí Odboru školství ÚMČ Praha 7 s účinností od 1.9.2016\n"
      "č. usnesení: 0810/16-R\ndatum: 2016-08-23\norgán: rada\n\nbere na vědomí\n",
      "Rada městské části Praha 7" },
    /* ... and, naming its district once, far below the heading ("R MČ
     * Prahy 7"), a council is that district's */
    { "Návrh na udělení souhlasu PO ZŠ a MŠ Praha 7, Tusarova 21 k vyhovění žádosti na prominutí úplaty\n"
      "č. usnesení: 0170/16-R\ndatum: 2016-02-26\norgán: rada\n\nbere na vědomí\n\nNávrh na udělení souhlasu\n\n"
      "souhlasí,\n\naby PO ZŠ a MŠ Praha 7, Tusarova 21, vyhověla žádosti\n\nukládá\n\nVED OŠK Mgr. Ludmila "
      "Knížková\n\nInformovat ředitele školy o kladném stanovisku R MČ Prahy 7 k jeho žádosti.\n",
      "Rada městské části Praha 7" },
    { "# Zápisy ze schůzí: Období 2022-2025\n\n2025-05-07: předání moci\n\nproběhla schůze výboru 2025\n",
      "Výbor" },
};

static void names_the_body_with_its_town(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bodies_with_town / sizeof bodies_with_town[0]; i++) {
        zp_meta m;
        assert_int_equal(zp_meta_extract(bodies_with_town[i].text, strlen(bodies_with_town[i].text), &m), 0);
        if (!m.body || strcmp(m.body, bodies_with_town[i].body) != 0)
            fail_msg("row %zu: got '%s', wanted '%s'", i, m.body ? m.body : "(none)", bodies_with_town[i].body);
        zp_meta_free(&m);
    }
}

static void canonical_forms_unite_inflections(void **state)
{
    (void)state;
    const char *same[][2] = { { "Ostravy", "Ostrava" }, { "Prostějova", "PROSTĚJOV" },
                              { "Velkém Březně", "Velké Březno" }, { "Žebříku", "Žebřík" } };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        zp_buf a = ZP_BUF_INIT, b = ZP_BUF_INIT;
        zp_meta_canonical(same[i][0], strlen(same[i][0]), &a);
        zp_meta_canonical(same[i][1], strlen(same[i][1]), &b);
        assert_string_equal(zp_buf_str(&a), zp_buf_str(&b));
        zp_buf_free(&a);
        zp_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_the_town_in_the_nominative),
        cmocka_unit_test(finds_the_body_that_met),
        cmocka_unit_test(names_the_body_with_its_town),
        cmocka_unit_test(canonical_forms_unite_inflections),
    };
    return cmocka_run_group_tests_name("meta_town", tests, NULL, NULL);
}
