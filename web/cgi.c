/* zapisy.cgi: the search page and its JSON API over CGI/1.1 or FastCGI.
 * This file owns the HTTP side: method, status, headers, serving an indexed
 * document; the page is web/page.c, the search lib/search.c.
 * Run by a web server as a CGI program it answers one request and exits;
 * started by it as a FastCGI application (lighttpd's mod_fastcgi) it
 * answers request after request, keeping the database open and moving it
 * to the indexer's latest commit before each search.  libfcgi's stdio
 * makes the same printf reach either.
 * Environment (read once, at start): ZAPISY_DB (default var/db),
 * ZAPISY_TEMPLATES (default web/templates), ZAPISY_STATIC (URL of the
 * static files, default static/), ZAPISY_LEXICON. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "format.h"
#include "lemma.h"
#include "page.h"
#include "params.h"
#include "search.h"
#include "zx.h"

/* Last: libfcgi's stdio turns printf and fwrite into its own, which must
 * not reach the headers above (buf.h declares a printf-like function). */
#include <fcgi_stdio.h>
#include <fcgiapp.h>

/* The address space of one request: a search needs tens of megabytes. */
#define WEB_MAX_MEMORY (1024UL * 1024 * 1024)

static const char security_headers[] =
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: same-origin\r\n"
    "X-Frame-Options: DENY\r\n";
static const char page_csp[] =
    "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n";

static int head_only;

/* A line of the server's error log; a path's control characters are
 * escaped, so no file name forges a log line. */
static void log_error(const char *msg)
{
    zp_buf p = ZP_BUF_INIT;
    zp_fmt_printable(&p, msg, strlen(msg));
    fprintf(stderr, "zapisy.cgi: %s\n", zp_buf_str(&p));
    zp_buf_free(&p);
}

static const char *status_text(int status)
{
    switch (status) {
    case 200: return "200 OK";
    case 400: return "400 Bad Request";
    case 404: return "404 Not Found";
    case 405: return "405 Method Not Allowed";
    case 503: return "503 Service Unavailable";
    default: return "500 Internal Server Error";
    }
}

/* Writes a formatted header block.  libfcgi's printf knows no %zu or
 * %lld: the text is formatted by the C library, then written. */
