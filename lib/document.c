/* Document building: title and body through the analysis, the stored
 * fields a hit shows, values for sorting and incremental indexing. */
#include "document.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "docdata.h"
#include "fold.h"
#include "meta.h"

void zp_doc_id_term(const char *path, char out[ZP_ID_TERM_SIZE])
{
    /* FNV-1a: stable across runs and machines, no library needed. */
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    snprintf(out, ZP_ID_TERM_SIZE, ZP_PREFIX_ID "%016llx", (unsigned long long)h);
}

static int set_number(zx_doc *doc, unsigned slot, long long v)
{
    char s[32];
    /* Zero-padded so string order is numeric order. */
    int n = snprintf(s, sizeof s, "%020lld", v < 0 ? 0 : v);
    return zx_doc_set_value(doc, slot, s, (size_t)n);
}

static int fill(zx_doc *doc, const zp_doc_input *in, const zp_buf *clean, const char *id_term,
                char *err, size_t errlen)
{
    zp_buf title = ZP_BUF_INIT, data = ZP_BUF_INIT, term = ZP_BUF_INIT;
    int rc = zp_meta_title(zp_buf_str(clean), clean->len, &title);
    zp_analyse_state st = { 0, 1, 1 };
    if (rc == 0)
        rc = zp_analyse_text(doc, zp_buf_str(&title), title.len, &st);
    st.title = 0;
    if (rc == 0)
        rc = zp_analyse_text(doc, zp_buf_str(clean), clean->len, &st);
    if (rc == 0)
        rc = zx_doc_add_boolean_term(doc, id_term, strlen(id_term));
    zp_buf_adds(&term, ZP_PREFIX_MIME);
    zp_buf_adds(&term, in->mime);
    if (rc == 0)
        rc = zx_doc_add_boolean_term(doc, zp_buf_str(&term), term.len);
    if (rc == 0)
        rc = set_number(doc, ZP_SLOT_MTIME, in->mtime);
    if (rc == 0)
        rc = set_number(doc, ZP_SLOT_SIZE, in->size);
    zp_docdata_puts(&data, "path", in->path);
    zp_docdata_put(&data, "title", zp_buf_str(&title), title.len);
    zp_docdata_puts(&data, "mime", in->mime);
    zp_docdata_put(&data, "text", zp_buf_str(clean), clean->len);
    if (rc == 0 && !data.oom && !title.oom)
        rc = zx_doc_set_data(doc, zp_buf_str(&data), data.len);
    if (rc == 0 && (data.oom || title.oom || term.oom))
        rc = -1;
    if (rc)
        snprintf(err, errlen, "%s: cannot build the index document (out of memory?)", in->path);
    zp_buf_free(&title);
    zp_buf_free(&data);
    zp_buf_free(&term);
    return rc;
}

int zp_doc_build(const zp_doc_input *in, zx_doc **doc, char id_term[ZP_ID_TERM_SIZE],
                 long *invalid, char *err, size_t errlen)
{
    *doc = NULL;
    zp_doc_id_term(in->path, id_term);
    zp_buf clean = ZP_BUF_INIT;
    *invalid = zp_fold_clean_text(in->text, in->len, &clean);
    if (*invalid < 0) {
        snprintf(err, errlen, "%s: out of memory", in->path);
        zp_buf_free(&clean);
        return -1;
    }
    zx_doc *d = zx_doc_new();
    int rc = d ? fill(d, in, &clean, id_term, err, errlen) : -1;
    if (!d)
        snprintf(err, errlen, "%s: out of memory", in->path);
    zp_buf_free(&clean);
    if (rc) {
        zx_doc_free(d);
        return rc;
    }
    *doc = d;
    return 0;
}
