/* The table of Greek and Cyrillic letters read as Latin ones, made once
 * from ICU: the letter's skeleton (uspoof_getSkeleton, Unicode's
 * confusables.txt) when it is a Latin letter -- Cyrillic "р" passes for
 * "p", "о" for "o" -- else its transliteration (Any-Latin) when that is
 * one Latin letter: "п", whose skeleton is Greek "π", is "p". */
#include "confusables.h"

#include <pthread.h>
#include <unicode/uspoof.h>
#include <unicode/utrans.h>

#define FIRST 0x0370   /* Greek and Coptic */
#define LAST 0x052F    /* end of the Cyrillic Supplement */

static char latin[LAST - FIRST + 1];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int ascii_letter(const UChar *s, int32_t n)
{
    return n == 1 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
}

static void build(void)
{
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker *sc = uspoof_open(&status);
    if (U_FAILURE(status))
        return;
    static const UChar any_latin[] = { 'A', 'n', 'y', '-', 'L', 'a', 't', 'i', 'n', 0 };
    UErrorCode tstatus = U_ZERO_ERROR;
    UTransliterator *tr = utrans_openU(any_latin, -1, UTRANS_FORWARD, NULL, 0, NULL, &tstatus);
    for (int32_t cp = FIRST; cp <= LAST; cp++) {
        UChar in[1] = { (UChar)cp }, out[8];
        status = U_ZERO_ERROR;
        int32_t n = uspoof_getSkeleton(sc, 0, in, 1, out, 8, &status);
        if (U_SUCCESS(status) && ascii_letter(out, n)) {
            latin[cp - FIRST] = (char)out[0];
            continue;
        }
        if (U_FAILURE(tstatus))
            continue;
        UChar buf[8] = { (UChar)cp };
        int32_t len = 1, limit = 1;
        status = U_ZERO_ERROR;
        utrans_transUChars(tr, buf, &len, 8, 0, &limit, &status);
        if (U_SUCCESS(status) && ascii_letter(buf, len))
            latin[cp - FIRST] = (char)buf[0];
    }
    if (U_SUCCESS(tstatus))
        utrans_close(tr);
    uspoof_close(sc);
}

int32_t zp_confusable_latin(int32_t cp)
{
    if (cp < FIRST || cp > LAST)
        return 0;
    pthread_once(&once, build);
    return (unsigned char)latin[cp - FIRST];
}
