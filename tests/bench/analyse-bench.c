/* analyse-bench: analysis throughput -- tokenizing, folding, lemmas (or
 * stems) and the terms of a document, without the index writer -- over
 * text files (the Praha 7 resolutions), in MB of text a second on one
 * core.  ZAPISY_LEXICON=/nonexistent measures the light stemmer alone,
 * the analysis before the dictionary.
 * Usage: analyse-bench FILE...   (or - : the file names on stdin) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyse.h"
#include "buf.h"
#include "fold.h"
#include "lemma.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: analyse-bench FILE...\n");
        return 2;
    }
    if (strcmp(argv[1], "-") == 0) {   /* names on stdin */
        size_t cap = 1024, n = 1;
        char **names = malloc(cap * sizeof *names), line[4096];
        names[0] = argv[0];
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\n")] = '\0';
            if (!line[0])
                continue;
            if (n == cap)
                names = realloc(names, (cap *= 2) * sizeof *names);
            names[n++] = strdup(line);
        }
        argv = names;
        argc = (int)n;
    }
    zp_buf *texts = calloc((size_t)argc, sizeof *texts);
    size_t bytes = 0;
    char err[256];
    for (int i = 1; i < argc; i++) {
        zp_buf raw = ZP_BUF_INIT;
        if (zp_buf_read_file(&raw, argv[i], err, sizeof err) < 0) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        zp_fold_clean_text(raw.data ? raw.data : "", raw.len, &texts[i]);
        bytes += texts[i].len;
        zp_buf_free(&raw);
    }
    zp_lemma_preload();   /* as the indexer does, before the clock starts */
    double t0 = now();
    unsigned long words = 0;
    for (int i = 1; i < argc; i++) {
        zx_doc *doc = zx_doc_new();
        zp_analyse_state st = { 0, 1, ZP_TITLE_NOT, NULL };
        if (!doc || zp_analyse_text(doc, zp_buf_str(&texts[i]), texts[i].len, &st) < 0) {
            fprintf(stderr, "analysis failed\n");
            return 1;
        }
        words += st.pos;
        zx_doc_free(doc);
    }
    double s = now() - t0;
    printf("analysis (%s): %d files, %.1f MB, %lu words in %.2f s: %.1f MB/s, %.2f M words/s\n",
           zp_lemma_available() ? "lemmas" : "light stemmer", argc - 1, bytes / 1048576.0, words, s,
           bytes / 1048576.0 / s, words / 1e6 / s);
    for (int i = 1; i < argc; i++)
        zp_buf_free(&texts[i]);
    free(texts);
    return 0;
}
