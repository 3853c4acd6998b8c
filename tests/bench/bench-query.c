/* bench-query: query latency through the same path as the CLI and the CGI
 * (zp_search_run: open the database, parse, match, snippets for a page of
 * hits).  Runs a list of queries ROUNDS times and prints p50/p95.
 *   bench-query DB [ROUNDS]            the built-in queries, 10 hits, then
 *                                      10 hits with facets and timeline
 *   bench-query DB ROUNDS LIMIT FACETS < QUERIES   one line of figures for
 *                                      the queries on standard input;
 *                                      FACETS 2: also one hit a meeting,
 *                                      as the search page asks
 * BENCH_KEEP_OPEN=1: the database kept open from query to query;
 * BENCH_NO_PASSAGES=1: hits without passages (zp_search_req.no_passages),
 * the floor a highlighter is measured against. */
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

static int kept_open, no_passages;

/* An environment switch: set to "1". */
static int switched_on(const char *name)
{
    const char *v = getenv(name);
    return v && strcmp(v, "1") == 0;
}

static int run_all(const char *db, int rounds, int facets, unsigned limit, const char *const *queries, size_t nq);

/* Queries from standard input, one a line. */
static size_t read_queries(char ***out)
{
    char line[1024];
    size_t n = 0;
    char **v = NULL;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0])
            continue;
        char **w = realloc(v, (n + 1) * sizeof *v);
        if (!w)
            break;
        v = w;
        v[n++] = strdup(line);
    }
    *out = v;
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench-query DB [ROUNDS] | bench-query DB ROUNDS LIMIT FACETS < QUERIES\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    /* BENCH_KEEP_OPEN=1: the database stays open from query to query, as
     * in a FastCGI process */
    kept_open = switched_on("BENCH_KEEP_OPEN");
    zp_search_keep_open(kept_open);
    no_passages = switched_on("BENCH_NO_PASSAGES");
    if (argc == 5) {
        char **qs = NULL;
        size_t nq = read_queries(&qs);
        int rc = run_all(argv[1], rounds, atoi(argv[4]), (unsigned)atoi(argv[3]), (const char *const *)qs, nq);
        for (size_t i = 0; i < nq; i++)
            free(qs[i]);
        free(qs);
        return rc;
    }
    for (int facets = 0; facets < 2; facets++)
        if (run_all(argv[1], rounds, facets, 10, queries, sizeof queries / sizeof queries[0]) != 0)
            return 1;
    return 0;
}

static int run_all(const char *db, int rounds, int facets, unsigned limit, const char *const *queries, size_t nq)
{
    size_t n = 0;
    double *t = malloc(sizeof(double) * nq * (size_t)rounds);
    unsigned long hits = 0;
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < nq; i++) {
            zp_search_req req;
            memset(&req, 0, sizeof req);
            req.db_path = db;
            req.facets = req.timeline = facets != 0;
            req.group = facets == 2;
            req.query = queries[i];
            req.query_len = strlen(queries[i]);
            req.limit = limit;
            req.no_passages = no_passages;
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
    printf("queries (%u hits %s%s): %zu runs of %zu queries, database %s\n", limit,
           no_passages ? "without passages" : "with snippets",
           facets == 2 ? ", facets, timeline, one a meeting" : facets ? ", facets and timeline" : "", n, nq, kept_open ? "kept open (FastCGI)" : "opened per query");
    printf("p50 %.2f ms, p95 %.2f ms, max %.2f ms; %lu matches in all\n", t[n / 2], t[(n * 95) / 100], t[n - 1],
           hits / (unsigned long)rounds);
    free(t);
    return 0;
}
