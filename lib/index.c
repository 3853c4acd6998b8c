/* Index writing: a built document goes in by its unique id term, into the
 * shard its path belongs to; its acronym pairs become synonyms both ways,
 * and its facet values record how they are shown.  A sharded index has a
 * writer thread a shard, fed through a short queue. */
#include "index.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "docdata.h"
#include "hash.h"
#include "lemma.h"
#include "record_dict.h"
#include "safe_open.h"
#include "shown_form.h"
#include "zx.h"

/* Documents (and commits) waiting for one shard's writer: enough to keep it
 * busy, few enough that memory stays bounded. */
#define SHARD_QUEUE 16
/* At most this many shards. */
#define MAX_SHARDS 256

typedef struct item {
    zp_doc doc;
    int commit;              /* a commit, not a document */
    zp_acronyms synonyms;    /* or only these synonyms (another shard's document named them) */
    struct item *next;
} item;

typedef struct {
    zx_db *db;
    char *entry;             /* its stub line: "auto /abs/path" or "remote ..." */
    char *folder;            /* by folder: the folder it holds */
    int has_rule;            /* its rule recorded (ZP_METADATA_SHARD) */
    pthread_mutex_t db_lock; /* the database: its writer thread, or the caller */
    pthread_mutex_t q_lock;
    pthread_cond_t q_more, q_less;
    item *head, *tail;
    unsigned queued;
    int stop, running;
    pthread_t thread;
    int failed;
    char err[512];
    zp_packer *packer;       /* the index's (its dictionary stored here with a record that needs it) */
    unsigned dict_stored;
} shard;

/* The acronym pairs written so far: every shard records each one, so an
 * acronym still finds the name while the shard of the document that
 * defined it is down.  The pairs in the order met (for a shard opened
 * later), and a set of them: slots hold a pair's place + 1 (0: empty),
 * open addressing on the pair's hash. */
typedef struct {
    zp_acronyms all;
    size_t *slot;
    size_t cap;
} pair_set;

struct zp_index {
    char *path;
    int sharded;             /* a stub and shards, written in parallel */
    int by_folder;
    shard **v;
    size_t n;
    char **roots;            /* by folder: the folders indexed */
    size_t n_roots;
    pair_set pairs;          /* sharded: the synonyms every shard was given */
    zp_packer *packer;       /* the records' dictionary (lib/record_dict.h) */
};

/* ---- one database ------------------------------------------------------- */

static int synonyms(zx_db *db, const zp_acronyms *a, char *err, size_t errlen)
{
    int rc = ZX_OK;
    for (size_t i = 0; i < a->names.n && rc == ZX_OK; i++) {
        zp_buf name = ZP_BUF_INIT, acr = ZP_BUF_INIT;
        zp_meta_folded_words(a->names.v[i], strlen(a->names.v[i]), &name);
        zp_meta_folded_words(a->acronyms.v[i], strlen(a->acronyms.v[i]), &acr);
        if (name.len && acr.len) {
            rc = zx_db_add_synonym(db, zp_buf_str(&acr), zp_buf_str(&name), err, errlen);
            if (rc == ZX_OK)
                rc = zx_db_add_synonym(db, zp_buf_str(&name), zp_buf_str(&acr), err, errlen);
        }
        zp_buf_free(&name);
        zp_buf_free(&acr);
    }
    return rc;
}

/* The dictionary d's record was packed with, into s with it (once). */
static int store_dict(shard *s, const zp_doc *d, char *err, size_t errlen)
{
    if (!d->dict_id || d->dict_id == s->dict_stored)
        return ZX_OK;
    unsigned id;
    size_t len;
    const void *dict = zp_packer_dict(s->packer, &id, &len);
    if (!dict || id != d->dict_id) {
        snprintf(err, errlen, "a record was packed with dictionary %08x, which this run does not have", d->dict_id);
        return ZX_ERR;
    }
    int rc = zp_record_dict_store(s->db, dict, len, id, err, errlen);
    if (rc == ZX_OK)
        s->dict_stored = id;
    return rc;
}

static int write_doc(shard *s, const zp_doc *d, char *err, size_t errlen)
{
    zx_db *db = s->db;
    int rc = store_dict(s, d, err, errlen);
    if (rc == ZX_OK)
        rc = zx_db_replace(db, d->id_term, d->doc, err, errlen);
    if (rc == ZX_OK)
        rc = synonyms(db, &d->meta.acronyms, err, errlen);
    /* the forms of its facet values, counted (lib/shown_form.h) */
    zp_buf forms = ZP_BUF_INIT;
    for (size_t i = 0; i < d->display_keys.n && rc == ZX_OK; i++) {
        char *have = NULL;
        rc = zx_db_get_metadata(db, d->display_keys.v[i], &have, err, errlen);
        if (rc == ZX_OK && zp_shown_forms_count(have, d->display_values.v[i], &forms) < 0) {
            snprintf(err, errlen, "out of memory");
            rc = ZX_ERR_NOMEM;
        }
        if (rc == ZX_OK && strcmp(have, zp_buf_str(&forms)) != 0)
            rc = zx_db_set_metadata(db, d->display_keys.v[i], zp_buf_str(&forms), err, errlen);
        free(have);
    }
    zp_buf_free(&forms);
    return rc;
}

