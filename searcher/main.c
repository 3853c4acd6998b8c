/* zapisy-search: the command-line front end.  Arguments in, results out as
 * text for people or JSON for programs; the search itself is lib/search.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "format.h"
#include "search.h"
#include "zx.h"

#define DEFAULT_LIMIT 10
/* Filters one command line may give: enough for any real use. */
#define MAX_FILTERS 64
/* Width of the longest bar of --timeline. */
#define TIMELINE_BAR 40

/* A message on standard error, control characters escaped (a path or a
 * value typed may hold them). */
static void complain(const char *msg)
{
    zp_buf p = ZP_BUF_INIT;
    zp_fmt_printable(&p, msg, strlen(msg));
    fprintf(stderr, "zapisy-search: %s\n", zp_buf_str(&p));
    zp_buf_free(&p);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zapisy-search [options] [QUERY...]\n"
            "Searches the minutes indexed in the database (default var/db).\n"
            "  --db DIR            the database: a folder, or a stub listing shards (local\n"
            "                      or remote: xapian-tcpsrv), or shards separated by commas\n"
            "  --allow-partial     when a shard is down or too slow, search the others (and\n"
            "                      say which are missing) instead of failing\n"
            "  --limit N, --offset N   page of hits (default 10 from 0)\n"
            "  --json              one JSON object instead of text\n"
            "  --year Y            meetings in year Y (repeat for several)\n"
            "  --since D, --until D    meetings from/to a date: 2019, 2019-06, 2019-06-30, 30. 6. 2019\n"
            "  --town T, --body B, --org O, --person P\n"
            "                      minutes of a town, of a body (words of its name),\n"
            "                      naming an organisation (or its acronym), a person\n"
            "  --decisions         match only in decisions and tasks, and show them\n"
            "  --sort relevance|date|-date\n"
            "  --facets            counts of years, towns, bodies, organisations\n"
            "  --timeline          hits per year, as a table with bars\n"
            "  --page N            page N of --limit hits (instead of --offset)\n"
            "  --like ID           the documents most like document ID (its \"id\" in --json)\n"
            "  --group             one hit a meeting (same day and body), with how many more\n"
            "  --csv               every hit (at most 10,000) as CSV for a spreadsheet\n"
            "Query syntax: words (any form, with or without diacritics) must all match;\n"
            "  a OR b, a NOT b, \"exact phrase\", +must -mustnot, prefix*, (groups);\n"
            "  fields: title: (nazev:), rozhodnuti:, and filters rok:, od:, do:, mesto:,\n"
            "  skupina:, org:, osoba: (English: year: since: until: town: body: person:).\n"
            "  A query may be only filters: 'org:zebrik'.  Without a query (or with\n"
            "  only filters) every matching document is listed, newest first.\n"
            "Exit status: 0 hits, 1 no hits (or the index is still being built), 2 error.\n");
}

static int parse_count(const char *opt, const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v > max) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s wants a number from 0 to %u, not '%s'", opt, max, s);
        complain(msg);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static void print_facet(const char *name, const zp_facet *f)
{
    if (f->n == 0)
        return;
    printf("%s:", name);
    for (size_t i = 0; i < f->n; i++)
        printf("%s %s (%u)", i ? "," : "", f->v[i].value, f->v[i].count);
    printf("\n");
}

static void print_timeline(const zp_facet *t)
{
    unsigned max = 1;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].count > max)
            max = t->v[i].count;
    printf("year      hits\n");
    for (size_t i = 0; i < t->n; i++) {
        unsigned bar = (t->v[i].count * TIMELINE_BAR + max - 1) / max;
        printf("%-9s %4u  ", t->v[i].value, t->v[i].count);
        for (unsigned k = 0; k < bar; k++)
            fputs("\xE2\x96\x88", stdout);   /* full block */
        printf("\n");
    }
    printf("\n");
}

