/* Look-alike letters: a Cyrillic or Greek letter that looks like a Latin
 * one ("п" and "n", "о" and "o"), by Unicode's confusables data through
 * ICU's spoof checker (its skeleton of the single letter).  A word that
 * mixes scripts ("přeпоšle", typed on a keyboard switched halfway) is read
 * as its Latin skeleton. */
#ifndef ZP_CONFUSABLES_H
#define ZP_CONFUSABLES_H

#include <stdint.h>

/* The Latin letter (ASCII) that cp is confusable with, or 0 when cp is not
 * a Cyrillic or Greek letter with one. */
int32_t zp_confusable_latin(int32_t cp);

#endif
