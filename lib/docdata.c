/* Document data records: length-prefixed key/value fields. */
#include "docdata.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "record_dict.h"

/* A stored record's frame: level 1, ZP_PACK_LEVEL (Praha 7's records take
 * 1.1 KB in the B-tree against 1.0 KB deflated by Xapian, and read three
 * times as fast); the largest record unpacked (a text is bounded by the
 * indexer's --max-size long before). */
#define UNPACK_MAX ((unsigned long long)1 << 31)

int zp_docdata_put(zp_buf *out, const char *key, const char *value, size_t len)
{
    zp_buf_printf(out, "%s=%zu:", key, len);
    zp_buf_add(out, value, len);
    return zp_buf_addc(out, '\n');
}

int zp_docdata_puts(zp_buf *out, const char *key, const char *value)
{
    return zp_docdata_put(out, key, value ? value : "", value ? strlen(value) : 0);
}

int zp_docdata_number(const char *s, size_t len, size_t *at, size_t *out)
{
    size_t n = 0, from = *at;
    for (; *at < len && s[*at] >= '0' && s[*at] <= '9'; (*at)++) {
        if (n > ((size_t)-1 - 9) / 10)
            return 0;
        n = n * 10 + (size_t)(s[*at] - '0');
    }
    *out = n;
    return *at > from;
}

/* Reads the record at data[*at]; 0 and fills the parts, -1 at end/malformed. */
int zp_docdata_next(const char *data, size_t len, size_t *at, const char **key, size_t *klen, const char **value,
                    size_t *vlen)
{
    size_t i = *at;
    const char *eq = i < len ? memchr(data + i, '=', len - i) : NULL;
    if (!eq)
        return -1;
    *key = data + i;
    *klen = (size_t)(eq - (data + i));
    i = (size_t)(eq - data) + 1;
    size_t n;
    if (!zp_docdata_number(data, len, &i, &n) || i >= len || data[i] != ':' || n > len - i - 1)
        return -1;
    i++;
    *value = data + i;
    *vlen = n;
    i += n;
    if (i >= len || data[i] != '\n')
        return -1;
    *at = i + 1;
    return 0;
}

int zp_docdata_key_is(const char *k, size_t klen, const char *key)
{
    return strlen(key) == klen && memcmp(k, key, klen) == 0;
}

int zp_docdata_each(const char *data, size_t len, const char *key, zp_docdata_fn fn, void *ud)
{
    size_t at = 0, klen, vlen;
    const char *k, *v;
    int seen = 0;
    while (zp_docdata_next(data, len, &at, &k, &klen, &v, &vlen) == 0) {
        if (zp_docdata_key_is(k, klen, key)) {
            if (fn)
                fn(v, vlen, ud);
            seen++;
        }
    }
    return seen;
}

int zp_docdata_get(const char *data, size_t len, const char *key, const char **value,
                   size_t *vlen)
{
    size_t at = 0, klen;
    const char *k;
    while (zp_docdata_next(data, len, &at, &k, &klen, value, vlen) == 0)
        if (zp_docdata_key_is(k, klen, key))
            return 0;
    return -1;
}

char *zp_docdata_value_dup(const char *value, size_t vlen)
{
    if (!value)
        vlen = 0;
    char *p = malloc(vlen + 1);
    if (!p)
        return NULL;
    if (vlen)
        memcpy(p, value, vlen);
    p[vlen] = '\0';
    return p;
}

char *zp_docdata_dup(const char *data, size_t len, const char *key)
{
    const char *v;
    size_t n;
    if (zp_docdata_get(data, len, key, &v, &n) < 0)
        return zp_docdata_value_dup(NULL, 0);
    return zp_docdata_value_dup(v, n);
}

/* A compression context a thread: made once, freed when the thread ends. */
static pthread_key_t cctx_key, dctx_key;
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void free_cctx(void *c)
{
    ZSTD_freeCCtx(c);
}

static void free_dctx(void *d)
{
    ZSTD_freeDCtx(d);
}

static void make_keys(void)
{
    pthread_key_create(&cctx_key, free_cctx);
    pthread_key_create(&dctx_key, free_dctx);
}

static ZSTD_CCtx *cctx(void)
{
    pthread_once(&keys_once, make_keys);
    ZSTD_CCtx *c = pthread_getspecific(cctx_key);
    if (!c && (c = ZSTD_createCCtx())) {
        /* a checksum of the record, so that a damaged one is told */
        if (ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, ZP_PACK_LEVEL)) ||
            ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1)) || pthread_setspecific(cctx_key, c) != 0) {
            ZSTD_freeCCtx(c);
            c = NULL;
        }
    }
    return c;
}

static ZSTD_DCtx *dctx(void)
{
    pthread_once(&keys_once, make_keys);
    ZSTD_DCtx *d = pthread_getspecific(dctx_key);
    if (!d && (d = ZSTD_createDCtx()) && pthread_setspecific(dctx_key, d) != 0) {
        ZSTD_freeDCtx(d);
        d = NULL;
    }
    return d;
}

static int is_frame(const char *data, size_t len)
{
    static const unsigned char magic[4] = { 0x28, 0xB5, 0x2F, 0xFD };   /* ZSTD_MAGICNUMBER, little-endian */
    return len >= 4 && memcmp(data, magic, 4) == 0;
}

int zp_docdata_pack(const char *data, size_t len, zp_buf *out)
{
    return zp_docdata_pack_with(data, len, NULL, out);
}

int zp_docdata_pack_with(const char *data, size_t len, const struct ZSTD_CDict_s *dict, zp_buf *out)
{
    zp_buf_reset(out);
    ZSTD_CCtx *c = cctx();
    size_t bound = ZSTD_compressBound(len);
    if (!c || zp_buf_reserve(out, bound) < 0 || ZSTD_isError(ZSTD_CCtx_refCDict(c, dict)))
        return -1;
    size_t n = ZSTD_compress2(c, out->data, bound, data, len);
    if (ZSTD_isError(n))
        return -1;
    out->len = n;
    out->data[n] = '\0';
    return 0;
}

int zp_docdata_unpack(char **data, size_t *len, char *err, size_t errlen)
{
    if (!is_frame(*data, *len))
        return 0;
    unsigned long long size = ZSTD_getFrameContentSize(*data, *len);
    unsigned id = ZSTD_getDictID_fromFrame(*data, *len);
    const ZSTD_DDict *dict = id ? zp_record_dict_find(id) : NULL;
    ZSTD_DCtx *d = dctx();
    char *plain = NULL;
    size_t n = 0;
    char missing[96];
    const char *why = "out of memory";
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > UNPACK_MAX) {
        why = "its stored size is not readable";
    } else if (id && !dict) {
        snprintf(missing, sizeof missing, "it was packed with dictionary %08x, which the index does not hold", id);
        why = missing;
    } else if (d && (plain = malloc((size_t)size + 1))) {
        n = ZSTD_decompress_usingDDict(d, plain, (size_t)size, *data, *len, dict);
        if (ZSTD_isError(n) || n != size) {
            why = ZSTD_isError(n) ? ZSTD_getErrorName(n) : "shorter than it says";
            free(plain);
            plain = NULL;
        }
    }
    free(*data);
    *data = plain;
    if (!plain) {
        *len = 0;
        snprintf(err, errlen, "a document's stored data is corrupt (%s); index the file again", why);
        return -1;
    }
    plain[n] = '\0';
    *len = n;
    return 0;
}
