/* zp_halves_run: every job runs once, on whichever thread is free (the
 * helper taking some when it can), and a second caller at the same time is
 * served on its own thread. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "halves.h"

typedef struct {
    int *runs;            /* how often job i ran */
    pthread_t *by;        /* and on which thread */
} jobs;

static void job(size_t i, void *ud)
{
    jobs *j = ud;
    __atomic_add_fetch(&j->runs[i], 1, __ATOMIC_RELAXED);
    j->by[i] = pthread_self();
}

static void run_n(size_t n, size_t *on_caller)
{
    jobs j = { calloc(n + 1, sizeof(int)), calloc(n + 1, sizeof(pthread_t)) };
    assert_non_null(j.runs);
    assert_non_null(j.by);
    zp_halves_run(n, job, &j);
    *on_caller = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(j.runs[i], 1);
        if (pthread_equal(j.by[i], pthread_self()))
            (*on_caller)++;
    }
    free(j.runs);
    free(j.by);
}

static void every_job_runs_once_on_both_threads(void **state)
{
    (void)state;
    size_t mine;
    run_n(0, &mine);
    assert_int_equal(mine, 0);
    run_n(1, &mine);
    assert_int_equal(mine, 1);
    static const size_t sizes[] = { 2, 3, 33, 1000 };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        run_n(sizes[k], &mine);   /* each job once, on either thread: asserted there */
    }
}

/* The even jobs take 20 ms, the odd ones nothing: the helper takes slow
 * ones too, instead of the caller running every slow one while the helper
 * idles (a page's long texts). */
static void slow_jobs_are_shared(size_t i, void *ud)
{
    if (i % 2 == 0) {
        struct timespec ts = { 0, 20 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    job(i, ud);
}

static void uneven_jobs_go_to_whichever_thread_is_free(void **state)
{
    (void)state;
    size_t n = 12;
    jobs j = { calloc(n, sizeof(int)), calloc(n, sizeof(pthread_t)) };
    assert_non_null(j.runs);
    assert_non_null(j.by);
    zp_halves_run(n, slow_jobs_are_shared, &j);
    size_t slow_on_helper = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(j.runs[i], 1);
        slow_on_helper += i % 2 == 0 && !pthread_equal(j.by[i], pthread_self());
    }
    assert_true(slow_on_helper >= 1);
    free(j.runs);
    free(j.by);
}

static void *another_caller(void *arg)
{
    size_t *mine = arg;
    for (int r = 0; r < 50; r++)
        run_n(101, &mine[r]);
    return NULL;
}

static void two_callers_at_once_each_get_all_their_jobs_done(void **state)
{
    (void)state;
    size_t theirs[50], mine[50];
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, another_caller, theirs), 0);
    for (int r = 0; r < 50; r++)
        run_n(101, &mine[r]);
    /* each caller's jobs each ran once (run_n), shared with the helper or
     * all on the caller when the other held it */
    assert_int_equal(pthread_join(t, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_job_runs_once_on_both_threads),
        cmocka_unit_test(uneven_jobs_go_to_whichever_thread_is_free),
        cmocka_unit_test(two_callers_at_once_each_get_all_their_jobs_done),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