static long long number_value(zx_db *db, const char *id, unsigned slot, char *err, size_t errlen, int *rc)
{
    char *v = NULL;
    size_t len = 0;
    *rc = zx_db_get_value(db, id, slot, &v, &len, err, errlen);
    long long n = v ? atoll(v) : 0;
    free(v);
    return n;
}

/* ---- shards and their writers ------------------------------------------- */

static void *writer(void *arg)
{
    shard *s = arg;
    pthread_mutex_lock(&s->q_lock);
    for (;;) {
        while (!s->head && !s->stop)
            pthread_cond_wait(&s->q_more, &s->q_lock);
        if (!s->head)
            break;
        item *it = s->head;
        s->head = it->next;
        if (!s->head)
            s->tail = NULL;
        pthread_mutex_unlock(&s->q_lock);
        pthread_mutex_lock(&s->db_lock);
        if (!s->failed) {
            char err[sizeof s->err];
            int rc = it->commit            ? zx_db_commit(s->db, err, sizeof err)
                     : it->synonyms.names.n ? synonyms(s->db, &it->synonyms, err, sizeof err)
                                            : write_doc(s, &it->doc, err, sizeof err);
            if (rc != ZX_OK) {
                s->failed = 1;
                memcpy(s->err, err, sizeof err);
            }
        }
        pthread_mutex_unlock(&s->db_lock);
        zp_doc_free(&it->doc);
        zp_strlist_free(&it->synonyms.names);
        zp_strlist_free(&it->synonyms.acronyms);
        free(it);
        pthread_mutex_lock(&s->q_lock);
        s->queued--;
        pthread_cond_broadcast(&s->q_less);
    }
    pthread_mutex_unlock(&s->q_lock);
    return NULL;
}

static void enqueue(shard *s, item *it)
{
    pthread_mutex_lock(&s->q_lock);
    while (s->queued >= SHARD_QUEUE)
        pthread_cond_wait(&s->q_less, &s->q_lock);
    if (s->tail)
        s->tail->next = it;
    else
        s->head = it;
    s->tail = it;
    s->queued++;
    pthread_cond_signal(&s->q_more);
    pthread_mutex_unlock(&s->q_lock);
}

static size_t pair_hash(const char *acr, const char *name)
{
    return zp_hash(acr, strlen(acr)) * 31u + zp_hash(name, strlen(name));
}

/* Adds the pair to the set: 1 when new, 0 when there, -1 out of memory. */
static int pair_add(pair_set *p, const char *acr, const char *name)
{
    if ((p->all.names.n + 1) * 2 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        size_t *slot = calloc(cap, sizeof *slot);
        if (!slot)
            return -1;
        for (size_t i = 0; i < p->all.names.n; i++) {
            size_t k = pair_hash(p->all.acronyms.v[i], p->all.names.v[i]) & (cap - 1);
            while (slot[k])
                k = (k + 1) & (cap - 1);
            slot[k] = i + 1;
        }
        free(p->slot);
        p->slot = slot;
        p->cap = cap;
    }
    size_t k = pair_hash(acr, name) & (p->cap - 1);
    for (; p->slot[k]; k = (k + 1) & (p->cap - 1)) {
        size_t i = p->slot[k] - 1;
        if (strcmp(p->all.acronyms.v[i], acr) == 0 && strcmp(p->all.names.v[i], name) == 0)
            return 0;
    }
    size_t at = p->all.names.n;
    if (zp_strlist_add(&p->all.acronyms, acr, strlen(acr), 0) < 0 ||
        zp_strlist_add(&p->all.names, name, strlen(name), 0) < 0)
        return -1;
    if (p->all.acronyms.n != at + 1 || p->all.names.n != at + 1) {
        /* one was blank: no pair (the lists stay aligned) */
        while (p->all.acronyms.n > at)
            free(p->all.acronyms.v[--p->all.acronyms.n]);
        while (p->all.names.n > at)
            free(p->all.names.v[--p->all.names.n]);
        return 0;
    }
    p->slot[k] = at + 1;
    return 1;
}

static void pairs_free(pair_set *p)
{
    free(p->slot);
    zp_strlist_free(&p->all.names);
    zp_strlist_free(&p->all.acronyms);
}

