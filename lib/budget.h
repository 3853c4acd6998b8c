/* The work budget of one file: a deadline for the in-process work on it
 * (extraction, analysis, metadata) and a flag that a signal can raise.
 * The long loops of lib/ (the tokenizer, the metadata walks, a converter's
 * wait) ask zp_budget_spent() and give up with an error when it says so;
 * the caller tells which it was.  So no slow path in lib/ can stall a run,
 * and Ctrl-C stops within a file. */
#ifndef ZP_BUDGET_H
#define ZP_BUDGET_H

/* Starts a file's budget: ms milliseconds from now (0: no deadline).  Per
 * thread. */
void zp_budget_start(long ms);

/* No deadline any more (between files). */
void zp_budget_stop(void);

/* Asks every loop to stop: async-signal-safe (a signal handler calls it). */
void zp_budget_cancel(void);

/* 1 when the deadline has passed or the work was cancelled.  Cheap: the
 * clock is read at most every few hundred calls. */
int zp_budget_spent(void);

/* Which: 1 cancelled, 0 not. */
int zp_budget_cancelled(void);

/* 1 when the deadline (not a cancel) ended the work. */
int zp_budget_overrun(void);

#endif