static void headers(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
static void headers(const char *fmt, ...)
{
    char text[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n > 0)
        fwrite(text, 1, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1, stdout);
}

static void respond(int status, const char *type, const char *extra, const char *body, size_t len)
{
    headers("Status: %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nCache-Control: no-store\r\n%s%s\r\n",
            status_text(status), type, len, security_headers, extra ? extra : "");
    if (!head_only)
        fwrite((void *)(uintptr_t)body, 1, len, stdout);   /* libfcgi's fwrite takes no const */
    fflush(stdout);
}

/* The plain fallback when even the templates fail: never a bare 500 page. */
static void respond_plain(int status, const char *message)
{
    respond(status, "text/plain; charset=utf-8", NULL, message, strlen(message));
}

static void respond_json_error(int status, const char *message)
{
    zp_buf b = ZP_BUF_INIT;
    zp_buf_adds(&b, "{\"error\":");
    zp_fmt_json_cstr(&b, message);
    zp_buf_adds(&b, "}\n");
    respond(status, "application/json; charset=utf-8", NULL, zp_buf_str(&b), b.len);
    zp_buf_free(&b);
}

static void respond_page(const web_site *site, int status, const web_request *req, const zp_results *r,
                         const char *heading, const char *message)
{
    if (req && req->json && heading) {
        respond_json_error(status, message);
        return;
    }
    zp_buf b = ZP_BUF_INIT;
    char err[512];
    if (web_page(site, req, r, heading, message, &b, err, sizeof err) < 0) {
        log_error(err);
        respond_plain(heading ? status : 503, heading ? message : "Vyhledávání je dočasně nedostupné.");
    } else {
        respond(status, "text/html; charset=utf-8", page_csp, zp_buf_str(&b), b.len);
    }
    zp_buf_free(&b);
}

/* What a person is told about a query or filter the search refused. */
static const char *query_message(const char *err)
{
    static const struct {
        const char *needle, *message;
    } known[] = {
        { "empty query", "Zadejte alespoň jedno slovo, které se má hledat." },
        { "too long", "Dotaz je příliš dlouhý (nejvýše 1 024 bajtů)." },
        { "not valid UTF-8", "Dotaz obsahuje neplatné znaky." },
        { "is not a date", "Datu ve filtru nerozumíme. Použijte 2019, 2019-06, 2019-06-30 nebo 30. 6. 2019." },
        { "is not a year", "Rok zadejte čtyřmi číslicemi, například 2019." },
        { "empty filter", "Filtr nemá žádnou hodnotu." },
        { "too broad", "Dotaz je příliš široký: slovo s hvězdičkou odpovídá příliš mnoha slovům, nebo je hvězdiček moc. Napište víc písmen." },
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strstr(err, known[i].needle))
            return known[i].message;
    return "Dotazu nerozumíme. Zkuste ho napsat jinak.";
}

static void serve_document(const char *db, const char *id)
{
    char *path = NULL, *mime = NULL, err[512];
    int fd = -1;
    int rc = zp_search_open_document(db, id, &fd, &path, &mime, err, sizeof err);
    if (rc == ZX_ERR_ARG) {
        /* no such document, or its file gone, outside the archive or
         * behind a link: the log says which, the page only that it is not
         * here */
        if (strncmp(err, "not a document id", 17) != 0 && !strstr(err, "no document"))
            log_error(err);
        respond_plain(404, "Takový dokument v rejstříku není nebo jeho soubor už na disku není; přeindexujte archiv.");
        return;
    }
    if (rc) {
        log_error(err);
        respond_plain(503, "Vyhledávání je dočasně nedostupné.");
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        respond_plain(404, "Soubor tohoto dokumentu už na disku není; přeindexujte archiv.");
        free(path);
        free(mime);
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    zp_buf type = ZP_BUF_INIT, extra = ZP_BUF_INIT;
    /* Markdown is shown as the text it is: browsers download text/markdown */
    zp_buf_adds(&type, strcmp(mime, "text/markdown") == 0 ? "text/plain" : mime);
    if (strncmp(mime, "text/", 5) == 0)
        zp_buf_adds(&type, "; charset=utf-8");
    zp_buf_adds(&extra, "Content-Security-Policy: default-src 'none'; sandbox\r\n"
                        "Content-Disposition: inline; filename*=UTF-8''");
    web_url_encode(&extra, base);
    zp_buf_adds(&extra, "\r\n");
    headers("Status: 200 OK\r\nContent-Type: %s\r\nContent-Length: %lld\r\n%s%s\r\n", zp_buf_str(&type),
            (long long)st.st_size, security_headers, zp_buf_str(&extra));
    char chunk[65536];
    ssize_t n;
    while (!head_only && (n = read(fd, chunk, sizeof chunk)) > 0)
        fwrite(chunk, 1, (size_t)n, stdout);
    fflush(stdout);
    close(fd);
    zp_buf_free(&type);
    zp_buf_free(&extra);
    free(path);
    free(mime);
}

/* A shard down: which one, and how to search the others. */
static const char *shard_message(const char *err)
{
    static char msg[1400];
    const char *shard = strstr(err, "shard ");
    snprintf(msg, sizeof msg, "Část rejstříku zápisů neodpovídá (%s). Výsledky z ostatních částí ukáže stejné hledání "
             "s parametrem partial=1.", shard ? shard : err);
    return msg;
}

static void search_failed(const web_site *site, const web_request *req, int rc, const char *err)
{
    if (rc == ZX_ERR_QUERY) {
        respond_page(site, 400, req, NULL, "Tomuto dotazu nerozumíme", query_message(err));
        return;
    }
    log_error(err);
    respond_page(site, 503, req, NULL, "Vyhledávání je dočasně nedostupné",
                 rc == ZX_ERR_NO_DB ? "Rejstřík zápisů zatím neexistuje nebo není dostupný. Zkuste to prosím později."
                 : rc == ZX_ERR_BUILDING ? "Rejstřík zápisů se právě vytváří. Zkuste to prosím za chvíli znovu."
                 : rc == ZX_ERR_STALE ? "Rejstřík zápisů vytvořila starší verze programu a je třeba jej vytvořit znovu (zapisy-index)."
                 : rc == ZX_ERR_SHARD ? shard_message(err)
                                      : "Rejstřík zápisů se právě nedá číst. Zkuste to prosím za chvíli znovu.");
}

/* What a search and a document's page both ask: the database, the words
 * as typed, decisions only, partial results. */
static void request_of(const char *db, const web_request *req, zp_search_req *sr)
{
    memset(sr, 0, sizeof *sr);
    sr->db_path = db;
    sr->query = req->q;
    sr->query_len = strlen(req->q);
    sr->decisions = req->decisions;
    sr->allow_partial = req->partial;
}

/* ?doc=ID: the document to read, its matches of q marked. */
static void view_document(const web_site *site, const char *db, const web_request *req, const char *id)
{
    zp_search_req sr;
    request_of(db, req, &sr);
    zp_results *r = NULL;
    char err[1024];
    int rc = zp_search_view(&sr, id, &r, err, sizeof err);
    if (rc == ZX_ERR_ARG) {
        respond_page(site, 404, req, NULL, "Dokument nenalezen", "Takový zápis v rejstříku není (možná byl mezitím odstraněn).");
        return;
    }
    if (rc) {
        search_failed(site, req, rc, err);
        return;
    }
    zp_buf page = ZP_BUF_INIT;
    if (web_document_page(site, req, r, &page, err, sizeof err) < 0) {
        log_error(err);
        respond_plain(503, "Stránku se nepodařilo sestavit.");
    } else {
        respond(200, "text/html; charset=utf-8", page_csp, zp_buf_str(&page), page.len);
    }
    zp_buf_free(&page);
    zp_results_free(r);
}

/* format=csv: every hit (at most ZP_EXPORT_MAX_HITS) for a spreadsheet,
 * run a page of ZP_SEARCH_MAX_LIMIT at a time.  X-Zapisy-Total and
 * X-Zapisy-Exported say how many there were and how many the file holds. */
static void export_csv(const web_site *site, const web_request *req, const zp_search_req *sr)
{
    zp_buf csv = ZP_BUF_INIT;
    unsigned total, done;
    char err[1024], extra[256];
    int rc = zp_search_export(sr, &csv, &total, &done, err, sizeof err);
    if (rc == 0) {
        snprintf(extra, sizeof extra,
                 "Content-Disposition: attachment; filename=\"zapisy.csv\"\r\nX-Zapisy-Total: %u\r\n"
                 "X-Zapisy-Exported: %u\r\n",
                 total, done);
        respond(200, "text/csv; charset=utf-8", extra, zp_buf_str(&csv), csv.len);
    } else if (rc == ZX_ERR_NOMEM) {
        respond_plain(503, "Na export teď nestačí paměť.");
    } else {
        search_failed(site, req, rc, err);
    }
    zp_buf_free(&csv);
}

static void search(const web_site *site, const char *db, const web_request *req)
{
    zp_search_req sr;
    request_of(db, req, &sr);
    sr.limit = req->per_page;
    sr.offset = (req->page - 1) * req->per_page;
    if (req->json && req->has_json_page) {
        sr.limit = req->json_limit;
        sr.offset = req->json_offset;
    }
    sr.filters = req->filters;
    sr.n_filters = req->n_filters;
    sr.sort = req->sort;
    sr.like = req->like;
    sr.group = req->group;
    /* the timeline belongs to the first page */
    sr.facets = 1;
    sr.timeline = req->json || req->page == 1;
    if (req->csv) {
        export_csv(site, req, &sr);
        return;
    }
    /* a results page shows a decision's number and vote, not its text */
    sr.bare_decisions = !req->json;
    zp_results *r = NULL;
    char err[1024];
    int rc = zp_search_run(&sr, &r, err, sizeof err);
    if (rc) {
        search_failed(site, req, rc, err);
        return;
    }
    if (req->json) {
        zp_buf b = ZP_BUF_INIT;
        zp_search_json(r, &b);
        zp_buf_addc(&b, '\n');
        respond(200, "application/json; charset=utf-8", NULL, zp_buf_str(&b), b.len);
        zp_buf_free(&b);
    } else {
        respond_page(site, 200, req, r, NULL, NULL);
    }
    zp_results_free(r);
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static void handle(const web_site *site_, const char *db)
{
    web_site site = *site_;
    const char *method = env_or("REQUEST_METHOD", "GET");
    head_only = strcmp(method, "HEAD") == 0;
    if (strcmp(method, "GET") != 0 && !head_only) {
        headers("Allow: GET, HEAD\r\n");
        respond_plain(405, "Vyhledávání přijímá jen dotazy GET.");
        return;
    }
    web_params params;
    char err[512];
    if (web_params_parse(getenv("QUERY_STRING"), &params, err, sizeof err) < 0) {
        respond_page(&site, 400, NULL, NULL, "Neplatná adresa", err);
        return;
    }
    const char *doc = web_param_get(&params, "doc");
    const char *original = web_param_get(&params, "original");
    web_request req;
    if (doc && original && strcmp(original, "0") != 0) {
        serve_document(db, doc);   /* the file as archived */
    } else if (web_request_from(&params, &req, err, sizeof err) < 0) {
        respond_page(&site, 400, &req, NULL, "Neplatný parametr", err);
    } else if (doc) {
        view_document(&site, db, &req, doc);
    } else if (!web_param_get(&params, "q") && req.n_filters == 0 && !req.json && !req.like && !req.csv) {
        /* the start page: examples; a sent empty box browses */
        respond_page(&site, 200, &req, NULL, NULL, NULL);
    } else {
        search(&site, db, &req);
    }
    web_params_free(&params);
}

int main(void)
{
    /* one request may not take the machine's memory, whatever it asks */
    struct rlimit mem = { WEB_MAX_MEMORY, WEB_MAX_MEMORY };
    setrlimit(RLIMIT_AS, &mem);
    /* Under FastCGI each request brings its own environment: the
     * configuration is read now, and the lexicon mapped. */
    char *templates = strdup(env_or("ZAPISY_TEMPLATES", "web/templates"));
    char *statics = strdup(env_or("ZAPISY_STATIC", "static/"));
    char *db = strdup(env_or("ZAPISY_DB", "var/db"));
    if (!templates || !statics || !db)
        return 1;
    zp_lemma_available();
    web_site site = { templates, statics };
    if (!FCGX_IsCGI())
        zp_search_keep_open(1);
    while (FCGI_Accept() >= 0)
        handle(&site, db);
    zp_search_keep_open(0);
    free(templates);
    free(statics);
    free(db);
    return 0;
}