/* Gives shard s the pairs all.*[from, to) as synonyms. */
static int enqueue_pairs(shard *s, const zp_acronyms *all, size_t from, size_t to)
{
    item *it = calloc(1, sizeof *it);
    if (!it)
        return -1;
    for (size_t i = from; i < to; i++)
        if (zp_strlist_add(&it->synonyms.acronyms, all->acronyms.v[i], strlen(all->acronyms.v[i]), 0) < 0 ||
            zp_strlist_add(&it->synonyms.names, all->names.v[i], strlen(all->names.v[i]), 0) < 0) {
            zp_strlist_free(&it->synonyms.names);
            zp_strlist_free(&it->synonyms.acronyms);
            free(it);
            return -1;
        }
    enqueue(s, it);
    return 0;
}

/* Waits until the shard's writer has done all it was given. */
static void drain(shard *s)
{
    if (!s->running)
        return;
    pthread_mutex_lock(&s->q_lock);
    while (s->queued > 0)
        pthread_cond_wait(&s->q_less, &s->q_lock);
    pthread_mutex_unlock(&s->q_lock);
}

static void drain_all(zp_index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        drain(ix->v[i]);
}

/* A writer's failure, once drained: its message, and ZP_INDEX_DB_ERROR. */
static int shard_failed(zp_index *ix, char *err, size_t errlen)
{
    for (size_t i = 0; i < ix->n; i++) {
        shard *s = ix->v[i];
        pthread_mutex_lock(&s->db_lock);
        int failed = s->failed;
        if (failed)
            snprintf(err, errlen, "%s: shard %s: %s", ix->path, s->entry, s->err);
        pthread_mutex_unlock(&s->db_lock);
        if (failed)
            return ZP_INDEX_DB_ERROR;
    }
    return 0;
}

static void shard_free(shard *s)
{
    if (!s)
        return;
    if (s->running) {
        pthread_mutex_lock(&s->q_lock);
        s->stop = 1;
        pthread_cond_signal(&s->q_more);
        pthread_mutex_unlock(&s->q_lock);
        pthread_join(s->thread, NULL);
    }
    zx_db_close(s->db);
    pthread_mutex_destroy(&s->db_lock);
    pthread_mutex_destroy(&s->q_lock);
    pthread_cond_destroy(&s->q_more);
    pthread_cond_destroy(&s->q_less);
    free(s->entry);
    free(s->folder);
    free(s);
}

/* Opens the shard a stub line names, with a writer thread when the index
 * is sharded; appended to ix->v. */
static int shard_add(zp_index *ix, const char *entry, char *err, size_t errlen)
{
    if (ix->n >= MAX_SHARDS) {
        snprintf(err, errlen, "%s: more than %d shards", ix->path, MAX_SHARDS);
        return ZP_INDEX_DB_ERROR;
    }
    shard **v = realloc(ix->v, (ix->n + 1) * sizeof *v);
    shard *s = calloc(1, sizeof *s);
    if (v)
        ix->v = v;
    if (!v || !s || !(s->entry = strdup(entry))) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return ZP_INDEX_DB_ERROR;
    }
    s->packer = ix->packer;
    pthread_mutex_init(&s->db_lock, NULL);
    pthread_mutex_init(&s->q_lock, NULL);
    pthread_cond_init(&s->q_more, NULL);
    pthread_cond_init(&s->q_less, NULL);
    int rc = ix->sharded ? zx_db_open_write_entry(entry, &s->db, err, errlen)
                         : zx_db_open_write(entry, &s->db, err, errlen);
    if (rc == ZX_OK && ix->sharded) {
        if (pthread_create(&s->thread, NULL, writer, s) != 0) {
            snprintf(err, errlen, "%s: cannot start a writer thread", entry);
            rc = ZX_ERR;
        } else {
            s->running = 1;
        }
    }
    if (rc != ZX_OK) {
        shard_free(s);
        return ZP_INDEX_DB_ERROR;
    }
    ix->v[ix->n++] = s;
    return 0;
}

/* The stub lists the shards; local ones under the index's folder by their
 * name alone, so the folder can be moved. */
static int write_stub(zp_index *ix, char *err, size_t errlen)
{
    const char **lines = calloc(ix->n ? ix->n : 1, sizeof *lines);
    char **owned = calloc(ix->n ? ix->n : 1, sizeof *owned);
    int rc = lines && owned ? 0 : ZP_INDEX_DB_ERROR;
    size_t plen = strlen(ix->path);
    for (size_t i = 0; i < ix->n && rc == 0; i++) {
        const char *e = ix->v[i]->entry;
        if (strncmp(e, "auto ", 5) == 0 && strncmp(e + 5, ix->path, plen) == 0 && e[5 + plen] == '/') {
            size_t n = strlen(e + 6 + plen) + 6;
            if ((owned[i] = malloc(n)))
                snprintf(owned[i], n, "auto %s", e + 6 + plen);
            else
                rc = ZP_INDEX_DB_ERROR;
            lines[i] = owned[i];
        } else {
            lines[i] = e;
        }
    }
    char stub[4096];
    snprintf(stub, sizeof stub, "%s/XAPIANDB", ix->path);
    if (rc == 0 && zx_stub_write(stub, lines, ix->n, err, errlen) != ZX_OK)
        rc = ZP_INDEX_DB_ERROR;
    if (!lines || !owned)
        snprintf(err, errlen, "out of memory");
    for (size_t i = 0; owned && i < ix->n; i++)
        free(owned[i]);
    free(owned);
    free(lines);
    return rc;
}

