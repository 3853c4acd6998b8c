/* Search results as CSV for a spreadsheet: what Czech Excel and LibreOffice
 * open as they are -- UTF-8 with a byte-order mark, ';' between fields
 * (the comma is the Czech decimal mark), fields quoted, CRLF line ends. */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "search.h"
#include "zx.h"

static void field(zp_buf *b, const char *s, int first)
{
    if (!first)
        zp_buf_addc(b, ';');
    zp_buf_addc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"')
            zp_buf_addc(b, '"');
        /* a line break inside a field is legal CSV but splits rows in
         * careless readers: a space does */
        zp_buf_addc(b, *s == '\r' || *s == '\n' ? ' ' : *s);
    }
    zp_buf_addc(b, '"');
}

int zp_search_export(const zp_search_req *req, zp_buf *out, unsigned *total, unsigned *exported, char *err,
                     size_t errlen)
{
    /* a report lists every record, a page of ZP_SEARCH_MAX_LIMIT at a time */
    zp_search_req all = *req;
    all.facets = all.timeline = all.group = 0;
    all.limit = ZP_SEARCH_MAX_LIMIT;
    *total = *exported = 0;
    for (all.offset = 0; all.offset < ZP_EXPORT_MAX_HITS; all.offset += ZP_SEARCH_MAX_LIMIT) {
        zp_results *r = NULL;
        int rc = zp_search_run(&all, &r, err, errlen);
        if (rc)
            return rc;
        zp_search_csv(r, all.offset == 0, out);
        *total = r->total;
        *exported += (unsigned)r->n_hits;
        size_t n = r->n_hits;
        zp_results_free(r);
        if (n < ZP_SEARCH_MAX_LIMIT)
            break;
    }
    if (out->oom) {
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    return 0;
}

int zp_search_csv(const zp_results *r, int header, zp_buf *out)
{
    if (header) {
        zp_buf_adds(out, "\xEF\xBB\xBF");
        field(out, "datum", 1);
        field(out, "obec", 0);
        field(out, "orgán", 0);
        field(out, "název", 0);
        field(out, "soubor", 0);
        field(out, "usnesení a úkoly", 0);
        field(out, "úryvek", 0);
        zp_buf_adds(out, "\r\n");
    }
    for (size_t i = 0; i < r->n_hits; i++) {
        const zp_hit *h = &r->hits[i];
        zp_buf dec = ZP_BUF_INIT, snip = ZP_BUF_INIT;
        for (size_t k = 0; k < h->decisions.n; k++) {
            const zp_decision *d = &h->decisions.v[k];
            if (dec.len)
                zp_buf_adds(&dec, " | ");
            zp_buf_adds(&dec, d->text ? d->text : "");
            size_t before = dec.len;
            zp_buf_adds(&dec, " (");
            if (zp_fmt_decision(&dec, d) == 0 && dec.len > before + 2)
                zp_buf_addc(&dec, ')');
            else if (dec.data) {
                dec.len = before;
                dec.data[before] = '\0';
            }
        }
        zp_snip_render(&h->snippet, "", "", 0, &snip);
        field(out, h->date, 1);
        field(out, h->town, 0);
        field(out, h->body, 0);
        field(out, h->title, 0);
        field(out, h->file, 0);
        field(out, zp_buf_str(&dec), 0);
        field(out, zp_buf_str(&snip), 0);
        zp_buf_adds(out, "\r\n");
        zp_buf_free(&dec);
        zp_buf_free(&snip);
    }
    return out->oom ? -1 : 0;
}
