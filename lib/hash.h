/* One string hash for the project's tables: FNV-1a, 32 bits.  The lexicon
 * file is laid out by it (tools/lexicon-build.c writes, lib/lemma.c reads),
 * so it must not change without a new lexicon format. */
#ifndef ZP_HASH_H
#define ZP_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of what was hashed into h, then s: of a string in pieces. */
static inline uint32_t zp_hash_on(uint32_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static inline uint32_t zp_hash(const char *s, size_t len)
{
    return zp_hash_on(2166136261u, s, len);
}

#endif
