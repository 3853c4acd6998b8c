/* Query normalisation.  Xapian's query parser tokenizes on its own, so the
 * query is rewritten until the parser can only see our tokens: each word is
 * replaced by its folded form, words joined without spaces (16.1.2025,
 * e-mail) become a "phrase" -- which is how they were indexed -- and of the
 * characters between words only the parser's syntax survives. */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "tokenize.h"

#define MAX_QUERY_TOKENS (ZP_MAX_QUERY_BYTES / 2 + 1)

typedef struct {
    size_t start, end;
    char *term;
    int glued;
} qtok;

typedef struct {
    qtok *toks;
    size_t n;
    int oom;
} tok_list;

static int collect(const zp_token *t, void *ud)
{
    tok_list *l = ud;
    if (t->pos_inc == 0)   /* alternative forms: the parser phrases the parts */
        return 0;
    if (l->n >= MAX_QUERY_TOKENS)
        return 1;
    char *term = malloc(t->term_len + 1);
    if (!term) {
        l->oom = 1;
        return 1;
    }
    memcpy(term, t->term, t->term_len);
    term[t->term_len] = '\0';
    l->toks[l->n++] = (qtok){ t->start, t->end, term, t->glued };
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static const char *const operators[] = { "AND", "OR", "NOT", "XOR", "NEAR", "ADJ", NULL };

static int is_operator(const char *s, size_t len)
{
    for (const char *const *op = operators; *op; op++)
        if (strlen(*op) == len && memcmp(*op, s, len) == 0)
            return 1;
    return 0;
}

/* Copies the syntax in text[from, to) between two words. */
static void copy_gap(zp_buf *out, const char *text, size_t from, size_t to, int *in_quote)
{
    for (size_t i = from; i < to; i++) {
        char c = text[i];
        int before_ok = (i == 0 || is_space(text[i - 1]) || text[i - 1] == '(' || text[i - 1] == '"');
        int after_word = (i + 1 == to || text[i + 1] == '"' || text[i + 1] == '(');
        if (c == '"') {
            *in_quote = !*in_quote;
            zp_buf_addc(out, '"');
        } else if ((c == '(' || c == ')') && !*in_quote) {
            zp_buf_addc(out, c);
        } else if ((c == '+' || c == '-') && !*in_quote && before_ok && after_word) {
            zp_buf_addc(out, c);
        } else if (out->len > 0 && out->data[out->len - 1] != ' ') {
            zp_buf_addc(out, ' ');
        }
    }
}

static int add_wildcard(zp_query *q, const char *prefix)
{
    char **w = realloc(q->wildcards, (q->n_wildcards + 1) * sizeof *w);
    if (!w)
        return -1;
    q->wildcards = w;
    w[q->n_wildcards] = strdup(prefix);
    if (!w[q->n_wildcards])
        return -1;
    q->n_wildcards++;
    return 0;
}

static int is_field(const char *const *fields, const char *term)
{
    for (; fields && *fields; fields++)
        if (strcmp(*fields, term) == 0)
            return 1;
    return 0;
}

static int rewrite(const char *text, size_t len, const tok_list *l, const char *const *fields,
                   zp_query *q, zp_buf *out)
{
    int in_quote = 0, words = 0, after_field = 0;
    size_t cursor = 0;
    for (size_t i = 0; i < l->n;) {
        const qtok *t = &l->toks[i];
        if (!after_field)
            copy_gap(out, text, cursor, t->start, &in_quote);
        if (!in_quote && !after_field && is_operator(text + t->start, t->end - t->start)) {
            zp_buf_add(out, text + t->start, t->end - t->start);
            cursor = t->end;
            i++;
            continue;
        }
        /* field:value -- the field name as the parser knows it, then the value. */
        if (!in_quote && !after_field && t->end < len && text[t->end] == ':' &&
            i + 1 < l->n && l->toks[i + 1].start == t->end + 1 && is_field(fields, t->term)) {
            zp_buf_adds(out, t->term);
            zp_buf_addc(out, ':');
            cursor = t->end + 1;
            after_field = 1;
            i++;
            continue;
        }
        after_field = 0;
        size_t j = i + 1;
        while (j < l->n && l->toks[j].glued)
            j++;
        int phrase = (j - i > 1) && !in_quote;
        if (phrase)
            zp_buf_addc(out, '"');
        for (size_t k = i; k < j; k++) {
            if (k > i)
                zp_buf_addc(out, ' ');
            zp_buf_adds(out, l->toks[k].term);
        }
        if (phrase)
            zp_buf_addc(out, '"');
        words++;
        cursor = l->toks[j - 1].end;
        if (cursor < len && text[cursor] == '*' && j - i == 1 && !in_quote) {
            zp_buf_addc(out, '*');
            if (add_wildcard(q, t->term) < 0)
                return -1;
            cursor++;
        }
        i = j;
    }
    copy_gap(out, text, cursor, len, &in_quote);
    while (out->len > 0 && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
    return words;
}

int zp_query_normalize(const char *q, size_t len, const char *const *fields, zp_query *out,
                       char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len > ZP_MAX_QUERY_BYTES) {
        snprintf(err, errlen, "query too long: %zu bytes (at most %d)", len, ZP_MAX_QUERY_BYTES);
        return -1;
    }
    zp_buf clean = ZP_BUF_INIT, xq = ZP_BUF_INIT;
    long bad = zp_fold_clean_text(q, len, &clean);
    if (bad != 0) {
        snprintf(err, errlen, bad < 0 ? "out of memory" : "query is not valid UTF-8 text");
        zp_buf_free(&clean);
        return -1;
    }
    tok_list l = { calloc(MAX_QUERY_TOKENS, sizeof(qtok)), 0, 0 };
    int rc = -1;
    if (!l.toks || zp_tok_each(zp_buf_str(&clean), clean.len, collect, &l) < 0 || l.oom) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    int words = rewrite(zp_buf_str(&clean), clean.len, &l, fields, out, &xq);
    if (words < 0 || xq.oom) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    if (words == 0) {
        snprintf(err, errlen, "empty query: give at least one word to search for");
        goto done;
    }
    out->xapian = zp_buf_steal(&xq);
    rc = out->xapian ? 0 : -1;
done:
    for (size_t i = 0; i < l.n; i++)
        free(l.toks[i].term);
    free(l.toks);
    zp_buf_free(&clean);
    zp_buf_free(&xq);
    if (rc < 0)
        zp_query_free(out);
    return rc;
}

void zp_query_free(zp_query *q)
{
    free(q->xapian);
    for (size_t i = 0; i < q->n_wildcards; i++)
        free(q->wildcards[i]);
    free(q->wildcards);
    memset(q, 0, sizeof *q);
}
