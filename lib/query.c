/* Query normalisation.  Xapian's query parser tokenizes on its own, so the
 * query is rewritten until the parser can only see our tokens: each word is
 * replaced by its folded form, words joined without spaces (16.1.2025,
 * e-mail) become a "phrase" -- which is how they were indexed -- and of the
 * characters between words only the parser's syntax survives. */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "fold.h"
#include "tokenize.h"

typedef struct {
    size_t start, end;
    char *term;
    int glued;
} qtok;

/* A text's tokens: at most one a two bytes (a word and what ends it). */
typedef struct {
    qtok *toks;
    size_t n, cap;
    int oom;
} tok_list;

static int collect(const zp_token *t, void *ud)
{
    tok_list *l = ud;
    if (t->pos_inc == 0)   /* alternative forms: the parser phrases the parts */
        return 0;
    if (l->n >= l->cap)
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

int zp_query_is_operator(const char *s, size_t len)
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

static int add_string(char ***list, size_t *n, const char *s, size_t len)
{
    for (size_t i = 0; i < *n; i++)
        if (strlen((*list)[i]) == len && memcmp((*list)[i], s, len) == 0)
            return 0;
    char **w = realloc(*list, (*n + 1) * sizeof *w);
    if (!w)
        return -1;
    *list = w;
    w[*n] = strndup(s, len);
    if (!w[*n])
        return -1;
    (*n)++;
    return 0;
}

static int add_wildcard(zp_query *q, const char *prefix)
{
    return add_string(&q->wildcards, &q->n_wildcards, prefix, strlen(prefix));
}

/* A word as typed, when it is only letters that fold to its term: given
 * to the parser as typed, so the stemmer sees its diacritics. */
static int typed_word(const char *text, const qtok *t)
{
    size_t len = t->end - t->start;
    zp_buf f = ZP_BUF_INIT;
    int ok = zp_fold_word(text + t->start, len, &f) == 0 && f.len == strlen(t->term) &&
             memcmp(zp_buf_str(&f), t->term, f.len) == 0;
    zp_buf_free(&f);
    for (size_t i = t->start; ok && i < t->end; i++) {
        unsigned char c = (unsigned char)text[i];
        ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return ok;
}

/* Emits one word: split into its readings when it has several and stands
 * alone ("dane" -> "(zpr_dan OR zpr_dany)": a query word matches any
 * reading), else as typed when the stemmer may see it so, else folded.
 * The exact lemmas of a word typed with diacritics are kept to rank by. */
static int emit_word(zp_query *q, zp_buf *out, const char *text, const qtok *t, int alone)
{
    int typed = typed_word(text, t);
    zp_word_terms w;
    zp_analyse_query_word(typed ? text + t->start : NULL, t->end - t->start, t->term, strlen(t->term), &w);
    for (size_t i = 0; i < w.n_exact; i++) {
        char term[300];
        int n = snprintf(term, sizeof term, ZP_PREFIX_EXACT "%.*s", (int)w.exact_len[i], w.exact[i]);
        if (n > 0 && (size_t)n < sizeof term && add_string(&q->exact, &q->n_exact, term, (size_t)n) < 0)
            return -1;
    }
    if (alone && w.n > 1) {
        zp_buf_addc(out, '(');
        for (size_t i = 0; i < w.n; i++)
            zp_buf_printf(out, "%s" ZP_READING_MARK "%.*s", i ? " OR " : "", (int)w.len[i], w.term[i]);
        zp_buf_addc(out, ')');
    } else if (typed) {
        if (zp_fold_lower(text + t->start, t->end - t->start, out) < 0)
            return -1;
    } else {
        zp_buf_adds(out, t->term);
    }
    return out->oom ? -1 : 0;
}

typedef struct {
    const char *text;
    size_t len;
    const tok_list *l;
    const zp_field *fields;
    size_t n_fields;
    zp_synonym_fn synonyms;
    void *syn_ud;
    zp_query *q;
    zp_buf *out;
    int in_quote;
    int special;         /* an operator, field, phrase, synonym or wildcard */
} rewriter;

/* The field named by a folded term, or NULL. */
static const zp_field *field_named(const zp_field *fields, size_t n_fields, const char *term)
{
    for (size_t i = 0; i < n_fields; i++)
        if (strcmp(fields[i].name, term) == 0)
            return &fields[i];
    return NULL;
}

/* A filter's value after "field:": a "quoted text" or up to a space. */
static size_t take_filter(rewriter *r, int id, size_t at)
{
    size_t s = at, e;
    if (at < r->len && r->text[at] == '"') {
        s = at + 1;
        const char *q = memchr(r->text + s, '"', r->len - s);
        e = q ? (size_t)(q - r->text) : r->len;
        at = q ? e + 1 : e;
    } else {
        e = at;
        while (e < r->len && !is_space(r->text[e]) && r->text[e] != ')')
            e++;
        at = e;
    }
    zp_query_filter *f = realloc(r->q->filters, (r->q->n_filters + 1) * sizeof *f);
    char *v = malloc(e - s + 1);
    if (!f || !v) {
        free(v);
        if (f)
            r->q->filters = f;
        return (size_t)-1;
    }
    memcpy(v, r->text + s, e - s);
    v[e - s] = '\0';
    r->q->filters = f;
    f[r->q->n_filters++] = (zp_query_filter){ id, v };
    return at;
}

/* The longest run of plain words from token i (at most MAX_SYNONYM_WORDS)
 * that has synonyms; emits "(words OR synonyms...)" and returns the run's
 * length, or 0. */
#define MAX_SYNONYM_WORDS 6
static size_t expand_synonyms(rewriter *r, size_t i)
{
    const tok_list *l = r->l;
    size_t max = 0;
    while (i + max < l->n && max < MAX_SYNONYM_WORDS) {
        const qtok *t = &l->toks[i + max];
        if (t->glued || zp_query_is_operator(r->text + t->start, t->end - t->start) ||
            (i + max + 1 < l->n && l->toks[i + max + 1].glued) ||
            (t->end < r->len && strchr("*:\"", r->text[t->end])))
            break;
        if (max > 0) {
            for (size_t g = l->toks[i + max - 1].end; g < t->start; g++)
                if (!is_space(r->text[g]))
                    return 0;
        }
        max++;
    }
    for (size_t k = max; k > 0; k--) {
        zp_buf key = ZP_BUF_INIT;
        for (size_t j = 0; j < k; j++) {
            if (j)
                zp_buf_addc(&key, ' ');
            zp_buf_adds(&key, l->toks[i + j].term);
        }
        zp_strlist syn = { NULL, 0 };
        int found = !key.oom && r->synonyms(zp_buf_str(&key), &syn, r->syn_ud) == 0 && syn.n > 0;
        if (found) {
            zp_buf_addc(r->out, '(');
            zp_buf_adds(r->out, k > 1 ? "\"" : "");
            zp_buf_adds(r->out, zp_buf_str(&key));
            zp_buf_adds(r->out, k > 1 ? "\"" : "");
            for (size_t s = 0; s < syn.n; s++) {
                int phrase = strchr(syn.v[s], ' ') != NULL;
                zp_buf_adds(r->out, phrase ? " OR \"" : " OR ");
                zp_buf_adds(r->out, syn.v[s]);
                zp_buf_adds(r->out, phrase ? "\"" : "");
            }
            zp_buf_addc(r->out, ')');
        }
        zp_strlist_free(&syn);
        zp_buf_free(&key);
        if (found)
            return k;
    }
    return 0;
}

static int rewrite(rewriter *r)
{
    const tok_list *l = r->l;
    const char *text = r->text;
    int words = 0, after_field = 0;
    size_t cursor = 0;
    for (size_t i = 0; i < l->n;) {
        const qtok *t = &l->toks[i];
        if (t->start < cursor) {   /* inside a filter's value */
            i++;
            continue;
        }
        if (!after_field)
            copy_gap(r->out, text, cursor, t->start, &r->in_quote);
        if (!r->in_quote && !after_field && zp_query_is_operator(text + t->start, t->end - t->start)) {
            r->special = 1;
            zp_buf_add(r->out, text + t->start, t->end - t->start);
            cursor = t->end;
            i++;
            continue;
        }
        const zp_field *f = NULL;
        if (!r->in_quote && !after_field && t->end + 1 < r->len && text[t->end] == ':' &&
            !is_space(text[t->end + 1]))
            f = field_named(r->fields, r->n_fields, t->term);
        if (f && f->filter >= 0) {
            size_t at = take_filter(r, f->filter, t->end + 1);
            if (at == (size_t)-1)
                return -1;
            cursor = at;
            i++;
            continue;
        }
        if (f) {
            r->special = 1;
            zp_buf_adds(r->out, t->term);
            zp_buf_addc(r->out, ':');
            cursor = t->end + 1;
            after_field = 1;
            if (cursor < r->len && text[cursor] == '"') {   /* title:"a phrase" */
                zp_buf_addc(r->out, '"');
                r->in_quote = 1;
                cursor++;
            }
            i++;
            continue;
        }
        if (!r->in_quote && !after_field && r->synonyms) {
            size_t k = expand_synonyms(r, i);
            if (k) {
                r->special = 1;
                words++;
                cursor = l->toks[i + k - 1].end;
                i += k;
                continue;
            }
        }
        int was_field = after_field;
        after_field = 0;
        size_t j = i + 1;
        while (j < l->n && l->toks[j].glued)
            j++;
        int phrase = (j - i > 1) && !r->in_quote;
        if (phrase)
            zp_buf_addc(r->out, '"');
        if (j - i > 1 || r->in_quote)
            r->special = 1;
        for (size_t k = i; k < j; k++) {
            const qtok *tk = &l->toks[k];
            if (k > i)
                zp_buf_addc(r->out, ' ');
            int wild = j - i == 1 && tk->end < r->len && text[tk->end] == '*';
            int alone = j - i == 1 && !r->in_quote && !wild && !was_field;
            if (wild)
                zp_buf_adds(r->out, tk->term);
            else if (emit_word(r->q, r->out, text, tk, alone) < 0)
                return -1;
            if (alone && add_string(&r->q->words, &r->q->n_words, text + tk->start, tk->end - tk->start) < 0)
                return -1;
        }
        if (phrase)
            zp_buf_addc(r->out, '"');
        words++;
        cursor = l->toks[j - 1].end;
        if (cursor < r->len && text[cursor] == '*' && j - i == 1 && !r->in_quote) {
            r->special = 1;
            zp_buf_addc(r->out, '*');
            if (add_wildcard(r->q, t->term) < 0)
                return -1;
            cursor++;
        }
        i = j;
    }
    if (cursor < r->len)
        copy_gap(r->out, text, cursor, r->len, &r->in_quote);
    while (r->out->len > 0 && r->out->data[r->out->len - 1] == ' ')
        r->out->data[--r->out->len] = '\0';
    return words;
}

/* Most variants a phrase of ambiguous words is asked as. */
#define MAX_PHRASE_VARIANTS 8

/* A phrase whose words have several readings ("dane z prijmu": daň, daný)
 * becomes an OR of one phrase a combination of readings, so it matches in
 * any of them, as a single word does.  A field's phrase (title:"...")
 * and one of too many combinations keep each word's first reading. */
static int expand_phrases(const char *in, zp_buf *out)
{
    for (size_t i = 0; in[i];) {
        const char *close = in[i] == '"' ? strchr(in + i + 1, '"') : NULL;
        if (!close || (i > 0 && in[i - 1] == ':')) {
            if (close) {
                zp_buf_add(out, in + i, (size_t)(close - in) - i + 1);
                i = (size_t)(close - in) + 1;
            } else {
                zp_buf_addc(out, in[i++]);
            }
            continue;
        }
        /* the words of the phrase and their readings */
        const char *w[32];
        size_t wl[32], n = 0, variants = 1;
        zp_word_terms rd[32];
        for (const char *p = in + i + 1; p < close && n < 32;) {
            while (p < close && *p == ' ')
                p++;
            const char *e = p;
            while (e < close && *e != ' ')
                e++;
            if (e > p) {
                w[n] = p;
                wl[n] = (size_t)(e - p);
                zp_buf f = ZP_BUF_INIT;
                zp_fold_word(p, wl[n], &f);
                zp_analyse_query_word(p, wl[n], zp_buf_str(&f), f.len, &rd[n]);
                if (rd[n].n > 1 && rd[n].known)
                    variants *= rd[n].n;
                else
                    rd[n].n = 1;   /* as typed: the stemmer reads it */
                zp_buf_free(&f);
                if (variants > MAX_PHRASE_VARIANTS)
                    break;
                n++;
            }
            p = e;
        }
        if (variants < 2 || variants > MAX_PHRASE_VARIANTS || n == 32) {
            zp_buf_add(out, in + i, (size_t)(close - in) - i + 1);
            i = (size_t)(close - in) + 1;
            continue;
        }
        zp_buf_addc(out, '(');
        for (size_t v = 0; v < variants; v++) {
            zp_buf_adds(out, v ? " OR \"" : "\"");
            size_t rest = v;
            for (size_t k = 0; k < n; k++) {
                if (k)
                    zp_buf_addc(out, ' ');
                if (rd[k].n > 1) {
                    size_t r = rest % rd[k].n;
                    rest /= rd[k].n;
                    zp_buf_printf(out, ZP_READING_MARK "%.*s", (int)rd[k].len[r], rd[k].term[r]);
                } else {
                    zp_buf_add(out, w[k], wl[k]);
                }
            }
            zp_buf_addc(out, '"');
        }
        zp_buf_addc(out, ')');
        i = (size_t)(close - in) + 1;
    }
    return out->oom ? -1 : 0;
}

/* The text field whose "name:(" opens at s[at] (the name's first byte):
 * its length up to the colon, or 0.  The name as typed ("Rozhodnutí")
 * folds to the field's. */
static size_t field_bracket_at(const char *s, size_t len, size_t at, const zp_field *fields, size_t n_fields)
{
    size_t e = at;
    while (e < len && !is_space(s[e]) && !strchr(":()\"+-", s[e]))
        e++;
    if (e == at || e + 1 >= len || s[e] != ':' || s[e + 1] != '(')
        return 0;
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(s + at, e - at, &f);
    const zp_field *field = f.oom ? NULL : field_named(fields, n_fields, zp_buf_str(&f));
    zp_buf_free(&f);
    return field && field->filter < 0 ? e - at : 0;
}

/* "rozhodnuti:(smlouva pozemek)" -> "(rozhodnuti:smlouva rozhodnuti:pozemek)":
 * Xapian's parser carries no field into brackets (it would search the
 * first word in the field and the rest everywhere), so the field is put
 * before each word and phrase of its bracket, operators and brackets
 * kept.  A word that names a field of its own keeps it. */
static int spread_fields(const char *s, size_t len, const zp_field *fields, size_t n_fields, zp_buf *out)
{
    size_t i = 0;
    while (i < len) {
        size_t n = (i == 0 || is_space(s[i - 1]) || strchr("(+-", s[i - 1])) ? field_bracket_at(s, len, i, fields, n_fields) : 0;
        if (!n) {
            zp_buf_addc(out, s[i++]);
            continue;
        }
        const char *name = s + i;
        zp_buf_addc(out, '(');
        i += n + 2;
        for (int depth = 1; i < len && depth > 0;) {
            char c = s[i];
            if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                zp_buf_addc(out, c);
                i++;
                continue;
            }
            if (is_space(c) || c == '+' || c == '-') {
                zp_buf_addc(out, c);
                i++;
                continue;
            }
            /* a word, a glued run ("16.1.2025", "porad*") or a phrase */
            size_t e = i;
            if (c == '"') {
                const char *q = memchr(s + i + 1, '"', len - i - 1);
                e = q ? (size_t)(q - s) + 1 : len;
            } else {
                while (e < len && !is_space(s[e]) && s[e] != '(' && s[e] != ')' && s[e] != '"')
                    e++;
            }
            int own_field = memchr(s + i, ':', e - i) != NULL && c != '"';
            if (!zp_query_is_operator(s + i, e - i) && !own_field) {
                zp_buf_add(out, name, n);
                zp_buf_addc(out, ':');
            }
            zp_buf_add(out, s + i, e - i);
            i = e;
        }
    }
    return out->oom ? -1 : 0;
}

int zp_query_normalize(const char *q, size_t len, const zp_field *fields, size_t n_fields,
                       zp_synonym_fn synonyms, void *syn_ud, int may_be_empty, zp_query *out,
                       char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len > ZP_MAX_QUERY_BYTES) {
        snprintf(err, errlen, "query too long: %zu bytes (at most %d)", len, ZP_MAX_QUERY_BYTES);
        return -1;
    }
    zp_buf clean = ZP_BUF_INIT, xq = ZP_BUF_INIT, spread = ZP_BUF_INIT;
    long bad = zp_fold_clean_text(q, len, &clean);
    if (bad == 0 && memchr(zp_buf_str(&clean), '(', clean.len)) {
        bad = spread_fields(zp_buf_str(&clean), clean.len, fields, n_fields, &spread) < 0 ? -1 : 0;
        zp_buf_free(&clean);
        clean = spread;
    }
    if (bad != 0) {
        snprintf(err, errlen, bad < 0 ? "out of memory" : "query is not valid UTF-8 text");
        zp_buf_free(&clean);
        return -1;
    }
    /* a field spread over its bracket makes the text longer than typed */
    tok_list l = { calloc(clean.len / 2 + 1, sizeof(qtok)), 0, clean.len / 2 + 1, 0 };
    int rc = -1;
    if (!l.toks || zp_tok_each(zp_buf_str(&clean), clean.len, collect, &l) < 0 || l.oom) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    rewriter r = { zp_buf_str(&clean), clean.len, &l, fields, n_fields, synonyms, syn_ud, out, &xq, 0, 0 };
    int words = rewrite(&r);
    if (words < 0 || xq.oom) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    /* nothing typed (or only blanks) is a browse of everything; operators
     * or punctuation alone ("AND OR", "***") ask for nothing */
    int blank = strspn(zp_buf_str(&clean), " \t\r\n") == clean.len;
    if (out->n_wildcards > ZP_MAX_WILDCARDS) {
        snprintf(err, errlen, "too broad: %zu words with * (at most %d in one query)", out->n_wildcards,
                 ZP_MAX_WILDCARDS);
        goto done;
    }
    if (words == 0 && out->n_filters == 0 && !may_be_empty && !blank) {
        snprintf(err, errlen, "empty query: give at least one word to search for");
        goto done;
    }
    if (strchr(zp_buf_str(&xq), '"')) {
        zp_buf phrased = ZP_BUF_INIT;
        if (expand_phrases(zp_buf_str(&xq), &phrased) < 0) {
            zp_buf_free(&phrased);
            snprintf(err, errlen, "out of memory");
            goto done;
        }
        zp_buf_free(&xq);
        xq = phrased;
    }
    out->xapian = zp_buf_steal(&xq);
    rc = out->xapian ? 0 : -1;
    /* plain: words only, no syntax between them (filters aside) */
    out->plain = out->xapian && out->n_words > 0 && (size_t)words == out->n_words && !r.special &&
                 !strpbrk(zp_buf_str(&clean), "\"()+*") && !strstr(zp_buf_str(&clean), " -") &&
                 zp_buf_str(&clean)[0] != '-';
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

int zp_query_word(const char *word, size_t len, zp_buf *out)
{
    zp_buf folded = ZP_BUF_INIT;
    if (zp_fold_word(word, len, &folded) < 0) {
        zp_buf_free(&folded);
        return -1;
    }
    qtok t = { 0, len, (char *)zp_buf_str(&folded), 0 };
    zp_query scratch;
    memset(&scratch, 0, sizeof scratch);
    int rc = emit_word(&scratch, out, word, &t, 1);
    zp_query_free(&scratch);
    zp_buf_free(&folded);
    return rc;
}

void zp_query_free(zp_query *q)
{
    for (size_t i = 0; i < q->n_filters; i++)
        free(q->filters[i].value);
    free(q->filters);
    free(q->xapian);
    for (size_t i = 0; i < q->n_wildcards; i++)
        free(q->wildcards[i]);
    free(q->wildcards);
    for (size_t i = 0; i < q->n_exact; i++)
        free(q->exact[i]);
    free(q->exact);
    for (size_t i = 0; i < q->n_words; i++)
        free(q->words[i]);
    free(q->words);
    memset(q, 0, sizeof *q);
}
