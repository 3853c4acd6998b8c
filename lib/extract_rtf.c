/* RTF, read here: a small reader of the parts of RTF that carry text, as
 * Word, LibreOffice and pandoc write them.  Text in the document's code
 * page (\ansicpg1250, bytes as \'xx or literal), Unicode as \uN followed by
 * \ucN fallback characters that are skipped (LibreOffice writes
 * "\u269\'e8", pandoc "\u269?"), paragraphs and tabs, a few named
 * characters (\emdash, \ldblquote, \~); the font and colour tables, styles,
 * document info, pictures, objects, field instructions and every "\*"
 * destination are left out.  unrtf, used before, dropped the letter after
 * each \uN? ("soci\u225?ln\u237?" came out "sociá"). */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "extract.h"

/* Groups nested deeper than this are read as the deepest: no stack grows
 * with a hostile file. */
#define MAX_DEPTH 512
/* Text out of one RTF file at most. */
#define MAX_TEXT (64u * 1024 * 1024)
#define MAX_WORD 32

typedef struct {
    int skip;   /* inside a destination that is not text */
    int uc;     /* fallback characters after \uN */
} group;

typedef struct {
    const char *s;
    size_t len, i;
    group g[MAX_DEPTH];
    int depth;
    int skip_fallback;      /* fallback characters still to skip */
    char codepage[16];
    zp_buf bytes;           /* code-page bytes waiting to be converted */
    zp_buf *out;
    int failed;
} rtf;

/* Destinations whose contents are not the document's text. */
static const char *const skipped[] = {
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer", "headerl", "headerr",
    "headerf", "footerl", "footerr", "footerf", "listtable", "listoverridetable", "rsidtbl", "generator",
    "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "fldinst", "filetbl",
    "revtbl", "pgdsctbl", "operator", "author", "title", "company", "bkmkstart", "bkmkend", "xe", "tc",
    "nonshppict", "shpinst", "blipuid", "mmathPr", NULL,
};

static const struct {
    const char *word, *utf8;
} named[] = {
    { "par", "\n" },           { "line", "\n" },          { "sect", "\n\n" },      { "page", "\n" },
    { "row", "\n" },           { "cell", "\t" },          { "tab", "\t" },         { "emdash", "\xE2\x80\x94" },
    { "endash", "\xE2\x80\x93" }, { "bullet", "\xE2\x80\xA2" }, { "lquote", "\xE2\x80\x98" },
    { "rquote", "\xE2\x80\x99" }, { "ldblquote", "\xE2\x80\x9C" }, { "rdblquote", "\xE2\x80\x9D" },
    { "emspace", " " },        { "enspace", " " },
};

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* The bytes collected so far, from the code page into UTF-8. */
static void flush(rtf *r)
{
    if (!r->bytes.len)
        return;
    char cs[32];
    snprintf(cs, sizeof cs, "CP%s", r->codepage);
    zp_buf u = ZP_BUF_INIT;
    char err[128];
    if (zp_extract_iconv(cs, zp_buf_str(&r->bytes), r->bytes.len, &u, err, sizeof err) < 0 &&
        zp_extract_iconv("WINDOWS-1252", zp_buf_str(&r->bytes), r->bytes.len, &u, err, sizeof err) < 0)
        r->failed = 1;
    zp_buf_add(r->out, zp_buf_str(&u), u.len);
    zp_buf_free(&u);
    zp_buf_reset(&r->bytes);
}

static void emit_utf8(rtf *r, const char *s)
{
    flush(r);
    zp_buf_adds(r->out, s);
}

static void emit_cp(rtf *r, long cp)
{
    flush(r);
    if (cp < 0)
        cp += 65536;   /* \uN is a signed 16-bit number */
    if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    unsigned char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    zp_buf_add(r->out, b, n);
}

/* A character of text (a literal byte or \'xx): skipped when it is a
 * \uN's fallback or inside a skipped destination. */
