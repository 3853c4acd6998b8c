/* Analysis: tokens of a text become positional word terms and stem terms.
 * The query side reaches the same functions through zp_analyse_xapian_stem
 * and zp_query_normalize, so a word indexed here is found as typed there. */
#include "analyse.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fold.h"
#include "hash.h"
#include "lemma.h"
#include "stem_cs.h"
#include "tokenize.h"

/* A word with readings of more lemmas than this ("se", "je" typed without
 * context are not) is left to the light stemmer, in documents and queries. */
#define MAX_READINGS 6

static size_t light_stem(const char *folded, size_t flen, char *out, size_t outsize)
{
    if (flen >= outsize || flen > ZP_TOK_MAX_TERM * 4) {
        size_t n = flen < outsize ? flen : outsize - 1;
        memcpy(out, folded, n);
        out[n] = '\0';
        return n;
    }
    return zp_stem_cs(folded, flen, out);
}

static int same(const char *a, size_t al, const char *b, size_t bl)
{
    return al == bl && memcmp(a, b, al) == 0;
}

/* Adds a term unless it is there already. */
static void add_unique(const char **t, size_t *len, size_t *n, const char *s, size_t l)
{
    for (size_t i = 0; i < *n; i++)
        if (same(t[i], len[i], s, l))
            return;
    if (*n < ZP_WORD_TERMS_MAX) {
        t[*n] = s;
        len[(*n)++] = l;
    }
}

static int is_headword(uint32_t id, const char *folded, size_t flen)
{
    size_t l;
    const char *s = zp_lemma_folded(id, &l);
    return s && same(s, l, folded, flen);
}

/* The lemma ids of a word, 0 when the dictionary does not know it (or it
 * has too many readings to tell).  Written with diacritics, only the
 * lemmas with that very form are kept.  Names (Dana, Nová) are readings
 * only when the word could be nothing else, or is the name itself:
 *   - a document word written with a capital that is a name's own form
 *     ("Praha", "Dana") is read as that name alone, not as a case of
 *     another (Prah, daný);
 *   - a document word in lower case is read as a name only when it has no
 *     other reading ("daná" is daný);
 *   - a query word (typed in any case) asks for its other readings and for
 *     the names it is the form of ("dana": daný, Dana). */
static size_t readings(const char *word, size_t wlen, const char *folded, size_t flen, int query,
                       uint32_t *ids)
{
    size_t n = zp_lemma_lookup(NULL, 0, folded, flen, ids);
    if (n == 0)
        return 0;
    const char *f[ZP_WORD_TERMS_MAX];
    size_t fl[ZP_WORD_TERMS_MAX], nf = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l;
        const char *s = zp_lemma_folded(ids[i], &l);
        if (s)
            add_unique(f, fl, &nf, s, l);
    }
    if (nf == 0 || nf > MAX_READINGS)
        return 0;
    if (zp_fold_has_non_ascii(word, wlen))
        n = zp_lemma_lookup(word, wlen, folded, flen, ids);
    /* each reading: a common word, a name, or the name whose own form this is */
    enum { COMMON, NAME, OWN_NAME };
    unsigned char kind[ZP_LEMMA_MAX];
    size_t common = 0, names = 0;
    for (size_t i = 0; i < n; i++) {
        kind[i] = !zp_lemma_is_proper(ids[i]) ? COMMON : is_headword(ids[i], folded, flen) ? OWN_NAME : NAME;
        common += kind[i] == COMMON;
        names += kind[i] == OWN_NAME;
    }
    int capital = !query && word && zp_fold_is_capital(word, wlen);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int proper = kind[i] != COMMON, own = kind[i] == OWN_NAME;
        int keep = capital ? (!names || own)                 /* the name itself, if it is one */
                 : query   ? (!common || !proper || own)     /* every other reading, and the name */
                           : (!common || !proper);           /* lower case: a name only if nothing else */
        if (keep)
            ids[k++] = ids[i];
    }
    return k;
}

