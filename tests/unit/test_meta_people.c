/* People, organisations, decisions and tasks from real minutes text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "meta.h"

static const char jesenik[] =
    "Zápis ze dne 10.9.2010\n\n"
    "Přítomni: Ing. Jan Rotter (PPS Jeseník)\n"
    "Zdenka Lebdušková (MěÚ Jeseník)\n"
    "Ing. Martina Mařáková (Středisko rozvoje sociálních služeb Jeseník, o.p.s.)\n"
    "Hosté: Bc. Lenka Tichavská\n"
    "Omluveni: Bc. Jana Macková, DiS. (SPS Jeseník)\n\n"
    "1. Úvodní slovo\n";

static const char prostejov[] =
    "Realizátor Středisko rozvoje sociálních služeb, o.p.s. v partnerství s Magistrátem města Prostějova\n"
    "Přítomni: viz prezenční listina\n"
    " - P. Rozehnalová – v rámci Žebříku byla zrušena služba odborného poradenství. Není však v silách "
    "organizace Žebřík, aby dělali cílený monitoring.\n"
    " - P. Sivolobová – Drom – organizace neplánuje rozšiřování služby\n"
    "- Kolářiková – Člověk v tísní o.p.s. – nadále realizujeme SAS RD a TP\n"
    "- **Skupina se shodla na tom, že by bylo potřebné obnovení odborného sociálního poradenství pro "
    "cizince v rámci organizace Žebřík.**\n"
    "5. Další setkání PS – bude naplánováno na jaro 2019\n"
    "6. Úkoly:\n"
    "- P. Kolářiková zašle zápis z jednání PS, SWOT analýzu\n"
    "- **Členové PS vytvoří opatření a pošlou je do 22. 2. 2019 vedoucí PS.**\n\n"
    "Zapsala: P. Kolářiková – vedoucí PS\n";

static int has(const zp_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

#define assert_has(list, s)                                                                        \
    do {                                                                                           \
        if (!has(list, s))                                                                         \
            fail_msg("'%s' not in %s", s, #list);                                                  \
    } while (0)

/* None of the n names is taken for an organisation. */
static void assert_no_org(const zp_meta *m, const char *const *never, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (has(&m->orgs, never[i]))
            fail_msg("'%s' taken for an organisation", never[i]);
}

static void reads_attendance_lines_across_lines(void **state)
{
    (void)state;
    zp_meta m;
    assert_int_equal(zp_meta_extract(jesenik, strlen(jesenik), &m), 0);
    assert_int_equal(m.present.n, 3);
    assert_has(&m.present, "Zdenka Lebdušková (MěÚ Jeseník)");
    assert_has(&m.guests, "Bc. Lenka Tichavská");
    assert_has(&m.excused, "Bc. Jana Macková, DiS. (SPS Jeseník)");
    assert_has(&m.people, "Ing. Jan Rotter");
    assert_has(&m.people, "Bc. Jana Macková");
    assert_has(&m.orgs, "MěÚ Jeseník");
    assert_has(&m.orgs, "Středisko rozvoje sociálních služeb Jeseník");
    zp_meta_free(&m);
}

static void finds_organisations_of_a_report(void **state)
{
    (void)state;
    zp_meta m;
    assert_int_equal(zp_meta_extract(prostejov, strlen(prostejov), &m), 0);
    assert_has(&m.orgs, "Středisko rozvoje sociálních služeb");
    assert_has(&m.orgs, "Žebřík");
    assert_has(&m.orgs, "Drom");
    assert_has(&m.orgs, "Člověk v tísní");
    /* "SWOT analýza" once in passing: a method, not an organisation */
    assert_false(has(&m.orgs, "SWOT"));
    assert_has(&m.people, "P. Rozehnalová");
    assert_has(&m.people, "P. Kolářiková");
    assert_int_equal(m.present.n, 0);   /* "viz prezenční listina" names nobody */
    zp_meta_free(&m);
}

static void finds_agreements_and_tasks_with_owner_and_deadline(void **state)
{
    (void)state;
    zp_meta m;
    assert_int_equal(zp_meta_extract(prostejov, strlen(prostejov), &m), 0);
    assert_int_equal(m.decisions.n, 3);
    const zp_decision *d = &m.decisions.v[0];
    assert_false(d->task);
    assert_string_equal(d->text, "Skupina se shodla na tom, že by bylo potřebné obnovení odborného sociálního "
                                 "poradenství pro cizince v rámci organizace Žebřík.");
    d = &m.decisions.v[1];
    assert_true(d->task);
    assert_string_equal(d->owner, "P. Kolářiková");
    assert_int_equal(d->deadline.year, 0);
    d = &m.decisions.v[2];
    assert_true(d->task);
    assert_string_equal(d->owner, "Členové PS");
    assert_int_equal(d->deadline.year, 2019);
    assert_int_equal(d->deadline.month, 2);
    assert_int_equal(d->deadline.day, 22);
    zp_meta_free(&m);
}