/* A folder's shard name: its letters, digits, '.', '-' and '_', and a hash
 * when anything else had to be replaced (or it is the root itself). */
static void folder_dir(const char *folder, char *out, size_t outlen)
{
    char clean[128];
    size_t n = 0;
    int changed = folder[0] == '\0' || folder[0] == '.';
    for (const char *p = folder; *p && n + 1 < sizeof clean; p++) {
        int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
                 *p == '_' || *p == '.';
        clean[n++] = ok ? *p : '_';
        changed |= !ok;
    }
    clean[n] = '\0';
    if (changed)
        snprintf(out, outlen, "folder-%s-%08x", clean, (unsigned)zp_hash(folder, strlen(folder)));
    else
        snprintf(out, outlen, "folder-%s", clean);
}

/* Records that shard s holds documents of this version of the analysis
 * (the caller holds its lock). */
static int set_version(shard *s, char *err, size_t errlen)
{
    int rc = zx_db_set_metadata(s->db, ZP_METADATA_LEXICON, zp_lemma_identity(), err, errlen);
    if (rc == ZX_OK)
        rc = zx_db_set_metadata(s->db, ZP_METADATA_VERSION, ZP_INDEX_VERSION, err, errlen);
    return rc;
}

/* Records shard k's rule (ZP_METADATA_SHARD) and, for a shard just made,
 * its version (so a search finds it before the run's end, as a new single
 * database is found), and commits them. */
static int commit_rule(zp_index *ix, shard *s, size_t k, int made, char *err, size_t errlen)
{
    char rule[512];
    if (ix->by_folder)
        snprintf(rule, sizeof rule, "folder %s", s->folder);
    else
        snprintf(rule, sizeof rule, "path %zu %zu", ix->n, k);
    pthread_mutex_lock(&s->db_lock);
    int rc = zx_db_set_metadata(s->db, ZP_METADATA_SHARD, rule, err, errlen);
    if (rc == ZX_OK && made)
        rc = set_version(s, err, errlen);
    if (rc == ZX_OK)
        rc = zx_db_commit(s->db, err, errlen);
    pthread_mutex_unlock(&s->db_lock);
    return rc == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}

/* The shard of a folder, made (with its database and a line in the stub)
 * when the folder is new. */
static shard *folder_shard(zp_index *ix, const char *folder, char *err, size_t errlen)
{
    for (size_t i = 0; i < ix->n; i++)
        if (strcmp(ix->v[i]->folder, folder) == 0)
            return ix->v[i];
    char name[200], entry[4400];
    folder_dir(folder, name, sizeof name);
    snprintf(entry, sizeof entry, "auto %s/%s", ix->path, name);
    if (shard_add(ix, entry, err, errlen) != 0)
        return NULL;
    shard *s = ix->v[ix->n - 1];
    if (!(s->folder = strdup(folder))) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (commit_rule(ix, s, ix->n - 1, 1, err, errlen) != 0 || write_stub(ix, err, errlen) != 0)
        return NULL;
    /* a folder met late gets the synonyms the others were given */
    if (ix->pairs.all.names.n && enqueue_pairs(s, &ix->pairs.all, 0, ix->pairs.all.names.n) < 0) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return s;
}

/* The shard a file belongs to; NULL (and a message) when it cannot be made. */
static shard *route(zp_index *ix, const char *path, const char *id, char *err, size_t errlen)
{
    if (!ix->by_folder)
        return ix->v[ix->n == 1 ? 0 : zp_hash(id, strlen(id)) % ix->n];
    const char *rel = NULL;
    for (size_t r = 0; r < ix->n_roots && !rel; r++)
        if (zp_path_under(path, ix->roots[r]))
            rel = path + strlen(ix->roots[r]);
    if (!rel)
        rel = "";
    while (*rel == '/')
        rel++;
    const char *slash = strchr(rel, '/');
    char folder[256];
    size_t n = slash ? (size_t)(slash - rel) : 0;   /* a file right under the root: "" */
    if (n >= sizeof folder)
        n = sizeof folder - 1;
    memcpy(folder, rel, n);
    folder[n] = '\0';
    return folder_shard(ix, folder, err, errlen);
}

/* ---- opening ------------------------------------------------------------ */

/* An existing stub: its shards, their rule checked against the layout
 * asked for; shards that have no rule yet (fresh remote ones) take the
 * stub's order. */
