/* Document building: an extracted text becomes a Xapian document following
 * the index schema (docs/schema.md). */
#ifndef ZP_DOCUMENT_H
#define ZP_DOCUMENT_H

#include <stddef.h>

#include "zx.h"

/* Value slots (docs/schema.md). */
enum { ZP_SLOT_DATE = 0, ZP_SLOT_MTIME = 1, ZP_SLOT_SIZE = 2 };

#define ZP_PREFIX_ID "Q"
#define ZP_PREFIX_MIME "T"

/* "Q" + 16 hex digits + NUL */
#define ZP_ID_TERM_SIZE 18

typedef struct {
    const char *path;       /* absolute path, shown and used to open the file */
    const char *mime;
    const char *text;       /* extracted text, UTF-8 (damage is repaired) */
    size_t len;
    long long mtime, size;
} zp_doc_input;

/* The unique id term of a file: "Q" + a 64-bit hash of its path. */
void zp_doc_id_term(const char *path, char out[ZP_ID_TERM_SIZE]);

/* Builds the document: *doc (free with zx_doc_free), its id term, and the
 * number of invalid UTF-8 sequences that were replaced.  Returns 0, or a
 * negative value with a message. */
int zp_doc_build(const zp_doc_input *in, zx_doc **doc, char id_term[ZP_ID_TERM_SIZE],
                 long *invalid, char *err, size_t errlen);

#endif
