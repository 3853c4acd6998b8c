/* The write side: adding documents to the index, with the synonyms and
 * facet display forms they bring.  The indexer front end calls only this
 * (never the Xapian wrapper).
 *
 * An index is one database, or shards: a folder holding a stub (XAPIANDB,
 * the list of shards Xapian searches as one) and a database a shard.  A
 * rule puts each file in one shard, always the same: by a hash of its path
 * over a fixed number of shards, or by the folder it lies in under the
 * indexed PATH (a shard a folder, made when a folder first appears).  Each
 * shard has a writer thread of its own, so the shards fill in parallel.
 * A stub that lists remote shards (xapian-tcpsrv --writable) is written
 * through the network. */
#ifndef ZP_INDEX_H
#define ZP_INDEX_H

#include <stddef.h>

#include "document.h"

typedef struct zp_index zp_index;

enum {
    ZP_INDEX_DB_ERROR = -2     /* the database failed; stop */
};

/* How a new index is laid out; an existing one keeps its own layout. */
typedef struct {
    unsigned shards;           /* > 1: that many shards by path */
    int by_folder;             /* 1: a shard for each folder under a root */
    const char *const *roots;  /* the folders indexed (absolute): by_folder */
    size_t n_roots;
} zp_index_layout;

/* The user metadata key that records a shard's rule in each shard
 * ("path 4 2": by path, 4 shards, this is number 2; "folder NAME"). */
#define ZP_METADATA_SHARD "zapisy.shard"

/* Opens (creating if needed) the index for writing.  layout may be NULL:
 * an existing index as it is, a new one as a single database.  Fails with
 * a message when it is locked by another writer, cannot be created, or
 * the layout asked for is not the one it has. */
int zp_index_open(const char *db_path, const zp_index_layout *layout, zp_index **out, char *err,
                  size_t errlen);

/* What packs the records of documents for this index (zp_doc_input's
 * packer): with the dictionary the index has, or one trained from the
 * run's first ZP_DICT_SAMPLES records (lib/record_dict.h). */
zp_packer *zp_index_packer(zp_index *ix);

/* Adds or replaces the document of the file at path (absolute), built by
 * zp_doc_build (in any thread: building needs no database; the adding is
 * the writer's).  A sharded index takes the document over (*d is left
 * empty; zp_doc_free on it is harmless).  0 or ZP_INDEX_DB_ERROR. */
int zp_index_add_doc(zp_index *ix, const char *path, zp_doc *d, char *err, size_t errlen);

/* What the index knows of a file's document: 1 and its mtime, size and
 * content hash when there is one, 0 when there is none, or
 * ZP_INDEX_DB_ERROR. */
int zp_index_state(zp_index *ix, const char *path, const char *id, long long *mtime, long long *size,
                   char hash[ZP_HASH_SIZE], char *err, size_t errlen);

/* Records a new mtime for an unchanged document (touched, same bytes). */
int zp_index_touch(zp_index *ix, const char *path, const char *id, long long mtime, char *err, size_t errlen);

/* Removes the documents of files under any of roots (absolute paths) that
 * keep(id, ud) does not claim -- files gone since they were indexed --
 * except those under one of unreadable (folders and files that could not
 * be read this time: their files may well be there).  *removed counts the
 * removed, *kept those kept for being under an unreadable path.  0 or
 * ZP_INDEX_DB_ERROR. */
typedef int (*zp_index_keep_fn)(const char *id, void *ud);
int zp_index_prune(zp_index *ix, const char *const *roots, size_t n_roots, const char *const *unreadable,
                   size_t n_unreadable, zp_index_keep_fn keep, void *ud, unsigned *removed, unsigned *kept,
                   char *err, size_t errlen);

/* 1 when the documents were built by this version of the extraction
 * (ZP_INDEX_VERSION) in every shard, 0 when by another (read every file
 * again), or ZP_INDEX_DB_ERROR.  An empty database is of this version. */
int zp_index_current(zp_index *ix, char *err, size_t errlen);

/* Records that the documents are now of this version. */
int zp_index_set_current(zp_index *ix, char *err, size_t errlen);

/* Records roots (absolute paths) as folders the index was built from,
 * beside those recorded before: the page serves only files under them. */
int zp_index_add_roots(zp_index *ix, const char *const *roots, size_t n_roots, char *err, size_t errlen);

/* Makes everything added so far durable (every shard), and reports a
 * shard writer's failure since the last call. */
int zp_index_commit(zp_index *ix, char *err, size_t errlen);

/* Asks for a commit without waiting for it: a sharded index's writers
 * commit in the background (a single database commits now). */
int zp_index_checkpoint(zp_index *ix, char *err, size_t errlen);

unsigned zp_index_doc_count(zp_index *ix);

/* Shards written (1 for a single database), and the documents shard i
 * holds. */
unsigned zp_index_shard_count(const zp_index *ix);
unsigned zp_index_shard_docs(zp_index *ix, unsigned i);

/* Commits and closes; NULL is ok. */
void zp_index_close(zp_index *ix);

#endif
