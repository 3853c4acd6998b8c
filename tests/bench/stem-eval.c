/* stem-eval: measures the analysis of words on forms labelled with lemmas
 * (../shared/lemmas/cs-forms-lemmas.tsv: form TAB lemma TAB upos), as the
 * index and the query parser use it, against the light stemmer alone.
 * Each distinct (form, lemma) pair is analysed as a document word (its
 * index terms, lib/analyse.c zp_analyse_word) and as a query word (the one
 * term it asks for), typed as written and typed without diacritics:
 *   conflation = of the pairs of distinct forms sharing a lemma, the share
 *                in which each form, typed as a query, finds the other
 *                (higher is better);
 *   merging    = of the terms queries ask for, the share that finds forms
 *                of two or more lemmas (lower is better).
 * Usage: stem-eval FILE [--show-collisions N] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "fold.h"
#include "lemma.h"
#include "stem_cs.h"

typedef struct {
    char *form, *folded, *lemma;
    char *q, *q0;            /* query term typed as written / folded */
    char **doc;              /* index terms */
    size_t n_doc;
} entry;

static int light;            /* analyse with the light stemmer alone */

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *fold_dup(const char *s)
{
    zp_buf b = ZP_BUF_INIT;
    zp_fold_word(s, strlen(s), &b);
    return zp_buf_steal(&b);
}

static char *light_stem(const char *folded)
{
    char *out = malloc(strlen(folded) + 1);
    zp_stem_cs(folded, strlen(folded), out);
    return out;
}

/* The readings a query word asks for, joined by '+' (sorted as found). */
static char *readings(const char *form, const char *folded)
{
    zp_word_terms w;
    zp_analyse_query_word(form, form ? strlen(form) : 0, folded, strlen(folded), &w);
    zp_buf b = ZP_BUF_INIT;
    for (size_t i = 0; i < w.n; i++) {
        if (i)
            zp_buf_addc(&b, '+');
        zp_buf_add(&b, w.term[i], w.len[i]);
    }
    return zp_buf_steal(&b);
}

static void analyse(entry *e)
{
    if (light) {
        e->q = light_stem(e->folded);
        e->q0 = strdup(e->q);
        e->doc = malloc(sizeof *e->doc);
        e->doc[0] = strdup(e->q);
        e->n_doc = 1;
        return;
    }
    e->q = readings(e->form, e->folded);
    e->q0 = readings(NULL, e->folded);
    zp_word_terms w;
    zp_analyse_word(e->form, strlen(e->form), e->folded, strlen(e->folded), &w);
    e->doc = malloc(w.n * sizeof *e->doc);
    for (size_t i = 0; i < w.n; i++)
        e->doc[i] = dupn(w.term[i], w.len[i]);
    e->n_doc = w.n;
}

/* Whether a document word e has any of the readings q ("a+b") asks for. */
static int has(const entry *e, const char *q)
{
    for (const char *r = q; *r;) {
        size_t n = strcspn(r, "+");
        for (size_t i = 0; i < e->n_doc; i++)
            if (strlen(e->doc[i]) == n && memcmp(e->doc[i], r, n) == 0)
                return 1;
        r += n;
        if (*r == '+')
            r++;
    }
    return 0;
}

static int by_form_lemma(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->form, y->form);
    return c ? c : strcmp(x->lemma, y->lemma);
}

static int by_lemma(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->lemma, ((const entry *)b)->lemma);
}

typedef struct {
    const char *term, *lemma;
    const entry *e;
} posting;

