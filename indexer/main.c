/* zapisy-index: walks the given paths and brings the index up to date with
 * them -- new and changed files indexed, unchanged ones skipped, documents
 * of deleted files removed -- with progress on a terminal and one message
 * per problem file.  The write side of zapisy; analysis, extraction and
 * the index schema live in lib/. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "detect.h"
#include "extract.h"
#include "index.h"

/* Files above this size are refused unless --max-size says otherwise:
 * minutes are kilobytes to a few megabytes; a bigger file is a scan, an
 * archive or a mistake, and is read whole into memory. */
#define DEFAULT_MAX_MB 100
/* Commit after this many documents so an interrupted run keeps its work. */
#define COMMIT_EVERY 500
/* The progress line is redrawn at most this often. */
#define PROGRESS_EVERY_MS 200

typedef struct {
    char *path;      /* as found under the PATH given */
    char *abs;       /* absolute, resolved: stored and shown */
    long long size, mtime;
} file_entry;

typedef struct {
    file_entry *v;
    size_t n, cap;
    long long bytes;
} file_list;

typedef struct {
    zp_index *ix;
    zp_detector *det;
    long long max_bytes;
    int verbose, quiet, progress, prune;
    unsigned indexed, unchanged, repaired, skipped, failed, removed, since_commit;
    char **seen;     /* id terms of files present in this run (sorted for the prune) */
    size_t n_seen;
    long long bytes_done;
    long start_ms, last_draw_ms;
} run_state;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: zapisy-index [--db DIR] [--max-size MB] [--no-prune] [--quiet|--verbose] PATH...\n"
               "Brings the index (default var/db) up to date with the files under each PATH:\n"
               "new and changed files are indexed (PDF, DOCX, ODT, DOC, RTF, HTML, text in UTF-8,\n"
               "UTF-16, windows-1250 or ISO-8859-2), unchanged ones skipped, and documents of files\n"
               "that are gone from under a PATH removed (--no-prune keeps them).\n"
               "Exit status: 0 all indexed, 1 some files skipped, failed or repaired, 2 error,\n"
               "130 interrupted (what was done is kept).\n");
}

static void clear_progress(run_state *st)
{
    if (st->progress)
        fputs("\r\033[K", stderr);
}

static void report(run_state *st, unsigned *counter, const char *msg)
{
    (*counter)++;
    clear_progress(st);
    fprintf(stderr, "zapisy-index: %s\n", msg);
}

static void draw_progress(run_state *st, size_t done, size_t total, long long bytes_total)
{
    long now = now_ms();
    if (!st->progress || (now - st->last_draw_ms < PROGRESS_EVERY_MS && done < total))
        return;
    st->last_draw_ms = now;
    double secs = (now - st->start_ms) / 1000.0;
    double mbs = secs > 0 ? st->bytes_done / 1048576.0 / secs : 0;
    long eta = st->bytes_done > 0 ? (long)(secs * (double)(bytes_total - st->bytes_done) / (double)st->bytes_done) : 0;
    fprintf(stderr, "\r\033[K%zu/%zu files, %.1f MB/s, ETA %ld:%02ld, %u failed", done, total, mbs, eta / 60,
            eta % 60, st->failed + st->skipped);
    fflush(stderr);
}

/* ---- the walk ----------------------------------------------------------- */

static int add_file(file_list *l, const char *path, const struct stat *sb, run_state *st)
{
    char abs[PATH_MAX];
    if (!realpath(path, abs)) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
        report(st, &st->failed, msg);
        return 0;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        file_entry *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    file_entry *e = &l->v[l->n];
    e->path = strdup(path);
    e->abs = strdup(abs);
    if (!e->path || !e->abs)
        return -1;
    e->size = (long long)sb->st_size;
    e->mtime = (long long)sb->st_mtime;
    l->bytes += e->size;
    l->n++;
    return 0;
}

static int walk(const char *path, file_list *l, run_state *st);

