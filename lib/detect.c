/* Detection through libmagic: MIME type and charset in one call. */
#include "detect.h"

#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zp_detector {
    magic_t magic;
};

int zp_detect_open(zp_detector **out, char *err, size_t errlen)
{
    *out = NULL;
    zp_detector *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    d->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_MIME_ENCODING | MAGIC_ERROR);
    if (!d->magic || magic_load(d->magic, NULL) != 0) {
        snprintf(err, errlen, "cannot load libmagic's database: %s",
                 d->magic ? magic_error(d->magic) : "magic_open failed");
        zp_detect_close(d);
        return -1;
    }
    *out = d;
    return 0;
}

int zp_detect_buffer(zp_detector *d, const void *data, size_t len, zp_type *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len == 0) {
        snprintf(out->mime, sizeof out->mime, "application/x-empty");
        snprintf(out->charset, sizeof out->charset, "binary");
        return 0;
    }
    const char *r = magic_buffer(d->magic, data, len < ZP_DETECT_BYTES ? len : ZP_DETECT_BYTES);
    if (!r) {
        snprintf(err, errlen, "cannot detect the file type: %s", magic_error(d->magic));
        return -1;
    }
    /* "text/plain; charset=utf-8" */
    const char *semi = strchr(r, ';');
    size_t n = semi ? (size_t)(semi - r) : strlen(r);
    snprintf(out->mime, sizeof out->mime, "%.*s", (int)n, r);
    const char *cs = strstr(r, "charset=");
    snprintf(out->charset, sizeof out->charset, "%s", cs ? cs + 8 : "binary");
    return 0;
}

void zp_detect_close(zp_detector *d)
{
    if (!d)
        return;
    if (d->magic)
        magic_close(d->magic);
    free(d);
}
