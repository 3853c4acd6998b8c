/* Metadata of minutes found in their text. */
#ifndef ZP_META_H
#define ZP_META_H

#include <stddef.h>

#include "buf.h"

/* Appends the title of a minutes text (valid UTF-8): its heading ("Zápis z
 * jednání Pracovní skupiny ..."), else its first non-empty line;
 * whitespace collapsed, at most ~160 characters.  Nothing for empty text.
 * Returns 0 or -1 when memory ran out. */
int zp_meta_title(const char *text, size_t len, zp_buf *out);

#endif
