/* One string hash for the project's tables: FNV-1a, 32 bits.  The lexicon
 * file is laid out by it (tools/lexicon-build.c writes, lib/lemma.c reads),
 * so it must not change without a new lexicon format. */
#ifndef ZP_HASH_H
#define ZP_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t zp_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

#endif
