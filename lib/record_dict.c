/* A dictionary for stored records: trained, stored in an index's metadata,
 * found again when a record asks for it. */
#include "record_dict.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zdict.h>
#include <zstd.h>

#include "docdata.h"

/* A dictionary's size.  Trained from 1,000 records of Praha 7 (2 MB), it
 * packed the other 30,047 into 20.1 MB against 29.9 MB without and
 * unpacked them in 67 % of the time; half the size packed the same but
 * unpacked in 82 %, and 2,000 records trained it no better. */
#define DICT_SIZE 65536

/* ---- packing ------------------------------------------------------------ */

enum { COLLECTING, TRAINING, READY, OFF };

struct zp_packer {
    pthread_mutex_t lock;
    pthread_cond_t trained;     /* TRAINING is over */
    int state;
    size_t wanted;              /* records to train from */
    zp_buf samples;             /* their first bytes, one after another */
    size_t *sizes, n;
    void *dict;                 /* READY: its bytes, its id, ready to pack */
    size_t dict_len;
    unsigned id;
    ZSTD_CDict *cdict;
};

zp_packer *zp_packer_new(size_t samples)
{
    zp_packer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->trained, NULL);
    p->wanted = samples;
    p->state = samples ? COLLECTING : OFF;
    if (samples && !(p->sizes = malloc(samples * sizeof *p->sizes))) {
        zp_packer_free(p);
        return NULL;
    }
    return p;
}

void zp_packer_free(zp_packer *p)
{
    if (!p)
        return;
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->trained);
    zp_buf_free(&p->samples);
    free(p->sizes);
    free(p->dict);
    ZSTD_freeCDict(p->cdict);
    free(p);
}

/* Takes dict (malloc()ed, len bytes) as the one to pack with: 0, or -1
 * (dict freed) when zstd cannot read it. */
