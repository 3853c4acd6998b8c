/* Czech light stemmer on folded words.  The steps and the minimum lengths
 * that guard them are those of Dolamic & Savoy's light stemmer; the ending
 * lists are its lists with diacritics folded away (ům and um, ím and im
 * become one ending), so documents and queries -- both folded before
 * stemming -- meet on the same stem. */
#include "stem_cs.h"

#include <string.h>

typedef struct {
    size_t min_len;       /* the word must be longer than this */
    const char *const *endings;
} ending_rule;

/* The neuter "-ata" declension (kuřata, kuřatům, kuřatech) is left out:
 * folded, its endings "at", "ata", "aty", "atum", "atech" would eat the
 * "-át" of far commoner stems in minutes (magistrát, kandidát, stát). */
static const char *const endings4[] = { "etem", NULL };
static const char *const endings3[] = { "ech", "ich", "eho", "emi", "emu", "ete", "eti", "iho",
                                        "imi", "imu", "ach", "ych", "ama", "ami",
                                        "ove", "ovi", "ymi", NULL };
static const char *const endings2[] = { "em", "es", "im", "um", "am", "os",
                                        "us", "ym", "mi", "ou", NULL };
static const char *const endings1[] = { "a", "e", "i", "o", "u", "y", NULL };

/* Longest endings first: the first rule that applies removes its ending. */
static const ending_rule case_rules[] = {
    { 6, endings4 }, { 5, endings3 }, { 4, endings2 }, { 3, endings1 },
};

static const char *const possessives[] = { "ov", "in", "uv", NULL };

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static int ends_with_any(const char *s, size_t len, const char *const *list)
{
    for (; *list; list++)
        if (ends_with(s, len, *list))
            return (int)strlen(*list);
    return 0;
}

static size_t remove_case(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof case_rules / sizeof case_rules[0]; i++) {
        if (len <= case_rules[i].min_len)
            continue;
        int n = ends_with_any(s, len, case_rules[i].endings);
        if (n)
            return len - (size_t)n;
    }
    return len;
}

static size_t remove_possessive(const char *s, size_t len)
{
    if (len > 5 && ends_with_any(s, len, possessives))
        return len - 2;
    return len;
}

/* Undo palatalisation so that e.g. "cizinec", "cizince" and "cizinku"
 * end alike: čt/št -> ck/sk, c/č -> k, z/ž -> h, drop a final-syllable e,
 * ů -> o -- all on folded letters. */
static size_t normalize(char *s, size_t len)
{
    if (ends_with(s, len, "ct") || ends_with(s, len, "st")) {
        s[len - 1] = 'k';
        return len;
    }
    if (len > 0 && s[len - 1] == 'z') {
        s[len - 1] = 'h';
        return len;
    }
    /* Unlike the published rule, c -> k goes on to the e-drop, so the
     * nominative "cizinec" meets "cizince", "cizinci" (all cizink). */
    if (len > 0 && s[len - 1] == 'c')
        s[len - 1] = 'k';
    if (len > 1 && s[len - 2] == 'e') {
        s[len - 2] = s[len - 1];
        return len - 1;
    }
    if (len > 2 && s[len - 2] == 'u') {
        s[len - 2] = 'o';
        return len;
    }
    return len;
}

static int is_plain_word(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    return 1;
}

size_t zp_stem_cs(const char *word, size_t len, char *out)
{
    memcpy(out, word, len);
    out[len] = '\0';
    if (!is_plain_word(word, len))
        return len;
    size_t n = remove_case(out, len);
    n = remove_possessive(out, n);
    if (n > 0)
        n = normalize(out, n);
    out[n] = '\0';
    return n;
}
