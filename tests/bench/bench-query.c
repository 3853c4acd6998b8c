/* bench-query: query latency through the same path as the CLI and the CGI
 * (zp_search_run: open the database, parse, match, snippets for a page of
 * 10 hits).  Runs a fixed list of queries ROUNDS times and prints p50/p95.
 *   bench-query DB [ROUNDS] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search.h"

static const char *const queries[] = {
    "prostejov",
    "zebrik",
    "cizinci",
    "\"odborné sociální poradenství\"",
    "organizace pro pomoc uprchlikum",
    "magistrat ostrava",
    "senioři",
    "zastupitelstvo obce",
    "porad*",
    "poradenstvi NOT cizinci",
    "rozpočtové opatření",
    "komunitní plánování sociálních služeb",
    "Jeseník OR Vítkov",
    "schvaluje program",
    "dotace",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int run_all(const char *db, int rounds, int facets);

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench-query DB [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    for (int facets = 0; facets < 2; facets++)
        if (run_all(argv[1], rounds, facets) != 0)
            return 1;
    return 0;
}

static int run_all(const char *db, int rounds, int facets)
{
    size_t nq = sizeof queries / sizeof queries[0], n = 0;
    double *t = malloc(sizeof(double) * nq * (size_t)rounds);
    unsigned long hits = 0;
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < nq; i++) {
            zp_search_req req;
            memset(&req, 0, sizeof req);
            req.db_path = db;
            req.facets = req.timeline = facets;
            req.query = queries[i];
            req.query_len = strlen(queries[i]);
            req.limit = 10;
            zp_results *res = NULL;
            char err[512];
            double t0 = now_ms();
            if (zp_search_run(&req, &res, err, sizeof err) != 0) {
                fprintf(stderr, "bench-query: %s: %s\n", queries[i], err);
                return 1;
            }
            t[n++] = now_ms() - t0;
            hits += res->total;
            zp_results_free(res);
        }
    }
    qsort(t, n, sizeof *t, cmp);
    const char *what = facets ? "with facets and timeline" : "page of 10 with snippets";
    printf("queries (%s): %zu runs of %zu queries, database opened per query\n", what, n, nq);
    printf("queries (%s): p50 %.2f ms, p95 %.2f ms, max %.2f ms; %lu matches in all\n", what, t[n / 2],
           t[(n * 95) / 100], t[n - 1], hits / (unsigned long)rounds);
    free(t);
    return 0;
}