static int open_stub(zp_index *ix, const zp_index_layout *layout, char *err, size_t errlen)
{
    zp_strlist entries = { NULL, 0 };
    if (zx_stub_entries(ix->path, zp_strlist_collect, &entries, err, errlen) != ZX_OK)
        return ZP_INDEX_DB_ERROR;
    int rc = 0;
    for (size_t i = 0; i < entries.n && rc == 0; i++)
        rc = shard_add(ix, entries.v[i], err, errlen);
    zp_strlist_free(&entries);
    int saw_folder = 0, saw_path = 0;
    for (size_t i = 0; i < ix->n && rc == 0; i++) {
        char *rule = NULL;
        if (zx_db_get_metadata(ix->v[i]->db, ZP_METADATA_SHARD, &rule, err, errlen) != ZX_OK)
            return ZP_INDEX_DB_ERROR;
        ix->v[i]->has_rule = rule[0] != '\0';
        if (strncmp(rule, "folder ", 7) == 0) {
            saw_folder = 1;
            ix->v[i]->folder = strdup(rule + 7);
        } else if (rule[0]) {
            unsigned n = 0, k = 0;
            saw_path = 1;
            if (sscanf(rule, "path %u %u", &n, &k) != 2 || n != ix->n || k != i) {
                snprintf(err, errlen, "%s: shard %s was made as number %u of %u shards, the stub lists it as %zu of %zu: "
                         "restore the stub, or index into a new --db", ix->path, ix->v[i]->entry, k, n, i, ix->n);
                rc = ZP_INDEX_DB_ERROR;
            }
        }
        free(rule);
    }
    if (rc)
        return rc;
    if (saw_folder && saw_path) {
        snprintf(err, errlen, "%s: its shards were made by different rules (by folder and by path)", ix->path);
        return ZP_INDEX_DB_ERROR;
    }
    ix->by_folder = saw_folder;
    int asked = layout && (layout->by_folder || layout->shards > 1);
    if (asked && layout->by_folder != ix->by_folder) {
        snprintf(err, errlen, "%s: the index is sharded by %s, not by %s: index into a new --db to change it", ix->path,
                 ix->by_folder ? "folder" : "path", layout->by_folder ? "folder" : "path");
        return ZP_INDEX_DB_ERROR;
    }
    if (layout && layout->shards > 1 && layout->shards != ix->n) {
        snprintf(err, errlen, "%s has %zu shards, not %u: documents would move between shards; index into a new --db "
                 "to change their number", ix->path, ix->n, layout->shards);
        return ZP_INDEX_DB_ERROR;
    }
    for (size_t i = 0; i < ix->n && rc == 0; i++) {
        if (ix->by_folder && !ix->v[i]->folder) {
            snprintf(err, errlen, "%s: shard %s holds no folder's documents", ix->path, ix->v[i]->entry);
            return ZP_INDEX_DB_ERROR;
        }
        if (!ix->by_folder && !ix->v[i]->has_rule)
            rc = commit_rule(ix, ix->v[i], i, 0, err, errlen);
    }
    return rc;
}

/* A new sharded index: its folder, its shards, its stub. */
static int create_shards(zp_index *ix, const zp_index_layout *layout, char *err, size_t errlen)
{
    if (mkdir(ix->path, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create: %s", ix->path, strerror(errno));
        return ZP_INDEX_DB_ERROR;
    }
    if (layout->by_folder)
        return 0;   /* a shard a folder, as the folders come */
    if (layout->shards > MAX_SHARDS) {
        snprintf(err, errlen, "at most %d shards", MAX_SHARDS);
        return ZP_INDEX_DB_ERROR;
    }
    for (unsigned k = 0; k < layout->shards; k++) {
        char entry[4400];
        snprintf(entry, sizeof entry, "auto %s/shard-%02u", ix->path, k);
        if (shard_add(ix, entry, err, errlen) != 0)
            return ZP_INDEX_DB_ERROR;
    }
    for (size_t k = 0; k < ix->n; k++)
        if (commit_rule(ix, ix->v[k], k, 1, err, errlen) != 0)
            return ZP_INDEX_DB_ERROR;
    return write_stub(ix, err, errlen);
}

/* Packs with the dictionary the index has, the first shard's that has
 * one (they share the run's that made it). */
static int use_stored_dict(zp_index *ix, char *err, size_t errlen)
{
    zp_buf dict = ZP_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < ix->n && rc == 0 && dict.len == 0; i++)
        if (zp_record_dict_current(ix->v[i]->db, &dict, err, errlen) != ZX_OK)
            rc = ZP_INDEX_DB_ERROR;
    if (rc == 0 && dict.len && zp_packer_use(ix->packer, dict.data, dict.len) < 0) {
        snprintf(err, errlen, "%s: its records' dictionary is damaged", ix->path);
        rc = ZP_INDEX_DB_ERROR;
    }
    zp_buf_free(&dict);
    return rc;
}

zp_packer *zp_index_packer(zp_index *ix)
{
    return ix->packer;
}

