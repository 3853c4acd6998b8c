/* Shown forms of facet values, counted over the documents that wrote them. */
#include "shown_form.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;       /* the form, in the stored value (not terminated) */
    size_t len;
    unsigned long count;
} form_count;

typedef struct {
    form_count *v;
    size_t n, cap;
} form_counts;

static int counts_add(form_counts *c, const char *s, size_t len, unsigned long count)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].len == len && memcmp(c->v[i].s, s, len) == 0) {
            c->v[i].count += count;
            return 0;
        }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        form_count *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = (form_count){ s, len, count };
    return 0;
}

/* The lines of stored: "count<TAB>form", or a form alone (counted once). */
static int counts_read(const char *stored, form_counts *c)
{
    for (const char *line = stored; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        size_t d = 0;
        unsigned long count = 0;
        while (d < len && d < 9 && line[d] >= '0' && line[d] <= '9')
            count = count * 10 + (unsigned long)(line[d++] - '0');
        const char *form = line;
        size_t flen = len;
        if (d > 0 && d < len && line[d] == '\t') {
            form = line + d + 1;
            flen = len - d - 1;
        } else {
            count = 1;
        }
        if (flen && counts_add(c, form, flen, count) < 0)
            return -1;
        line = end ? end + 1 : line + len;
    }
    return 0;
}

static void display_rank(const char *s, size_t len, unsigned *accented, unsigned *capitals)
{
    *accented = *capitals = 0;
    for (const unsigned char *p = (const unsigned char *)s; p < (const unsigned char *)s + len; p++) {
        *accented += *p >= 0xC0;   /* the lead byte of a non-ASCII letter */
        *capitals += *p >= 'A' && *p <= 'Z';
    }
}

static int better(const char *a, size_t alen, const char *b, size_t blen)
{
    unsigned acc_a, cap_a, acc_b, cap_b;
    display_rank(a, alen, &acc_a, &cap_a);
    display_rank(b, blen, &acc_b, &cap_b);
    if (acc_a != acc_b)
        return acc_a > acc_b;
    if (cap_a != cap_b)
        return cap_a < cap_b;
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c ? c < 0 : alen < blen;
}

int zp_display_better(const char *a, const char *b)
{
    return better(a, strlen(a), b, strlen(b));
}

/* Shown first: the most written, ties by zp_display_better. */
static int first(const form_count *a, const form_count *b)
{
    if (a->count != b->count)
        return a->count > b->count;
    return better(a->s, a->len, b->s, b->len);
}

static int by_first(const void *a, const void *b)
{
    return first(b, a) - first(a, b);
}

int zp_shown_forms_count(const char *stored, const char *form, zp_buf *out)
{
    form_counts c = { 0 };
    size_t flen = strcspn(form, "\n");   /* a form is one line */
    int rc = counts_read(stored, &c);
    if (rc == 0 && flen) {
        size_t n = c.n;
        rc = counts_add(&c, form, flen, 1);
        if (rc == 0 && c.n > n && c.n > ZP_SHOWN_FORMS_MAX)
            c.n--;   /* a new form, the list full: not recorded */
    }
    if (rc == 0)
        qsort(c.v, c.n, sizeof *c.v, by_first);
    zp_buf_reset(out);
    for (size_t i = 0; i < c.n && rc == 0; i++)
        zp_buf_printf(out, "%s%lu\t%.*s", i ? "\n" : "", c.v[i].count, (int)c.v[i].len, c.v[i].s);
    free(c.v);
    return rc < 0 || out->oom ? -1 : 0;
}

char *zp_shown_forms_best(const char *stored)
{
    form_counts c = { 0 };
    char *best = NULL;
    if (counts_read(stored, &c) == 0 && c.n) {
        size_t b = 0;
        for (size_t i = 1; i < c.n; i++)
            if (first(&c.v[i], &c.v[b]))
                b = i;
        best = strndup(c.v[b].s, c.v[b].len);
    }
    free(c.v);
    return best;
}