static size_t common_prefix(const char *a, size_t al, const char *b, size_t bl)
{
    size_t n = 0;
    while (n < al && n < bl && a[n] == b[n])
        n++;
    return n;
}

/* The folded lemmas of ids into out->term, the reading closest to the
 * word first (the longest beginning shared with its folded form, then the
 * alphabet): so a word's first reading is stable across its forms
 * ("Velké", "Velkého" -> velky, not velek); their exact spellings into
 * out->exact. */
static void fill(const uint32_t *ids, size_t n, const char *folded, size_t flen, zp_word_terms *out)
{
    for (size_t i = 0; i < n; i++) {
        size_t l;
        const char *s = zp_lemma_folded(ids[i], &l);
        if (s)
            add_unique(out->term, out->len, &out->n, s, l);
        s = zp_lemma_exact(ids[i], &l);
        if (s)
            add_unique(out->exact, out->exact_len, &out->n_exact, s, l);
    }
    for (size_t i = 1; i < out->n; i++)
        for (size_t k = i; k > 0; k--) {
            size_t pa = common_prefix(out->term[k - 1], out->len[k - 1], folded, flen);
            size_t pb = common_prefix(out->term[k], out->len[k], folded, flen);
            size_t m = out->len[k - 1] < out->len[k] ? out->len[k - 1] : out->len[k];
            int c = memcmp(out->term[k - 1], out->term[k], m);
            int after = pb > pa || (pb == pa && (c > 0 || (c == 0 && out->len[k - 1] > out->len[k])));
            if (!after)
                break;
            const char *t = out->term[k];
            size_t l = out->len[k];
            out->term[k] = out->term[k - 1];
            out->len[k] = out->len[k - 1];
            out->term[k - 1] = t;
            out->len[k - 1] = l;
        }
}

static void analyse(const char *word, size_t wlen, const char *folded, size_t flen, int query,
                    zp_word_terms *out)
{
    uint32_t ids[ZP_LEMMA_MAX];
    size_t n = readings(word, wlen, folded, flen, query, ids);
    out->n = out->n_exact = 0;
    out->known = n > 0;
    if (n)
        fill(ids, n, folded, flen, out);
    if (out->n == 0) {
        out->known = 0;
        out->n_exact = 0;
        out->term[0] = out->stem;
        out->len[0] = light_stem(folded, flen, out->stem, sizeof out->stem);
        out->n = 1;
    }
}

/* Words recur (Zipf): each thread remembers the terms of the document
 * words it analysed lately, by the form as written and the folded form
 * analysed (a date's "07" is analysed as "7", the word "07" as "07": keyed
 * by the written form alone, which came first decided both, and a
 * thread's earlier files changed a later file's terms), so most words cost
 * a hash of their bytes instead of the signature and lookups.  Only words
 * of few readings are kept; their lemmas point into the mapped lexicon, a
 * light stem is copied.  65,536 entries (14 MB a thread, mapped as
 * touched): 16,384 missed often enough on a search server's varied hits
 * that 100 snippets took 10 % longer. */
#define CACHE_SLOTS 65536
#define CACHE_WORD 40
#define CACHE_TERMS 4

typedef struct {
    unsigned char wlen, flen, n, n_exact, stem;   /* stem: term[0] is the light stem */
    char word[CACHE_WORD];
    char folded[CACHE_WORD];
    const char *term[CACHE_TERMS], *exact[CACHE_TERMS];
    unsigned char len[CACHE_TERMS], exact_len[CACHE_TERMS];
    char light[CACHE_WORD + 8];
} cache_entry;

/* Each thread's cache, unmapped when the thread ends (an indexer's
 * worker).  Mapped, not calloc'ed: the kernel gives zeroed pages as they
 * are first touched, so a CGI process that sees a few hundred words pays
 * for those, not for 11 MB cleared (an allocator may clear it all). */
#define CACHE_BYTES (CACHE_SLOTS * sizeof(cache_entry))
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void unmap_cache(void *cache)
{
    munmap(cache, CACHE_BYTES);
}

