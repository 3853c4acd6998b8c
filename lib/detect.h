/* Detection: what a file is, decided by its content (libmagic), not by its
 * name.  The MIME type picks the extractor; the charset tells how text is
 * encoded. */
#ifndef ZP_DETECT_H
#define ZP_DETECT_H

#include <stddef.h>

typedef struct zp_detector zp_detector;

/* Bytes of a file libmagic looks at: its own default read size. */
#define ZP_DETECT_BYTES (1024u * 1024u)

typedef struct {
    char mime[128];     /* e.g. "text/plain", "application/pdf" */
    char charset[64];   /* e.g. "utf-8", "us-ascii", "binary" */
} zp_type;

/* Loads libmagic's database.  Free with zp_detect_close.  0 or -1. */
int zp_detect_open(zp_detector **out, char *err, size_t errlen);

/* Detects the type of the data (the first ZP_DETECT_BYTES are looked at). */
int zp_detect_buffer(zp_detector *d, const void *data, size_t len, zp_type *out, char *err,
                     size_t errlen);

void zp_detect_close(zp_detector *d);

#endif
