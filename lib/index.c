/* Index writing: a built document goes in by its unique id term; its
 * acronym pairs become synonyms both ways, and its facet values record
 * how they are shown. */
#include "index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "docdata.h"
#include "lemma.h"
#include "safe_open.h"
#include "zx.h"

/* Shorter words are not worth suggesting (and are mostly abbreviations). */
#define MIN_SPELLING_WORD 4

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
        zp_meta_folded_words(a->names.v[i], strlen(a->names.v[i]), &name);
        zp_meta_folded_words(a->acronyms.v[i], strlen(a->acronyms.v[i]), &acr);
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

int zp_index_add_doc(zp_index *ix, const zp_doc *d, char *err, size_t errlen)
{
    int rc = zx_db_replace(ix->db, d->id_term, d->doc, err, errlen);
    if (rc == ZX_OK)
        rc = zx_db_add_spellings(ix->db, d->doc, MIN_SPELLING_WORD, err, errlen);
    if (rc == ZX_OK)
        rc = synonyms(ix->db, &d->meta.acronyms, err, errlen);
    for (size_t i = 0; i < d->display_keys.n && rc == ZX_OK; i++)
        rc = zx_db_set_metadata(ix->db, d->display_keys.v[i], d->display_values.v[i], err, errlen);
    return rc == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}

static long long number_value(zx_db *db, const char *id, unsigned slot, char *err, size_t errlen, int *rc)
{
    char *v = NULL;
    size_t len = 0;
    *rc = zx_db_get_value(db, id, slot, &v, &len, err, errlen);
    long long n = v ? atoll(v) : 0;
    free(v);
    return n;
}

int zp_index_state(zp_index *ix, const char *id, long long *mtime, long long *size, char hash[ZP_HASH_SIZE],
                   char *err, size_t errlen)
{
    int rc;
    *mtime = number_value(ix->db, id, ZP_SLOT_MTIME, err, errlen, &rc);
    if (rc == ZX_ERR_ARG)
        return 0;
    if (rc == ZX_OK)
        *size = number_value(ix->db, id, ZP_SLOT_SIZE, err, errlen, &rc);
    char *h = NULL;
    size_t len = 0;
    if (rc == ZX_OK)
        rc = zx_db_get_value(ix->db, id, ZP_SLOT_HASH, &h, &len, err, errlen);
    if (rc != ZX_OK)
        return ZP_INDEX_DB_ERROR;
    snprintf(hash, ZP_HASH_SIZE, "%s", h);
    free(h);
    return 1;
}

int zp_index_touch(zp_index *ix, const char *id, long long mtime, char *err, size_t errlen)
{
    char v[32];
    int n = snprintf(v, sizeof v, "%020lld", mtime < 0 ? 0 : mtime);
    return zx_db_set_value(ix->db, id, ZP_SLOT_MTIME, v, (size_t)n, err, errlen) == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}

static int collect_id(const char *term, size_t len, void *ud)
{
    return zp_strlist_add(ud, term, len, 0) < 0;
}

int zp_index_prune(zp_index *ix, const char *const *roots, size_t n_roots, const char *const *unreadable,
                   size_t n_unreadable, zp_index_keep_fn keep, void *ud, unsigned *removed, unsigned *kept,
                   char *err, size_t errlen)
{
    *removed = 0;
    *kept = 0;
    zp_strlist ids = { NULL, 0 };
    int rc = zx_db_each_term(ix->db, ZP_PREFIX_ID, collect_id, &ids, err, errlen);
    for (size_t i = 0; i < ids.n && rc == ZX_OK; i++) {
        if (keep(ids.v[i], ud))
            continue;
        char *data = NULL;
        size_t len = 0;
        rc = zx_db_get_data(ix->db, ids.v[i], &data, &len, err, errlen);
        if (rc == ZX_ERR_ARG) {
            rc = ZX_OK;
            continue;
        }
        char *path = rc == ZX_OK ? zp_docdata_dup(data, len, "path") : NULL;
        free(data);
        int gone = 0, unread = 0;
        for (size_t r = 0; path && r < n_roots && !gone; r++)
            gone = zp_path_under(path, roots[r]);
        for (size_t r = 0; path && gone && r < n_unreadable && !unread; r++)
            unread = zp_path_under(path, unreadable[r]);
        free(path);
        if (unread) {
            (*kept)++;
            continue;
        }
        if (gone && rc == ZX_OK) {
            rc = zx_db_delete(ix->db, ids.v[i], err, errlen);
            *removed += rc == ZX_OK;
        }
    }
    zp_strlist_free(&ids);
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

int zp_index_add_roots(zp_index *ix, const char *const *roots, size_t n_roots, char *err, size_t errlen)
{
    char *old = NULL;
    if (zx_db_get_metadata(ix->db, ZP_METADATA_ROOTS, &old, err, errlen) != ZX_OK)
        return ZP_INDEX_DB_ERROR;
    zp_buf v = ZP_BUF_INIT;
    zp_buf_adds(&v, old ? old : "");
    for (size_t i = 0; i < n_roots; i++) {
        /* already there? a line of its own */
        int have = 0;
        size_t n = strlen(roots[i]);
        for (const char *p = zp_buf_str(&v); *p && !have; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
            have = strncmp(p, roots[i], n) == 0 && (p[n] == '\n' || p[n] == '\0');
        if (have)
            continue;
        if (v.len)
            zp_buf_addc(&v, '\n');
        zp_buf_adds(&v, roots[i]);
    }
    free(old);
    int rc = v.oom ? ZP_INDEX_DB_ERROR
                   : zx_db_set_metadata(ix->db, ZP_METADATA_ROOTS, zp_buf_str(&v), err, errlen) == ZX_OK ? 0
                                                                                                      : ZP_INDEX_DB_ERROR;
    zp_buf_free(&v);
    return rc;
}

int zp_index_current(zp_index *ix, char *err, size_t errlen)
{
    char *v = NULL;
    if (zx_db_get_metadata(ix->db, ZP_METADATA_VERSION, &v, err, errlen) != ZX_OK)
        return ZP_INDEX_DB_ERROR;
    char *lex = NULL;
    if (zx_db_get_metadata(ix->db, ZP_METADATA_LEXICON, &lex, err, errlen) != ZX_OK) {
        free(v);
        return ZP_INDEX_DB_ERROR;
    }
    int current = (strcmp(v, ZP_INDEX_VERSION) == 0 && strcmp(lex, zp_lemma_identity()) == 0) ||
                  (v[0] == '\0' && zp_index_doc_count(ix) == 0);
    free(v);
    free(lex);
    return current;
}

int zp_index_set_current(zp_index *ix, char *err, size_t errlen)
{
    if (zx_db_set_metadata(ix->db, ZP_METADATA_LEXICON, zp_lemma_identity(), err, errlen) != ZX_OK)
        return ZP_INDEX_DB_ERROR;
    return zx_db_set_metadata(ix->db, ZP_METADATA_VERSION, ZP_INDEX_VERSION, err, errlen) == ZX_OK ? 0
                                                                                             : ZP_INDEX_DB_ERROR;
}
