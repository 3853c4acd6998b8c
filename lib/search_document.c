/* The file of an indexed document, for the page to serve: found by the
 * document's id only (a path is never taken from the client), under a
 * folder the index was built from, opened without following links. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "record_dict.h"
#include "document.h"
#include "safe_open.h"
#include "search_internal.h"

/* "Q" + 16 hex digits, as zp_doc_id_term makes them. */
static int valid_id(const char *id)
{
    size_t n = strlen(id);
    int ok = n == ZP_ID_TERM_SIZE - 1 && id[0] == ZP_PREFIX_ID[0];
    for (size_t i = 1; ok && i < n; i++)
        ok = (id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f');
    return ok;
}

size_t zp_search_root_of(const char *path, const char *roots)
{
    size_t best = 0;
    for (const char *line = roots; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        while (n > 1 && line[n - 1] == '/')
            n--;
        if (n > best && strncmp(path, line, n) == 0 && (path[n] == '/' || n == 1))
            best = n;
        line = nl ? nl + 1 : NULL;
    }
    return best;
}

/* The document's path and MIME type, and the folders indexed, in one
 * opening of the database. */
static int lookup(const char *db_path, const char *id, char **path, char **mime, char **roots, char *err,
                  size_t errlen)
{
    zx_db *db = NULL;
    char *data = NULL;
    size_t len = 0;
    int rc = zx_db_open_read(db_path, &db, err, errlen);
    if (rc == 0)
        rc = zx_db_get_data(db, id, &data, &len, err, errlen);
    if (rc == 0 && zp_record_unpack(db, &data, &len, err, errlen) < 0)
        rc = ZX_ERR;
    if (rc == 0)
        rc = zx_db_get_metadata(db, ZP_METADATA_ROOTS, roots, err, errlen);
    zx_db_close(db);
    if (rc) {
        free(data);
        return rc;
    }
    *path = zp_docdata_dup(data, len, "path");
    *mime = zp_docdata_dup(data, len, "mime");
    free(data);
    if (!*path || !*mime) {
        snprintf(err, errlen, "out of memory");
        return ZX_ERR_NOMEM;
    }
    return 0;
}

int zp_search_open_document(const char *db_path, const char *id, int *fd, char **path, char **mime,
                            char *err, size_t errlen)
{
    *fd = -1;
    *path = *mime = NULL;
    if (!valid_id(id)) {
        snprintf(err, errlen, "not a document id");
        return ZX_ERR_ARG;
    }
    char *roots = NULL;
    int rc = lookup(db_path, id, path, mime, &roots, err, errlen);
    /* an index made before roots were recorded has none: its paths are
     * taken as they are */
    if (rc == 0 && roots[0] && !zp_search_root_of(*path, roots)) {
        snprintf(err, errlen, "%s: not under a folder the index was built from", *path);
        rc = ZX_ERR_ARG;
    }
    free(roots);
    if (rc == 0 && (*fd = zp_open_nofollow(*path, err, errlen)) < 0)
        rc = ZX_ERR_ARG;
    if (rc) {
        free(*path);
        free(*mime);
        *path = *mime = NULL;
    }
    return rc;
}
