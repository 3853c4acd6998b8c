/* The file of an indexed document, for the page to serve: found by the
 * document's id only (a path is never taken from the client), under a
 * folder the index was built from, opened without following links. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "document.h"
#include "safe_open.h"
#include "search.h"
#include "zx.h"

int zp_search_document(const char *db_path, const char *id, char **path, char **mime, char *err,
                       size_t errlen)
{
    *path = *mime = NULL;
    size_t n = strlen(id);
    int ok = n == ZP_ID_TERM_SIZE - 1 && id[0] == ZP_PREFIX_ID[0];
    for (size_t i = 1; ok && i < n; i++)
        ok = (id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f');
    if (!ok) {
        snprintf(err, errlen, "not a document id");
        return ZX_ERR_ARG;
    }
    zx_db *db = NULL;
    int rc = zx_db_open_read(db_path, &db, err, errlen);
    char *data = NULL;
    size_t len = 0;
    if (rc == 0)
        rc = zx_db_get_data(db, id, &data, &len, err, errlen);
    zx_db_close(db);
    if (rc)
        return rc;
    *path = zp_docdata_dup(data, len, "path");
    *mime = zp_docdata_dup(data, len, "mime");
    free(data);
    if (!*path || !*mime) {
        free(*path);
        free(*mime);
        *path = *mime = NULL;
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    return 0;
}

static void free_facet(zp_facet *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i].value);
    free(f->v);
}

void zp_results_free(zp_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_hits; i++) {
        zp_hit *h = &r->hits[i];
        free(h->path);
        free(h->title);
        free(h->mime);
        free(h->town);
        free(h->body);
        zp_strlist_free(&h->orgs);
        for (size_t k = 0; k < h->decisions.n; k++) {
            free(h->decisions.v[k].text);
            free(h->decisions.v[k].owner);
            free(h->decisions.v[k].number);
        }
        free(h->decisions.v);
        zp_snip_free(&h->snippet);
    }
    free(r->hits);
    free_facet(&r->years);
    free_facet(&r->towns);
    free_facet(&r->bodies);
    free_facet(&r->orgs);
    free_facet(&r->timeline);
    free(r->query);
    free(r->parsed);
    free(r->suggestion);
    free(r);
}

/* 1 when path is under a folder recorded as indexed; an index made before
 * roots were recorded has none, and its paths are taken as they are. */
static int under_indexed_root(const char *db_path, const char *path, char *err, size_t errlen)
{
    zx_db *db = NULL;
    char *roots = NULL;
    int rc = zx_db_open_read(db_path, &db, err, errlen);
    if (rc == 0)
        rc = zx_db_get_metadata(db, ZP_METADATA_ROOTS, &roots, err, errlen);
    zx_db_close(db);
    if (rc)
        return rc;
    int ok = !roots[0];
    for (char *line = roots, *next; !ok && line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        ok = zp_path_under(path, line);
    }
    free(roots);
    if (!ok)
        snprintf(err, errlen, "%s: not under a folder the index was built from", path);
    return ok ? 0 : ZX_ERR_ARG;
}

int zp_search_open_document(const char *db_path, const char *id, int *fd, char **path, char **mime,
                            char *err, size_t errlen)
{
    *fd = -1;
    int rc = zp_search_document(db_path, id, path, mime, err, errlen);
    if (rc == 0)
        rc = under_indexed_root(db_path, *path, err, errlen);
    if (rc == 0 && (*fd = zp_open_nofollow(*path, err, errlen)) < 0)
        rc = ZX_ERR_ARG;
    if (rc) {
        free(*path);
        free(*mime);
        *path = *mime = NULL;
    }
    return rc;
}
