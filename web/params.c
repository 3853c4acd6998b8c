/* Query-string decoding for the CGI. */
#include "params.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..len) into a new string; NULL when a %-escape is bad. */
static char *decode(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%') {
            int a = i + 1 < len ? hex(s[i + 1]) : -1, b = i + 2 < len ? hex(s[i + 2]) : -1;
            int h = (a < 0 || b < 0) ? -1 : a * 16 + b;
            if (h < 0) {
                free(out);
                return NULL;
            }
            out[o++] = (char)h;
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    /* a NUL from %00 would cut the value short: refuse it too */
    if (strlen(out) != o) {
        free(out);
        return NULL;
    }
    return out;
}

static int valid_utf8(const char *s)
{
    zp_buf b = ZP_BUF_INIT;
    long bad = zp_fold_clean_text(s, strlen(s), &b);
    zp_buf_free(&b);
    return bad == 0;
}

int web_params_parse(const char *qs, web_params *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!qs)
        return 0;
    size_t len = strlen(qs);
    if (len > WEB_MAX_QUERY_STRING) {
        snprintf(err, errlen, "Adresa je příliš dlouhá (%zu bajtů, nejvýše %d).", len, WEB_MAX_QUERY_STRING);
        return -1;
    }
    const char *p = qs;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        if (n > 0) {
            if (out->n == WEB_MAX_PARAMS) {
                snprintf(err, errlen, "Adresa má příliš mnoho parametrů (nejvýše %d).", WEB_MAX_PARAMS);
                web_params_free(out);
                return -1;
            }
            const char *eq = memchr(p, '=', n);
            size_t nl = eq ? (size_t)(eq - p) : n;
            char *name = decode(p, nl), *value = eq ? decode(eq + 1, n - nl - 1) : strdup("");
            if (!name || !value || !valid_utf8(name) || !valid_utf8(value)) {
                free(name);
                free(value);
                snprintf(err, errlen, "Adresa obsahuje neplatně zakódované znaky.");
                web_params_free(out);
                return -1;
            }
            out->v[out->n++] = (web_param){ name, value };
        }
        p += n + (amp ? 1 : 0);
    }
    return 0;
}

void web_params_free(web_params *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].name);
        free(p->v[i].value);
    }
    p->n = 0;
}

const char *web_param_get(const web_params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0)
            return p->v[i].value;
    return NULL;
}

void web_url_encode(zp_buf *out, const char *s)
{
    static const char hexd[] = "0123456789ABCDEF";
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
            strchr("-_.~", *c)) {
            zp_buf_addc(out, (char)*c);
        } else {
            zp_buf_addc(out, '%');
            zp_buf_addc(out, hexd[*c >> 4]);
            zp_buf_addc(out, hexd[*c & 15]);
        }
    }
}
