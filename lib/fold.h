/* Text normalisation shared by documents and queries: making arbitrary bytes
 * valid NFC UTF-8, and folding a word to the form the index stores
 * (case folded, diacritics stripped: "Žebříku" -> "zebriku"). */
#ifndef ZP_FOLD_H
#define ZP_FOLD_H

#include <stddef.h>
#include <stdint.h>
#include <utf8proc.h>

#include "buf.h"

/* The code point at s (avail > 0 bytes) as utf8proc_iterate reads it: its
 * length, or negative when s starts no valid sequence.  Letters of two
 * bytes (Latin, Greek, Cyrillic), most of a Czech text's beyond ASCII, are
 * decoded here, on the hot paths of tokenizing and folding. */
static inline long zp_fold_next_cp(const unsigned char *s, size_t avail, int32_t *cp)
{
    if (s[0] >= 0xC2 && s[0] <= 0xDF && avail > 1 && (s[1] & 0xC0) == 0x80) {
        *cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)avail, &c);
    *cp = c;
    return (long)n;
}

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

/* The ASCII letter zp_fold_word folds the code point cp (beyond ASCII) to
 * when it folds it to that letter alone, whatever follows it ("č", "Č" ->
 * 'c'); 0 when it does not. */
char zp_fold_ascii_of(int32_t cp);

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
