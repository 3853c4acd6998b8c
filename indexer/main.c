/* zapisy-index: walks the given paths and brings the index up to date with
 * them -- new and changed files indexed, unchanged ones skipped, documents
 * of deleted files removed -- with progress on a terminal and one message
 * per problem file.  The write side of zapisy; analysis, extraction and
 * the index schema live in lib/. */
#include <errno.h>
#include <fts.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "budget.h"
#include "buf.h"
#include "format.h"
#include "index.h"
#include "workers.h"

/* Files above this size are refused unless --max-size says otherwise:
 * minutes are kilobytes to a few megabytes; a bigger file is a scan, an
 * archive or a mistake, and is read whole into memory. */
#define DEFAULT_MAX_MB 100
/* In-process work on one file (extraction, analysis, metadata) at most, by
 * default: minutes take milliseconds; a file that takes this long is a
 * pathological one, and the run goes on without it. */
#define DEFAULT_BUDGET_S 60
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
    long long max_bytes;
    int verbose, quiet, progress, prune;
    unsigned indexed, unchanged, repaired, skipped, failed, removed, since_commit;
    char **seen;     /* id terms of files present in this run (sorted for the prune) */
    size_t n_seen;
    char **unreadable;   /* folders and files that could not be read: kept */
    size_t n_unreadable;
    unsigned kept;       /* documents kept under them */
    long budget_ms;      /* in-process work on one file, at most */
    unsigned jobs;       /* worker threads */
    int reread;          /* the index is of an older extraction: read every file */
    long long bytes_done;
    long start_ms, last_draw_ms;
} run_state;

/* Set by the signal handler, which may run on any thread. */
static atomic_int interrupted;

/* Ctrl-C or SIGTERM: the file being read stops at once (lib/budget.c),
 * what was committed stays, and the run ends with what it has. */
static void on_signal(int sig)
{
    (void)sig;
    int saved = errno;   /* the interrupted code may be about to read it */
    interrupted = 1;
    zp_budget_cancel();
    errno = saved;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: zapisy-index [--db DIR] [--shards N | --shard-by folder] [--max-size MB] [--budget S] [--jobs N]\n"
               "                   [--no-prune] [--quiet|--verbose] PATH...\n"
               "Brings the index (default var/db) up to date with the files under each PATH:\n"
               "new and changed files are indexed (PDF, DOCX, ODT, DOC, RTF, HTML, text in UTF-8,\n"
               "UTF-16, windows-1250 or ISO-8859-2), unchanged ones skipped, and documents of files\n"
               "that are gone from under a PATH removed (--no-prune keeps them; documents under a\n"
               "folder that cannot be read are always kept).  A file whose reading takes longer\n"
               "than --budget seconds (default 60) is reported and skipped.  Files are read in\n"
               "--jobs threads (default: one a core); one thread writes the index, or one a shard.\n"
               "--shards N makes a new index of N shards (DIR holds them and the stub XAPIANDB that\n"
               "lists them; a file's shard follows from its path); --shard-by folder makes a shard\n"
               "for each folder right under a PATH.  An existing index keeps its layout; DIR may\n"
               "also be a stub listing remote shards (xapian-tcpsrv --writable).\n"
               "Exit status: 0 all indexed, 1 some files skipped, failed or repaired, 2 error,\n"
               "130 interrupted (what was done is kept).\n");
}

static void clear_progress(run_state *st)
{
    if (st->progress)
        fputs("\r\033[K", stderr);
}

/* A message on standard error; a file name's control characters are shown
 * escaped, so a name cannot forge a line or drive the terminal. */
static void complain(const char *msg)
{
    zp_buf p = ZP_BUF_INIT;
    zp_fmt_printable(&p, msg, strlen(msg));
    fprintf(stderr, "zapisy-index: %s\n", zp_buf_str(&p));
    zp_buf_free(&p);
}

/* --verbose: "indexed PATH" on standard output, the name escaped. */
static void say_file(const char *what, const char *path, const char *why)
{
    zp_buf p = ZP_BUF_INIT;
    zp_fmt_printable(&p, path, strlen(path));
    printf("%s %s%s\n", what, zp_buf_str(&p), why);
    zp_buf_free(&p);
}

