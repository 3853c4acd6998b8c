/* The helper thread of zp_halves_run: started at the first batch, then
 * waiting on a condition variable for the next one.  posted and done count
 * batches: the caller posts one and waits until the helper has done it.
 * Both take a batch's jobs in order, the next one not taken yet (job_next):
 * a page's texts differ in length, and an even/odd split left one thread
 * idle while the other marked the long ones. */
#include "halves.h"

#include <pthread.h>
#include <stdatomic.h>

static pthread_mutex_t one_caller = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int started, failed;
static unsigned long posted, done;
static size_t job_n;
static void (*job_fn)(size_t, void *);
static void *job_ud;
static atomic_size_t job_next;

/* Runs the batch's jobs not taken yet, until none is left. */
static void take_jobs(size_t n, void (*fn)(size_t, void *), void *ud)
{
    for (size_t i; (i = atomic_fetch_add_explicit(&job_next, 1, memory_order_relaxed)) < n;)
        fn(i, ud);
}

static void *helper(void *arg)
{
    (void)arg;
    unsigned long seen = 0;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (posted == seen)
            pthread_cond_wait(&changed, &lock);
        seen = posted;
        size_t n = job_n;
        void (*fn)(size_t, void *) = job_fn;
        void *ud = job_ud;
        pthread_mutex_unlock(&lock);
        take_jobs(n, fn, ud);
        pthread_mutex_lock(&lock);
        done = seen;
        pthread_cond_broadcast(&changed);
    }
    return NULL;
}

/* Starts the helper once; 1 when it runs. */
static int helper_running(void)
{
    if (!started && !failed) {
        pthread_attr_t attr;
        pthread_t t;
        failed = pthread_attr_init(&attr) != 0;
        if (!failed) {
            pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
            failed = pthread_create(&t, &attr, helper, NULL) != 0;
            pthread_attr_destroy(&attr);
        }
        started = !failed;
    }
    return started;
}

/* Takes the helper for this caller (0: it is busy, or cannot start). */
static int take_helper(void)
{
    if (pthread_mutex_trylock(&one_caller) != 0)
        return 0;
    pthread_mutex_lock(&lock);
    if (helper_running())
        return 1;   /* lock held */
    pthread_mutex_unlock(&lock);
    pthread_mutex_unlock(&one_caller);
    return 0;
}

zp_halves zp_halves_start(size_t n, void (*fn)(size_t i, void *ud), void *ud)
{
    zp_halves h = { n, fn, ud, 0 };
    if (n < 2 || !take_helper())
        return h;
    job_n = n;
    job_fn = fn;
    job_ud = ud;
    atomic_store_explicit(&job_next, 0, memory_order_relaxed);
    h.batch = ++posted;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    return h;
}

void zp_halves_finish(zp_halves *h)
{
    if (!h->batch) {
        for (size_t i = 0; i < h->n; i++)
            h->fn(i, h->ud);
        return;
    }
    take_jobs(h->n, h->fn, h->ud);
    pthread_mutex_lock(&lock);
    while (done != h->batch)
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    pthread_mutex_unlock(&one_caller);
}

void zp_halves_run(size_t n, void (*fn)(size_t i, void *ud), void *ud)
{
    zp_halves h = zp_halves_start(n, fn, ud);
    zp_halves_finish(&h);
}
