/* Growable byte buffer used wherever lib/ builds text of unknown length
 * (folded terms, JSON, snippets).  Always NUL-terminated when non-empty. */
#ifndef ZP_BUF_H
#define ZP_BUF_H

#include <stddef.h>

typedef struct {
    char *data;   /* owned; NULL until the first append */
    size_t len;   /* bytes used, excluding the terminating NUL */
    size_t cap;
    int oom;      /* set once an allocation failed; later appends are no-ops */
} zp_buf;

#define ZP_BUF_INIT { NULL, 0, 0, 0 }

/* Room for n more bytes (and the NUL) after b->len, to be written at
 * b->data + b->len by the caller.  0, or -1 (b->oom set). */
int zp_buf_reserve(zp_buf *b, size_t n);

/* Appends; on allocation failure sets b->oom and returns -1. */
int zp_buf_add(zp_buf *b, const void *data, size_t len);
int zp_buf_adds(zp_buf *b, const char *s);
int zp_buf_addc(zp_buf *b, char c);
int zp_buf_printf(zp_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends the whole file at path.  0, or -1 with a message naming the file
 * (cannot open / cannot read / out of memory). */
int zp_buf_read_file(zp_buf *b, const char *path, char *err, size_t errlen);

/* The contents as a C string ("" when empty); owned by b. */
const char *zp_buf_str(const zp_buf *b);

/* Hands the storage to the caller (free() it) and resets b. Never NULL
 * unless b->oom. */
char *zp_buf_steal(zp_buf *b);

void zp_buf_reset(zp_buf *b); /* keeps the storage, len = 0 */
void zp_buf_free(zp_buf *b);

#endif
