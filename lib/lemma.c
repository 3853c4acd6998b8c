/* The lexicon file, mapped read-only and shared by all threads.  Layout
 * (all numbers little-endian uint32 unless said, offsets from the start):
 *   header   magic[8], n_slots, n_keys, n_lemmas, slots_off, lemmas_off,
 *            0, checksum
 *   slots    n_slots offsets of key records (0: empty), open addressing
 *            on the FNV-1a hash of the folded form, probed linearly
 *   key      u8 len, folded form, u8 n, n x (lemma id << 8 | form signature)
 *   lemmas   n_lemmas offsets of lemma records:
 *            u8 len, folded lemma, u8 len, exact lemma (or 0), u8 proper
 *            (1: a name, written with a capital)
 *   forms    (at the header's sixth number; 0 in a file without it)
 *            n_fslots, n_fslots offsets of records on the hash of a folded
 *            lemma spelling: u8 len, spelling, n, n x key record offset --
 *            every folded form one of whose lemmas is spelt so.  The
 *            checksum (the identity) leaves this table out.
 * Every offset is checked against the file's size before it is read, so a
 * damaged file finds nothing rather than reading astray. */
#include "lemma.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "fold.h"
#include "hash.h"

#define HEADER_WORDS 7

static const unsigned char *map;
static size_t map_size;
static uint32_t n_slots, n_lemmas, slots_off, lemmas_off, forms_off, n_fslots;
static char identity[64];
static char path[4096];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t u32_at(size_t off)
{
    uint32_t v;
    memcpy(&v, map + off, 4);
    return v;
}

static int in_map(size_t off, size_t n)
{
    return off <= map_size && n <= map_size - off;
}

static void load(void)
{
    const char *env = getenv(ZP_LEXICON_ENV);
    snprintf(path, sizeof path, "%s", env && *env ? env : ZP_LEXICON_FILE);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size > 8 + HEADER_WORDS * 4) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED) {
            map = m;
            map_size = (size_t)st.st_size;
        }
    }
    close(fd);
    if (!map)
        return;
    uint32_t h[HEADER_WORDS];
    memcpy(h, map + 8, sizeof h);
    n_slots = h[0];
    n_lemmas = h[2];
    slots_off = h[3];
    lemmas_off = h[4];
    int ok = memcmp(map, ZP_LEXICON_MAGIC, 8) == 0 && n_slots > 0 && (n_slots & (n_slots - 1)) == 0 &&
             in_map(slots_off, (size_t)n_slots * 4) && in_map(lemmas_off, (size_t)n_lemmas * 4);
    if (!ok) {
        munmap((void *)map, map_size);
        map = NULL;
        return;
    }
    snprintf(identity, sizeof identity, "cs.lex %08x %u", (unsigned)h[6], (unsigned)h[1]);
    if (h[5] && in_map(h[5], 4)) {
        uint32_t n = u32_at(h[5]);
        if (n > 0 && (n & (n - 1)) == 0 && in_map((size_t)h[5] + 4, (size_t)n * 4)) {
            forms_off = h[5];
            n_fslots = n;
        }
    }
}

int zp_lemma_available(void)
{
    pthread_once(&once, load);
    return map != NULL;
}

const char *zp_lemma_identity(void)
{
    return zp_lemma_available() ? identity : "";
}

void zp_lemma_preload(void)
{
    if (!zp_lemma_available())
        return;
    /* the forms and lemmas, not the table of forms (snippets use it) */
    size_t end = forms_off ? forms_off : map_size;
    madvise((void *)map, end, MADV_WILLNEED);
    /* touch a byte a page: the faults now, in one sweep, not one by one
     * in the middle of the work */
    long page = sysconf(_SC_PAGESIZE);
    volatile unsigned char sink = 0;
    for (size_t off = 0; off < end; off += page > 0 ? (size_t)page : 4096)
        sink ^= map[off];
    (void)sink;
}

const char *zp_lemma_path(void)
{
    pthread_once(&once, load);
    return path;
}

uint8_t zp_lemma_form_sig(const char *word, size_t len)
{
    /* over the lower-cased code points of the NFC form (what the text
     * and the dictionary are): a table lookup each, no decomposition */
    uint32_t h = 2166136261u;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)word;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        if (p[i] < 0x80) {
            cp = p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i];
            i++;
        } else {
            utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
            if (n <= 0)
                break;
            i += (size_t)n;
            cp = utf8proc_tolower(cp);
        }
        h = (h ^ (uint32_t)cp) * 16777619u;
    }
    return (uint8_t)(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
}

