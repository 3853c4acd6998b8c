/* Word 97-2003 (.doc) extractor: catdoc, writing UTF-8.  (RTF has a
 * reader of its own, lib/extract_rtf.c.) */
#include "extract.h"

#include <stdio.h>

#include "run.h"

/* A converter gets this long per file before it is stopped. */
#define CONVERTER_TIMEOUT_S 120
#define CONVERTER_MAX_TEXT (256u * 1024u * 1024u)

static int catdoc(const char *path, const char *what, zp_buf *text, char *err, size_t errlen)
{
    const char *argv[] = { "catdoc", "-d", "utf-8", "-w", "--", path, NULL };
    char msg[600];
    if (zp_run_capture(argv, CONVERTER_MAX_TEXT, CONVERTER_TIMEOUT_S, text, msg, sizeof msg) < 0) {
        snprintf(err, errlen, "%s: corrupt or unreadable %s (%s)", path, what, msg);
        return ZP_EXTRACT_FAILED;
    }
    return ZP_EXTRACT_OK;
}

int zp_extract_doc(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen)
{
    (void)data;
    (void)len;
    (void)type;
    return catdoc(path, "Word document", text, err, errlen);
}