static void pairs_a_name_with_its_acronym(void **state)
{
    (void)state;
    const char *t = "1. Představení činnosti Organizace pro pomoc uprchlíkům (OPU) – Mgr. Barbora Klinovská\n"
                    "DATUM: 16.1.2025\nPROGRAM\nNasměrování na OPU (Centrum pro integraci cizinců).";
    zp_meta m;
    assert_int_equal(zp_meta_extract(t, strlen(t), &m), 0);
    assert_int_equal(m.acronyms.names.n, 1);
    assert_string_equal(m.acronyms.names.v[0], "Organizace pro pomoc uprchlíkům");
    assert_string_equal(m.acronyms.acronyms.v[0], "OPU");
    assert_has(&m.people, "Mgr. Barbora Klinovská");
    assert_false(has(&m.orgs, "DATUM"));
    assert_false(has(&m.orgs, "PROGRAM"));
    zp_meta_free(&m);
}

/* Lines of the archives' minutes and resolutions: what is an
 * organisation, named in the nominative, and what only looks like one. */
static const char krhanice[] =
    "Zápis č. 1/2021 ze zasedání zastupitelstva obce Krhanice konaného dne 17.3.2021\n\n"
    "Návrh\nZO schvaluje program zasedání zastupitelstva obce.\nPRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )\n"
    "ZO schvaluje navýšení příspěvku Mateřské škole Krhanice o 30.000,- Kč.\nPRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )\n"
    "ZO schvaluje smlouvu s ČEZ Distribuce, a.s., IČ 24729035, DIČ CZ24729035, se sídlem Děčín.\n"
    "PRO ( 8 ) – PROTI ( 0 ) – ZDRŽEL SE ( 0 )\n"
    "ZO schvaluje uzávěrku příspěvkové organizace Základní škola Krhanice, okres Benešov; cena bez DPH, IČO 123.\n"
    "spolupracovat s Posázavím, o.p.s. za cenu 20.000,- Kč bez DPH; IČO a DPH dle smlouvy\n"
    "s firmou Vodohospodářská společnost Benešov, a.s., Černoleská 1600\n"
    "Geometrický plán bude financovat Dobet, s.r.o.\n"
    "Žádost Charitě Šternberk o příspěvek; ZŠ Korunovační obdrží dotaci.\n"
    "Technická správa komunikací hl. m. Prahy, a.s. opraví chodník.\n"
    "podobně to bylo, když přišel John a spol. a Fond kultury (FOND) přispěl\n";

static void finds_organisations_not_tax_ids_or_votes(void **state)
{
    (void)state;
    zp_meta m;
    assert_int_equal(zp_meta_extract(krhanice, strlen(krhanice), &m), 0);
    assert_has(&m.orgs, "ČEZ Distribuce");
    assert_has(&m.orgs, "Mateřská škola Krhanice");
    assert_has(&m.orgs, "Základní škola Krhanice");
    assert_has(&m.orgs, "Posázaví");
    assert_has(&m.orgs, "Vodohospodářská společnost Benešov");
    assert_has(&m.orgs, "Dobet");
    assert_has(&m.orgs, "Charita Šternberk");
    assert_has(&m.orgs, "ZŠ Korunovační");
    assert_has(&m.orgs, "Technická správa komunikací hl. m. Prahy");
    const char *never[] = { "DPH", "IČO", "IČ", "DIČ", "PRO", "PROTI", "ZDRŽEL", "SE", "ZO", "Kč", "John",
                            "John a", "Základní", "Mateřská", "Benešov", "Geometrický plán bude financovat Dobet" };
    assert_no_org(&m, never, sizeof never / sizeof never[0]);
    zp_meta_free(&m);
}

/* Praha 7's resolutions: schools named with a preposition or an initial,
 * a příspěvková organizace's form before its name, and what only looks
 * like an organisation -- the budget's codes, property words, the office's
 * departments (after VED, by a budget's unit, in a contract's number), a
 * word in capitals without its diacritics (RADNÍ). */
