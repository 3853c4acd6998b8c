/* A minimal template renderer: substitution only, escaping by default.
 * Repetition (hits, facet values) is done by rendering a small template
 * per item and passing the result to the page as {{{raw}}} HTML. */
#include "template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

void web_var(web_vars *v, const char *name, const char *value)
{
    if (v->n < WEB_MAX_VARS) {
        v->name[v->n] = name;
        v->value[v->n] = value ? value : "";
        v->n++;
    }
}

static const char *lookup(const web_vars *v, const char *name, size_t len)
{
    for (size_t i = v->n; i-- > 0;)
        if (strlen(v->name[i]) == len && memcmp(v->name[i], name, len) == 0)
            return v->value[i];
    return "";
}

/* The templates read so far, kept for the life of the process: under
 * FastCGI a results page renders some thirty of them, and reading each file
 * again was a tenth of a request.  A changed template shows after the web
 * server restarts its FastCGI processes. */
#define WEB_MAX_TEMPLATES 64
static struct {
    char *path;
    char *text;
} loaded[WEB_MAX_TEMPLATES];
static size_t n_loaded;

/* The template's text; *spare is set when it was not kept (the table is
 * full) and the caller frees it. */
static const char *load(const char *dir, const char *name, char **spare, char *err, size_t errlen)
{
    *spare = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (size_t i = 0; i < n_loaded; i++)
        if (strcmp(loaded[i].path, path) == 0)
            return loaded[i].text;
    zp_buf b = ZP_BUF_INIT;
    if (zp_buf_read_file(&b, path, err, errlen) < 0) {
        zp_buf_free(&b);
        return NULL;
    }
    char *text = zp_buf_steal(&b);
    if (!text) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    char *key = n_loaded < WEB_MAX_TEMPLATES ? strdup(path) : NULL;
    if (!key) {
        *spare = text;
        return text;
    }
    loaded[n_loaded].path = key;
    loaded[n_loaded].text = text;
    n_loaded++;
    return text;
}

int web_render(const char *dir, const char *name, const web_vars *vars, zp_buf *out, char *err,
               size_t errlen)
{
    char *spare;
    const char *t = load(dir, name, &spare, err, errlen);
    if (!t)
        return -1;
    const char *p = t;
    for (;;) {
        const char *open = strstr(p, "{{");
        if (!open) {
            zp_buf_adds(out, p);
            break;
        }
        zp_buf_add(out, p, (size_t)(open - p));
        int raw = open[2] == '{';
        const char *s = open + (raw ? 3 : 2);
        const char *close = strstr(s, raw ? "}}}" : "}}");
        if (!close) {
            zp_buf_adds(out, open);
            break;
        }
        const char *value = lookup(vars, s, (size_t)(close - s));
        if (raw)
            zp_buf_adds(out, value);
        else
            zp_fmt_html(out, value, strlen(value));
        p = close + (raw ? 3 : 2);
    }
    free(spare);
    return out->oom ? -1 : 0;
}
