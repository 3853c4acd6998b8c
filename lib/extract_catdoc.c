/* Word 97-2003 (.doc) extractor: catdoc, writing UTF-8; and RTF: unrtf
 * to HTML (it honours both \ansicpg1250 and \uN escapes, where catdoc
 * prints the \uN character and its fallback byte too), then the HTML
 * extractor. */
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

int zp_extract_rtf(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen)
{
    (void)data;
    (void)len;
    const char *argv[] = { "unrtf", "--html", path, NULL };   /* path is absolute: no option look-alike */
    zp_buf html = ZP_BUF_INIT;
    char msg[600];
    int rc = zp_run_capture(argv, CONVERTER_MAX_TEXT, CONVERTER_TIMEOUT_S, &html, msg, sizeof msg);
    if (rc < 0) {
        snprintf(err, errlen, "%s: corrupt or unreadable RTF document (%s)", path, msg);
        zp_buf_free(&html);
        return ZP_EXTRACT_FAILED;
    }
    zp_type as_html = *type;
    snprintf(as_html.charset, sizeof as_html.charset, "utf-8");
    rc = zp_extract_html(path, zp_buf_str(&html), html.len, &as_html, text, err, errlen);
    zp_buf_free(&html);
    return rc;
}