static const char praha7[] =
    "Návrh na přidělení odměny ředitelce p.o. Pečovatelské centrum Praha 7\n"
    "Rada MČ Praha 7 schvaluje příspěvek MŠ Na Výšinách, MŠ Nad Štolou a ZŠ Fr. Plamínkové.\n"
    "hrazeno z rozpočtu OKS ORJ 421, OdPa 3419, UZ 98, ORG 433016; ORJ 421 OKS; ORJ 421 OKS\n"
    "nájemní smlouva (NS) na NBP Čechova 17; NS na NBP Dukelských hrdinů; dodatek k NS na NBP\n"
    "Určen: VED OFI Ing. Kateřina Lusková; VED OKS; zaslat VED OFI; vedoucí OFI\n"
    "Určen: RADNI Hasal Štěpán\nUrčen: RADNI Piskáček Jiří Mgr.\nUrčen: RADNI Hasal Štěpán\n"
    "dar ve výši 30.000 Kč spolku Oblastní spolek Českého červeného kříže Praha 7\n"
    "dar pro MOTUS na festival; MOTUS pořádá; smlouva s MOTUS\n"
    "úhradu nákladů, formou faktury, v max. výši 45 000 Kč vč. DPH, spolku TJ Lokomotiva Praha, z.s., IČO: 005 48 707\n"
    "ve výši 20 000 Kč, formou veřejnoprávní smlouvy, spolku Český orientační spolek, z.s.\n"
    "za cenu 30 000 Kč vč. DPH společnosti RTC PRODUCTION s.r.o., IČO 123\n"
    "plné moci Martinu Pilařovi, zaměstnanci ÚMČ P7, k vyřízení žádosti; ÚMČ P7 a ÚMČ Praha 7\n"
    "o výpůjčce pozemků TJ Sokol Krhanice a o výpůjčce nebytových prostor; hospodaření PO KD Vltavská\n"
    "příspěvek pro ZŠ Praha 7, Strossmayerovo nám. 4; oprava oken v ZŠ Korunovační 8, Praha 7\n"
    "Stanovení mimořádné odměny vedoucí OP a OVV; předložený materiál OVV; zajistí OVV\n"
    "na pronájem NBP dílna dle PV jed. č. 1216/101; adresovaného OR 7, č.j. 5/OR/00\n"
    "úprava rozpočtu ORJ 809, OMA za účelem realizace nové investiční akce; převod do rozpočtu OMA; návrh OMA\n"
    "smlouva o dílo č. 2015/OIVZ/043 na veřejnou zakázku; dodatek ke smlouvě č. 2015/OIVZ/038; zakázku zadá OIVZ\n";

static void tells_organisations_from_codes_and_departments(void **state)
{
    (void)state;
    zp_meta m;
    assert_int_equal(zp_meta_extract(praha7, strlen(praha7), &m), 0);
    /* a Prague district's number is the name's; a street's house number is not */
    assert_has(&m.orgs, "Pečovatelské centrum Praha 7");
    assert_has(&m.orgs, "ZŠ Praha 7");
    assert_has(&m.orgs, "ZŠ Korunovační");
    assert_has(&m.orgs, "MŠ Na Výšinách");
    assert_has(&m.orgs, "MŠ Nad Štolou");
    assert_has(&m.orgs, "ZŠ Fr. Plamínkové");
    assert_has(&m.orgs, "MOTUS");
    /* a kind of association in lower case, a sum: before the name */
    assert_has(&m.orgs, "TJ Lokomotiva Praha");
    assert_has(&m.orgs, "Český orientační spolek");
    assert_has(&m.orgs, "RTC PRODUCTION");
    /* a club's kind heads its name, as a school's does */
    assert_has(&m.orgs, "TJ Sokol Krhanice");
    assert_has(&m.orgs, "KD Vltavská");
    const char *never[] = { "Pečovatelský centrum Praha", "Návrh na přidělení odměny ředitelce", "MŠ Na", "MŠ Nad",
                            "ZŠ Fr", "ORJ", "UZ", "ORG", "NS", "NBP", "OFI", "OKS", "VED", "RADNI", "Oblastní", "Českého",
                            "Kč vč. DPH, spolku TJ Lokomotiva Praha", "DPH, formou faktury, spolku TJ Lokomotiva Praha",
                            "Kč vč. DPH společnosti RTC PRODUCTION", "ÚMČ", "TJ", "KD", "PV", "OR", "OMA", "OIVZ", "ZŠ Praha", "ZŠ Korunovační 8", "OVV", "Kč, formou veřejnoprávní smlouvy, spolku Český "
                            "orientační spolek" };
    assert_no_org(&m, never, sizeof never / sizeof never[0]);
    zp_meta_free(&m);
}

static const struct {
    const char *text;
    int decision;
} sentences[] = {
    { "Usnesení č. 4/1: I. Zastupitelstvo obce schvaluje program jednání.", 1 },
    { "II. Zastupitelstvo bere na vědomí složení návrhové komise.", 1 },
    { "Závěrem bylo dohodnuto vytvoření ankety.", 1 },
    { "Služby doporučeno sjednotit.", 1 },
    { "Všichni členové s přijetím nových členů souhlasili.", 1 },
    { "3. Schválení programu 4. Námitky k zápisu", 0 },
    { "Úkol se přesunuje na příští setkání. Informace ke schvalování dotací:", 0 },
    { "Koordinátorka přivítala všechny přítomné.", 0 },
};

static void tells_decisions_from_other_sentences(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++) {
        zp_meta m;
        assert_int_equal(zp_meta_extract(sentences[i].text, strlen(sentences[i].text), &m), 0);
        if ((m.decisions.n > 0) != sentences[i].decision)
            fail_msg("row %zu: %zu decisions in '%s'", i, m.decisions.n, sentences[i].text);
        zp_meta_free(&m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_attendance_lines_across_lines),
        cmocka_unit_test(finds_organisations_of_a_report),
        cmocka_unit_test(finds_organisations_not_tax_ids_or_votes),
        cmocka_unit_test(tells_organisations_from_codes_and_departments),
        cmocka_unit_test(finds_agreements_and_tasks_with_owner_and_deadline),
        cmocka_unit_test(pairs_a_name_with_its_acronym),
        cmocka_unit_test(tells_decisions_from_other_sentences),
    };
    return cmocka_run_group_tests_name("meta_people", tests, NULL, NULL);
}