static void text_byte(rtf *r, unsigned char c)
{
    if (r->skip_fallback > 0) {
        r->skip_fallback--;
        return;
    }
    if (r->g[r->depth].skip)
        return;
    if (c < 0x80) {
        flush(r);
        zp_buf_addc(r->out, (char)c);
    } else {
        zp_buf_addc(&r->bytes, (char)c);
    }
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* After a backslash: a control word (letters, an optional number, one
 * space eaten) or a control symbol. */
static void control(rtf *r, int *star)
{
    const char *s = r->s;
    if (r->i >= r->len)
        return;
    char c = s[r->i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        r->i++;
        if (c == '\'' && r->i + 1 < r->len && hex(s[r->i]) >= 0 && hex(s[r->i + 1]) >= 0) {
            text_byte(r, (unsigned char)(hex(s[r->i]) * 16 + hex(s[r->i + 1])));
            r->i += 2;
        } else if (c == '*') {
            *star = 1;
        } else if (c == '~') {
            if (!r->g[r->depth].skip && r->skip_fallback-- <= 0)
                emit_utf8(r, "\xC2\xA0");
        } else if (c == '_') {
            if (!r->g[r->depth].skip && r->skip_fallback-- <= 0)
                emit_utf8(r, "-");
        } else if (c == '\\' || c == '{' || c == '}') {
            text_byte(r, (unsigned char)c);
        } else if (c == '\n' || c == '\r') {
            if (!r->g[r->depth].skip)
                emit_utf8(r, "\n");
        }
        /* "\-" (optional hyphen) and others: nothing */
        return;
    }
    char word[MAX_WORD + 1];
    size_t n = 0;
    while (r->i < r->len && ((s[r->i] >= 'a' && s[r->i] <= 'z') || (s[r->i] >= 'A' && s[r->i] <= 'Z'))) {
        if (n < MAX_WORD)
            word[n++] = s[r->i];
        r->i++;
    }
    word[n] = '\0';
    int has_num = 0, neg = 0;
    long num = 0;
    if (r->i < r->len && s[r->i] == '-') {
        neg = 1;
        r->i++;
    }
    while (r->i < r->len && s[r->i] >= '0' && s[r->i] <= '9') {
        if (num < 10000000)
            num = num * 10 + (s[r->i] - '0');
        has_num = 1;
        r->i++;
    }
    if (neg)
        num = -num;
    if (r->i < r->len && s[r->i] == ' ')
        r->i++;
    group *g = &r->g[r->depth];
    if (*star || in_list(word, skipped)) {
        g->skip = 1;
        *star = 0;
        return;
    }
    if (strcmp(word, "ansicpg") == 0 && has_num && num > 0 && num < 100000) {
        flush(r);
        snprintf(r->codepage, sizeof r->codepage, "%ld", num);
    } else if (strcmp(word, "uc") == 0 && has_num) {
        g->uc = num < 0 ? 0 : num > 8 ? 8 : (int)num;
    } else if (strcmp(word, "u") == 0 && has_num) {
        if (!g->skip)
            emit_cp(r, num);
        r->skip_fallback = g->uc;
    } else if (r->skip_fallback > 0) {
        r->skip_fallback--;   /* a control word as a fallback character */
    } else if (!g->skip) {
        for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
            if (strcmp(word, named[k].word) == 0)
                emit_utf8(r, named[k].utf8);
    }
}

int zp_extract_rtf(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen)
{
    (void)type;
    if (len < 5 || memcmp(data, "{\\rtf", 5) != 0) {
        snprintf(err, errlen, "%s: corrupt or unreadable RTF document (no {\\rtf header)", path);
        return ZP_EXTRACT_FAILED;
    }
    rtf *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "%s: out of memory", path);
        return ZP_EXTRACT_FAILED;
    }
    r->s = data;
    r->len = len;
    r->out = text;
    r->g[0].uc = 1;
    snprintf(r->codepage, sizeof r->codepage, "1252");
    int star = 0, rc = ZP_EXTRACT_OK;
    size_t start = text->len;
    while (r->i < r->len) {
        char c = r->s[r->i++];
        if (c == '{') {
            r->skip_fallback = 0;
            if (r->depth + 1 < MAX_DEPTH) {
                r->g[r->depth + 1] = r->g[r->depth];
                r->depth++;
            }
            star = 0;
            continue;
        }
        if (c == '}') {
            r->skip_fallback = 0;
            if (r->depth > 0)
                r->depth--;
            star = 0;
            continue;
        }
        if (c == '\\') {
            control(r, &star);
            continue;
        }
        star = 0;
        if (c == '\r' || c == '\n')
            continue;
        text_byte(r, (unsigned char)c);
        if (text->len - start > MAX_TEXT || text->oom || ((r->i & 0xFFF) == 0 && zp_budget_spent())) {
            rc = ZP_EXTRACT_FAILED;
            snprintf(err, errlen, "%s: RTF document too large or too slow to read", path);
            break;
        }
    }
    flush(r);
    if (rc == ZP_EXTRACT_OK && (text->oom || r->failed)) {
        snprintf(err, errlen, "%s: cannot convert the RTF's text (code page %s)", path, r->codepage);
        rc = ZP_EXTRACT_FAILED;
    }
    zp_buf_free(&r->bytes);
    free(r);
    return rc;
}
