/* The worker threads: a queue of jobs, a queue of results, one mutex. */
#include "workers.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "detect.h"
#include "extract.h"
#include "lemma.h"

/* More workers than this is more than minutes need. */
#define MAX_WORKERS 64

typedef struct {
    struct pool *p;
    unsigned i;
} worker_arg;

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    job *todo, *todo_tail, *finished;
    unsigned in_flight;
    int stopping;
    long budget_ms;
    unsigned n;
    pthread_t threads[MAX_WORKERS];
    zp_detector *det[MAX_WORKERS];
    worker_arg args[MAX_WORKERS];
};

static int has_text(const zp_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        if (!strchr(" \t\r\n\f", b->data[i]))
            return 1;
    return 0;
}

/* Extraction and the document: what used to run between the walk and the
 * write, now in a worker. */
static void build(job *j, zp_detector *det, const zp_buf *raw, long budget_ms)
{
    zp_type type;
    zp_buf text = ZP_BUF_INIT;
    if (zp_detect_buffer(det, zp_buf_str(raw), raw->len, &type, j->msg, sizeof j->msg) < 0) {
        j->outcome = JOB_FAILED;
        return;
    }
    zp_budget_start(budget_ms);
    int ex = zp_extract(j->abs, zp_buf_str(raw), raw->len, &type, &text, j->msg, sizeof j->msg);
    if (zp_budget_cancelled()) {
        j->outcome = JOB_STOPPED;
    } else if (ex == ZP_EXTRACT_OK && zp_budget_spent()) {
        snprintf(j->msg, sizeof j->msg, "%s: took longer than its time budget (%ld s) and was skipped", j->abs,
                 budget_ms / 1000);
        j->outcome = JOB_SKIPPED;
    } else if (ex == ZP_EXTRACT_UNSUPPORTED) {
        j->outcome = JOB_SKIPPED;
    } else if (ex != ZP_EXTRACT_OK) {
        j->outcome = JOB_FAILED;
    } else if (!has_text(&text)) {
        snprintf(j->msg, sizeof j->msg, "%s: no text, not indexed", j->abs);
        j->outcome = JOB_SKIPPED;
    } else {
        zp_doc_input in = { j->abs, type.mime, zp_buf_str(&text), text.len, j->mtime, j->size, j->hash, j->packer };
        if (zp_doc_build(&in, &j->doc, j->msg, sizeof j->msg) == 0)
            j->outcome = JOB_DOC;
        else
            j->outcome = zp_budget_cancelled() ? JOB_STOPPED : zp_budget_overrun() ? JOB_SKIPPED : JOB_FAILED;
    }
    zp_budget_stop();
    zp_buf_free(&text);
}

static void run_job(job *j, zp_detector *det, long budget_ms)
{
    zp_buf raw = ZP_BUF_INIT;
    j->msg[0] = '\0';
    if (zp_budget_cancelled()) {
        j->outcome = JOB_STOPPED;
    } else if (zp_buf_read_file(&raw, j->path, j->msg, sizeof j->msg) < 0) {
        j->outcome = JOB_FAILED;
    } else {
        zp_doc_hash(zp_buf_str(&raw), raw.len, j->hash);
        if (j->known && strcmp(j->hash, j->old_hash) == 0)
            j->outcome = JOB_TOUCHED;   /* touched, not changed */
        else
            build(j, det, &raw, budget_ms);
    }
    zp_buf_free(&raw);
}

static void *worker(void *arg)
{
    worker_arg *a = arg;
    pool *p = a->p;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->todo && !p->stopping)
            pthread_cond_wait(&p->work, &p->lock);
        if (!p->todo) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        job *j = p->todo;
        p->todo = j->next;
        if (!p->todo)
            p->todo_tail = NULL;
        pthread_mutex_unlock(&p->lock);
        run_job(j, p->det[a->i], p->budget_ms);
        pthread_mutex_lock(&p->lock);
        j->next = p->finished;
        p->finished = j;
        pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->lock);
    }
}

int pool_start(pool **out, unsigned n, long budget_ms, char *err, size_t errlen)
{
    *out = NULL;
    if (n < 1)
        n = 1;
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    pool *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    p->budget_ms = budget_ms;
    zp_extract_init();
    for (unsigned i = 0; i < n; i++) {
        if (zp_detect_open(&p->det[i], err, errlen) < 0) {
            pool_stop(p);
            return -1;
        }
        p->args[i] = (worker_arg){ p, i };
        if (pthread_create(&p->threads[i], NULL, worker, &p->args[i]) != 0) {
            snprintf(err, errlen, "cannot start a worker thread");
            zp_detect_close(p->det[i]);
            p->det[i] = NULL;
            pool_stop(p);
            return -1;
        }
        p->n++;
    }
    *out = p;
    return 0;
}

void pool_submit(pool *p, job *j)
{
    /* the first file with work: the lexicon's pages in, in one sweep (a
     * run over unchanged files never pays for it) */
    static pthread_once_t preload = PTHREAD_ONCE_INIT;
    pthread_once(&preload, zp_lemma_preload);
    j->next = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->todo_tail)
        p->todo_tail->next = j;
    else
        p->todo = j;
    p->todo_tail = j;
    p->in_flight++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
}

job *pool_result(pool *p, int wait)
{
    pthread_mutex_lock(&p->lock);
    while (wait && !p->finished && p->in_flight > 0)
        pthread_cond_wait(&p->done, &p->lock);
    job *j = p->finished;
    if (j) {
        p->finished = j->next;
        p->in_flight--;
    }
    pthread_mutex_unlock(&p->lock);
    return j;
}

void pool_stop(pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->n; i++)
        pthread_join(p->threads[i], NULL);
    for (unsigned i = 0; i < MAX_WORKERS; i++)
        zp_detect_close(p->det[i]);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p);
}
