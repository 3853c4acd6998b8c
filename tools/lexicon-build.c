/* lexicon-build: writes the lexicon file lib/lemma.c maps, from lines
 * "form<TAB>lemma" on stdin (tools/lexicon.sh makes them from hunspell-cs).
 * Usage: lexicon-build OUT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "fold.h"
#include "hash.h"
#include "lemma.h"

#define MAX_REFS 255

typedef struct {
    char **keys;
    uint32_t *vals;
    size_t cap, n;
} strmap;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "lexicon-build: out of memory\n");
        exit(1);
    }
    return q;
}

static void map_grow(strmap *m);

/* The id of key (added as m->n when new). */
static uint32_t map_id(strmap *m, const char *key, int *added)
{
    if ((m->n + 1) * 2 > m->cap)
        map_grow(m);
    size_t mask = m->cap - 1;
    for (size_t s = zp_hash(key, strlen(key)) & mask;; s = (s + 1) & mask) {
        if (!m->keys[s]) {
            m->keys[s] = strdup(key);
            m->vals[s] = (uint32_t)m->n++;
            if (added)
                *added = 1;
            return m->vals[s];
        }
        if (strcmp(m->keys[s], key) == 0) {
            if (added)
                *added = 0;
            return m->vals[s];
        }
    }
}

static void map_grow(strmap *m)
{
    strmap g = { NULL, NULL, m->cap ? m->cap * 2 : 1024, 0 };
    g.keys = calloc(g.cap, sizeof *g.keys);
    g.vals = calloc(g.cap, sizeof *g.vals);
    if (!g.keys || !g.vals) {
        fprintf(stderr, "lexicon-build: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t mask = g.cap - 1, s = zp_hash(m->keys[i], strlen(m->keys[i])) & mask;
            while (g.keys[s])
                s = (s + 1) & mask;
            g.keys[s] = m->keys[i];
            g.vals[s] = m->vals[i];
        }
    g.n = m->n;
    free(m->keys);
    free(m->vals);
    *m = g;
}

/* The keys of a map in id order. */
static char **by_id(const strmap *m)
{
    char **v = xrealloc(NULL, (m->n + 1) * sizeof *v);
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            v[m->vals[i]] = m->keys[i];
    return v;
}

typedef struct {
    uint32_t *v;
    size_t n, cap;
} u32list;

static void push(u32list *l, uint32_t x)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 2;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = x;
}

static void push_unique(u32list *l, uint32_t x)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == x)
            return;
    push(l, x);
}

static char *lower(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &out,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
        return NULL;
    return (char *)out;
}

static char *folded(const char *s)
{
    zp_buf b = ZP_BUF_INIT;
    if (zp_fold_word(s, strlen(s), &b) < 0) {
        zp_buf_free(&b);
        return NULL;
    }
    return zp_buf_steal(&b);
}

static void put_u32(zp_buf *b, uint32_t v)
{
    zp_buf_add(b, &v, 4);
}

static void put_str8(zp_buf *b, const char *s, size_t len)
{
    unsigned char l = (unsigned char)(len > 255 ? 255 : len);
    zp_buf_add(b, &l, 1);
    zp_buf_add(b, s, l);
}

/* Records off, the record of name, in the table of n_slots offsets at
 * slots (open addressing on name's hash, probed linearly; 0: empty). */
