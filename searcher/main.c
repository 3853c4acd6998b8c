/* zapisy-search: the command-line front end.  Arguments in, results out as
 * text for people or JSON for programs; the search itself is lib/search.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "search.h"
#include "zx.h"

#define DEFAULT_LIMIT 10

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zapisy-search [--db DIR] [--limit N] [--offset N] [--json] QUERY...\n"
            "Searches the minutes indexed in DIR (default var/db).\n"
            "Query syntax: words (any form, with or without diacritics) must all match;\n"
            "  a OR b, a NOT b, \"exact phrase\", +must -mustnot, prefix*, (groups),\n"
            "  title:word (in titles only).\n"
            "Exit status: 0 hits, 1 no hits, 2 error.\n");
}

static int parse_count(const char *opt, const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v > max) {
        fprintf(stderr, "zapisy-search: %s wants a number from 0 to %u, not '%s'\n", opt, max, s);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static void print_text(const zp_results *r, int tty)
{
    const char *on = tty ? "\033[1m" : "[[", *off = tty ? "\033[0m" : "]]";
    if (r->total == 0) {
        printf("No minutes match: %s\n", r->query);
        return;
    }
    printf("%u result%s for: %s", r->total, r->total == 1 ? "" : "s", r->query);
    if (r->n_hits)
        printf(" (showing %u-%u)", r->offset + 1, r->offset + (unsigned)r->n_hits);
    printf("\n\n");
    for (size_t i = 0; i < r->n_hits; i++) {
        const zp_hit *h = &r->hits[i];
        zp_buf snip = ZP_BUF_INIT;
        zp_snip_render(&h->snippet, on, off, 0, &snip);
        printf("%u. %s%s%s  [%d%%]\n   %s\n   %s\n\n", h->rank, tty ? on : "", h->title,
               tty ? off : "", h->percent, h->path, zp_buf_str(&snip));
        zp_buf_free(&snip);
    }
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },     { "limit", required_argument, NULL, 'l' },
        { "offset", required_argument, NULL, 'o' }, { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
    };
    zp_search_req req = { "var/db", NULL, 0, 0, DEFAULT_LIMIT };
    int json = 0, c;
    while ((c = getopt_long(argc, argv, "+d:l:o:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': req.db_path = optarg; break;
        case 'l':
            if (parse_count("--limit", optarg, ZP_SEARCH_MAX_LIMIT, &req.limit) < 0)
                return 2;
            break;
        case 'o':
            if (parse_count("--offset", optarg, 1000000, &req.offset) < 0)
                return 2;
            break;
        case 'j': json = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "zapisy-search: no query given\n");
        usage(stderr);
        return 2;
    }
    zp_buf q = ZP_BUF_INIT;
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            zp_buf_addc(&q, ' ');
        zp_buf_adds(&q, argv[i]);
    }
    req.query = zp_buf_str(&q);
    req.query_len = q.len;
    zp_results *r = NULL;
    char err[1024];
    int rc = zp_search_run(&req, &r, err, sizeof err);
    zp_buf_free(&q);
    if (rc) {
        fprintf(stderr, "zapisy-search: %s\n", err);
        return 2;
    }
    if (json) {
        zp_buf out = ZP_BUF_INIT;
        zp_search_json(r, &out);
        printf("%s\n", zp_buf_str(&out));
        zp_buf_free(&out);
    } else {
        print_text(r, isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
    }
    int status = r->total ? 0 : 1;
    zp_results_free(r);
    return status;
}
