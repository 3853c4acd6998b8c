/* Plain text extractor: UTF-8 as it is (also with a few damaged bytes,
 * which the analysis repairs), UTF-16 and the 8-bit Czech charsets through
 * iconv.  libmagic cannot tell windows-1250 from ISO-8859-2; the bytes of
 * š ť ž Š Ť Ž can: 0x9A 0x9D 0x9E 0x8A 0x8D 0x8E in windows-1250, 0xB9 0xBB
 * 0xBE 0xA9 0xAB 0xAE in ISO-8859-2. */
#include "extract.h"

#include <errno.h>
#include <iconv.h>
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

/* windows-1250 or ISO-8859-2, by the Czech letters that differ. */
static const char *czech_8bit(const unsigned char *d, size_t len)
{
    static const unsigned char cp1250[] = { 0x8A, 0x8D, 0x8E, 0x9A, 0x9D, 0x9E };
    static const unsigned char latin2[] = { 0xA9, 0xAB, 0xAE, 0xB9, 0xBB, 0xBE };
    size_t win = 0, iso = 0;
    for (size_t i = 0; i < len; i++) {
        win += memchr(cp1250, d[i], sizeof cp1250) != NULL;
        iso += memchr(latin2, d[i], sizeof latin2) != NULL;
    }
    return iso > win ? "ISO-8859-2" : "WINDOWS-1250";
}

int zp_extract_iconv(const char *from, const char *data, size_t len, zp_buf *out, char *err, size_t errlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        snprintf(err, errlen, "no converter from %s", from);
        return -1;
    }
    char *in = (char *)data;
    size_t left = len;
    char chunk[65536];
    int rc = 0;
    while (left > 0) {
        char *o = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &in, &left, &o, &room);
        zp_buf_add(out, chunk, sizeof chunk - room);
        if (r == (size_t)-1 && errno == EILSEQ) {
            zp_buf_adds(out, "\xEF\xBF\xBD");   /* a byte the charset does not have */
            in++;
            left--;
        } else if (r == (size_t)-1 && errno == EINVAL) {
            break;   /* truncated at the end */
        } else if (r == (size_t)-1 && errno != E2BIG) {
            snprintf(err, errlen, "cannot convert from %s: %s", from, strerror(errno));
            rc = -1;
            break;
        }
    }
    iconv_close(cd);
    return out->oom ? -1 : rc;
}

int zp_extract_is_text_with_nuls(const char *data, size_t len)
{
    size_t odd = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        odd += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
    }
    return len > 0 && odd * 100 <= len && looks_like_damaged_utf8(data, len);
}

int zp_extract_text(const char *path, const char *data, size_t len, const zp_type *type,
                    zp_buf *text, char *err, size_t errlen)
{
    const char *cs = type->charset, *from = NULL;
    if (is_utf8_charset(cs) || looks_like_damaged_utf8(data, len))
        from = NULL;
    else if (strcmp(cs, "utf-16le") == 0)
        from = "UTF-16LE";
    else if (strcmp(cs, "utf-16be") == 0)
        from = "UTF-16BE";
    else if (strcmp(cs, "iso-8859-1") == 0 || strcmp(cs, "unknown-8bit") == 0 ||
             strcmp(cs, "iso-8859-2") == 0 || strcmp(cs, "windows-1250") == 0)
        from = czech_8bit((const unsigned char *)data, len);
    else {
        snprintf(err, errlen, "%s: text in charset %s is not supported, not indexed", path, cs);
        return ZP_EXTRACT_UNSUPPORTED;
    }
    char msg[256];
    if (from ? zp_extract_iconv(from, data, len, text, msg, sizeof msg) < 0 : zp_buf_add(text, data, len) < 0) {
        snprintf(err, errlen, "%s: %s", path, from ? msg : "out of memory");
        return ZP_EXTRACT_FAILED;
    }
    return ZP_EXTRACT_OK;
}