static int is_database(const char *path)
{
    char p[4200];
    struct stat st;
    snprintf(p, sizeof p, "%s/iamglass", path);
    if (stat(p, &st) == 0)
        return 1;
    snprintf(p, sizeof p, "%s/iamchert", path);
    return stat(p, &st) == 0;
}

int zp_index_open(const char *db_path, const zp_index_layout *layout, zp_index **out, char *err, size_t errlen)
{
    *out = NULL;
    zp_index *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->path = strdup(db_path))) {
        free(ix);
        snprintf(err, errlen, "out of memory");
        return ZP_INDEX_DB_ERROR;
    }
    if (!(ix->packer = zp_packer_new(ZP_DICT_SAMPLES))) {
        free(ix->path);
        free(ix);
        snprintf(err, errlen, "out of memory");
        return ZP_INDEX_DB_ERROR;
    }
    size_t plen = strlen(ix->path);
    while (plen > 1 && ix->path[plen - 1] == '/')
        ix->path[--plen] = '\0';
    int want_shards = layout && (layout->shards > 1 || layout->by_folder);
    int rc = 0;
    if (layout) {   /* by folder, a new index's or an existing one's */
        ix->n_roots = layout->n_roots;
        ix->roots = calloc(layout->n_roots ? layout->n_roots : 1, sizeof *ix->roots);
        for (size_t i = 0; ix->roots && i < layout->n_roots; i++)
            ix->roots[i] = strdup(layout->roots[i]);
    }
    struct stat st;
    if (strchr(db_path, ',') && stat(db_path, &st) != 0) {
        /* a list of shards is for searching; writing needs their stub */
        snprintf(err, errlen, "%s: a list of databases can be searched, not written: index each one, or give a stub "
                 "(--shards makes one)", db_path);
        rc = ZP_INDEX_DB_ERROR;
    } else if (zx_db_is_stub(db_path)) {
        ix->sharded = 1;
        rc = open_stub(ix, layout, err, errlen);
    } else if (want_shards && is_database(db_path)) {
        snprintf(err, errlen, "%s is a single database; shards need a new --db (or remove %s first)", db_path, db_path);
        rc = ZP_INDEX_DB_ERROR;
    } else if (want_shards) {
        ix->sharded = 1;
        ix->by_folder = layout->by_folder;
        rc = create_shards(ix, layout, err, errlen);
    } else {
        rc = shard_add(ix, db_path, err, errlen);
    }
    if (rc == 0 && layout && !ix->roots) {
        snprintf(err, errlen, "out of memory");
        rc = ZP_INDEX_DB_ERROR;
    }
    if (rc == 0)
        rc = use_stored_dict(ix, err, errlen);
    if (rc != 0) {
        zp_index_close(ix);
        return ZP_INDEX_DB_ERROR;
    }
    *out = ix;
    return 0;
}

unsigned zp_index_shard_count(const zp_index *ix)
{
    return (unsigned)ix->n;
}

/* ---- documents ---------------------------------------------------------- */

/* The acronym pairs of d that no shard was given yet, to every shard but
 * its own (which writes them with d). */
static int share_synonyms(zp_index *ix, const shard *own, const zp_doc *d)
{
    size_t from = ix->pairs.all.names.n;
    const zp_acronyms *a = &d->meta.acronyms;
    for (size_t i = 0; i < a->names.n; i++)
        if (pair_add(&ix->pairs, a->acronyms.v[i], a->names.v[i]) < 0)
            return -1;
    size_t to = ix->pairs.all.names.n;
    for (size_t i = 0; i < ix->n && to > from; i++)
        if (ix->v[i] != own && enqueue_pairs(ix->v[i], &ix->pairs.all, from, to) < 0)
            return -1;
    return 0;
}

int zp_index_add_doc(zp_index *ix, const char *path, zp_doc *d, char *err, size_t errlen)
{
    shard *s = route(ix, path, d->id_term, err, errlen);
    if (!s)
        return ZP_INDEX_DB_ERROR;
    if (!ix->sharded)
        return write_doc(s, d, err, errlen) == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
    if (shard_failed(ix, err, errlen))
        return ZP_INDEX_DB_ERROR;
    item *it = calloc(1, sizeof *it);
    if (!it || share_synonyms(ix, s, d) < 0) {
        free(it);
        snprintf(err, errlen, "out of memory");
        return ZP_INDEX_DB_ERROR;
    }
    it->doc = *d;               /* taken over */
    memset(d, 0, sizeof *d);
    enqueue(s, it);
    return 0;
}

