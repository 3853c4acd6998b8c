/* Extraction: a file's bytes -> its text as UTF-8.  Every format has one
 * extractor with the same signature in its own file (extract_text.c, ...);
 * zp_extract picks one by the detected type. */
#ifndef ZP_EXTRACT_H
#define ZP_EXTRACT_H

#include <stddef.h>

#include "buf.h"
#include "detect.h"

enum {
    ZP_EXTRACT_OK = 0,
    ZP_EXTRACT_UNSUPPORTED = -1,   /* not a format we read: skip the file */
    ZP_EXTRACT_FAILED = -2         /* a format we read, but this file is bad */
};

/* One extractor: appends the text of data[0..len) (a file of type `type`)
 * to `text` as UTF-8.  `path` is only for messages. */
typedef int (*zp_extract_fn)(const char *path, const char *data, size_t len, const zp_type *type,
                             zp_buf *text, char *err, size_t errlen);

int zp_extract_text(const char *path, const char *data, size_t len, const zp_type *type,
                    zp_buf *text, char *err, size_t errlen);

/* Dispatches on type->mime; the message names the file and the reason. */
int zp_extract(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
               char *err, size_t errlen);

#endif
