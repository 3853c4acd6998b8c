/* Document data records: length-prefixed key/value fields. */
#include "docdata.h"

#include <stdlib.h>
#include <string.h>

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

/* Reads the record at data[*at]; 0 and fills the parts, -1 at end/malformed. */
static int next_field(const char *data, size_t len, size_t *at, const char **key, size_t *klen,
                      const char **value, size_t *vlen)
{
    size_t i = *at;
    const char *eq = i < len ? memchr(data + i, '=', len - i) : NULL;
    if (!eq)
        return -1;
    *key = data + i;
    *klen = (size_t)(eq - (data + i));
    i = (size_t)(eq - data) + 1;
    size_t n = 0;
    int digits = 0;
    while (i < len && data[i] >= '0' && data[i] <= '9') {
        if (n > (size_t)-1 / 10 - 10)
            return -1;
        n = n * 10 + (size_t)(data[i] - '0');
        i++;
        digits++;
    }
    if (!digits || i >= len || data[i] != ':' || n > len - i - 1)
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

int zp_docdata_each(const char *data, size_t len, const char *key, zp_docdata_fn fn, void *ud)
{
    size_t at = 0, want = strlen(key), klen, vlen;
    const char *k, *v;
    int seen = 0;
    while (next_field(data, len, &at, &k, &klen, &v, &vlen) == 0) {
        if (klen == want && memcmp(k, key, klen) == 0) {
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
    size_t at = 0, want = strlen(key), klen;
    const char *k;
    while (next_field(data, len, &at, &k, &klen, value, vlen) == 0)
        if (klen == want && memcmp(k, key, klen) == 0)
            return 0;
    return -1;
}

char *zp_docdata_dup(const char *data, size_t len, const char *key)
{
    const char *v = "";
    size_t n = 0;
    if (zp_docdata_get(data, len, key, &v, &n) < 0) {
        v = "";
        n = 0;
    }
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, v, n);
    p[n] = '\0';
    return p;
}