static void print_hit(const zp_hit *h, int tty)
{
    const char *on = tty ? "\033[1m" : "[[", *off = tty ? "\033[0m" : "]]";
    zp_buf snip = ZP_BUF_INIT;
    zp_snip_render(&h->snippet, on, off, 0, &snip);
    printf("%u. %s%s%s  [%d%%]\n", h->rank, tty ? on : "", h->title, tty ? off : "", h->percent);
    if (h->date[0] || h->town[0] || h->body[0]) {
        const char *parts[3] = { h->date, h->town, h->body };
        printf("  ");
        int any = 0;
        for (int k = 0; k < 3; k++)
            if (parts[k][0]) {
                printf("%s %s", any ? " \xC2\xB7" : "", parts[k]);
                any = 1;
            }
        printf("\n");
    }
    /* a file name's control characters are shown escaped, never sent to
     * the terminal */
    zp_buf path = ZP_BUF_INIT;
    zp_fmt_printable(&path, h->path, strlen(h->path));
    printf("   %s\n   %s\n", zp_buf_str(&path), zp_buf_str(&snip));
    zp_buf_free(&path);
    zp_buf label = ZP_BUF_INIT;
    if (h->shown_decision >= 0)
        zp_fmt_decision(&label, &h->decisions.v[h->shown_decision]);
    if (label.len)
        printf("   (%s)\n", zp_buf_str(&label));
    printf("\n");
    zp_buf_free(&label);
    zp_buf_free(&snip);
}

static void print_text(const zp_results *r, int tty)
{
    if (r->has_timeline)
        print_timeline(&r->timeline);
    if (r->total == 0) {
        printf("No minutes match%s%s\n", r->query[0] ? ": " : " the filters", r->query);
        if (r->suggestion)
            printf("Did you mean: %s\n", r->suggestion);
        return;
    }
    if (r->relaxed) {
        const zp_relaxed *x = &r->relax;
        printf("No minutes have all the words; results for%s: %s", x->any ? " any of" : "", x->query);
        for (size_t i = 0; i < x->dropped.n; i++)
            printf("%s%s", i ? ", " : " (left out: ", x->dropped.v[i]);
        printf("%s", x->dropped.n ? ")" : "");
        for (size_t i = 0; i + 1 < x->related.n; i += 2)
            printf(" (%s: none; related: %s)", x->related.v[i], x->related.v[i + 1]);
        printf("\n");
        if (r->suggestion)
            printf("Did you mean: %s\n", r->suggestion);
    }
    printf("%u result%s%s%s", r->total, r->total == 1 ? "" : "s", r->query[0] ? " for: " : "", r->query);
    if (r->n_hits)
        printf(" (showing %u-%u)", r->offset + 1, r->offset + (unsigned)r->n_hits);
    printf("\n\n");
    if (r->has_facets) {
        print_facet("years", &r->years);
        print_facet("towns", &r->towns);
        print_facet("bodies", &r->bodies);
        print_facet("organisations", &r->orgs);
        printf("\n");
    }
    for (size_t i = 0; i < r->n_hits; i++)
        print_hit(&r->hits[i], tty);
}

static int parse_sort(const char *s, zp_sort *out)
{
    if (strcmp(s, "relevance") == 0)
        *out = ZP_SORT_RELEVANCE;
    else if (strcmp(s, "date") == 0)
        *out = ZP_SORT_DATE;
    else if (strcmp(s, "-date") == 0)
        *out = ZP_SORT_DATE_DESC;
    else {
        char msg[512];
        snprintf(msg, sizeof msg, "--sort wants relevance, date or -date, not '%s'", s);
        complain(msg);
        return -1;
    }
    return 0;
}

enum { OPT_YEAR = 256, OPT_SINCE, OPT_UNTIL, OPT_TOWN, OPT_BODY, OPT_ORG, OPT_PERSON, OPT_DECISIONS,
       OPT_SORT, OPT_FACETS, OPT_TIMELINE, OPT_PAGE, OPT_LIKE, OPT_GROUP, OPT_CSV, OPT_PARTIAL };

/* Every hit as CSV (at most ZP_EXPORT_MAX_HITS); says on stderr when the
 * cap left hits out. */