/* The record named key (u8 len, key, then tail bytes at least) in the
 * table of n offsets at slots (open addressing on the key's hash); 0 when
 * there is none. */
static size_t find_record(uint32_t slots, uint32_t n, const char *key, size_t len, size_t tail)
{
    uint32_t mask = n - 1;
    for (uint32_t s = zp_hash(key, len) & mask, probes = 0; probes < n; s = (s + 1) & mask, probes++) {
        uint32_t off = u32_at(slots + (size_t)s * 4);
        if (off == 0 || !in_map(off, 1 + tail))
            return 0;
        if (map[off] == len && in_map(off, 1 + len + tail) && memcmp(map + off + 1, key, len) == 0)
            return off;
    }
    return 0;
}

size_t zp_lemma_lookup(const char *word, size_t wlen, const char *folded, size_t flen, uint32_t *ids)
{
    if (flen == 0 || flen > 255 || !zp_lemma_available())
        return 0;
    size_t off = find_record(slots_off, n_slots, folded, flen, 1);
    if (!off)
        return 0;
    size_t nref = map[off + 1 + flen];
    size_t refs = off + 2 + flen;
    if (!in_map(refs, nref * 4))
        return 0;
    /* Written with diacritics: the lemmas of that very form, if any. */
    int exact = word && zp_fold_has_non_ascii(word, wlen);
    uint8_t sig = exact ? zp_lemma_form_sig(word, wlen) : 0;
    size_t n = 0;
    for (int pass = exact ? 0 : 1; pass < 2 && n == 0; pass++)
        for (size_t i = 0; i < nref; i++) {
            uint32_t r = u32_at(refs + i * 4);
            if (pass == 0 && (r & 0xFF) != sig)
                continue;
            uint32_t id = r >> 8;
            int dup = id >= n_lemmas;
            for (size_t k = 0; k < n && !dup; k++)
                dup = ids[k] == id;
            if (!dup && n < ZP_LEMMA_MAX)
                ids[n++] = id;
        }
    return n;
}

/* The record of lemma id, or 0. */
static size_t lemma_record(uint32_t id)
{
    if (!map || id >= n_lemmas)
        return 0;
    uint32_t off = u32_at(lemmas_off + (size_t)id * 4);
    if (!in_map(off, 1) || !in_map(off, 1 + (size_t)map[off] + 2))
        return 0;
    size_t e = off + 1 + map[off];
    if (!in_map(e, 1 + (size_t)map[e] + 1))
        return 0;
    return off;
}

const char *zp_lemma_folded(uint32_t id, size_t *len)
{
    size_t off = lemma_record(id);
    *len = off ? map[off] : 0;
    return off ? (const char *)map + off + 1 : NULL;
}

const char *zp_lemma_exact(uint32_t id, size_t *len)
{
    size_t off = lemma_record(id);
    size_t e = off ? off + 1 + map[off] : 0;
    *len = e ? map[e] : 0;
    return *len ? (const char *)map + e + 1 : NULL;
}

int zp_lemma_is_proper(uint32_t id)
{
    size_t off = lemma_record(id);
    if (!off)
        return 0;
    size_t e = off + 1 + map[off];
    return map[e + 1 + map[e]] != 0;
}


int zp_lemma_each_form(const char *lemma, size_t len, int (*fn)(const char *form, size_t len, void *ud), void *ud)
{
    if (!zp_lemma_available() || !n_fslots)
        return -1;
    if (len == 0 || len > 255)
        return 0;
    size_t off = find_record(forms_off + 4, n_fslots, lemma, len, 4);
    if (!off)
        return 0;
    uint32_t n = u32_at(off + 1 + len);
    size_t list = off + 1 + len + 4;
    if (!in_map(list, (size_t)n * 4))
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t k = u32_at(list + (size_t)i * 4);
        if (!in_map(k, 1) || !in_map(k, 1 + (size_t)map[k]))
            continue;
        if (fn((const char *)map + k + 1, map[k], ud))
            break;
    }
    return 1;
}
