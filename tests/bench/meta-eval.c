/* meta-eval: measures metadata extraction against labelled minutes.
 *   meta-eval MANIFEST.tsv DIR     precision/recall of date, town, body
 *   meta-eval --dump FILE...       everything extracted, for reading
 * MANIFEST.tsv: file, url, town, meeting_date, body, ... (a header line
 * first); an empty cell means the text gives none.  Towns and bodies are
 * compared by their canonical word stems as a set (so "Pracovní skupiny
 * Senioři" equals "Pracovní skupina Senioři"); dates exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold.h"
#include "meta.h"

/* The file's metadata as the indexer sees it (clean text, then extraction). */
static int extract_file(const char *path, zp_meta *m)
{
    zp_buf raw = ZP_BUF_INIT, clean = ZP_BUF_INIT;
    char err[512];
    int rc = zp_buf_read_file(&raw, path, err, sizeof err);
    if (rc == 0) {
        zp_fold_clean_text(zp_buf_str(&raw), raw.len, &clean);
        rc = zp_meta_extract(zp_buf_str(&clean), clean.len, m);
    } else {
        printf("  %s\n", err);
    }
    zp_buf_free(&raw);
    zp_buf_free(&clean);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The canonical stems of s as a sorted, de-duplicated, space-joined set. */
static char *stem_set(const char *s)
{
    zp_buf c = ZP_BUF_INIT;
    zp_meta_canonical(s, strlen(s), &c);
    char *all = zp_buf_steal(&c), *words[256];
    size_t n = 0;
    for (char *w = strtok(all, " "); w && n < 256; w = strtok(NULL, " "))
        words[n++] = w;
    qsort(words, n, sizeof *words, cmp_str);
    zp_buf out = ZP_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(words[i], words[i - 1]) == 0)
            continue;
        if (out.len)
            zp_buf_addc(&out, ' ');
        zp_buf_adds(&out, words[i]);
    }
    free(all);
    return zp_buf_steal(&out);
}

typedef struct {
    const char *name;
    int labelled, extracted, correct, absent_ok, absent_wrong;
} score;

static void judge(score *s, const char *file, const char *want, const char *got, int exact)
{
    int has_want = want && *want, has_got = got && *got;
    if (has_got)
        s->extracted++;
    if (!has_want) {
        if (has_got) {
            s->absent_wrong++;
            printf("  %-6s %-40s labelled none, extracted \"%s\"\n", s->name, file, got);
        } else {
            s->absent_ok++;
        }
        return;
    }
    s->labelled++;
    int ok = 0;
    if (has_got) {
        if (exact) {
            ok = strcmp(want, got) == 0;
        } else {
            char *a = stem_set(want), *b = stem_set(got);
            ok = strcmp(a, b) == 0;
            free(a);
            free(b);
        }
    }
    s->correct += ok;
    if (!ok)
        printf("  %-6s %-40s wanted \"%s\", extracted \"%s\"\n", s->name, file, want, has_got ? got : "(none)");
}

static void report(const score *s)
{
    double p = s->extracted ? 100.0 * s->correct / s->extracted : 0;
    double r = s->labelled ? 100.0 * s->correct / s->labelled : 0;
    printf("meta %-5s: %d/%d labelled right (recall %.0f%%), precision %.0f%% (%d extracted); "
           "%d/%d unlabelled correctly left empty\n",
           s->name, s->correct, s->labelled, r, p, s->extracted, s->absent_ok, s->absent_ok + s->absent_wrong);
}

static int evaluate(const char *manifest, const char *dir)
{
    FILE *f = fopen(manifest, "r");
    if (!f) {
        perror(manifest);
        return 2;
    }
    score date = { "date", 0, 0, 0, 0, 0 }, town = { "town", 0, 0, 0, 0, 0 }, body = { "body", 0, 0, 0, 0, 0 };
    char line[8192];
    int header = 1;
    while (fgets(line, sizeof line, f)) {
        if (header) {
            header = 0;
            continue;
        }
        line[strcspn(line, "\r\n")] = '\0';
        char *cols[6] = { 0 };
        char *p = line;
        for (int c = 0; c < 6 && p; c++) {
            cols[c] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (!cols[0] || !cols[4])
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, cols[0]);
        zp_meta m;
        if (extract_file(path, &m) < 0)
            continue;
        char iso[11] = "";
        if (m.date.year)
            zp_meta_date_iso(&m.date, iso);
        judge(&date, cols[0], cols[3], iso, 1);
        judge(&town, cols[0], cols[2], m.town, 0);
        judge(&body, cols[0], cols[4], m.body, 0);
        zp_meta_free(&m);
    }
    fclose(f);
    report(&date);
    report(&town);
    report(&body);
    return 0;
}

static void dump_list(const char *name, const zp_strlist *l)
{
    printf("  %-9s", name);
    for (size_t i = 0; i < l->n; i++)
        printf("%s%s", i ? " | " : "", l->v[i]);
    printf("\n");
}

static int dump(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        zp_meta m;
        if (extract_file(argv[i], &m) < 0)
            continue;
        char iso[11] = "";
        if (m.date.year)
            zp_meta_date_iso(&m.date, iso);
        printf("%s\n  title    %s\n  date     %s\n  town     %s\n  body     %s\n", argv[i], m.title, iso,
               m.town ? m.town : "", m.body ? m.body : "");
        dump_list("present", &m.present);
        dump_list("excused", &m.excused);
        dump_list("guests", &m.guests);
        dump_list("people", &m.people);
        dump_list("orgs", &m.orgs);
        for (size_t k = 0; k < m.acronyms.names.n; k++)
            printf("  acronym  %s = %s\n", m.acronyms.acronyms.v[k], m.acronyms.names.v[k]);
        for (size_t k = 0; k < m.decisions.n; k++) {
            const zp_decision *d = &m.decisions.v[k];
            char dl[11] = "";
            if (d->deadline.year)
                zp_meta_date_iso(&d->deadline, dl);
            printf("  %-8s %s%s%s%s%s\n", d->task ? "task" : "decision", d->text, d->owner ? "  [owner: " : "",
                   d->owner ? d->owner : "", d->owner ? "]" : "", dl[0] ? "  [by " : "");
            if (dl[0])
                printf("           deadline %s\n", dl);
        }
        zp_meta_free(&m);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--dump") == 0)
        return dump(argc - 2, argv + 2);
    if (argc != 3) {
        fprintf(stderr, "usage: meta-eval MANIFEST.tsv DIR | meta-eval --dump FILE...\n");
        return 2;
    }
    return evaluate(argv[1], argv[2]);
}