static int export_csv(const zp_search_req *req)
{
    zp_buf out = ZP_BUF_INIT;
    unsigned total, done;
    char err[1024];
    int rc = zp_search_export(req, &out, &total, &done, err, sizeof err);
    if (rc == 0)
        fwrite(zp_buf_str(&out), 1, out.len, stdout);
    zp_buf_free(&out);
    if (rc) {
        complain(err);
        return 2;
    }
    if (total > done)
        fprintf(stderr, "zapisy-search: exported %u of %u hits (at most %d)\n", done, total, ZP_EXPORT_MAX_HITS);
    return total ? 0 : 1;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },          { "limit", required_argument, NULL, 'l' },
        { "offset", required_argument, NULL, 'o' },      { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },              { "year", required_argument, NULL, OPT_YEAR },
        { "since", required_argument, NULL, OPT_SINCE }, { "until", required_argument, NULL, OPT_UNTIL },
        { "town", required_argument, NULL, OPT_TOWN },   { "body", required_argument, NULL, OPT_BODY },
        { "org", required_argument, NULL, OPT_ORG },     { "person", required_argument, NULL, OPT_PERSON },
        { "decisions", no_argument, NULL, OPT_DECISIONS }, { "sort", required_argument, NULL, OPT_SORT },
        { "facets", no_argument, NULL, OPT_FACETS },     { "timeline", no_argument, NULL, OPT_TIMELINE },
        { "page", required_argument, NULL, OPT_PAGE },   { "like", required_argument, NULL, OPT_LIKE },
        { "group", no_argument, NULL, OPT_GROUP },       { "csv", no_argument, NULL, OPT_CSV },
        { "allow-partial", no_argument, NULL, OPT_PARTIAL },
        { NULL, 0, NULL, 0 },
    };
    zp_filter filters[MAX_FILTERS];
    zp_search_req req;
    memset(&req, 0, sizeof req);
    req.db_path = "var/db";
    req.limit = DEFAULT_LIMIT;
    req.filters = filters;
    int json = 0, csv = 0, c;
    unsigned page = 0;
    while ((c = getopt_long(argc, argv, "+d:l:o:jh", opts, NULL)) != -1) {
        if (c >= OPT_YEAR && c <= OPT_PERSON) {
            if (req.n_filters == MAX_FILTERS) {
                fprintf(stderr, "zapisy-search: more than %d filters\n", MAX_FILTERS);
                return 2;
            }
            static const zp_filter_kind kinds[] = { ZP_FILTER_YEAR, ZP_FILTER_SINCE, ZP_FILTER_UNTIL,
                                                    ZP_FILTER_TOWN, ZP_FILTER_BODY,  ZP_FILTER_ORG,
                                                    ZP_FILTER_PERSON };
            filters[req.n_filters++] = (zp_filter){ kinds[c - OPT_YEAR], optarg };
            continue;
        }
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
        case OPT_DECISIONS: req.decisions = 1; break;
        case OPT_SORT:
            if (parse_sort(optarg, &req.sort) < 0)
                return 2;
            break;
        case OPT_FACETS: req.facets = 1; break;
        case OPT_TIMELINE: req.timeline = 1; break;
        case OPT_PAGE:
            if (parse_count("--page", optarg, 100000, &page) < 0)
                return 2;
            if (page == 0) {
                complain("--page counts from 1");
                return 2;
            }
            break;
        case OPT_LIKE: req.like = optarg; break;
        case OPT_GROUP: req.group = 1; break;
        case OPT_CSV: csv = 1; break;
        case OPT_PARTIAL: req.allow_partial = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    zp_buf q = ZP_BUF_INIT;
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            zp_buf_addc(&q, ' ');
        zp_buf_adds(&q, argv[i]);
    }
    req.query = zp_buf_str(&q);
    req.query_len = q.len;
    if (page)
        req.offset = (page - 1) * req.limit;
    if (csv) {
        int status = export_csv(&req);
        zp_buf_free(&q);
        return status;
    }
    /* the text lists a decision's number and vote, not its text */
    req.bare_decisions = !json;
    zp_results *r = NULL;
    char err[1024];
    int rc = zp_search_run(&req, &r, err, sizeof err);
    zp_buf_free(&q);
    if (rc) {
        complain(err);
        return rc == ZX_ERR_BUILDING ? 1 : 2;   /* no hits yet, no error */
    }
    /* shards left out: said on standard error whatever the output's form */
    for (size_t i = 0; i + 1 < r->partial.n; i += 2) {
        zp_buf m = ZP_BUF_INIT;
        zp_buf_printf(&m, "results without shard %s: %s", r->partial.v[i], r->partial.v[i + 1]);
        complain(zp_buf_str(&m));
        zp_buf_free(&m);
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
