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

#endif
