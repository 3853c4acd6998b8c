/* A set of terms, each with a count and a mark (term_set.h). */
#include "term_set.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

typedef struct {
    uint32_t hash;
    size_t at, len;   /* the term: keys[at, at + len); len 0: an empty slot */
    unsigned count;
    int marked;
} entry;

struct zp_term_set {
    entry *slot;
    size_t cap, n;    /* cap a power of two, n at most half of it */
    zp_buf keys;
};

zp_term_set *zp_term_set_new(void)
{
    zp_term_set *set = calloc(1, sizeof *set);
    if (set && !(set->slot = calloc(set->cap = 256, sizeof *set->slot))) {
        free(set);
        return NULL;
    }
    return set;
}

void zp_term_set_free(zp_term_set *set)
{
    if (!set)
        return;
    free(set->slot);
    zp_buf_free(&set->keys);
    free(set);
}

size_t zp_term_set_size(const zp_term_set *set)
{
    return set->n;
}

/* The slot of the term prefix + s (plen and len bytes, hash h), or the
 * empty one where it would go. */
static entry *slot_of(const zp_term_set *set, const char *prefix, size_t plen, const char *s, size_t len, uint32_t h)
{
    size_t mask = set->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        entry *e = &set->slot[i];
        if (e->len == 0)
            return e;
        const char *key = set->keys.data + e->at;
        if (e->hash == h && e->len == plen + len && memcmp(key, prefix, plen) == 0 && memcmp(key + plen, s, len) == 0)
            return e;
    }
}

static int grow(zp_term_set *set)
{
    size_t cap = set->cap * 2;
    entry *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slot[i].len) {
            size_t k = set->slot[i].hash & (cap - 1);
            while (slot[k].len)
                k = (k + 1) & (cap - 1);
            slot[k] = set->slot[i];
        }
    free(set->slot);
    set->slot = slot;
    set->cap = cap;
    return 0;
}

int zp_term_set_add(zp_term_set *set, const char *prefix, const char *s, size_t len, unsigned n)
{
    size_t plen = strlen(prefix);
    if (plen + len == 0)
        return 0;
    uint32_t h = zp_hash_on(zp_hash(prefix, plen), s, len);
    entry *e = slot_of(set, prefix, plen, s, len, h);
    if (e->len) {
        e->count += n;
        return 0;
    }
    if ((set->n + 1) * 2 > set->cap) {
        if (grow(set) < 0)
            return -1;
        e = slot_of(set, prefix, plen, s, len, h);
    }
    size_t at = set->keys.len;
    zp_buf_add(&set->keys, prefix, plen);
    zp_buf_add(&set->keys, s, len);
    if (set->keys.oom)
        return -1;
    *e = (entry){ h, at, plen + len, n, 0 };
    set->n++;
    return 1;
}

/* The entry of s, or NULL. */
static entry *find(const zp_term_set *set, const char *s, size_t len)
{
    entry *e = len ? slot_of(set, "", 0, s, len, zp_hash(s, len)) : NULL;
    return e && e->len ? e : NULL;
}

int zp_term_set_has(const zp_term_set *set, const char *s, size_t len)
{
    return find(set, s, len) != NULL;
}

int zp_term_set_mark(zp_term_set *set, const char *s, size_t len)
{
    entry *e = find(set, s, len);
    if (e)
        e->marked = 1;
    return e != NULL;
}

int zp_term_set_each(const zp_term_set *set, zp_term_set_fn fn, void *ud)
{
    int rc = 0;
    for (size_t i = 0; i < set->cap && rc == 0; i++) {
        const entry *e = &set->slot[i];
        if (e->len)
            rc = fn(set->keys.data + e->at, e->len, e->count, e->marked, ud);
    }
    return rc;
}
