/* Plain text extractor: UTF-8 (or its ASCII subset) as it is, including
 * UTF-8 with a few damaged bytes (libmagic then calls it "unknown-8bit"),
 * which the analysis repairs.  Other charsets are refused by name rather
 * than indexed as garbage. */
#include "extract.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* UTF-8 with at most one bad sequence per this many good multi-byte ones
 * is damaged UTF-8, not another charset. */
#define DAMAGED_UTF8_RATIO 20

static int is_utf8_charset(const char *cs)
{
    return strcmp(cs, "utf-8") == 0 || strcmp(cs, "us-ascii") == 0;
}

static int looks_like_damaged_utf8(const char *data, size_t len)
{
    size_t good = 0, bad = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)data;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0) {
            bad++;
            i++;
        } else {
            good++;
            i += (size_t)n;
        }
    }
    return good > 0 && bad * DAMAGED_UTF8_RATIO <= good;
}

int zp_extract_text(const char *path, const char *data, size_t len, const zp_type *type,
                    zp_buf *text, char *err, size_t errlen)
{
    if (!is_utf8_charset(type->charset) && !looks_like_damaged_utf8(data, len)) {
        snprintf(err, errlen, "%s: text in charset %s is not supported yet (only UTF-8), not indexed",
                 path, type->charset);
        return ZP_EXTRACT_UNSUPPORTED;
    }
    if (zp_buf_add(text, data, len) < 0) {
        snprintf(err, errlen, "%s: out of memory", path);
        return ZP_EXTRACT_FAILED;
    }
    return ZP_EXTRACT_OK;
}
