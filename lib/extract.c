/* Picks the extractor for a detected type. */
#include "extract.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *mime;      /* exact, or a prefix when it ends in '/' */
    zp_extract_fn fn;
} extractor;

/* First match wins: exact types before the text/ catch-all. */
static const extractor extractors[] = {
    { "application/pdf", zp_extract_pdf },
    { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zp_extract_docx },
    { "application/vnd.oasis.opendocument.text", zp_extract_odt },
    { "application/zip", zp_extract_zip },
    { "application/msword", zp_extract_doc },
    { "application/vnd.ms-word", zp_extract_doc },
    { "text/rtf", zp_extract_rtf },
    { "application/rtf", zp_extract_rtf },
    { "text/markdown", zp_extract_markdown },
    { "text/html", zp_extract_html },
    { "application/xhtml+xml", zp_extract_html },
    { "text/", zp_extract_text },
};

void zp_extract_init(void)
{
    xmlInitParser();
}

int zp_extract(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
               char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof extractors / sizeof extractors[0]; i++) {
        const char *m = extractors[i].mime;
        size_t n = strlen(m);
        int prefix = m[n - 1] == '/';
        if (prefix ? strncmp(type->mime, m, n) == 0 : strcmp(type->mime, m) == 0)
            return extractors[i].fn(path, data, len, type, text, err, errlen);
    }
    if (strcmp(type->charset, "binary") == 0 && zp_extract_is_text_with_nuls(data, len)) {
        zp_type utf8 = *type;
        snprintf(utf8.charset, sizeof utf8.charset, "utf-8");
        return zp_extract_text(path, data, len, &utf8, text, err, errlen);
    }
    if (len == 0 || strcmp(type->mime, "application/x-empty") == 0)
        snprintf(err, errlen, "%s: empty file, not indexed", path);
    else if (strcmp(type->charset, "binary") == 0)
        snprintf(err, errlen, "%s: binary file (%s), not indexed", path, type->mime);
    else
        snprintf(err, errlen, "%s: unsupported format %s, not indexed", path, type->mime);
    return ZP_EXTRACT_UNSUPPORTED;
}
