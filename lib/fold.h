/* Text normalisation shared by documents and queries: making arbitrary bytes
 * valid NFC UTF-8, and folding a word to the form the index stores
 * (case folded, diacritics stripped: "Žebříku" -> "zebriku"). */
#ifndef ZP_FOLD_H
#define ZP_FOLD_H

#include <stddef.h>

#include "buf.h"

/* Appends to out the text as valid NFC UTF-8: invalid byte sequences become
 * U+FFFD, NUL and other control characters (except tab, newline, CR, FF)
 * become spaces, a leading byte-order mark is dropped.  Returns the number
 * of invalid sequences replaced, or -1 when memory ran out. */
long zp_fold_clean_text(const char *in, size_t len, zp_buf *out);

/* Appends the folded form of in (which must be valid UTF-8, e.g. a token of
 * text returned by zp_fold_clean_text): NFKC, Unicode case folding,
 * combining marks removed.  Returns 0, or -1 when memory ran out or the
 * input was not valid UTF-8. */
int zp_fold_word(const char *in, size_t len, zp_buf *out);

/* Appends in (valid UTF-8) in lower case, diacritics kept, NFC: how a
 * word is shown ("Žebříku" -> "žebříku").  0, or -1 on error. */
int zp_fold_lower(const char *in, size_t len, zp_buf *out);

/* 1 when the text (valid UTF-8, len bytes) starts with a capital letter
 * (Unicode Lu or Lt): "Praha", "Žebřík", not "daná" or "2019". */
int zp_fold_is_capital(const char *s, size_t len);

/* 1 when s has a byte beyond ASCII: a letter with diacritics, in Czech
 * text (0 for NULL). */
int zp_fold_has_non_ascii(const char *s, size_t len);

/* Number of code points in valid UTF-8 text. */
size_t zp_fold_count_chars(const char *s, size_t len);

#endif
