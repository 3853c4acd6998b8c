/* The work budget: a per-thread deadline and a process-wide cancel flag. */
#include "budget.h"

#include <stdatomic.h>
#include <time.h>

/* Calls between two reads of the clock. */
#define CHECK_EVERY 256

/* Set from a signal handler, read by every worker thread: a lock-free
 * atomic is safe for both (volatile sig_atomic_t is not, across threads). */
static atomic_int cancelled;
static _Thread_local long deadline_ms;     /* 0: none */
static _Thread_local unsigned calls;
static _Thread_local int overrun;

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

void zp_budget_start(long ms)
{
    deadline_ms = ms > 0 ? now_ms() + ms : 0;
    overrun = 0;
    calls = 0;
}

void zp_budget_stop(void)
{
    deadline_ms = 0;
}

void zp_budget_cancel(void)
{
    atomic_store_explicit(&cancelled, 1, memory_order_relaxed);
}

int zp_budget_cancelled(void)
{
    return atomic_load_explicit(&cancelled, memory_order_relaxed) != 0;
}

int zp_budget_overrun(void)
{
    return overrun;
}

int zp_budget_spent(void)
{
    if (zp_budget_cancelled())
        return 1;
    if (overrun)
        return 1;
    if (!deadline_ms || ++calls % CHECK_EVERY)
        return 0;
    if (now_ms() > deadline_ms)
        overrun = 1;
    return overrun;
}
