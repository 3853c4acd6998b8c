/* PDF extractor: poppler's pdftotext in its default mode, which follows
 * the reading order of multi-column pages; words hyphenated at a line end
 * are joined again.  A PDF without a text layer is a scan: said so. */
#include "extract.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "run.h"

/* A converter gets this long per file before it is stopped. */
#define CONVERTER_TIMEOUT_S 120
/* Text beyond this from one file is not minutes. */
#define CONVERTER_MAX_TEXT (256u * 1024u * 1024u)

static int is_lower_at(const char *s, size_t len)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp) <= 0)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int letter_before(const char *s, size_t at)
{
    size_t i = at;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(at - i), &cp) <= 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* "poraden-\nství" -> "poradenství": a hyphen ending a line after a letter,
 * with a lower-case letter starting the next. */
void zp_extract_dehyphenate(const char *s, size_t len, zp_buf *out)
{
    size_t run = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != '-' || s[i + 1] != '\n' || !letter_before(s, i))
            continue;
        size_t j = i + 2;
        while (j < len && s[j] == ' ')
            j++;
        if (j < len && is_lower_at(s + j, len - j)) {
            zp_buf_add(out, s + run, i - run);
            run = j;
            i = j - 1;
        }
    }
    zp_buf_add(out, s + run, len - run);
}

static int has_letters(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 0;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            return 1;
        i += (size_t)n;
    }
    return 0;
}

int zp_extract_pdf(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen)
{
    (void)data;
    (void)len;
    (void)type;
    const char *argv[] = { "pdftotext", "-q", "-enc", "UTF-8", "--", path, "-", NULL };
    zp_buf raw = ZP_BUF_INIT;
    char msg[600];
    if (zp_run_capture(argv, CONVERTER_MAX_TEXT, CONVERTER_TIMEOUT_S, &raw, msg, sizeof msg) < 0) {
        snprintf(err, errlen, "%s: corrupt or unreadable PDF (%s)", path, msg);
        zp_buf_free(&raw);
        return ZP_EXTRACT_FAILED;
    }
    if (!has_letters(zp_buf_str(&raw), raw.len)) {
        snprintf(err, errlen, "%s: PDF without text (scanned?), not indexed", path);
        zp_buf_free(&raw);
        return ZP_EXTRACT_FAILED;
    }
    zp_extract_dehyphenate(zp_buf_str(&raw), raw.len, text);
    zp_buf_free(&raw);
    return text->oom ? ZP_EXTRACT_FAILED : ZP_EXTRACT_OK;
}
