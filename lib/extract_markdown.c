/* Markdown: read with cmark, so headings, emphasis, links and inline HTML
 * leave their words and no markup (no "##", "**", URLs or "&nbsp;").  A
 * front-matter block ("---\nkey: value\n---") is kept as it is at the top
 * of the text, where the metadata extractors read its fields (date,
 * title); the rest is the rendered text, one block a paragraph. */
#include <cmark.h>
#include <stdio.h>
#include <string.h>

#include "extract.h"
#include "meta.h"

/* Ends the current line, and with blank, leaves an empty line after. */
static void end_block(zp_buf *out, int blank)
{
    if (out->len && out->data[out->len - 1] != '\n')
        zp_buf_addc(out, '\n');
    if (blank && out->len >= 1 && !(out->len >= 2 && out->data[out->len - 2] == '\n'))
        zp_buf_addc(out, '\n');
}

/* Inline HTML: a line break stays one, every other tag goes. */
static void inline_html(const char *lit, zp_buf *out)
{
    if (lit && (strncmp(lit, "<br", 3) == 0 || strncmp(lit, "<BR", 3) == 0))
        zp_buf_addc(out, '\n');
}

/* A block of HTML: its visible text through the HTML reader. */
static void html_block(const char *path, const char *lit, zp_buf *out)
{
    if (!lit)
        return;
    zp_type html = { "text/html", "utf-8" };
    char err[256];
    zp_extract_html(path, lit, strlen(lit), &html, out, err, sizeof err);
    end_block(out, 1);
}

static void render(const char *path, cmark_node *root, zp_buf *out)
{
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_EXIT) {
            if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_BLOCK_QUOTE)
                end_block(out, 1);
            else if (t == CMARK_NODE_ITEM || t == CMARK_NODE_LIST)
                end_block(out, t == CMARK_NODE_LIST);
            continue;
        }
        switch (t) {
        case CMARK_NODE_ITEM:
            end_block(out, 0);
            zp_buf_adds(out, "- ");
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            zp_buf_adds(out, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_CODE_BLOCK:
            zp_buf_adds(out, cmark_node_get_literal(n));
            end_block(out, 1);
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            zp_buf_addc(out, '\n');
            break;
        case CMARK_NODE_HTML_INLINE:
            inline_html(cmark_node_get_literal(n), out);
            break;
        case CMARK_NODE_HTML_BLOCK:
            html_block(path, cmark_node_get_literal(n), out);
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            end_block(out, 1);
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
}

/* "#Otevření fóra": a heading as people write it, without the space
 * CommonMark wants after the hashes; the space is put in. */
static void loosen_headings(const char *s, size_t len, zp_buf *out)
{
    for (size_t ls = 0; ls < len;) {
        const char *nl = memchr(s + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - s) + 1 : len;
        size_t h = 0;
        while (ls + h < le && h < 7 && s[ls + h] == '#')
            h++;
        if (h >= 1 && h <= 6 && ls + h < le && !strchr(" \t\r\n#", s[ls + h])) {
            zp_buf_add(out, s + ls, h);
            zp_buf_addc(out, ' ');
            zp_buf_add(out, s + ls + h, le - ls - h);
        } else {
            zp_buf_add(out, s + ls, le - ls);
        }
        ls = le;
    }
}

int zp_extract_markdown(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                        char *err, size_t errlen)
{
    /* the bytes to UTF-8 first, as any text */
    zp_type plain = *type;
    memcpy(plain.mime, "text/plain", sizeof "text/plain");
    zp_buf utf8 = ZP_BUF_INIT;
    int rc = zp_extract_text(path, data, len, &plain, &utf8, err, errlen);
    if (rc != ZP_EXTRACT_OK) {
        zp_buf_free(&utf8);
        return rc;
    }
    size_t fm = (size_t)zp_meta_front_matter_end(zp_buf_str(&utf8), utf8.len);
    zp_buf_add(text, zp_buf_str(&utf8), fm);
    zp_buf body = ZP_BUF_INIT;
    loosen_headings(zp_buf_str(&utf8) + fm, utf8.len - fm, &body);
    zp_buf_free(&utf8);
    cmark_node *doc = body.oom ? NULL : cmark_parse_document(zp_buf_str(&body), body.len, CMARK_OPT_DEFAULT);
    zp_buf_free(&body);
    if (!doc) {
        snprintf(err, errlen, "%s: cannot parse the Markdown (out of memory?)", path);
        return ZP_EXTRACT_FAILED;
    }
    render(path, doc, text);
    cmark_node_free(doc);
    if (text->oom) {
        snprintf(err, errlen, "%s: out of memory", path);
        return ZP_EXTRACT_FAILED;
    }
    return ZP_EXTRACT_OK;
}