static void put_slot(zp_buf *b, uint32_t slots, uint32_t n_slots, const char *name, uint32_t off)
{
    uint32_t mask = n_slots - 1, s = zp_hash(name, strlen(name)) & mask, v;
    for (;; s = (s + 1) & mask) {
        memcpy(&v, b->data + slots + s * 4, 4);
        if (v == 0)
            break;
    }
    memcpy(b->data + slots + s * 4, &off, 4);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: lexicon-build OUT < forms.tsv\n");
        return 2;
    }
    strmap lemmas = { 0 }, keys = { 0 }, fls = { 0 };
    char **fl_of_lemma = NULL;     /* lemma id -> folded lemma */
    unsigned char *proper = NULL;  /* lemma id -> written with a capital */
    size_t fl_cap = 0;
    u32list *refs = NULL;          /* key id -> refs */
    size_t refs_cap = 0;
    char line[1024];
    size_t n_lines = 0;
    while (fgets(line, sizeof line, stdin)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char *lemma_raw = tab + 1;
        lemma_raw[strcspn(lemma_raw, "\r\n")] = '\0';
        char *form = line;
        if (!*form || !*lemma_raw || !utf8proc_iterate((const utf8proc_uint8_t *)form, -1, &(utf8proc_int32_t){ 0 }))
            continue;
        char *lem = lower(lemma_raw), *key = folded(form);
        if (!lem || !key || strlen(key) > 255 || strlen(lem) > 255) {
            free(lem);
            free(key);
            continue;
        }
        int added;
        uint32_t lid = map_id(&lemmas, lem, &added);
        if (added) {
            if (lid >= fl_cap) {
                fl_cap = fl_cap ? fl_cap * 2 : 1024;
                fl_of_lemma = xrealloc(fl_of_lemma, fl_cap * sizeof *fl_of_lemma);
                proper = xrealloc(proper, fl_cap);
            }
            proper[lid] = (unsigned char)zp_fold_is_capital(lemma_raw, strlen(lemma_raw));
            fl_of_lemma[lid] = folded(lem);
            if (!fl_of_lemma[lid])
                fl_of_lemma[lid] = strdup(lem);
            map_id(&fls, fl_of_lemma[lid], NULL);
        }
        uint32_t kid = map_id(&keys, key, &added);
        if (added && kid >= refs_cap) {
            size_t old = refs_cap;
            refs_cap = refs_cap ? refs_cap * 2 : 1024;
            refs = xrealloc(refs, refs_cap * sizeof *refs);
            memset(refs + old, 0, (refs_cap - old) * sizeof *refs);
        }
        if (refs[kid].n < MAX_REFS)
            push_unique(&refs[kid], lid << 8 | zp_lemma_form_sig(form, strlen(form)));
        free(lem);
        free(key);
        n_lines++;
    }

    /* Lemmas whose folded spelling another lemma shares keep their exact one. */
    uint32_t *fl_lemmas = calloc(fls.n + 1, sizeof *fl_lemmas);
    for (size_t i = 0; i < lemmas.n; i++)
        fl_lemmas[map_id(&fls, fl_of_lemma[i], NULL)]++;

    /* Write: header, slots, key records, lemma offsets and records. */
    uint32_t n_slots = 1;
    while (n_slots < keys.n * 2)
        n_slots <<= 1;
    zp_buf out = ZP_BUF_INIT;
    zp_buf_add(&out, ZP_LEXICON_MAGIC, 8);
    for (int i = 0; i < 7; i++)
        put_u32(&out, 0);
    uint32_t slots_off = (uint32_t)out.len;
    for (uint32_t i = 0; i < n_slots; i++)
        put_u32(&out, 0);
    char **key_names = by_id(&keys);
    uint32_t *key_off = xrealloc(NULL, (keys.n + 1) * sizeof *key_off);
    for (size_t k = 0; k < keys.n; k++) {
        uint32_t off = (uint32_t)out.len;
        key_off[k] = off;
        put_str8(&out, key_names[k], strlen(key_names[k]));
        unsigned char n = (unsigned char)refs[k].n;
        zp_buf_add(&out, &n, 1);
        for (size_t i = 0; i < n; i++)
            put_u32(&out, refs[k].v[i]);
        put_slot(&out, slots_off, n_slots, key_names[k], off);
    }
    char **lemma_names = by_id(&lemmas);
    uint32_t lemmas_off = (uint32_t)out.len;
    for (size_t i = 0; i < lemmas.n; i++)
        put_u32(&out, 0);
    size_t exact = 0;
    for (size_t i = 0; i < lemmas.n; i++) {
        uint32_t off = (uint32_t)out.len;
        memcpy(out.data + lemmas_off + i * 4, &off, 4);
        uint32_t f = map_id(&fls, fl_of_lemma[i], NULL);
        put_str8(&out, fl_of_lemma[i], strlen(fl_of_lemma[i]));
        int shared = fl_lemmas[f] > 1;
        exact += shared;
        put_str8(&out, lemma_names[i], shared ? strlen(lemma_names[i]) : 0);
        zp_buf_add(&out, &proper[i], 1);
    }
    /* The checksum (and so the lexicon's identity, which an index records)
     * covers the forms and lemmas: the table below only speeds lookups up. */
    uint32_t sum = zp_hash(out.data + 8 + 7 * 4, out.len - 8 - 7 * 4);

    /* The forms of each folded lemma spelling: n_slots, slots (offsets of
     * records, 0: empty, on the hash of the spelling), records: u8 len,
     * spelling, u32 n, n x key record offset. */
    u32list *forms = calloc(fls.n + 1, sizeof *forms);
    if (!forms) {
        fprintf(stderr, "lexicon-build: out of memory\n");
        return 1;
    }
    for (size_t k = 0; k < keys.n; k++)
        for (size_t i = 0; i < refs[k].n; i++) {
            uint32_t f = map_id(&fls, fl_of_lemma[refs[k].v[i] >> 8], NULL);
            u32list *l = &forms[f];
            if (!l->n || l->v[l->n - 1] != key_off[k])   /* a key's lemmas of one spelling come together */
                push(l, key_off[k]);
        }
    char **fl_names = by_id(&fls);
    uint32_t n_fslots = 1;
    while (n_fslots < fls.n * 2)
        n_fslots <<= 1;
    uint32_t forms_off = (uint32_t)out.len;
    put_u32(&out, n_fslots);
    for (uint32_t i = 0; i < n_fslots; i++)
        put_u32(&out, 0);
    for (size_t f = 0; f < fls.n; f++) {
        uint32_t off = (uint32_t)out.len;
        put_str8(&out, fl_names[f], strlen(fl_names[f]));
        put_u32(&out, (uint32_t)forms[f].n);
        for (size_t i = 0; i < forms[f].n; i++)
            put_u32(&out, forms[f].v[i]);
        put_slot(&out, forms_off + 4, n_fslots, fl_names[f], off);
    }
    if (out.oom) {
        fprintf(stderr, "lexicon-build: out of memory\n");
        return 1;
    }
    uint32_t h[7] = { n_slots, (uint32_t)keys.n, (uint32_t)lemmas.n, slots_off, lemmas_off, forms_off, sum };
    memcpy(out.data + 8, h, sizeof h);
    FILE *f = fopen(argv[1], "wb");
    if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    fprintf(stderr, "lexicon: %zu forms, %zu folded forms, %zu lemmas (%zu spelt apart only by diacritics), %.1f MB\n",
            n_lines, keys.n, lemmas.n, exact, out.len / 1048576.0);
    return 0;
}
