/* Picks the extractor for a detected type. */
#include "extract.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *mime_prefix;
    zp_extract_fn fn;
} extractor;

static const extractor extractors[] = {
    { "text/", zp_extract_text },
};

int zp_extract(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
               char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof extractors / sizeof extractors[0]; i++) {
        size_t n = strlen(extractors[i].mime_prefix);
        if (strncmp(type->mime, extractors[i].mime_prefix, n) == 0)
            return extractors[i].fn(path, data, len, type, text, err, errlen);
    }
    if (len == 0 || strcmp(type->mime, "application/x-empty") == 0)
        snprintf(err, errlen, "%s: empty file, not indexed", path);
    else if (strcmp(type->charset, "binary") == 0)
        snprintf(err, errlen, "%s: binary file (%s), not indexed", path, type->mime);
    else
        snprintf(err, errlen, "%s: unsupported format %s, not indexed", path, type->mime);
    return ZP_EXTRACT_UNSUPPORTED;
}
