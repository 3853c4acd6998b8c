/* Escaping for HTML and JSON. */
#include "format.h"

#include <string.h>
#include <utf8proc.h>

int zp_fmt_html(zp_buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        zp_buf_add(out, s + run, i - run);
        zp_buf_adds(out, rep);
        run = i + 1;
    }
    return zp_buf_add(out, s + run, len - run);
}

int zp_fmt_json_string(zp_buf *out, const char *s, size_t len)
{
    zp_buf_addc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* JSON is UTF-8: bytes that are not (an odd file name) become U+FFFD */
            utf8proc_int32_t cp;
            utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (n < 0) {
                zp_buf_adds(out, "\xEF\xBF\xBD");
            } else {
                zp_buf_add(out, s + i, (size_t)n);
                i += (size_t)n - 1;
            }
            continue;
        }
        switch (c) {
        case '"': zp_buf_adds(out, "\\\""); break;
        case '\\': zp_buf_adds(out, "\\\\"); break;
        case '\n': zp_buf_adds(out, "\\n"); break;
        case '\r': zp_buf_adds(out, "\\r"); break;
        case '\t': zp_buf_adds(out, "\\t"); break;
        default:
            /* "</" is escaped so JSON can sit inside a <script> safely. */
            if (c < 0x20 || c == 0x7F || (c == '/' && i > 0 && s[i - 1] == '<'))
                zp_buf_printf(out, "\\u%04x", c);
            else
                zp_buf_addc(out, (char)c);
        }
    }
    return zp_buf_addc(out, '"');
}

int zp_fmt_json_cstr(zp_buf *out, const char *s)
{
    return zp_fmt_json_string(out, s ? s : "", s ? strlen(s) : 0);
}
