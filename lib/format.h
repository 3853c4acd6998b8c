/* Output encodings shared by every front end: JSON and HTML escaping, and
 * the JSON form of search results (the CLI's --json and the CGI's
 * format=json print the very same bytes). */
#ifndef ZP_FORMAT_H
#define ZP_FORMAT_H

#include <stddef.h>

#include "buf.h"
#include "meta.h"

/* Appends s[0..len) HTML-escaped (& < > " '), for text and attributes. */
int zp_fmt_html(zp_buf *out, const char *s, size_t len);

/* Appends s[0..len) with control characters escaped (newline as \n, ESC
 * as \x1b, ...): for file names in messages and on terminals. */
int zp_fmt_printable(zp_buf *out, const char *s, size_t len);

/* Appends s[0..len) as a JSON string literal, quotes included; invalid
 * UTF-8 becomes U+FFFD so the output is always valid JSON. */
int zp_fmt_json_string(zp_buf *out, const char *s, size_t len);
int zp_fmt_json_cstr(zp_buf *out, const char *s);

/* What a resolution is, in Czech, for a person: "usnesení 1/2021 ·
 * schvaluje · pro 8, proti 0, zdržel se 0 · přijato" (only the parts the
 * minutes give; nothing for a decision with none).  Plain text; escape it
 * for HTML. */
int zp_fmt_decision(zp_buf *out, const zp_decision *d);

#endif
