/* Detection through libmagic: MIME type and charset in one call, then two
 * corrections libmagic cannot make: a text that merely contains a tag
 * somewhere is text, not HTML ("<br>" in Markdown, "<b>" quoted in
 * minutes), and Markdown is told from plain text by its front matter and
 * its markup (headings, emphasis, links). */
#include "detect.h"

#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meta.h"

/* How far into a text its markup is looked for. */
#define SNIFF_BYTES (64u * 1024u)
/* Markdown shows itself in this many lines of markup, one of them strong
 * (a heading, emphasis or a link), or in a front-matter block. */
#define MARKDOWN_MARKS 3

struct zp_detector {
    magic_t magic;
};

int zp_detect_open(zp_detector **out, char *err, size_t errlen)
{
    *out = NULL;
    zp_detector *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    d->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_MIME_ENCODING | MAGIC_ERROR);
    if (!d->magic || magic_load(d->magic, NULL) != 0) {
        snprintf(err, errlen, "cannot load libmagic's database: %s",
                 d->magic ? magic_error(d->magic) : "magic_open failed");
        zp_detect_close(d);
        return -1;
    }
    *out = d;
    return 0;
}

/* HTML as a page is written: it opens with a tag, a doctype or a
 * comment, or names <html>/<body> early. */
static int really_html(const char *s, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && strchr(" \t\r\n", s[i]))
        i++;
    if (i < len && s[i] == '<')
        return 1;
    size_t n = len < 4096 ? len : 4096;
    for (size_t k = 0; k + 5 < n; k++)
        if (s[k] == '<' && (strncasecmp(s + k, "<html", 5) == 0 || strncasecmp(s + k, "<body", 5) == 0))
            return 1;
    return 0;
}

/* One line's Markdown: 2 for a strong mark (ATX heading, **emphasis**,
 * [link](url)), 1 for a weaker one (list item, table row, quote), else 0. */
static int markdown_line(const char *s, size_t len)
{
    size_t h = 0;
    while (h < len && h < 7 && s[h] == '#')
        h++;
    if (h >= 1 && h <= 6 && h < len && s[h] != '#' && s[h] != '!')
        return 2;
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] == '*' && s[i + 1] == '*' && memchr(s + i + 2, '*', len - i - 2))
            return 2;
        if (s[i] == ']' && s[i + 1] == '(')
            return 2;
    }
    if (len >= 2 && (s[0] == '*' || s[0] == '-' || s[0] == '>' || s[0] == '|') && s[1] == ' ')
        return 1;
    return len >= 2 && s[0] == '|' && s[len - 1] == '|';
}

static int looks_like_markdown(const char *s, size_t len)
{
    if (zp_meta_front_matter_end(s, len) > 0)
        return 1;
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    int marks = 0, strong = 0;
    for (size_t ls = 0; ls < n;) {
        const char *nl = memchr(s + ls, '\n', n - ls);
        size_t le = nl ? (size_t)(nl - s) : n;
        int m = markdown_line(s + ls, le - ls);
        marks += m > 0;
        strong += m == 2;
        ls = le + 1;
    }
    return strong > 0 && marks >= MARKDOWN_MARKS;
}

static void refine(const char *data, size_t len, zp_type *t)
{
    int html = strcmp(t->mime, "text/html") == 0;
    if (html && !really_html(data, len)) {
        snprintf(t->mime, sizeof t->mime, "text/plain");
        html = 0;
    }
    if (!html && strncmp(t->mime, "text/", 5) == 0 && looks_like_markdown(data, len))
        snprintf(t->mime, sizeof t->mime, "text/markdown");
}

/* Valid UTF-8 without control bytes (tabs, line ends and form feeds
 * aside): text, whatever libmagic would add. */
static int utf8_text(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                return 0;
            if (c == 0x7F)
                return 0;
            i++;
            continue;
        }
        size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
        if (!n || (c >= 0xE0 && c < 0xF0 && n != 3))
            return 0;
        if (i + n > len)
            return i > 0 && len >= ZP_DETECT_BYTES;   /* cut at the sniff limit mid-character */
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        /* no overlong three-byte forms or surrogates */
        if (n == 3 && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0)))
            return 0;
        if (n == 4 && ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90)))
            return 0;
        i += n;
    }
    return 1;
}

/* What the first bytes already say, without libmagic (whose soft magic
 * costs a millisecond a file): a PDF, an RTF, UTF-8 text (HTML when it
 * opens like a page).  0 when they do not say. */
static int fast_type(const char *s, size_t len, zp_type *t)
{
    if (len >= 5 && memcmp(s, "%PDF-", 5) == 0) {
        snprintf(t->mime, sizeof t->mime, "application/pdf");
        snprintf(t->charset, sizeof t->charset, "binary");
        return 1;
    }
    if (len >= 5 && memcmp(s, "{\\rtf", 5) == 0) {
        snprintf(t->mime, sizeof t->mime, "text/rtf");
        snprintf(t->charset, sizeof t->charset, "us-ascii");
        return 1;
    }
    size_t n = len < ZP_DETECT_BYTES ? len : ZP_DETECT_BYTES;
    if (!utf8_text((const unsigned char *)s, n))
        return 0;
    snprintf(t->mime, sizeof t->mime, "%s", really_html(s, n) ? "text/html" : "text/plain");
    snprintf(t->charset, sizeof t->charset, "utf-8");
    refine(s, n, t);
    return 1;
}

int zp_detect_buffer(zp_detector *d, const void *data, size_t len, zp_type *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len == 0) {
        snprintf(out->mime, sizeof out->mime, "application/x-empty");
        snprintf(out->charset, sizeof out->charset, "binary");
        return 0;
    }
    if (fast_type(data, len, out))
        return 0;
    const char *r = magic_buffer(d->magic, data, len < ZP_DETECT_BYTES ? len : ZP_DETECT_BYTES);
    if (!r) {
        snprintf(err, errlen, "cannot detect the file type: %s", magic_error(d->magic));
        return -1;
    }
    /* "text/plain; charset=utf-8" */
    const char *semi = strchr(r, ';');
    size_t n = semi ? (size_t)(semi - r) : strlen(r);
    snprintf(out->mime, sizeof out->mime, "%.*s", (int)n, r);
    const char *cs = strstr(r, "charset=");
    snprintf(out->charset, sizeof out->charset, "%s", cs ? cs + 8 : "binary");
    if (strcmp(out->charset, "binary") != 0)
        refine(data, len < ZP_DETECT_BYTES ? len : ZP_DETECT_BYTES, out);
    return 0;
}

void zp_detect_close(zp_detector *d)
{
    if (!d)
        return;
    if (d->magic)
        magic_close(d->magic);
    free(d);
}
