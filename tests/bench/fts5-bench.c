/* fts5-bench: SQLite FTS5 as a baseline for make bench.  What a small
 * embedded engine costs on the same files: one table with the path and the
 * text (unicode61 tokenizer, diacritics removed, no stemming: SQLite has
 * none for Czech), filled in one transaction; queries as a page would run
 * them -- the words ANDed, BM25 order, each hit's path and a snippet with
 * its matches marked -- timed in-process.  A benchmark tool, not part of
 * zapisy.
 *   fts5-bench index DB < FILE-LIST
 *   fts5-bench query DB LIMIT ROUNDS < QUERIES      (prints p50 and p95 in ms) */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "fts5-bench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return 2;
}

/* The whole file at path, or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *more = realloc(buf, cap *= 2);
            if (!more)
                free(buf);
            buf = more;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int index_files(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return fail(db, path);
    if (sqlite3_exec(db,
                     "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                     "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body,"
                     " tokenize = 'unicode61 remove_diacritics 2');"
                     "BEGIN;",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO docs(path, body) VALUES (?, ?)", -1, &ins, NULL) != SQLITE_OK)
        return fail(db, "create");
    char line[4096];
    unsigned n = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        size_t len = 0;
        char *text = line[0] ? slurp(line, &len) : NULL;
        if (!text)
            continue;
        sqlite3_bind_text(ins, 1, line, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, text, (int)len, free);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return fail(db, line);
        sqlite3_reset(ins);
        n++;
    }
    sqlite3_finalize(ins);
    if (sqlite3_exec(db, "COMMIT; INSERT INTO docs(docs) VALUES ('optimize');", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, "commit");
    sqlite3_close(db);
    printf("fts5-bench: indexed %u files\n", n);
    return 0;
}

/* A query line as FTS5 wants it: each word quoted (so no word is taken
 * for an operator), the words ANDed. */
static void to_match(const char *q, char *out, size_t cap)
{
    size_t o = 0;
    for (const char *p = q; *p && o + 4 < cap;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (o)
            out[o++] = ' ';
        out[o++] = '"';
        for (; *p && *p != ' ' && *p != '\t' && o + 3 < cap; p++) {
            if (*p == '"')
                out[o++] = '"';
            out[o++] = *p;
        }
        out[o++] = '"';
    }
    out[o] = '\0';
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int run_queries(const char *path, int limit, int rounds)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return fail(db, path);
    if (sqlite3_prepare_v2(db,
                           "SELECT path, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs"
                           " WHERE docs MATCH ? ORDER BY rank LIMIT ?",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, "prepare");
    char qs[64][512];
    int nq = 0;
    char line[512];
    while (nq < 64 && fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0])
            to_match(line, qs[nq++], sizeof qs[0]);
    }
    double *ms = malloc(sizeof *ms * (size_t)(nq * rounds + 1));
    size_t n = 0, bytes = 0;
    for (int r = 0; ms && r < rounds; r++) {
        for (int i = 0; i < nq; i++) {
            double t0 = now_ms();
            sqlite3_bind_text(st, 1, qs[i], -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 2, limit);
            while (sqlite3_step(st) == SQLITE_ROW)
                bytes += (size_t)sqlite3_column_bytes(st, 0) + (size_t)sqlite3_column_bytes(st, 1);
            sqlite3_reset(st);
            ms[n++] = now_ms() - t0;
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (n == 0) {
        free(ms);
        fprintf(stderr, "fts5-bench: no queries\n");
        return 2;
    }
    qsort(ms, n, sizeof *ms, cmp);
    printf("p50 %.2f ms, p95 %.2f ms (%zu queries, %zu bytes of paths and snippets)\n", ms[n / 2],
           ms[(n * 95) / 100], n, bytes);
    free(ms);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "index") == 0)
        return index_files(argv[2]);
    if (argc == 5 && strcmp(argv[1], "query") == 0)
        return run_queries(argv[2], atoi(argv[3]), atoi(argv[4]));
    fprintf(stderr, "usage: fts5-bench index DB < FILE-LIST | fts5-bench query DB LIMIT ROUNDS < QUERIES\n");
    return 2;
}