static int take_dict(zp_packer *p, void *dict, size_t len)
{
    unsigned id = ZDICT_getDictID(dict, len);
    ZSTD_CDict *cd = id ? ZSTD_createCDict(dict, len, ZP_PACK_LEVEL) : NULL;
    if (!cd) {
        free(dict);
        return -1;
    }
    pthread_mutex_lock(&p->lock);
    /* the first one taken stays: records already name it */
    if (p->state == READY) {
        pthread_mutex_unlock(&p->lock);
        ZSTD_freeCDict(cd);
        free(dict);
        return 0;
    }
    p->dict = dict;
    p->dict_len = len;
    p->id = id;
    p->cdict = cd;
    p->state = READY;
    zp_buf_free(&p->samples);
    pthread_cond_broadcast(&p->trained);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

int zp_packer_use(zp_packer *p, const void *dict, size_t len)
{
    void *copy = malloc(len ? len : 1);
    if (!copy)
        return -1;
    memcpy(copy, dict, len);
    return take_dict(p, copy, len);
}

/* Trains the dictionary from the samples (the packer is TRAINING, so no
 * other thread touches them); a training that fails leaves it OFF. */
static void train(zp_packer *p)
{
    void *dict = malloc(DICT_SIZE);
    size_t n = dict ? ZDICT_trainFromBuffer(dict, DICT_SIZE, p->samples.data, p->sizes, (unsigned)p->n) : 0;
    if (dict && !ZDICT_isError(n) && take_dict(p, dict, n) == 0)
        return;
    if (dict && ZDICT_isError(n))
        free(dict);   /* (take_dict frees what it refuses) */
    pthread_mutex_lock(&p->lock);
    p->state = OFF;
    zp_buf_free(&p->samples);
    pthread_cond_broadcast(&p->trained);
    pthread_mutex_unlock(&p->lock);
}

int zp_packer_pack(zp_packer *p, const char *data, size_t len, zp_buf *out, unsigned *dict_id)
{
    *dict_id = 0;
    if (!p)
        return zp_docdata_pack(data, len, out);
    const ZSTD_CDict *cd = NULL;
    int trains = 0;
    pthread_mutex_lock(&p->lock);
    /* the records after the samples wait for the dictionary (a tenth of a
     * second, once a run), so that all of them have it */
    while (p->state == TRAINING)
        pthread_cond_wait(&p->trained, &p->lock);
    if (p->state == READY) {
        cd = p->cdict;
        *dict_id = p->id;
    } else if (p->state == COLLECTING) {
        size_t take = len < ZP_DICT_SAMPLE_MAX ? len : ZP_DICT_SAMPLE_MAX;
        if (zp_buf_add(&p->samples, data, take) < 0 || p->samples.oom) {
            p->state = OFF;
            zp_buf_free(&p->samples);
        } else {
            p->sizes[p->n++] = take;
            if (p->n == p->wanted)
                trains = 1, p->state = TRAINING;
        }
    }
    pthread_mutex_unlock(&p->lock);
    /* this record goes without; the ones after it have the dictionary */
    if (trains)
        train(p);
    return zp_docdata_pack_with(data, len, cd, out);
}

const void *zp_packer_dict(zp_packer *p, unsigned *id, size_t *len)
{
    pthread_mutex_lock(&p->lock);
    const void *d = p->state == READY ? p->dict : NULL;
    *id = d ? p->id : 0;
    *len = d ? p->dict_len : 0;
    pthread_mutex_unlock(&p->lock);
    return d;
}

/* ---- the registry ------------------------------------------------------- */

/* Dictionaries met, newest first; never removed (a few a process: one a
 * full rebuild of an index it serves), so a reader walks the list without
 * a lock once it has the head. */
typedef struct known {
    unsigned id;
    ZSTD_DDict *dict;
    struct known *next;
} known;

static _Atomic(known *) registry;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

const struct ZSTD_DDict_s *zp_record_dict_find(unsigned id)
{
    for (known *k = atomic_load_explicit(&registry, memory_order_acquire); k; k = k->next)
        if (k->id == id)
            return k->dict;
    return NULL;
}

int zp_record_dict_register(const void *dict, size_t len)
{
    unsigned id = ZDICT_getDictID(dict, len);
    if (!id)
        return -1;
    pthread_mutex_lock(&registry_lock);
    int rc = 0;
    if (!zp_record_dict_find(id)) {
        known *k = malloc(sizeof *k);
        if (k && (k->dict = ZSTD_createDDict(dict, len))) {
            k->id = id;
            k->next = atomic_load_explicit(&registry, memory_order_relaxed);
            atomic_store_explicit(&registry, k, memory_order_release);
        } else {
            free(k);
            rc = -1;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return rc;
}

/* ---- in an index's metadata --------------------------------------------- */

static void dict_key(unsigned id, char key[32])
{
    snprintf(key, 32, "%s%08x", ZP_METADATA_DICT_PREFIX, id);
}

int zp_record_dict_store(zx_db *db, const void *dict, size_t len, unsigned id, char *err, size_t errlen)
{
    char key[32];
    dict_key(id, key);
    int rc = zx_db_set_metadata_bytes(db, key, dict, len, err, errlen);
    if (rc == ZX_OK)
        rc = zx_db_set_metadata(db, ZP_METADATA_DICT, key + strlen(ZP_METADATA_DICT_PREFIX), err, errlen);
    return rc;
}

int zp_record_dict_current(zx_db *db, zp_buf *out, char *err, size_t errlen)
{
    zp_buf_reset(out);
    char *id = NULL, *dict = NULL;
    size_t len = 0;
    int rc = zx_db_get_metadata(db, ZP_METADATA_DICT, &id, err, errlen);
    if (rc == ZX_OK && *id) {
        char key[32];
        dict_key((unsigned)strtoul(id, NULL, 16), key);
        rc = zx_db_get_metadata_bytes(db, key, &dict, &len, err, errlen);
        if (rc == ZX_OK && zp_buf_add(out, dict, len) < 0) {
            snprintf(err, errlen, "out of memory");
            rc = ZX_ERR_NOMEM;
        }
    }
    free(id);
    free(dict);
    return rc;
}

int zp_record_dict_load(zx_db *db, const char *data, size_t len, char *err, size_t errlen)
{
    unsigned id = len >= 4 ? ZSTD_getDictID_fromFrame(data, len) : 0;
    if (!id || zp_record_dict_find(id))
        return 0;
    char key[32], *dict = NULL;
    size_t dlen = 0;
    dict_key(id, key);
    int rc = zx_db_get_metadata_bytes(db, key, &dict, &dlen, err, errlen) == ZX_OK ? 0 : -1;
    if (rc == 0 && (dlen == 0 || zp_record_dict_register(dict, dlen) < 0)) {
        snprintf(err, errlen, "a document's stored data was packed with dictionary %08x, which the index %s; "
                 "index the files again", id, dlen ? "holds damaged" : "does not hold");
        rc = -1;
    }
    free(dict);
    return rc;
}

int zp_record_unpack(zx_db *db, char **data, size_t *len, char *err, size_t errlen)
{
    if (zp_record_dict_load(db, *data, *len, err, errlen) < 0) {
        free(*data);
        *data = NULL;
        *len = 0;
        return -1;
    }
    return zp_docdata_unpack(data, len, err, errlen);
}