int zp_index_state(zp_index *ix, const char *path, const char *id, long long *mtime, long long *size,
                   char hash[ZP_HASH_SIZE], char *err, size_t errlen)
{
    shard *s = route(ix, path, id, err, errlen);
    if (!s)
        return ZP_INDEX_DB_ERROR;
    int rc, found = 1;
    pthread_mutex_lock(&s->db_lock);
    *mtime = number_value(s->db, id, ZP_SLOT_MTIME, err, errlen, &rc);
    if (rc == ZX_ERR_ARG) {
        found = 0;
        rc = ZX_OK;
    }
    if (found && rc == ZX_OK)
        *size = number_value(s->db, id, ZP_SLOT_SIZE, err, errlen, &rc);
    char *h = NULL;
    size_t len = 0;
    if (found && rc == ZX_OK)
        rc = zx_db_get_value(s->db, id, ZP_SLOT_HASH, &h, &len, err, errlen);
    pthread_mutex_unlock(&s->db_lock);
    if (rc != ZX_OK)
        return ZP_INDEX_DB_ERROR;
    if (found)
        snprintf(hash, ZP_HASH_SIZE, "%s", h);
    free(h);
    return found;
}

int zp_index_touch(zp_index *ix, const char *path, const char *id, long long mtime, char *err, size_t errlen)
{
    shard *s = route(ix, path, id, err, errlen);
    if (!s)
        return ZP_INDEX_DB_ERROR;
    char v[32];
    int n = snprintf(v, sizeof v, "%020lld", mtime < 0 ? 0 : mtime);
    pthread_mutex_lock(&s->db_lock);
    int rc = zx_db_set_value(s->db, id, ZP_SLOT_MTIME, v, (size_t)n, err, errlen);
    pthread_mutex_unlock(&s->db_lock);
    return rc == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}

static int prune_one(zx_db *db, const char *const *roots, size_t n_roots, const char *const *unreadable,
                     size_t n_unreadable, zp_index_keep_fn keep, void *ud, unsigned *removed, unsigned *kept,
                     char *err, size_t errlen)
{
    zp_strlist ids = { NULL, 0 };
    int rc = zx_db_each_term(db, ZP_PREFIX_ID, zp_strlist_collect, &ids, err, errlen);
    for (size_t i = 0; i < ids.n && rc == ZX_OK; i++) {
        if (keep(ids.v[i], ud))
            continue;
        char *data = NULL;
        size_t len = 0;
        rc = zx_db_get_data(db, ids.v[i], &data, &len, err, errlen);
        if (rc == ZX_ERR_ARG) {
            rc = ZX_OK;
            continue;
        }
        if (rc == ZX_OK && zp_record_unpack(db, &data, &len, err, errlen) < 0)
            continue;   /* unreadable: its path unknown, the document kept */
        char *path = rc == ZX_OK ? zp_docdata_dup(data, len, "path") : NULL;
        free(data);
        int gone = 0, unread = 0;
        for (size_t r = 0; path && r < n_roots && !gone; r++)
            gone = zp_path_under(path, roots[r]);
        for (size_t r = 0; path && gone && r < n_unreadable && !unread; r++)
            unread = zp_path_under(path, unreadable[r]);
        free(path);
        if (unread) {
            (*kept)++;
            continue;
        }
        if (gone && rc == ZX_OK) {
            rc = zx_db_delete(db, ids.v[i], err, errlen);
            *removed += rc == ZX_OK;
        }
    }
    zp_strlist_free(&ids);
    return rc;
}

int zp_index_prune(zp_index *ix, const char *const *roots, size_t n_roots, const char *const *unreadable,
                   size_t n_unreadable, zp_index_keep_fn keep, void *ud, unsigned *removed, unsigned *kept,
                   char *err, size_t errlen)
{
    *removed = 0;
    *kept = 0;
    drain_all(ix);
    int rc = shard_failed(ix, err, errlen) ? ZX_ERR : ZX_OK;
    for (size_t i = 0; i < ix->n && rc == ZX_OK; i++) {
        pthread_mutex_lock(&ix->v[i]->db_lock);
        rc = prune_one(ix->v[i]->db, roots, n_roots, unreadable, n_unreadable, keep, ud, removed, kept, err, errlen);
        pthread_mutex_unlock(&ix->v[i]->db_lock);
    }
    return rc == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}

/* ---- the whole index ---------------------------------------------------- */

int zp_index_checkpoint(zp_index *ix, char *err, size_t errlen)
{
    if (!ix->sharded)
        return zp_index_commit(ix, err, errlen);
    if (shard_failed(ix, err, errlen))
        return ZP_INDEX_DB_ERROR;
    for (size_t i = 0; i < ix->n; i++) {
        item *it = calloc(1, sizeof *it);
        if (!it) {
            snprintf(err, errlen, "out of memory");
            return ZP_INDEX_DB_ERROR;
        }
        it->commit = 1;
        enqueue(ix->v[i], it);
    }
    return 0;
}

int zp_index_commit(zp_index *ix, char *err, size_t errlen)
{
    if (ix->sharded) {
        /* the writers commit their shards side by side */
        if (zp_index_checkpoint(ix, err, errlen) != 0)
            return ZP_INDEX_DB_ERROR;
        drain_all(ix);
        return shard_failed(ix, err, errlen);
    }
    for (size_t i = 0; i < ix->n; i++)
        if (zx_db_commit(ix->v[i]->db, err, errlen) != ZX_OK)
            return ZP_INDEX_DB_ERROR;
    return 0;
}

