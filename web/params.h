/* CGI request parameters: QUERY_STRING decoded into name/value pairs,
 * refusing what is malformed (bad percent-encoding, invalid UTF-8,
 * oversize) instead of guessing. */
#ifndef WEB_PARAMS_H
#define WEB_PARAMS_H

#include <stddef.h>

#include "buf.h"

/* Longest QUERY_STRING accepted: a query (1 KB at most), filters and
 * paging fit many times over; more is an attack or an accident. */
#define WEB_MAX_QUERY_STRING 8192
/* Most parameters in one request. */
#define WEB_MAX_PARAMS 64

typedef struct {
    char *name, *value;   /* decoded, valid UTF-8 */
} web_param;

typedef struct {
    web_param v[WEB_MAX_PARAMS];
    size_t n;
} web_params;

/* Parses qs ("a=1&b=x%20y"; '+' is a space).  Returns 0, or -1 with a
 * message in Czech for the person (err) when the string is too long,
 * has a bad %-escape or invalid UTF-8, or too many parameters. */
int web_params_parse(const char *qs, web_params *out, char *err, size_t errlen);
void web_params_free(web_params *p);

/* The first value of name, or NULL. */
const char *web_param_get(const web_params *p, const char *name);

/* Appends s percent-encoded for a URL query value. */
void web_url_encode(zp_buf *out, const char *s);

#endif
