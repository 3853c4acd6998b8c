/* Czech light stemmer for folded words (no diacritics, lower case).
 * It follows the light stemmer of Dolamic & Savoy (2009): remove case
 * endings, then possessive suffixes, then undo palatalisation -- with the
 * ending lists written for folded input, so "cizincum" (cizincům),
 * "poradenstvim" and "prostejove" lose their endings like their
 * diacritic forms would. */
#ifndef ZP_STEM_CS_H
#define ZP_STEM_CS_H

#include <stddef.h>

/* Writes the stem of word[0..len) to out (at least len + 1 bytes) and
 * NUL-terminates it.  Returns the stem's length.  Words that are not plain
 * ASCII letters (numbers, other scripts) are copied unchanged.  The input
 * is expected folded (zp_fold_word); unfolded input is stemmed as if its
 * non-ASCII letters were consonants. */
size_t zp_stem_cs(const char *word, size_t len, char *out);

#endif