/* One line a problem file, counted. */
static void report(run_state *st, unsigned *counter, const char *msg)
{
    (*counter)++;
    clear_progress(st);
    complain(msg);
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

/* The folders and files that could not be read: their documents stay,
 * as their files may well still be there (a share that dropped). */
/* Appends a copy of s to a list of strings.  0 or -1. */
static int push_copy(char ***list, size_t *n, const char *s)
{
    char **v = realloc(*list, (*n + 1) * sizeof *v);
    if (!v)
        return -1;
    *list = v;
    if (!(v[*n] = strdup(s)))
        return -1;
    (*n)++;
    return 0;
}

static int keep_under(run_state *st, const char *path)
{
    char abs[PATH_MAX];
    return push_copy(&st->unreadable, &st->n_unreadable, realpath(path, abs) ? abs : path);
}

static int by_name(const FTSENT **a, const FTSENT **b)
{
    return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* Every regular file under path, in name order: an iterative walk (fts),
 * so a tree of any depth costs no stack; symbolic links are not followed
 * (and so never loop), hidden files and folders are left out. */
static int walk(const char *path, file_list *l, run_state *st)
{
    char *paths[] = { (char *)path, NULL };
    FTS *fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, by_name);
    if (!fts) {
        char msg[PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
        report(st, &st->failed, msg);
        return 0;
    }
    int rc = 0;
    FTSENT *e;
    while (rc == 0 && !interrupted && (e = fts_read(fts)) != NULL) {
        if (e->fts_level > 0 && e->fts_name[0] == '.') {
            if (e->fts_info == FTS_D)
                fts_set(fts, e, FTS_SKIP);
            continue;
        }
        char msg[PATH_MAX + 128];
        switch (e->fts_info) {
        case FTS_F:
            rc = add_file(l, e->fts_path, e->fts_statp, st);
            break;
        case FTS_DNR:
            snprintf(msg, sizeof msg, "%s: cannot read directory: %s; its documents are kept", e->fts_path,
                     strerror(e->fts_errno));
            report(st, &st->failed, msg);
            rc = keep_under(st, e->fts_path);
            break;
        case FTS_NS:
        case FTS_ERR:
            snprintf(msg, sizeof msg, "%s: %s", e->fts_path, strerror(e->fts_errno));
            report(st, &st->failed, msg);
            rc = keep_under(st, e->fts_path);
            break;
        case FTS_DC:
            snprintf(msg, sizeof msg, "%s: a folder inside itself (a loop), not followed", e->fts_path);
            report(st, &st->skipped, msg);
            break;
        case FTS_SL:
        case FTS_SLNONE:
        case FTS_DEFAULT:
            if (st->verbose)
                say_file("skipped", e->fts_path, ": not a regular file (symbolic links are not followed)");
            break;
        default:
            break;
        }
    }
    fts_close(fts);
    return rc;
}

/* ---- one file ----------------------------------------------------------- */

/* What the index knows of the file decides: unchanged (size and mtime as
 * indexed), too large, or a job for the workers (*out).  -1 only when the
 * run must stop (the database failed). */
static int prepare(run_state *st, const file_entry *f, job **out)
{
    char err[1024], id[ZP_ID_TERM_SIZE], old_hash[ZP_HASH_SIZE] = "";
    *out = NULL;
    zp_doc_id_term(f->abs, id);
    long long old_mtime = 0, old_size = 0;
    int known = zp_index_state(st->ix, f->abs, id, &old_mtime, &old_size, old_hash, err, sizeof err);
    if (known < 0 || push_copy(&st->seen, &st->n_seen, id) < 0) {
        clear_progress(st);
        complain(known < 0 ? err : "out of memory");
        return -1;
    }
    if (known && old_mtime == f->mtime && old_size == f->size && !st->reread) {
        st->unchanged++;
        return 0;
    }
    if (f->size > st->max_bytes) {
        snprintf(err, sizeof err, "%s: too large (%lld MB, the limit is %lld MB; see --max-size), not indexed",
                 f->abs, f->size / (1024 * 1024), st->max_bytes / (1024 * 1024));
        report(st, &st->skipped, err);
        return 0;
    }
    job *j = calloc(1, sizeof *j);
    if (!j) {
        complain("out of memory");
        return -1;
    }
    /* built by an older extraction: build again, whatever its bytes */
    if (!st->reread)
        memcpy(j->old_hash, old_hash, sizeof old_hash);
    j->path = f->path;
    j->abs = f->abs;
    j->mtime = f->mtime;
    j->size = f->size;
    j->known = known;
    j->packer = zp_index_packer(st->ix);
    *out = j;
    return 0;
}

/* A finished job into the index, its problem into the report.  Frees it.
 * -1 only when the run must stop (the database failed). */
static int finish(run_state *st, job *j)
{
    char err[1024];
    int rc = 0;
    long invalid = 0;
    switch (j->outcome) {
    case JOB_TOUCHED: {
        char id[ZP_ID_TERM_SIZE];
        zp_doc_id_term(j->abs, id);
        st->unchanged++;
        rc = zp_index_touch(st->ix, j->abs, id, j->mtime, err, sizeof err);
        if (rc < 0)
            complain(err);
        break;
    }
    case JOB_DOC:
        invalid = j->doc.invalid;   /* the document is the index's from here on */
        if (zp_index_add_doc(st->ix, j->abs, &j->doc, err, sizeof err) != 0) {
            clear_progress(st);
            complain(err);
            rc = -1;
            break;
        }
        st->indexed++;
        st->since_commit++;
        if (invalid > 0) {
            snprintf(err, sizeof err, "%s: %ld invalid UTF-8 sequence%s replaced by U+FFFD", j->abs, invalid,
                     invalid == 1 ? "" : "s");
            report(st, &st->repaired, err);
        }
        if (st->verbose)
            say_file("indexed", j->path, "");
        break;
    case JOB_SKIPPED:
        report(st, &st->skipped, j->msg);
        break;
    case JOB_FAILED:
        report(st, &st->failed, j->msg);
        break;
    case JOB_STOPPED:
        break;   /* interrupted in the middle: neither indexed nor failed */
    }
    if (j->outcome == JOB_DOC)
        zp_doc_free(&j->doc);
    free(j);
    if (rc == 0 && st->since_commit >= COMMIT_EVERY) {
        st->since_commit = 0;
        if (zp_index_checkpoint(st->ix, err, sizeof err) != 0) {
            complain(err);
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

/* "; 3 kept from folders that could not be read" when any were. */
static const char *kept_note(const run_state *st)
{
    static char note[96];
    if (!st->kept)
        return "";
    snprintf(note, sizeof note, " (%u kept: under a folder or file that could not be read)", st->kept);
    return note;
}

/* " in 3 shards (67, 68, 67)" for a sharded index: how full each is. */
static const char *shards_note(zp_index *ix)
{
    static char note[1024];
    unsigned n = ix ? zp_index_shard_count(ix) : 1;
    if (n < 2)
        return "";
    int len = snprintf(note, sizeof note, " in %u shards (", n);
    for (unsigned i = 0; i < n && len > 0 && (size_t)len < sizeof note - 16; i++)
        len += snprintf(note + len, sizeof note - (size_t)len, "%s%u", i ? ", " : "", zp_index_shard_docs(ix, i));
    if (len > 0 && (size_t)len < sizeof note - 2)
        snprintf(note + len, sizeof note - (size_t)len, ")");
    return note;
}

/* A whole number from 1 to max for option opt, or -1 with a message saying
 * what it wants. */
static int parse_count(const char *opt, const char *what, const char *arg, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < 1 || v > max) {
        char err[1024];
        snprintf(err, sizeof err, "%s wants %s (1 to %ld), not '%s'", opt, what, max, arg);
        complain(err);
        return -1;
    }
    *out = v;
    return 0;
}

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

/* Jobs in flight a worker: enough to keep the workers busy while the
 * writer writes, few enough that memory stays bounded. */
#define IN_FLIGHT_PER_WORKER 4

/* Finished jobs wait for the ones submitted before them: documents go into
 * the index in the order their files were listed, so that every run over
 * the same files gives them the same ids -- and hits of equal weight, which
 * Xapian orders by id, the same order.  (The workers finish in any order;
 * the writer took them so, and two builds of Praha 7 ranked ties apart.)
 * A job waits in slot seq % cap; no more than cap are out at once. */
typedef struct {
    job **slot;
    unsigned cap;
    unsigned long submitted, next;   /* jobs handed out; the next to finish */
} in_order;

/* Finishes the jobs that are next in order.  -1 when the run must stop. */
static int finish_in_order(run_state *st, in_order *o, job *r)
{
    o->slot[r->seq % o->cap] = r;
    int rc = 0;
    while (rc == 0 && (r = o->slot[o->next % o->cap])) {
        o->slot[o->next++ % o->cap] = NULL;
        rc = finish(st, r);
    }
    return rc;
}

/* A job let go unfinished (the run is stopping). */
static void drop(job *r)
{
    if (r->outcome == JOB_DOC)
        zp_doc_free(&r->doc);
    free(r);
}

/* Jobs for the workers, their documents into the index (this thread is the
 * only writer), then the prune, the roots and the commit. */
static int run(run_state *st, file_list *files, char **roots, size_t n_roots)
{
    char err[1024];
    int rc = 0;
    st->start_ms = now_ms();
    pool *p = NULL;
    if (pool_start(&p, st->jobs, st->budget_ms, err, sizeof err) < 0) {
        complain(err);
        return -1;
    }
    int current = zp_index_current(st->ix, err, sizeof err);
    if (current < 0) {
        complain(err);
        pool_stop(p);
        return -1;
    }
    st->reread = !current;
    /* a new index is of this version from its first commit on (so a run
     * killed half-way is finished, not started again); an older one only
     * once every file has been read again */
    if (current && zp_index_set_current(st->ix, err, sizeof err) != 0) {
        complain(err);
        pool_stop(p);
        return -1;
    }
    if (st->reread && !st->quiet)
        fprintf(stderr, "zapisy-index: the index was built by an older version; every file is read again\n");
    in_order order = { NULL, st->jobs * IN_FLIGHT_PER_WORKER, 0, 0 };
    if (!(order.slot = calloc(order.cap, sizeof *order.slot))) {
        complain("out of memory");
        pool_stop(p);
        return -1;
    }
    job *r;
    for (size_t i = 0; i < files->n && rc == 0 && !interrupted; i++) {
        job *j = NULL;
        rc = prepare(st, &files->v[i], &j);
        if (rc == 0 && j) {
            while (rc == 0 && order.submitted - order.next >= order.cap && (r = pool_result(p, 1)))
                rc = finish_in_order(st, &order, r);
            j->seq = order.submitted++;
            pool_submit(p, j);
        }
        while (rc == 0 && (r = pool_result(p, 0)))
            rc = finish_in_order(st, &order, r);
        st->bytes_done += files->v[i].size;
        draw_progress(st, i + 1, files->n, files->bytes);
    }
    /* the jobs still out: their documents go in (or, interrupted, away) */
    while ((r = pool_result(p, 1))) {
        if (rc == 0)
            rc = finish_in_order(st, &order, r);
        else
            drop(r);
    }
    for (unsigned k = 0; k < order.cap; k++)   /* after a failure: those it left */
        if (order.slot[k])
            drop(order.slot[k]);
    free(order.slot);
    pool_stop(p);
    clear_progress(st);
    if (rc == 0 && !interrupted && st->prune) {
        qsort(st->seen, st->n_seen, sizeof *st->seen, cmp_str);
        if (zp_index_prune(st->ix, (const char *const *)roots, n_roots, (const char *const *)st->unreadable,
                           st->n_unreadable, is_seen, st, &st->removed, &st->kept, err, sizeof err) != 0) {
            complain(err);
            rc = -1;
        }
    }
    /* all read by this version now (an interrupted run will finish it) */
    if (rc == 0 && !interrupted && zp_index_set_current(st->ix, err, sizeof err) != 0) {
        complain(err);
        rc = -1;
    }
    /* the page serves only files under the folders indexed */
    if (rc == 0 && zp_index_add_roots(st->ix, (const char *const *)roots, n_roots, err, sizeof err) != 0) {
        complain(err);
        rc = -1;
    }
    if (zp_index_commit(st->ix, err, sizeof err) != 0) {
        complain(err);
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
        { "budget", required_argument, NULL, 'b' }, { "jobs", required_argument, NULL, 'j' },
        { "shards", required_argument, NULL, 'S' }, { "shard-by", required_argument, NULL, 'B' },
        { NULL, 0, NULL, 0 },
    };
    run_state st;
    zp_index_layout layout = { 0, 0, NULL, 0 };
    char err[1024];
    memset(&st, 0, sizeof st);
    st.max_bytes = (long long)DEFAULT_MAX_MB * 1024 * 1024;
    st.prune = 1;
    st.budget_ms = DEFAULT_BUDGET_S * 1000L;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    st.jobs = cores > 0 ? (unsigned)cores : 1;
    const char *db_path = "var/db";
    int c;
    long v;
    while ((c = getopt_long(argc, argv, "d:m:qvh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'm':
            if (parse_mb(optarg, &st.max_bytes) < 0) {
                snprintf(err, sizeof err, "--max-size wants a number of megabytes, not '%s'", optarg);
                complain(err);
                return 2;
            }
            break;
        case 'b':
            if (parse_count("--budget", "seconds", optarg, 86400, &v) < 0)
                return 2;
            st.budget_ms = v * 1000L;
            break;
        case 'j':
            if (parse_count("--jobs", "a number of threads", optarg, 64, &v) < 0)
                return 2;
            st.jobs = (unsigned)v;
            break;
        case 'S':
            if (parse_count("--shards", "a number of shards", optarg, 256, &v) < 0)
                return 2;
            layout.shards = (unsigned)v;
            break;
        case 'B':
            if (strcmp(optarg, "folder") != 0 && strcmp(optarg, "path") != 0) {
                snprintf(err, sizeof err, "--shard-by wants 'folder' or 'path', not '%s'", optarg);
                complain(err);
                return 2;
            }
            layout.by_folder = strcmp(optarg, "folder") == 0;
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
    for (int i = optind; i < argc && rc == 0; i++) {
        char abs[PATH_MAX];
        if (realpath(argv[i], abs) && (roots[n_roots] = strdup(abs)))
            n_roots++;
    }
    /* the database before the walk: from now on a search finds it (being
     * built on a first run), and a second writer is refused before any
     * walking */
    layout.roots = (const char *const *)roots;
    layout.n_roots = n_roots;
    if (rc == 0 && zp_index_open(db_path, &layout, &st.ix, err, sizeof err) != 0) {
        complain(err);
        rc = -2;
    }
    for (int i = optind; i < argc && rc == 0 && !interrupted; i++)
        rc = walk(argv[i], &files, &st);
    unsigned total = 0;
    const char *note = "";
    if (rc == 0) {
        rc = run(&st, &files, roots, n_roots);
        total = zp_index_doc_count(st.ix);
        note = shards_note(st.ix);
    }
    zp_index_close(st.ix);
    if (rc == -1 && !st.ix)
        fprintf(stderr, "zapisy-index: out of memory\n");
    if (rc != -2 && (!st.quiet || st.failed || st.skipped || rc))
        printf("indexed %u, unchanged %u, removed %u, skipped %u, failed %u (%u repaired); %s holds %u document%s%s%s\n",
               st.indexed, st.unchanged, st.removed, st.skipped, st.failed, st.repaired, db_path, total,
               total == 1 ? "" : "s", note, kept_note(&st));
    for (size_t i = 0; i < st.n_seen; i++)
        free(st.seen[i]);
    free(st.seen);
    for (size_t i = 0; i < st.n_unreadable; i++)
        free(st.unreadable[i]);
    free(st.unreadable);
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
