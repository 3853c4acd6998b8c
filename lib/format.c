/* Escaping for HTML and JSON. */
#include "format.h"

#include <string.h>
#include <utf8proc.h>

#include "fold.h"

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
    size_t run = 0;   /* where the bytes copied as they are begin */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        /* "</" is escaped so JSON can sit inside a <script> safely. */
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && !(c == '/' && i > 0 && s[i - 1] == '<')) {
            i++;
            continue;
        }
        /* JSON is UTF-8: bytes that are not (an odd file name) become U+FFFD */
        utf8proc_int32_t cp;
        long n = c >= 0x80 ? zp_fold_next_cp((const unsigned char *)s + i, len - i, &cp) : 0;
        if (n > 0) {
            i += (size_t)n;
            continue;
        }
        zp_buf_add(out, s + run, i - run);
        switch (c) {
        case '"': zp_buf_adds(out, "\\\""); break;
        case '\\': zp_buf_adds(out, "\\\\"); break;
        case '\n': zp_buf_adds(out, "\\n"); break;
        case '\r': zp_buf_adds(out, "\\r"); break;
        case '\t': zp_buf_adds(out, "\\t"); break;
        default:
            if (c >= 0x80)
                zp_buf_adds(out, "\xEF\xBF\xBD");
            else
                zp_buf_printf(out, "\\u%04x", c);
        }
        run = ++i;
    }
    zp_buf_add(out, s + run, len - run);
    return zp_buf_addc(out, '"');
}

int zp_fmt_json_cstr(zp_buf *out, const char *s)
{
    return zp_fmt_json_string(out, s ? s : "", s ? strlen(s) : 0);
}

/* " · " between the parts written since start. */
static void part(zp_buf *out, size_t start)
{
    if (out->len > start)
        zp_buf_adds(out, " \xC2\xB7 ");
}

int zp_fmt_decision(zp_buf *out, const zp_decision *d)
{
    size_t start = out->len;
    if (d->number) {
        zp_buf_adds(out, "usnesení ");
        zp_buf_adds(out, d->number);
    }
    if (d->verb[0]) {
        part(out, start);
        zp_buf_adds(out, d->verb);
    }
    const zp_votes *v = &d->votes;
    if (v->yes >= 0 || v->no >= 0 || v->abstain >= 0) {
        part(out, start);
        const char *names[3] = { "pro", "proti", "zdržel se" };
        int counts[3] = { v->yes, v->no, v->abstain }, first = 1;
        for (int k = 0; k < 3; k++) {
            if (counts[k] < 0)
                continue;
            zp_buf_printf(out, "%s%s %d", first ? "" : ", ", names[k], counts[k]);
            first = 0;
        }
    }
    if (d->passed >= 0) {
        part(out, start);
        zp_buf_adds(out, d->passed ? "přijato" : "nepřijato");
    }
    return out->oom ? -1 : 0;
}

int zp_fmt_printable(zp_buf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            zp_buf_adds(out, "\\n");
        else if (c == '\t')
            zp_buf_adds(out, "\\t");
        else if (c == '\r')
            zp_buf_adds(out, "\\r");
        else if (c < 0x20 || c == 0x7F)
            zp_buf_printf(out, "\\x%02x", c);
        else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] < 0xA0) {
            /* C1 controls (U+0080..U+009F) drive terminals too */
            zp_buf_printf(out, "\\u%04x", (unsigned char)s[i + 1]);
            i++;
        } else
            zp_buf_addc(out, (char)c);
    }
    return out->oom ? -1 : 0;
}