static int walk_dir(const char *path, file_list *l, run_state *st)
{
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: cannot read directory: %s", path, strerror(errno));
        report(st, &st->failed, msg);
        return 0;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (rc == 0 && !interrupted && name[0] != '.') {
            size_t len = strlen(path) + strlen(name) + 2;
            char *child = malloc(len);
            if (!child) {
                rc = -1;
            } else {
                snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", name);
                rc = walk(child, l, st);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int walk(const char *path, file_list *l, run_state *st)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
        report(st, &st->failed, msg);
        return 0;
    }
    if (S_ISDIR(sb.st_mode))
        return walk_dir(path, l, st);
    if (S_ISREG(sb.st_mode))
        return add_file(l, path, &sb, st);
    if (st->verbose)
        printf("skipped %s: not a regular file (symbolic links are not followed)\n", path);
    return 0;
}

/* ---- one file ----------------------------------------------------------- */

static int has_text(const zp_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        if (!strchr(" \t\r\n\f", b->data[i]))
            return 1;
    return 0;
}

static int mark_seen(run_state *st, const char *id)
{
    char **v = realloc(st->seen, (st->n_seen + 1) * sizeof *v);
    if (!v || !(v[st->n_seen] = strdup(id)))
        return -1;
    st->seen = v;
    st->n_seen++;
    return 0;
}

static int extract_and_add(run_state *st, const file_entry *f, const zp_buf *raw, const char *hash)
{
    char err[1024];
    zp_type type;
    zp_buf text = ZP_BUF_INIT;
    int rc = 0;
    if (zp_detect_buffer(st->det, zp_buf_str(raw), raw->len, &type, err, sizeof err) < 0) {
        report(st, &st->failed, err);
        return 0;
    }
    int ex = zp_extract(f->abs, zp_buf_str(raw), raw->len, &type, &text, err, sizeof err);
    if (ex == ZP_EXTRACT_UNSUPPORTED) {
        report(st, &st->skipped, err);
    } else if (ex != ZP_EXTRACT_OK) {
        report(st, &st->failed, err);
    } else if (!has_text(&text)) {
        snprintf(err, sizeof err, "%s: no text, not indexed", f->abs);
        report(st, &st->skipped, err);
    } else {
        zp_doc_input in = { f->abs, type.mime, zp_buf_str(&text), text.len, f->mtime, f->size, hash };
        long invalid = 0;
        int added = zp_index_add(st->ix, &in, &invalid, err, sizeof err);
        if (added == ZP_INDEX_FILE_ERROR) {
            report(st, &st->failed, err);
        } else if (added != 0) {
            clear_progress(st);
            fprintf(stderr, "zapisy-index: %s\n", err);
            rc = -1;
        } else {
            st->indexed++;
            st->since_commit++;
            if (invalid > 0) {
                snprintf(err, sizeof err, "%s: %ld invalid UTF-8 sequence%s replaced by U+FFFD", f->abs, invalid,
                         invalid == 1 ? "" : "s");
                report(st, &st->repaired, err);
            }
            if (st->verbose)
                printf("indexed %s\n", f->path);
        }
    }
    zp_buf_free(&text);
    return rc;
}

/* Returns -1 only when the run must stop (the database failed). */
static int index_file(run_state *st, const file_entry *f)
{
    char err[1024], id[ZP_ID_TERM_SIZE], old_hash[ZP_HASH_SIZE] = "", hash[ZP_HASH_SIZE];
    zp_doc_id_term(f->abs, id);
    long long old_mtime = 0, old_size = 0;
    int known = zp_index_state(st->ix, id, &old_mtime, &old_size, old_hash, err, sizeof err);
    if (known < 0 || mark_seen(st, id) < 0) {
        clear_progress(st);
        fprintf(stderr, "zapisy-index: %s\n", known < 0 ? err : "out of memory");
        return -1;
    }
    if (known && old_mtime == f->mtime && old_size == f->size) {
        st->unchanged++;
        return 0;
    }
    if (f->size > st->max_bytes) {
        snprintf(err, sizeof err, "%s: too large (%lld MB, the limit is %lld MB; see --max-size), not indexed",
                 f->abs, f->size / (1024 * 1024), st->max_bytes / (1024 * 1024));
        report(st, &st->skipped, err);
        return 0;
    }
    zp_buf raw = ZP_BUF_INIT;
    int rc = 0;
    if (zp_buf_read_file(&raw, f->path, err, sizeof err) < 0) {
        report(st, &st->failed, err);
    } else {
        zp_doc_hash(zp_buf_str(&raw), raw.len, hash);
        if (known && strcmp(hash, old_hash) == 0) {
            st->unchanged++;   /* touched, not changed */
            rc = zp_index_touch(st->ix, id, f->mtime, err, sizeof err);
            if (rc < 0)
                fprintf(stderr, "zapisy-index: %s\n", err);
        } else {
            rc = extract_and_add(st, f, &raw, hash);
        }
    }
    zp_buf_free(&raw);
    if (rc == 0 && st->since_commit >= COMMIT_EVERY) {
        st->since_commit = 0;
        if (zp_index_commit(st->ix, err, sizeof err) != 0) {
            fprintf(stderr, "zapisy-index: %s\n", err);
            rc = -1;
        }
    }
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_seen(const char *id, void *ud)
{
    run_state *st = ud;
    return bsearch(&id, st->seen, st->n_seen, sizeof *st->seen, cmp_str) != NULL;
}

/* ---- main --------------------------------------------------------------- */

static int parse_mb(const char *s, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v <= 0 || v > 1024 * 1024)
        return -1;
    *out = v * 1024 * 1024;
    return 0;
}

static void free_list(file_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].abs);
    }
    free(l->v);
}

