/* The Czech dictionary: libhunspell's stemmer over hunspell-cs.  One
 * handle for the process, made on first use; libhunspell keeps state
 * between calls, so lookups are serialised. */
#include "dict_cs.h"

#include <hunspell/hunspell.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fold.h"
#include "hash.h"

/* Longer words are no names: not looked up. */
#define MAX_WORD_BYTES 100

static Hunhandle *dict;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void load(void)
{
    if (access(ZP_DICT_AFF, R_OK) == 0 && access(ZP_DICT_DIC, R_OK) == 0)
        dict = Hunspell_create(ZP_DICT_AFF, ZP_DICT_DIC);
}

int zp_dict_available(void)
{
    pthread_once(&once, load);
    return dict != NULL;
}

/* Lookups are cached: a text names the same words again and again
 * ("Praha 7" in every resolution), and hunspell takes tens of microseconds
 * a word.  A slot holds a word and its lemmas, each ended by '\n'. */
#define CACHE_SLOTS 4096
#define CACHE_ENTRY 192

static char cache[CACHE_SLOTS][CACHE_ENTRY];

static size_t slot_of(const char *w)
{
    return zp_hash(w, strlen(w)) % CACHE_SLOTS;
}

/* The lemmas of w into out ("lemma\nlemma\n"), from the cache or hunspell.
 * Called with the lock held. */
static void lemmas_of(const char *w, char *out, size_t outsize)
{
    char *c = cache[slot_of(w)];
    size_t wl = strlen(w);
    if (c[0] && strncmp(c, w, wl) == 0 && c[wl] == '\t') {
        size_t n = strlen(c + wl + 1);
        if (n < outsize) {
            memcpy(out, c + wl + 1, n + 1);
            return;
        }
    }
    char **list = NULL;
    int n = Hunspell_stem(dict, &list, w);
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t l = strlen(list[i]);
        if (used + l + 2 > outsize)
            break;
        memcpy(out + used, list[i], l);
        out[used + l] = '\n';
        used += l + 1;
        out[used] = '\0';
    }
    if (list)
        Hunspell_free_list(dict, &list, n);
    if (wl + 1 + used + 1 <= CACHE_ENTRY) {
        memcpy(c, w, wl);
        c[wl] = '\t';
        memcpy(c + wl + 1, out, used + 1);
    }
}

int zp_dict_each_lemma(const char *word, size_t len, int proper, zp_dict_lemma_fn fn, void *ud)
{
    if (len == 0 || len > MAX_WORD_BYTES || !zp_dict_available())
        return 0;
    char w[MAX_WORD_BYTES + 1], lemmas[CACHE_ENTRY * 2];
    memcpy(w, word, len);
    w[len] = '\0';
    pthread_mutex_lock(&lock);
    lemmas_of(w, lemmas, sizeof lemmas);
    pthread_mutex_unlock(&lock);
    int rc = 0;
    for (char *l = lemmas, *nl; rc == 0 && (nl = strchr(l, '\n')); l = nl + 1) {
        *nl = '\0';
        if (!proper || zp_fold_is_capital(l, strlen(l)))
            rc = fn(l, ud);
    }
    return rc;
}

static int append_first(const char *lemma, void *ud)
{
    return zp_buf_adds(ud, lemma) < 0 ? -1 : 1;
}

int zp_dict_proper_lemma(const char *word, size_t len, zp_buf *out)
{
    return zp_dict_each_lemma(word, len, 1, append_first, out);
}

int zp_dict_lemma(const char *word, size_t len, zp_buf *out)
{
    return zp_dict_each_lemma(word, len, 0, append_first, out);
}