unsigned zp_index_doc_count(zp_index *ix)
{
    unsigned total = 0;
    for (unsigned i = 0; i < ix->n; i++)
        total += zp_index_shard_docs(ix, i);
    return total;
}

unsigned zp_index_shard_docs(zp_index *ix, unsigned i)
{
    unsigned n = 0;
    char err[256];
    if (i >= ix->n)
        return 0;
    drain(ix->v[i]);
    pthread_mutex_lock(&ix->v[i]->db_lock);
    zx_db_doc_count(ix->v[i]->db, &n, err, sizeof err);
    pthread_mutex_unlock(&ix->v[i]->db_lock);
    return n;
}

void zp_index_close(zp_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n; i++)
        shard_free(ix->v[i]);   /* its writer finishes its queue first */
    free(ix->v);
    pairs_free(&ix->pairs);
    for (size_t i = 0; ix->roots && i < ix->n_roots; i++)
        free(ix->roots[i]);
    free(ix->roots);
    free(ix->path);
    zp_packer_free(ix->packer);
    free(ix);
}

/* Appends to v each line of s that it lacks. */
static void add_lines(zp_buf *v, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\n");
        int have = 0;
        for (const char *p = zp_buf_str(v); *p && !have; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
            have = n && strncmp(p, s, n) == 0 && (p[n] == '\n' || p[n] == '\0');
        if (n && !have) {
            if (v->len)
                zp_buf_addc(v, '\n');
            zp_buf_add(v, s, n);
        }
        s += n + (s[n] == '\n');
    }
}

int zp_index_add_roots(zp_index *ix, const char *const *roots, size_t n_roots, char *err, size_t errlen)
{
    drain_all(ix);
    /* every shard records them all, so any shard answers for the index */
    zp_buf v = ZP_BUF_INIT;
    int rc = ZX_OK;
    for (size_t i = 0; i < ix->n && rc == ZX_OK; i++) {
        char *old = NULL;
        pthread_mutex_lock(&ix->v[i]->db_lock);
        rc = zx_db_get_metadata(ix->v[i]->db, ZP_METADATA_ROOTS, &old, err, errlen);
        pthread_mutex_unlock(&ix->v[i]->db_lock);
        if (rc == ZX_OK)
            add_lines(&v, old);
        free(old);
    }
    for (size_t i = 0; i < n_roots; i++)
        add_lines(&v, roots[i]);
    for (size_t i = 0; i < ix->n && rc == ZX_OK && !v.oom; i++) {
        pthread_mutex_lock(&ix->v[i]->db_lock);
        rc = zx_db_set_metadata(ix->v[i]->db, ZP_METADATA_ROOTS, zp_buf_str(&v), err, errlen);
        pthread_mutex_unlock(&ix->v[i]->db_lock);
    }
    if (v.oom)
        snprintf(err, errlen, "out of memory");
    rc = v.oom || rc != ZX_OK ? ZP_INDEX_DB_ERROR : 0;
    zp_buf_free(&v);
    return rc;
}

int zp_index_current(zp_index *ix, char *err, size_t errlen)
{
    int current = 1;
    drain_all(ix);
    for (size_t i = 0; i < ix->n && current == 1; i++) {
        zx_db *db = ix->v[i]->db;
        char *v = NULL, *lex = NULL;
        unsigned docs = 0;
        pthread_mutex_lock(&ix->v[i]->db_lock);
        if (zx_db_get_metadata(db, ZP_METADATA_VERSION, &v, err, errlen) != ZX_OK ||
            zx_db_get_metadata(db, ZP_METADATA_LEXICON, &lex, err, errlen) != ZX_OK ||
            zx_db_doc_count(db, &docs, err, errlen) != ZX_OK)
            current = ZP_INDEX_DB_ERROR;
        pthread_mutex_unlock(&ix->v[i]->db_lock);
        if (current == 1)
            current = (strcmp(v, ZP_INDEX_VERSION) == 0 && strcmp(lex, zp_lemma_identity()) == 0) ||
                      (v[0] == '\0' && docs == 0);
        free(v);
        free(lex);
    }
    return current;
}

int zp_index_set_current(zp_index *ix, char *err, size_t errlen)
{
    drain_all(ix);
    int rc = ZX_OK;
    for (size_t i = 0; i < ix->n && rc == ZX_OK; i++) {
        pthread_mutex_lock(&ix->v[i]->db_lock);
        rc = set_version(ix->v[i], err, errlen);
        pthread_mutex_unlock(&ix->v[i]->db_lock);
    }
    return rc == ZX_OK ? 0 : ZP_INDEX_DB_ERROR;
}