static void make_cache_key(void)
{
    pthread_key_create(&cache_key, unmap_cache);
}

static cache_entry *cache_slot(const char *word, size_t wlen)
{
    pthread_once(&cache_once, make_cache_key);
    cache_entry *cache = pthread_getspecific(cache_key);
    if (!cache) {
        void *p = mmap(NULL, CACHE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        if (pthread_setspecific(cache_key, p) != 0) {
            munmap(p, CACHE_BYTES);
            return NULL;
        }
        cache = p;
    }
    return &cache[zp_hash(word, wlen) % CACHE_SLOTS];
}

void zp_analyse_word(const char *word, size_t wlen, const char *folded, size_t flen, zp_word_terms *out)
{
    cache_entry *e = word && wlen < CACHE_WORD && flen < CACHE_WORD ? cache_slot(word, wlen) : NULL;
    if (e && e->wlen == wlen && e->flen == flen && e->n && memcmp(e->word, word, wlen) == 0 &&
        memcmp(e->folded, folded, flen) == 0) {
        out->n = e->n;
        out->n_exact = e->n_exact;
        out->known = !e->stem;
        for (size_t i = 0; i < e->n; i++) {
            out->term[i] = e->term[i];
            out->len[i] = e->len[i];
        }
        for (size_t i = 0; i < e->n_exact; i++) {
            out->exact[i] = e->exact[i];
            out->exact_len[i] = e->exact_len[i];
        }
        if (e->stem) {
            memcpy(out->stem, e->light, e->len[0]);
            out->stem[e->len[0]] = '\0';
            out->term[0] = out->stem;
        }
        return;
    }
    analyse(word, wlen, folded, flen, 0, out);
    if (!e || out->n > CACHE_TERMS || out->n_exact > CACHE_TERMS || (!out->known && out->len[0] >= sizeof e->light))
        return;
    e->wlen = (unsigned char)wlen;
    memcpy(e->word, word, wlen);
    e->flen = (unsigned char)flen;
    memcpy(e->folded, folded, flen);
    e->n = (unsigned char)out->n;
    e->n_exact = (unsigned char)out->n_exact;
    e->stem = !out->known;
    for (size_t i = 0; i < out->n; i++) {
        e->term[i] = out->term[i];
        e->len[i] = (unsigned char)out->len[i];
    }
    for (size_t i = 0; i < out->n_exact; i++) {
        e->exact[i] = out->exact[i];
        e->exact_len[i] = (unsigned char)out->exact_len[i];
    }
    if (e->stem)
        memcpy(e->light, out->stem, out->len[0]);
}

void zp_analyse_query_word(const char *word, size_t wlen, const char *folded, size_t flen,
                           zp_word_terms *out)
{
    analyse(word, wlen, folded, flen, 1, out);
    if (!zp_fold_has_non_ascii(word, wlen))
        out->n_exact = 0;
}

int zp_analyse_query_term(const char *word, size_t wlen, const char *folded, size_t flen, zp_buf *out)
{
    zp_word_terms w;
    analyse(word, wlen, folded, flen, 1, &w);
    return zp_buf_add(out, w.term[0], w.len[0]);
}

int zp_analyse_stem(const char *folded, size_t len, zp_buf *out)
{
    char stem[ZP_ANALYSE_STEM_MAX];
    size_t n = light_stem(folded, len, stem, sizeof stem);
    return zp_buf_add(out, stem, n);
}

size_t zp_analyse_light_stem(const char *folded, size_t len, char *out)
{
    return light_stem(folded, len, out, ZP_ANALYSE_STEM_MAX);
}

size_t zp_analyse_xapian_stem(const char *word, size_t len, char *out, size_t outsize, void *ud)
{
    (void)ud;
    size_t n = 0, ml = strlen(ZP_READING_MARK);
    /* one reading the query rewriter chose: the term as it is */
    if (len > ml && memcmp(word, ZP_READING_MARK, ml) == 0) {
        n = len - ml < outsize ? len - ml : outsize - 1;
        memcpy(out, word + ml, n);
        out[n] = '\0';
        return n;
    }
    zp_buf folded = ZP_BUF_INIT, stem = ZP_BUF_INIT;
    if (zp_fold_word(word, len, &folded) == 0 &&
        zp_analyse_query_term(word, len, zp_buf_str(&folded), folded.len, &stem) == 0) {
        n = stem.len < outsize ? stem.len : outsize - 1;
        memcpy(out, zp_buf_str(&stem), n);
    }
    out[n] = '\0';
    zp_buf_free(&folded);
    zp_buf_free(&stem);
    return n;
}

typedef struct {
    zx_doc *doc;
    zp_analyse_state *st;
    const char *text;
    zp_buf term;
    int rc;
} add_ctx;

/* Adds prefix + s: with a position for the text's stems, which phrases
 * match, without one for plain words (wildcards), exact lemmas (ranking)
 * and a field's terms, which are collected (st->into; decisions: a phrase
 * there is matched in the text, see zx_parse_opts.unpositioned --
 * positions again for every decision word cost a seventh of indexing). */
static int add_term(add_ctx *c, const char *prefix, const char *s, size_t len, unsigned pos)
{
    if (c->st->into)
        return zp_term_set_add(c->st->into, prefix, s, len, c->st->wdf_inc) < 0 ? -1 : 0;
    zp_buf_reset(&c->term);
    zp_buf_adds(&c->term, prefix);
    zp_buf_add(&c->term, s, len);
    if (c->term.oom)
        return -1;
    if (pos)
        return zx_doc_add_posting(c->doc, c->term.data, c->term.len, pos, c->st->wdf_inc);
    return zx_doc_add_term(c->doc, c->term.data, c->term.len, c->st->wdf_inc);
}

static int add_token(const zp_token *tok, void *ud)
{
    add_ctx *c = ud;
    if (tok->pos_inc || c->st->pos == 0)
        c->st->pos++;
    unsigned pos = c->st->pos;
    /* the form as written tells readings apart (daně, dané); an
     * alternative form (email from e-mail) has none of its own */
    zp_word_terms w;
    zp_analyse_word(tok->pos_inc ? c->text + tok->start : NULL, tok->end - tok->start, tok->term,
                    tok->term_len, &w);
    int text = c->st->title != ZP_TITLE_ONLY;
    int rc = text ? add_term(c, "", tok->term, tok->term_len, 0) : 0;
    for (size_t i = 0; rc == 0 && i < w.n; i++) {
        if (text)
            rc = add_term(c, ZP_PREFIX_STEM, w.term[i], w.len[i], pos);
        /* no positions: a title's words are the text's, where a title
         * phrase is matched (zx_parse_opts.unpositioned_too) */
        if (rc == 0 && c->st->title)
            rc = add_term(c, ZP_PREFIX_STEM ZP_PREFIX_TITLE, w.term[i], w.len[i], 0);
    }
    for (size_t i = 0; rc == 0 && text && i < w.n_exact && !c->st->into; i++)
        rc = add_term(c, ZP_PREFIX_EXACT, w.exact[i], w.exact_len[i], 0);
    if (rc == 0 && c->st->title)
        rc = add_term(c, ZP_PREFIX_TITLE, tok->term, tok->term_len, 0);
    c->rc = rc;
    return rc != 0;
}

int zp_analyse_text(zx_doc *doc, const char *text, size_t len, zp_analyse_state *st)
{
    add_ctx c = { doc, st, text, ZP_BUF_INIT, 0 };
    /* Leave a gap between separately added texts so a phrase never spans them. */
    if (st->pos > 0)
        st->pos += 10;
    int rc = zp_tok_each(text, len, add_token, &c);
    zp_buf_free(&c.term);
    if (c.rc)
        return c.rc;
    return rc < 0 ? -1 : 0;
}
