/* Index writing: a built document goes in by its unique id term; its
 * acronym pairs become synonyms both ways, and its facet values record
 * how they are shown. */
#include "index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "zx.h"

struct zp_index {
    zx_db *db;
};

int zp_index_open(const char *db_path, zp_index **out, char *err, size_t errlen)
{
    *out = NULL;
    zp_index *ix = calloc(1, sizeof *ix);
    if (!ix) {
        snprintf(err, errlen, "out of memory");
        return ZP_INDEX_DB_ERROR;
    }
    if (zx_db_open_write(db_path, &ix->db, err, errlen) != ZX_OK) {
        free(ix);
        return ZP_INDEX_DB_ERROR;
    }
    *out = ix;
    return 0;
}

static int synonyms(zx_db *db, const zp_acronyms *a, char *err, size_t errlen)
{
    int rc = ZX_OK;
    for (size_t i = 0; i < a->names.n && rc == ZX_OK; i++) {
        zp_buf name = ZP_BUF_INIT, acr = ZP_BUF_INIT;
        zp_doc_folded_words(a->names.v[i], strlen(a->names.v[i]), &name);
        zp_doc_folded_words(a->acronyms.v[i], strlen(a->acronyms.v[i]), &acr);
        if (name.len && acr.len) {
            rc = zx_db_add_synonym(db, zp_buf_str(&acr), zp_buf_str(&name), err, errlen);
            if (rc == ZX_OK)
                rc = zx_db_add_synonym(db, zp_buf_str(&name), zp_buf_str(&acr), err, errlen);
        }
        zp_buf_free(&name);
        zp_buf_free(&acr);
    }
    return rc;
}

int zp_index_add(zp_index *ix, const zp_doc_input *in, long *invalid, char *err, size_t errlen)
{
    zp_doc d;
    if (zp_doc_build(in, &d, err, errlen) < 0)
        return ZP_INDEX_FILE_ERROR;
    *invalid = d.invalid;
    int rc = zx_db_replace(ix->db, d.id_term, d.doc, err, errlen);
    if (rc == ZX_OK)
        rc = synonyms(ix->db, &d.meta.acronyms, err, errlen);
    for (size_t i = 0; i < d.display_keys.n && rc == ZX_OK; i++)
        rc = zx_db_set_metadata(ix->db, d.display_keys.v[i], d.display_values.v[i], err, errlen);
    zp_doc_free(&d);
    return rc == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}

int zp_index_commit(zp_index *ix, char *err, size_t errlen)
{
    return zx_db_commit(ix->db, err, errlen) == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}

unsigned zp_index_doc_count(zp_index *ix)
{
    unsigned n = 0;
    char err[256];
    zx_db_doc_count(ix->db, &n, err, sizeof err);
    return n;
}

void zp_index_close(zp_index *ix)
{
    if (!ix)
        return;
    zx_db_close(ix->db);
    free(ix);
}
