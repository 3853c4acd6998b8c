/* The Czech dictionary: libhunspell's stemmer over hunspell-cs.  One
 * handle for the process, made on first use; libhunspell keeps state
 * between calls, so lookups are serialised. */
#include "dict_cs.h"

#include <hunspell/hunspell.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

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

static int is_upper_start(const char *s)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) <= 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int zp_dict_each_lemma(const char *word, size_t len, int proper, zp_dict_lemma_fn fn, void *ud)
{
    if (len == 0 || len > MAX_WORD_BYTES || !zp_dict_available())
        return 0;
    char w[MAX_WORD_BYTES + 1];
    memcpy(w, word, len);
    w[len] = '\0';
    pthread_mutex_lock(&lock);
    char **list = NULL;
    int n = Hunspell_stem(dict, &list, w);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        if (!proper || is_upper_start(list[i]))
            rc = fn(list[i], ud);
    if (list)
        Hunspell_free_list(dict, &list, n);
    pthread_mutex_unlock(&lock);
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
