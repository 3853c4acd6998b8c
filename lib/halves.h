/* Halves: a batch of independent jobs run on both cores -- on the caller's
 * thread and on a helper thread that stays for the life of the process (so
 * what it caches, the analysis of words, stays warm), each job by whichever
 * is free first, in order.  Used for the snippets of a page of hits: pure
 * computation on texts already read, no Xapian. */
#ifndef ZP_HALVES_H
#define ZP_HALVES_H

#include <stddef.h>

/* Runs fn(i, ud) for every i in [0, n) and returns when all have run.  With
 * n < 2, when the helper cannot be started, or when another caller is using
 * it, all run on the caller's thread.  fn must be safe to run on two threads
 * at once for different i. */
void zp_halves_run(size_t n, void (*fn)(size_t i, void *ud), void *ud);

/* zp_halves_run in two steps, so the caller can do other work (read the
 * next hits from Xapian) while the helper begins the jobs: start hands
 * them to the helper when it has it; finish runs what is left on the
 * caller's thread and returns when all have run.  Every start is followed
 * by its finish, on the same thread, before another start. */
typedef struct {
    size_t n;
    void (*fn)(size_t i, void *ud);
    void *ud;
    unsigned long batch;   /* 0: no helper, all run by finish */
} zp_halves;
zp_halves zp_halves_start(size_t n, void (*fn)(size_t i, void *ud), void *ud);
void zp_halves_finish(zp_halves *h);

#endif
