/* DOCX and ODT extractor: a zip archive with the text in one XML part
 * (word/document.xml, content.xml), read with libzip and libxml2.  Limits
 * against zip bombs: the part may not unpack beyond ZP_MAX_XML_BYTES nor
 * beyond ZP_MAX_ZIP_RATIO times its packed size. */
#include "extract.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

/* A document's text XML this big is no minutes. */
#define ZP_MAX_XML_BYTES (64u * 1024u * 1024u)
/* Text XML packs about 5-20 times; beyond this it is a bomb. */
#define ZP_MAX_ZIP_RATIO 200

static int local_is(const xmlNode *n, const char *name)
{
    return xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

/* Paragraphs and headings end a line; tabs, breaks and ODT's <text:s/>
 * spaces are what they say; deleted text and field codes are not text. */
static void walk(const xmlNode *n, zp_buf *out)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE) {
            if (n->content)
                zp_buf_adds(out, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || local_is(n, "delText") || local_is(n, "instrText"))
            continue;
        if (local_is(n, "tab"))
            zp_buf_addc(out, '\t');
        else if (local_is(n, "br") || local_is(n, "line-break") || local_is(n, "cr"))
            zp_buf_addc(out, '\n');
        else if (local_is(n, "s"))
            zp_buf_addc(out, ' ');
        walk(n->children, out);
        if (local_is(n, "p") || local_is(n, "h"))
            zp_buf_addc(out, '\n');
    }
}

static int read_part(zip_t *z, const char *name, zp_buf *xml, char *msg, size_t msglen)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name, 0, &st) != 0) {
        snprintf(msg, msglen, "no %s inside", name);
        return -1;
    }
    if (st.size > ZP_MAX_XML_BYTES ||
        (st.comp_size > 0 && st.size / st.comp_size > ZP_MAX_ZIP_RATIO && st.size > 1024 * 1024)) {
        snprintf(msg, msglen, "%s would unpack to %llu MB from %llu KB (zip bomb?)", name,
                 (unsigned long long)(st.size >> 20), (unsigned long long)(st.comp_size >> 10));
        return -1;
    }
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f) {
        snprintf(msg, msglen, "cannot open %s: %s", name, zip_strerror(z));
        return -1;
    }
    char chunk[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, chunk, sizeof chunk)) > 0) {
        if (xml->len + (size_t)n > ZP_MAX_XML_BYTES) {
            snprintf(msg, msglen, "%s unpacks beyond %u MB", name, ZP_MAX_XML_BYTES >> 20);
            zip_fclose(f);
            return -1;
        }
        zp_buf_add(xml, chunk, (size_t)n);
    }
    zip_fclose(f);
    if (n < 0) {
        snprintf(msg, msglen, "%s is damaged", name);
        return -1;
    }
    return 0;
}

static int office(const char *path, const char *what, const char *part, const char *data, size_t len,
                  zp_buf *text, char *err, size_t errlen)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!z) {
        snprintf(err, errlen, "%s: corrupt %s (%s)", path, what, zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return ZP_EXTRACT_FAILED;
    }
    zp_buf xml = ZP_BUF_INIT;
    char msg[300];
    int rc = read_part(z, part, &xml, msg, sizeof msg);
    zip_close(z);
    zip_error_fini(&ze);
    if (rc < 0) {
        snprintf(err, errlen, "%s: corrupt %s (%s)", path, what, msg);
        zp_buf_free(&xml);
        return ZP_EXTRACT_FAILED;
    }
    /* No entity substitution, no network: only the document's own text. */
    xmlDocPtr doc = xmlReadMemory(zp_buf_str(&xml), (int)xml.len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                             XML_PARSE_NOWARNING);
    zp_buf_free(&xml);
    if (!doc) {
        snprintf(err, errlen, "%s: corrupt %s (%s is not well-formed XML)", path, what, part);
        return ZP_EXTRACT_FAILED;
    }
    walk(xmlDocGetRootElement(doc), text);
    xmlFreeDoc(doc);
    return text->oom ? ZP_EXTRACT_FAILED : ZP_EXTRACT_OK;
}

int zp_extract_docx(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                    char *err, size_t errlen)
{
    (void)type;
    return office(path, "DOCX document", "word/document.xml", data, len, text, err, errlen);
}

int zp_extract_odt(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen)
{
    (void)type;
    return office(path, "ODT document", "content.xml", data, len, text, err, errlen);
}

/* A zip libmagic could not name: a DOCX or an ODT by what is inside. */
int zp_extract_zip(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    int docx = 0, odt = 0;
    if (z) {
        docx = zip_name_locate(z, "word/document.xml", 0) >= 0;
        odt = zip_name_locate(z, "content.xml", 0) >= 0;
        zip_close(z);
    } else if (src) {
        zip_source_free(src);
    }
    zip_error_fini(&ze);
    if (docx)
        return zp_extract_docx(path, data, len, type, text, err, errlen);
    if (odt)
        return zp_extract_odt(path, data, len, type, text, err, errlen);
    snprintf(err, errlen, "%s: a zip archive that is not a DOCX or ODT document, not indexed", path);
    return ZP_EXTRACT_UNSUPPORTED;
}
