/* Running an external converter (pdftotext, catdoc) safely: no shell, its
 * output captured up to a limit, killed after a timeout, its exit status
 * and error output reported. */
#ifndef ZP_RUN_H
#define ZP_RUN_H

#include <stddef.h>

#include "buf.h"

/* A converter's address space: pdftotext on a hostile PDF must not take
 * the machine's memory. */
#define ZP_RUN_MAX_MEMORY (1024UL * 1024 * 1024)

/* Runs argv[0] (looked up in PATH) with argv, appending its standard
 * output to out.  Returns 0 when it exited with status 0; -1 with a message
 * naming the program when it could not be started (not installed), timed
 * out (after timeout_s seconds of wall or CPU time), wrote more than
 * max_out bytes, was stopped (zp_budget_cancel), or failed (its first line
 * of standard error is quoted). */
int zp_run_capture(const char *const argv[], size_t max_out, int timeout_s, zp_buf *out, char *err,
                   size_t errlen);

#endif