static int by_term_lemma(const void *a, const void *b)
{
    const posting *x = a, *y = b;
    int c = strcmp(x->term, y->term);
    return c ? c : strcmp(x->lemma, y->lemma);
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void measure(entry *e, size_t m, int show, const char *name)
{
    for (size_t i = 0; i < m; i++)
        analyse(&e[i]);
    /* conflation: same-lemma pairs in which each form finds the other */
    qsort(e, m, sizeof *e, by_lemma);
    double pairs = 0, found = 0, found0 = 0;
    size_t lemmas = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && strcmp(e[j].lemma, e[i].lemma) == 0)
            j++;
        lemmas++;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++) {
                if (strcmp(e[a].folded, e[b].folded) == 0 && strcmp(e[a].form, e[b].form) != 0 && 0)
                    continue;
                pairs++;
                int ok = has(&e[b], e[a].q) && has(&e[a], e[b].q);
                found += ok;
                if (!ok && getenv("STEM_EVAL_MISSES") && !light)
                    printf("  miss %s(%s) %s(%s)\n", e[a].form, e[a].q, e[b].form, e[b].q);
                found0 += has(&e[b], e[a].q0) && has(&e[a], e[b].q0);
            }
        i = j;
    }
    /* merging: the lemmas each query term finds */
    size_t np = 0;
    for (size_t i = 0; i < m; i++)
        np += e[i].n_doc;
    posting *p = malloc((np + 1) * sizeof *p);
    np = 0;
    for (size_t i = 0; i < m; i++)
        for (size_t k = 0; k < e[i].n_doc; k++)
            p[np++] = (posting){ e[i].doc[k], e[i].lemma, &e[i] };
    qsort(p, np, sizeof *p, by_term_lemma);
    char **qs = malloc(2 * m * sizeof *qs);
    size_t nq = 0;
    for (size_t i = 0; i < m; i++) {
        qs[nq++] = e[i].q;
        qs[nq++] = e[i].q0;
    }
    qsort(qs, nq, sizeof *qs, by_str);
    size_t terms = 0, merging = 0;
    for (size_t i = 0; i < nq; i++) {
        if (i && strcmp(qs[i], qs[i - 1]) == 0)
            continue;
        terms++;
        /* the gold lemmas of the forms any reading finds */
        const char *first_lemma = NULL;
        int many = 0;
        for (const char *r = qs[i]; *r && !many;) {
            size_t n = strcspn(r, "+");
            char term[256];
            snprintf(term, sizeof term, "%.*s", (int)n, r);
            size_t lo = 0, hi = np;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (strcmp(p[mid].term, term) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t k = lo; k < np && strcmp(p[k].term, term) == 0 && !many; k++) {
                if (!first_lemma)
                    first_lemma = p[k].lemma;
                else if (strcmp(first_lemma, p[k].lemma) != 0)
                    many = 1;
            }
            r += n;
            if (*r == '+')
                r++;
        }
        if (many) {
            merging++;
            if (show-- > 0)
                printf("  merges %s\n", qs[i]);
        }
    }
    /* the stemmer's measure: forms given the same query term (typed as
     * written) with different lemmas */
    posting *w = malloc((m + 1) * sizeof *w);
    for (size_t i = 0; i < m; i++)
        w[i] = (posting){ e[i].q, e[i].lemma, &e[i] };
    qsort(w, m, sizeof *w, by_term_lemma);
    size_t stems = 0, shared = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i, nl = 0;
        while (j < m && strcmp(w[j].term, w[i].term) == 0) {
            nl += j == i || strcmp(w[j].lemma, w[j - 1].lemma) != 0;
            j++;
        }
        stems++;
        shared += nl > 1;
        if (nl > 1 && getenv("STEM_EVAL_MISSES") && !light) {
            printf("  shared %s:", w[i].term);
            for (size_t k = i; k < j; k++)
                printf(" %s(%s)", w[k].e->form, w[k].lemma);
            printf("\n");
        }
        i = j;
    }
    free(w);
    printf("%s: %zu forms of %zu lemmas -> %zu distinct queries\n", name, m, lemmas, terms);
    printf("%s: %zu of %zu stems (%.1f%%) are given to forms of two or more lemmas\n", name, shared, stems,
           100.0 * (double)shared / (double)(stems ? stems : 1));
    printf("%s: conflation %.1f%% as written, %.1f%% typed without diacritics (of %.0f same-lemma pairs)\n",
           name, 100.0 * found / (pairs ? pairs : 1), 100.0 * found0 / (pairs ? pairs : 1), pairs);
    printf("%s: %zu queries (%.1f%%) find forms of two or more lemmas (through any reading)\n", name, merging,
           100.0 * (double)merging / (double)(terms ? terms : 1));
    for (size_t i = 0; i < m; i++) {
        free(e[i].q);
        free(e[i].q0);
        for (size_t k = 0; k < e[i].n_doc; k++)
            free(e[i].doc[k]);
        free(e[i].doc);
    }
    free(p);
    free(qs);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stem-eval FILE [--show-collisions N]\n");
        return 2;
    }
    int show = argc > 3 && strcmp(argv[2], "--show-collisions") == 0 ? atoi(argv[3]) : 0;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    size_t n = 0, cap = 1024;
    entry *e = malloc(cap * sizeof *e);
    char line[1024];
    int header = 1;
    while (fgets(line, sizeof line, f)) {
        if (header) {
            header = 0;
            continue;
        }
        char *form = strtok(line, "\t\n"), *lemma = strtok(NULL, "\t\n");
        if (!form || !lemma)
            continue;
        if (n == cap)
            e = realloc(e, (cap *= 2) * sizeof *e);
        memset(&e[n], 0, sizeof e[n]);
        e[n].form = strdup(form);
        e[n].folded = fold_dup(form);
        e[n].lemma = strdup(lemma);
        n++;
    }
    fclose(f);
    /* distinct (form, lemma) pairs */
    qsort(e, n, sizeof *e, by_form_lemma);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && strcmp(e[m - 1].form, e[i].form) == 0 && strcmp(e[m - 1].lemma, e[i].lemma) == 0) {
            free(e[i].form);
            free(e[i].folded);
            free(e[i].lemma);
            continue;
        }
        e[m++] = e[i];
    }
    light = 1;
    measure(e, m, 0, "light stemmer");
    light = 0;
    if (!zp_lemma_available())
        printf("lemmas: no lexicon at %s (make builds it)\n", zp_lemma_path());
    else
        measure(e, m, show, "lemmas");
    for (size_t i = 0; i < m; i++) {
        free(e[i].form);
        free(e[i].folded);
        free(e[i].lemma);
    }
    free(e);
    return 0;
}
