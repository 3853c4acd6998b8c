/* HTML extractor: the visible text of a page saved from a town's website,
 * entities decoded, through libxml2's HTML parser (which also honours the
 * page's own charset declaration).  Scripts, styles and the head are not
 * text; block elements end a line. */
#include "extract.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <string.h>

static const char *const hidden[] = { "script", "style", "head", "noscript", "template", "svg", NULL };
static const char *const blocks[] = { "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                                      "table", "ul", "ol", "dl", "dt", "dd", "section", "article",
                                      "header", "footer", "blockquote", "pre", "hr", "td", "th", NULL };

static int named(const xmlNode *n, const char *const *list)
{
    for (; *list; list++)
        if (xmlStrcasecmp(n->name, (const xmlChar *)*list) == 0)
            return 1;
    return 0;
}

static void walk(const xmlNode *n, zp_buf *out)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                zp_buf_adds(out, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE && !named(n, hidden)) {
            int block = named(n, blocks);
            if (block)
                zp_buf_addc(out, '\n');
            walk(n->children, out);
            if (block)
                zp_buf_addc(out, '\n');
        }
    }
}

int zp_extract_html(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                    char *err, size_t errlen)
{
    const char *enc = strcmp(type->charset, "utf-8") == 0 || strcmp(type->charset, "us-ascii") == 0 ? "UTF-8" : NULL;
    if (len > (size_t)0x7fffffff) {
        snprintf(err, errlen, "%s: HTML too large", path);
        return ZP_EXTRACT_FAILED;
    }
    htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, enc,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET);
    if (!doc) {
        snprintf(err, errlen, "%s: not readable as HTML", path);
        return ZP_EXTRACT_FAILED;
    }
    walk(xmlDocGetRootElement(doc), text);
    xmlFreeDoc(doc);
    return text->oom ? ZP_EXTRACT_FAILED : ZP_EXTRACT_OK;
}
