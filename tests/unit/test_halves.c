/* zp_halves_run: every job runs once, the odd ones on the helper thread
 * when it can, and a second caller at the same time is served on its own
 * thread. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

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
        run_n(sizes[k], &mine);
        assert_int_equal(mine, (sizes[k] + 1) / 2);   /* the even ones */
    }
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
    assert_int_equal(pthread_join(t, NULL), 0);
    for (int r = 0; r < 50; r++) {
        /* half on the helper, or all on the caller when the other held it */
        assert_true(mine[r] == 51 || mine[r] == 101);
        assert_true(theirs[r] == 51 || theirs[r] == 101);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_job_runs_once_on_both_threads),
        cmocka_unit_test(two_callers_at_once_each_get_all_their_jobs_done),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
