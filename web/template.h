/* Templates: HTML files under web/templates with {{name}} (the value
 * HTML-escaped: safe in text and in quoted attributes) and {{{name}}} (the
 * value as it is: only for HTML this program built from escaped parts). */
#ifndef WEB_TEMPLATE_H
#define WEB_TEMPLATE_H

#include <stddef.h>

#include "buf.h"

#define WEB_MAX_VARS 32

typedef struct {
    const char *name[WEB_MAX_VARS];
    const char *value[WEB_MAX_VARS];
    size_t n;
} web_vars;

void web_var(web_vars *v, const char *name, const char *value);

/* Renders template file dir/name with vars, appending to out.  0, or -1
 * with a message when the file cannot be read. */
int web_render(const char *dir, const char *name, const web_vars *vars, zp_buf *out, char *err,
               size_t errlen);

#endif
