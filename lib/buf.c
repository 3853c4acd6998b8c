/* Growable byte buffer: the one place lib/ grows memory for text. */
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(zp_buf *b, size_t need)
{
    if (b->oom)
        return -1;
    if (b->len + need + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + need + 1) {
        if (cap > (size_t)-1 / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int zp_buf_reserve(zp_buf *b, size_t n)
{
    return grow(b, n);
}

int zp_buf_add(zp_buf *b, const void *data, size_t len)
{
    if (grow(b, len) < 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int zp_buf_adds(zp_buf *b, const char *s)
{
    return zp_buf_add(b, s, strlen(s));
}

int zp_buf_addc(zp_buf *b, char c)
{
    /* the common case, a byte into room there is, without grow() and
     * memcpy: folding and snippets append a byte at a time */
    if (b->len + 2 <= b->cap && !b->oom) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return 0;
    }
    return zp_buf_add(b, &c, 1);
}

int zp_buf_printf(zp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int zp_buf_read_file(zp_buf *b, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (zp_buf_add(b, chunk, n) < 0)
            break;
    int bad = ferror(f) || b->oom;
    if (bad)
        snprintf(err, errlen, "%s: cannot read: %s", path, b->oom ? "out of memory" : strerror(errno));
    fclose(f);
    return bad ? -1 : 0;
}

const char *zp_buf_str(const zp_buf *b)
{
    return b->data ? b->data : "";
}

char *zp_buf_steal(zp_buf *b)
{
    if (b->oom) {
        zp_buf_free(b);
        return NULL;
    }
    char *p = b->data ? b->data : calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void zp_buf_reset(zp_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void zp_buf_free(zp_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}
