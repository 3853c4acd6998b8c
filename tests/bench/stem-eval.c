/* stem-eval: measures the stemmer on word forms labelled with lemmas
 * (../shared/lemmas/cs-forms-lemmas.tsv: form TAB lemma TAB upos).
 * Each distinct (folded form, lemma) pair is stemmed as the index would
 * stem it, then:
 *   conflation = of the pairs of distinct forms sharing a lemma, the share
 *                that get the same stem (higher is better);
 *   collision  = of the pairs of forms with different lemmas, the share that
 *                get the same stem, and the number of stems that merge two or
 *                more lemmas (lower is better).
 * Usage: stem-eval FILE [--show-collisions N] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buf.h"
#include "fold.h"

typedef struct {
    char *form, *lemma, *stem;
} entry;

static int by_form_lemma(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->form, y->form);
    return c ? c : strcmp(x->lemma, y->lemma);
}

static int by_lemma_stem(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->lemma, y->lemma);
    return c ? c : strcmp(x->stem, y->stem);
}

static int by_stem_lemma(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->stem, y->stem);
    return c ? c : strcmp(x->lemma, y->lemma);
}

static double pairs(size_t n)
{
    return (double)n * (double)(n - (n > 0)) / 2.0;
}

static char *fold_dup(const char *s)
{
    zp_buf b = ZP_BUF_INIT;
    zp_fold_word(s, strlen(s), &b);
    return zp_buf_steal(&b);
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
        e[n].form = fold_dup(form);
        e[n].lemma = fold_dup(lemma);  /* lemmas compared case-insensitively */
        free(e[n].lemma);
        e[n].lemma = strdup(lemma);
        zp_buf st = ZP_BUF_INIT;
        zp_analyse_stem(e[n].form, strlen(e[n].form), &st);
        e[n].stem = zp_buf_steal(&st);
        n++;
    }
    fclose(f);
    /* distinct (form, lemma) pairs */
    qsort(e, n, sizeof *e, by_form_lemma);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && strcmp(e[m - 1].form, e[i].form) == 0 && strcmp(e[m - 1].lemma, e[i].lemma) == 0)
            continue;
        e[m++] = e[i];
    }
    /* conflation: within each lemma, pairs with the same stem */
    qsort(e, m, sizeof *e, by_lemma_stem);
    double same_lemma = 0, same_lemma_same_stem = 0;
    size_t lemmas = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && strcmp(e[j].lemma, e[i].lemma) == 0)
            j++;
        lemmas++;
        same_lemma += pairs(j - i);
        for (size_t k = i; k < j;) {
            size_t l = k;
            while (l < j && strcmp(e[l].stem, e[k].stem) == 0)
                l++;
            same_lemma_same_stem += pairs(l - k);
            k = l;
        }
        i = j;
    }
    /* collision: within each stem, pairs with different lemmas */
    qsort(e, m, sizeof *e, by_stem_lemma);
    double diff_lemma_same_stem = 0;
    size_t stems = 0, merging = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i, nl = 0;
        double same = 0;
        while (j < m && strcmp(e[j].stem, e[i].stem) == 0)
            j++;
        stems++;
        for (size_t k = i; k < j;) {
            size_t l = k;
            while (l < j && strcmp(e[l].lemma, e[k].lemma) == 0)
                l++;
            same += pairs(l - k);
            nl++;
            k = l;
        }
        diff_lemma_same_stem += pairs(j - i) - same;
        if (nl > 1) {
            merging++;
            if (show-- > 0) {
                printf("  collision %s:", e[i].stem);
                for (size_t k = i; k < j; k++)
                    printf(" %s(%s)", e[k].form, e[k].lemma);
                printf("\n");
            }
        }
        i = j;
    }
    double diff_lemma = pairs(m) - same_lemma;
    printf("stemmer: %zu forms of %zu lemmas -> %zu stems\n", m, lemmas, stems);
    printf("stemmer: conflation %.1f%% (%.0f of %.0f same-lemma pairs share a stem)\n",
           100.0 * same_lemma_same_stem / (same_lemma ? same_lemma : 1), same_lemma_same_stem,
           same_lemma);
    printf("stemmer: collision %.3f%% (%.0f of %.0f different-lemma pairs); %zu stems (%.1f%%) merge two or more lemmas\n",
           100.0 * diff_lemma_same_stem / (diff_lemma ? diff_lemma : 1), diff_lemma_same_stem,
           diff_lemma, merging, 100.0 * (double)merging / (double)(stems ? stems : 1));
    for (size_t i = 0; i < m; i++) {
        free(e[i].form);
        free(e[i].lemma);
        free(e[i].stem);
    }
    free(e);
    return 0;
}
