/* zapisy-index: walks the given paths and indexes every file it can read
 * into the Xapian database; the write side of zapisy.  Analysis and the
 * index schema live in lib/; this file owns arguments, the walk, messages
 * and the exit status. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

typedef struct {
    zp_index *ix;
    zp_detector *det;
    long long max_bytes;
    int verbose, quiet;
    unsigned indexed, repaired, skipped, failed, since_commit;
} run_state;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: zapisy-index [--db DIR] [--max-size MB] [--quiet|--verbose] PATH...\n"
               "Indexes the text files under each PATH into the database (default var/db).\n"
               "Re-indexing a file replaces its document.\n"
               "Exit status: 0 all indexed, 1 some files skipped, failed or repaired, 2 error.\n");
}

static void skip(run_state *st, const char *msg)
{
    st->skipped++;
    fprintf(stderr, "zapisy-index: %s\n", msg);
}

static void fail(run_state *st, const char *msg)
{
    st->failed++;
    fprintf(stderr, "zapisy-index: %s\n", msg);
}

static int read_file(const char *path, zp_buf *out, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (zp_buf_add(out, chunk, n) < 0)
            break;
    int bad = ferror(f) || out->oom;
    if (bad)
        snprintf(err, errlen, "%s: cannot read: %s", path, out->oom ? "out of memory" : strerror(errno));
    fclose(f);
    return bad ? -1 : 0;
}

static int has_text(const zp_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        if (!strchr(" \t\r\n\f", b->data[i]))
            return 1;
    return 0;
}

/* Returns -1 only for errors that stop the run (the database failing). */
static int index_file(run_state *st, const char *path, const struct stat *sb)
{
    char err[1024], abs[PATH_MAX];
    if (!realpath(path, abs)) {
        snprintf(err, sizeof err, "%s: %s", path, strerror(errno));
        fail(st, err);
        return 0;
    }
    if (sb->st_size > st->max_bytes) {
        snprintf(err, sizeof err, "%s: too large (%lld MB, the limit is %lld MB; see --max-size), not indexed",
                 path, (long long)sb->st_size / (1024 * 1024), st->max_bytes / (1024 * 1024));
        skip(st, err);
        return 0;
    }
    zp_buf raw = ZP_BUF_INIT, text = ZP_BUF_INIT;
    zp_type type;
    int rc = 0;
    if (read_file(path, &raw, err, sizeof err) < 0) {
        fail(st, err);
        goto done;
    }
    if (zp_detect_buffer(st->det, zp_buf_str(&raw), raw.len, &type, err, sizeof err) < 0) {
        fail(st, err);
        goto done;
    }
    int ex = zp_extract(path, zp_buf_str(&raw), raw.len, &type, &text, err, sizeof err);
    if (ex == ZP_EXTRACT_UNSUPPORTED) {
        skip(st, err);
        goto done;
    }
    if (ex != ZP_EXTRACT_OK) {
        fail(st, err);
        goto done;
    }
    if (!has_text(&text)) {
        snprintf(err, sizeof err, "%s: no text, not indexed", path);
        skip(st, err);
        goto done;
    }
    zp_doc_input in = { abs, type.mime, zp_buf_str(&text), text.len,
                        (long long)sb->st_mtime, (long long)sb->st_size };
    long invalid = 0;
    int added = zp_index_add(st->ix, &in, &invalid, err, sizeof err);
    if (added == ZP_INDEX_FILE_ERROR) {
        fail(st, err);
        goto done;
    }
    if (added != 0) {
        fprintf(stderr, "zapisy-index: %s\n", err);
        rc = -1;
        goto done;
    }
    st->indexed++;
    if (invalid > 0) {
        snprintf(err, sizeof err, "%s: %ld invalid UTF-8 sequence%s replaced by U+FFFD", path,
                 invalid, invalid == 1 ? "" : "s");
        st->repaired++;
        fprintf(stderr, "zapisy-index: %s\n", err);
    }
    if (st->verbose)
        printf("indexed %s\n", path);
    if (++st->since_commit >= COMMIT_EVERY) {
        if (zp_index_commit(st->ix, err, sizeof err) != 0) {
            fprintf(stderr, "zapisy-index: %s\n", err);
            rc = -1;
        }
        st->since_commit = 0;
    }
done:
    zp_buf_free(&raw);
    zp_buf_free(&text);
    return rc;
}

static int walk(run_state *st, const char *path);

static int walk_dir(run_state *st, const char *path)
{
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0) {
        char err[1024];
        snprintf(err, sizeof err, "%s: cannot read directory: %s", path, strerror(errno));
        fail(st, err);
        return 0;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (rc == 0 && !interrupted && name[0] != '.') {
            size_t len = strlen(path) + strlen(name) + 2;
            char *child = malloc(len);
            if (!child) {
                fprintf(stderr, "zapisy-index: out of memory\n");
                rc = -1;
            } else {
                snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", name);
                rc = walk(st, child);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int walk(run_state *st, const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        char err[1024];
        snprintf(err, sizeof err, "%s: %s", path, strerror(errno));
        fail(st, err);
        return 0;
    }
    if (S_ISDIR(sb.st_mode))
        return walk_dir(st, path);
    if (S_ISREG(sb.st_mode))
        return index_file(st, path, &sb);
    if (st->verbose)
        printf("skipped %s: not a regular file (symbolic links are not followed)\n", path);
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

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },   { "max-size", required_argument, NULL, 'm' },
        { "quiet", no_argument, NULL, 'q' },      { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },       { NULL, 0, NULL, 0 },
    };
    run_state st;
    memset(&st, 0, sizeof st);
    st.max_bytes = (long long)DEFAULT_MAX_MB * 1024 * 1024;
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
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "zapisy-index: no PATH given\n");
        usage(stderr);
        return 2;
    }
    char err[1024];
    if (zp_detect_open(&st.det, err, sizeof err) < 0) {
        fprintf(stderr, "zapisy-index: %s\n", err);
        return 2;
    }
    if (zp_index_open(db_path, &st.ix, err, sizeof err) != 0) {
        fprintf(stderr, "zapisy-index: %s\n", err);
        zp_detect_close(st.det);
        return 2;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    int rc = 0;
    for (int i = optind; i < argc && rc == 0 && !interrupted; i++)
        rc = walk(&st, argv[i]);
    if (zp_index_commit(st.ix, err, sizeof err) != 0) {
        fprintf(stderr, "zapisy-index: %s\n", err);
        rc = -1;
    }
    unsigned total = zp_index_doc_count(st.ix);
    zp_index_close(st.ix);
    zp_detect_close(st.det);
    if (!st.quiet || st.failed || st.skipped || rc)
        printf("indexed %u (%u with damaged text repaired), skipped %u, failed %u; %s holds %u document%s\n",
               st.indexed, st.repaired, st.skipped, st.failed, db_path, total, total == 1 ? "" : "s");
    if (interrupted) {
        fprintf(stderr, "zapisy-index: interrupted; what was indexed so far is committed\n");
        return 130;
    }
    if (rc)
        return 2;
    return (st.failed || st.skipped || st.repaired) ? 1 : 0;
}
