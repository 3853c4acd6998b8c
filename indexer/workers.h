/* The indexer's workers: threads that read, detect, extract and build the
 * document of a file, each with its own libmagic handle and time budget,
 * while the main thread alone writes to the database (Xapian has one
 * writer).  Jobs go in, finished jobs come out, in any order (the main
 * thread puts them back in order: indexer/main.c, in_order); it bounds how
 * many are in flight, so memory stays bounded whatever the archive's size. */
#ifndef ZAPISY_WORKERS_H
#define ZAPISY_WORKERS_H

#include "document.h"

typedef enum {
    JOB_DOC,       /* built: doc is to be added */
    JOB_TOUCHED,   /* same bytes as indexed: only the mtime is new */
    JOB_SKIPPED,   /* not indexed, and not an error (unsupported, no text, over budget) */
    JOB_FAILED,    /* could not be read or extracted */
    JOB_STOPPED    /* the run was interrupted while on it */
} job_outcome;

typedef struct job {
    /* in */
    const char *path;          /* as found (read through it) */
    const char *abs;           /* stored and shown */
    long long mtime, size;
    int known;                 /* the index has a document of it */
    char old_hash[ZP_HASH_SIZE];
    zp_packer *packer;         /* the index's (zp_index_packer) */
    unsigned long seq;         /* its place among the jobs submitted (the caller's) */
    /* out */
    job_outcome outcome;
    zp_doc doc;                /* JOB_DOC: free with zp_doc_free */
    char hash[ZP_HASH_SIZE];
    char msg[1024];            /* what to report, when anything */
    struct job *next;
} job;

typedef struct pool pool;

/* Starts n worker threads; budget_ms is each file's in-process time.  0,
 * or -1 with a message. */
int pool_start(pool **out, unsigned n, long budget_ms, char *err, size_t errlen);

/* Hands a job (malloc()ed by the caller) to the workers. */
void pool_submit(pool *p, job *j);

/* A finished job (the caller frees it), waiting for one when wait, else
 * NULL when none is ready. */
job *pool_result(pool *p, int wait);

/* Stops the workers (after their current jobs) and frees the pool. */
void pool_stop(pool *p);

#endif