static int run(run_state *st, file_list *files, char **roots, size_t n_roots)
{
    char err[1024];
    int rc = 0;
    st->start_ms = now_ms();
    for (size_t i = 0; i < files->n && rc == 0 && !interrupted; i++) {
        rc = index_file(st, &files->v[i]);
        st->bytes_done += files->v[i].size;
        draw_progress(st, i + 1, files->n, files->bytes);
    }
    clear_progress(st);
    if (rc == 0 && !interrupted && st->prune) {
        qsort(st->seen, st->n_seen, sizeof *st->seen, cmp_str);
        if (zp_index_prune(st->ix, (const char *const *)roots, n_roots, is_seen, st, &st->removed, err,
                           sizeof err) != 0) {
            fprintf(stderr, "zapisy-index: %s\n", err);
            rc = -1;
        }
    }
    if (zp_index_commit(st->ix, err, sizeof err) != 0) {
        fprintf(stderr, "zapisy-index: %s\n", err);
        rc = -1;
    }
    return rc;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "max-size", required_argument, NULL, 'm' },
        { "quiet", no_argument, NULL, 'q' },    { "verbose", no_argument, NULL, 'v' },
        { "no-prune", no_argument, NULL, 'P' }, { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    run_state st;
    memset(&st, 0, sizeof st);
    st.max_bytes = (long long)DEFAULT_MAX_MB * 1024 * 1024;
    st.prune = 1;
    const char *db_path = "var/db";
    int c;
    while ((c = getopt_long(argc, argv, "d:m:qvh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'm':
            if (parse_mb(optarg, &st.max_bytes) < 0) {
                fprintf(stderr, "zapisy-index: --max-size wants a number of megabytes, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'q': st.quiet = 1; break;
        case 'v': st.verbose = 1; break;
        case 'P': st.prune = 0; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "zapisy-index: no PATH given\n");
        usage(stderr);
        return 2;
    }
    st.progress = !st.quiet && !st.verbose && isatty(STDERR_FILENO);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    file_list files = { NULL, 0, 0, 0 };
    size_t n_roots = 0;
    char **roots = calloc((size_t)(argc - optind), sizeof *roots);
    int rc = roots ? 0 : -1;
    for (int i = optind; i < argc && rc == 0 && !interrupted; i++) {
        char abs[PATH_MAX];
        if (realpath(argv[i], abs) && (roots[n_roots] = strdup(abs)))
            n_roots++;
        rc = walk(argv[i], &files, &st);
    }
    char err[1024];
    if (rc == 0 && zp_detect_open(&st.det, err, sizeof err) < 0) {
        fprintf(stderr, "zapisy-index: %s\n", err);
        rc = -2;
    }
    if (rc == 0 && zp_index_open(db_path, &st.ix, err, sizeof err) != 0) {
        fprintf(stderr, "zapisy-index: %s\n", err);
        rc = -2;
    }
    unsigned total = 0;
    if (rc == 0) {
        rc = run(&st, &files, roots, n_roots);
        total = zp_index_doc_count(st.ix);
    }
    zp_index_close(st.ix);
    zp_detect_close(st.det);
    if (rc == -1 && !st.ix)
        fprintf(stderr, "zapisy-index: out of memory\n");
    if (rc != -2 && (!st.quiet || st.failed || st.skipped || rc))
        printf("indexed %u, unchanged %u, removed %u, skipped %u, failed %u (%u repaired); %s holds %u document%s\n",
               st.indexed, st.unchanged, st.removed, st.skipped, st.failed, st.repaired, db_path, total,
               total == 1 ? "" : "s");
    for (size_t i = 0; i < st.n_seen; i++)
        free(st.seen[i]);
    free(st.seen);
    for (size_t i = 0; i < n_roots; i++)
        free(roots[i]);
    free(roots);
    free_list(&files);
    if (interrupted) {
        fprintf(stderr, "zapisy-index: interrupted; what was indexed so far is committed, run again to finish\n");
        return 130;
    }
    if (rc)
        return 2;
    return (st.failed || st.skipped || st.repaired) ? 1 : 0;
}
