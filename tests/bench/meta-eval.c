/* meta-eval: measures metadata extraction against labelled minutes.
 *   meta-eval MANIFEST.tsv DIR     date right/wrong/empty, town, body,
 *                                  over all files and per source
 *   meta-eval --dump FILE...       everything extracted, for reading
 * MANIFEST.tsv: file, source, town, meeting_date, body[, kind,
 * organisation] (a header line first), and a column named "title" where
 * the manifest has one; an empty cell means the text gives
 * none.  Files are read as the indexer reads them (libmagic, then the
 * format's extractor).  Dates must match exactly; towns by their canonical
 * word stems as a set ("Ostravy" = "Ostrava"); a body is right when it
 * names the labelled kind of body (its head noun), with the town -- or,
 * for a body that is no town's, a word of its organisation -- and no word
 * the label does not have.  "MČ" in a label is read as "městská část", a
 * bracketed remark and " / " alternatives are the labeller's notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "detect.h"
#include "extract.h"
#include "fold.h"
#include "meta.h"
#include "meta_words.h"

static zp_detector *detector;

/* The file's metadata as the indexer sees it: detected, extracted, cleaned. */
static int extract_file(const char *path, zp_meta *m)
{
    zp_buf raw = ZP_BUF_INIT, text = ZP_BUF_INIT, clean = ZP_BUF_INIT;
    char err[512];
    zp_type type;
    int rc = zp_buf_read_file(&raw, path, err, sizeof err);
    if (rc == 0)
        rc = zp_detect_buffer(detector, zp_buf_str(&raw), raw.len, &type, err, sizeof err);
    if (rc == 0)
        rc = zp_extract(path, zp_buf_str(&raw), raw.len, &type, &text, err, sizeof err) == ZP_EXTRACT_OK ? 0 : -1;
    if (rc == 0) {
        zp_fold_clean_text(zp_buf_str(&text), text.len, &clean);
        rc = zp_meta_extract(zp_buf_str(&clean), clean.len, m);
    } else {
        printf("  %s\n", err);
    }
    zp_buf_free(&raw);
    zp_buf_free(&text);
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
    char *sv0;
    for (char *w = strtok_r(all, " ", &sv0); w && n < 256; w = strtok_r(NULL, " ", &sv0))
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

/* Stems of s that carry meaning: words of two letters or fewer that are
 * not numbers ("v", "z", "ČR") are left out. */
static int content_word(const char *w)
{
    return strlen(w) > 2 || (w[0] >= '0' && w[0] <= '9');
}

/* 1 when every content stem of a (space-joined stems) is in the set b. */
static int stems_within(const char *a, const char *b)
{
    char *copy = strdup(a);
    int ok = 1;
    char *sv;
    for (char *w = strtok_r(copy, " ", &sv); w && ok; w = strtok_r(NULL, " ", &sv)) {
        if (!content_word(w))
            continue;
        size_t n = strlen(w);
        const char *p = b;
        int found = 0;
        while ((p = strstr(p, w)) && !found) {
            found = (p == b || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0');
            p += n;
        }
        ok = found;
    }
    free(copy);
    return ok;
}

/* The label as the labeller meant it: bracketed remarks gone, "MČ" spelt
 * out, "A / B rest" read as "A rest" and "B rest" (both allowed). */
static char *label_stems(const char *label)
{
    zp_buf t = ZP_BUF_INIT;
    int depth = 0;
    for (const char *p = label; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth)
            depth--;
        else if (!depth && *p != '/')
            zp_buf_addc(&t, *p);
    }
    zp_buf e = ZP_BUF_INIT;
    char *sv;
    for (char *w = strtok_r(t.data ? t.data : (char *)"", " ", &sv); w; w = strtok_r(NULL, " ", &sv)) {
        if (e.len)
            zp_buf_addc(&e, ' ');
        zp_buf_adds(&e, strcmp(w, "MČ") == 0 ? "městská část" : w);
    }
    zp_buf_free(&t);
    char *r = stem_set(zp_buf_str(&e));
    zp_buf_free(&e);
    return r;
}

/* The first word of s, stemmed. */
static char *head_stem(const char *s)
{
    zp_buf c = ZP_BUF_INIT;
    zp_meta_canonical(s, strlen(s), &c);
    char *all = zp_buf_steal(&c);
    if (all)
        all[strcspn(all, " ")] = '\0';
    return all;
}

/* A body is right: the labelled kind (head noun of the label or of one of
 * its " / " alternatives), the town or a word of the organisation, and no
 * word that neither the label, the town nor the organisation has. */
static int body_right(const char *want, const char *town, const char *org, const char *got, int *names_org)
{
    char *g = stem_set(got), *w = label_stems(want);
    zp_buf allowed = ZP_BUF_INIT;
    zp_buf_adds(&allowed, w);
    char *ts = town && *town ? stem_set(town) : NULL, *os = org && *org ? stem_set(org) : NULL;
    if (ts) {
        zp_buf_addc(&allowed, ' ');
        zp_buf_adds(&allowed, ts);
    }
    if (os) {
        zp_buf_addc(&allowed, ' ');
        zp_buf_adds(&allowed, os);
    }
    int ok = stems_within(g, zp_buf_str(&allowed));
    /* the kind */
    int kind = 0;
    char *alts = strdup(want);
    char *sva;
    for (char *alt = strtok_r(alts, "/", &sva); alt && !kind; alt = strtok_r(NULL, "/", &sva)) {
        while (*alt == ' ')
            alt++;
        char *h = head_stem(alt);
        if (h && *h)
            kind = stems_within(h, g);
        free(h);
    }
    free(alts);
    /* whose body: a town's names the town; a body of no town is right by
     * its kind, and whether it names its organisation is counted apart */
    int whose = 1;
    *names_org = 0;
    if (ts) {
        whose = stems_within(ts, g);
    } else if (os) {
        char *copy = strdup(os);
        char *svo;
        for (char *x = strtok_r(copy, " ", &svo); x && !*names_org; x = strtok_r(NULL, " ", &svo))
            *names_org = content_word(x) && stems_within(x, g);
        free(copy);
    }
    free(g);
    free(w);
    free(ts);
    free(os);
    zp_buf_free(&allowed);
    return ok && kind && whose;
}

typedef struct {
    char source[64];
    int files, dated, date_right, date_wrong, date_empty, undated_ok, undated_wrong;
    int towns, town_right, town_wrong, untowned_wrong, body_right, townless, townless_org;
    int titles, title_right;
} tally;

#define MAX_SOURCES 64

static tally *tally_for(tally *t, int *n, const char *file)
{
    /* the source: the file name without its leading number and its last
     * (numbering) parts -- "092-praha7-rm-usneseni-1999-556.txt" -> "praha7";
     * of a path, its first folder but "text" ("text/rada/1999/392.txt" ->
     * "rada") */
    char src[64];
    const char *p = file + strspn(file, "0123456789");
    p = p > file && *p == '-' ? p + 1 : file;
    if (strncmp(p, "text/", 5) == 0)
        p += 5;
    size_t k = strchr(p, '/') ? strcspn(p, "/") : strcspn(p, "-._");
    snprintf(src, sizeof src, "%.*s", (int)k, p);
    for (int i = 0; i < *n; i++)
        if (strcmp(t[i].source, src) == 0)
            return &t[i];
    if (*n == MAX_SOURCES)
        return &t[MAX_SOURCES - 1];
    memset(&t[*n], 0, sizeof t[*n]);
    snprintf(t[*n].source, sizeof t[*n].source, "%s", src);
    return &t[(*n)++];
}

static void add_tally(tally *all, const tally *x)
{
    all->files += x->files;
    all->dated += x->dated;
    all->date_right += x->date_right;
    all->date_wrong += x->date_wrong;
    all->date_empty += x->date_empty;
    all->undated_ok += x->undated_ok;
    all->undated_wrong += x->undated_wrong;
    all->towns += x->towns;
    all->town_right += x->town_right;
    all->town_wrong += x->town_wrong;
    all->untowned_wrong += x->untowned_wrong;
    all->body_right += x->body_right;
    all->townless += x->townless;
    all->townless_org += x->townless_org;
    all->titles += x->titles;
    all->title_right += x->title_right;
}

static double pct(int a, int b)
{
    return b ? 100.0 * a / b : 0.0;
}

static void print_tally(const tally *t)
{
    printf("%-12s %5d | %3d/%-3d %5.1f%% %3d %5.1f%% %3d | %d/%d | %3d/%-3d %5.1f%% %2d | %3d/%-3d %5.1f%%\n",
           t->source, t->files, t->date_right, t->dated, pct(t->date_right, t->dated), t->date_wrong,
           pct(t->date_wrong, t->dated), t->date_empty, t->undated_ok, t->undated_ok + t->undated_wrong,
           t->town_right, t->towns, pct(t->town_right, t->towns), t->town_wrong + t->untowned_wrong,
           t->body_right, t->files, pct(t->body_right, t->files));
}

/* Folded, its blanks squeezed: titles are compared so. */
static char *title_key(const char *s)
{
    zp_buf f = ZP_BUF_INIT, out = ZP_BUF_INIT;
    zp_fold_word(s, strlen(s), &f);
    zp_words_squeeze(zp_buf_str(&f), 0, f.len, &out);
    zp_buf_free(&f);
    char *r = zp_buf_steal(&out);
    return r ? r : calloc(1, 1);
}

/* A title is right when it holds the labelled subject (its first
 * TITLE_KEY_BYTES, as a long one is cut). */
#define TITLE_KEY_BYTES 60
static void judge_title(tally *t, const char *file, const char *want, const zp_meta *m)
{
    t->titles++;
    char *w = title_key(want), *e = title_key(m->title ? m->title : "");
    if (strlen(w) > TITLE_KEY_BYTES)
        w[TITLE_KEY_BYTES] = '\0';
    if (strstr(e, w))
        t->title_right++;
    else
        printf("  title  %-44s wanted \"%s\", extracted \"%s\"\n", file, want, m->title ? m->title : "");
    free(w);
    free(e);
}

static void judge_file(tally *t, const char *file, char **cols, const zp_meta *m)
{
    const char *want_date = cols[3], *want_town = cols[2], *want_body = cols[4];
    const char *org = cols[6] ? cols[6] : "";
    char iso[11] = "";
    if (m->date.year)
        zp_meta_date_iso(&m->date, iso);
    t->files++;
    if (*want_date) {
        t->dated++;
        if (strcmp(iso, want_date) == 0) {
            t->date_right++;
        } else {
            *iso ? t->date_wrong++ : t->date_empty++;
            printf("  date   %-44s wanted %s, extracted %s\n", file, want_date, *iso ? iso : "(none)");
        }
    } else if (*iso) {
        t->undated_wrong++;
        printf("  date   %-44s labelled none, extracted %s\n", file, iso);
    } else {
        t->undated_ok++;
    }
    if (*want_town) {
        t->towns++;
        char *a = stem_set(want_town), *b = m->town ? stem_set(m->town) : NULL;
        int ok = b && strcmp(a, b) == 0;
        t->town_right += ok;
        t->town_wrong += !ok && b;
        if (!ok)
            printf("  town   %-44s wanted \"%s\", extracted \"%s\"\n", file, want_town, m->town ? m->town : "(none)");
        free(a);
        free(b);
    } else if (m->town) {
        t->untowned_wrong++;
        printf("  town   %-44s labelled none, extracted \"%s\"\n", file, m->town);
    }
    int names_org = 0;
    if (*want_body && !*want_town) {
        t->townless++;
        t->townless_org += m->body && body_right(want_body, want_town, org, m->body, &names_org) && names_org;
    }
    if (*want_body && m->body && body_right(want_body, want_town, org, m->body, &names_org))
        t->body_right++;
    else if (*want_body)
        printf("  body   %-44s wanted \"%s\", extracted \"%s\"\n", file, want_body, m->body ? m->body : "(none)");
}

#define MAX_COLS 16
static int evaluate(const char *manifest, const char *dir)
{
    FILE *f = fopen(manifest, "r");
    if (!f) {
        perror(manifest);
        return 2;
    }
    tally sources[MAX_SOURCES];
    int n_sources = 0;
    char line[8192];
    int header = 1, title_col = -1;
    while (fgets(line, sizeof line, f)) {
        if (header) {
            /* an optional "title" column: the subject a title must hold */
            line[strcspn(line, "\r\n")] = '\0';
            char *sv, *name = strtok_r(line, "\t", &sv);
            for (int c = 0; name; c++, name = strtok_r(NULL, "\t", &sv))
                if (strcmp(name, "title") == 0 && c < MAX_COLS)
                    title_col = c;
            header = 0;
            continue;
        }
        line[strcspn(line, "\r\n")] = '\0';
        char *cols[MAX_COLS] = { 0 };
        char *p = line;
        for (int c = 0; c < MAX_COLS && p; c++) {
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
        tally *t = tally_for(sources, &n_sources, cols[0]);
        judge_file(t, cols[0], cols, &m);
        if (title_col >= 0 && cols[title_col] && *cols[title_col])
            judge_title(t, cols[0], cols[title_col], &m);
        zp_meta_free(&m);
    }
    fclose(f);
    printf("%-12s %5s | %-27s | %-5s | %-21s | %s\n", "source", "files", "date right / wrong / empty",
           "undat", "town right / wrong", "body right");
    tally all;
    memset(&all, 0, sizeof all);
    snprintf(all.source, sizeof all.source, "all");
    for (int i = 0; i < n_sources; i++) {
        print_tally(&sources[i]);
        add_tally(&all, &sources[i]);
    }
    if (n_sources > 1)
        print_tally(&all);
    printf("meta summary: date right %.1f%%, wrong %.1f%% of %d dated; town right %.1f%% of %d; "
           "body right %.1f%% of %d (of %d bodies of no town, %d name their organisation)\n",
           pct(all.date_right, all.dated), pct(all.date_wrong, all.dated), all.dated, pct(all.town_right, all.towns),
           all.towns, pct(all.body_right, all.files), all.files, all.townless, all.townless_org);
    if (all.titles)
        printf("meta titles: %d of %d hold the labelled subject (%.1f%%)\n", all.title_right, all.titles,
               pct(all.title_right, all.titles));
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
            printf("  %-8s %s%s%s%s\n", d->task ? "task" : "decision", d->text, d->owner ? "  [owner: " : "",
                   d->owner ? d->owner : "", d->owner ? "]" : "");
            if (dl[0])
                printf("           deadline %s\n", dl);
            if (d->number || d->verb[0] || d->votes.yes >= 0 || d->passed >= 0)
                printf("           number %s, verb %s, votes %d/%d/%d, passed %d\n", d->number ? d->number : "-",
                       d->verb[0] ? d->verb : "-", d->votes.yes, d->votes.no, d->votes.abstain, d->passed);
        }
        zp_meta_free(&m);
    }
    return 0;
}

int main(int argc, char **argv)
{
    char err[256];
    if (zp_detect_open(&detector, err, sizeof err) < 0) {
        fprintf(stderr, "meta-eval: %s\n", err);
        return 2;
    }
    if (argc >= 3 && strcmp(argv[1], "--dump") == 0)
        return dump(argc - 2, argv + 2);
    if (argc != 3) {
        fprintf(stderr, "usage: meta-eval MANIFEST.tsv DIR | meta-eval --dump FILE...\n");
        return 2;
    }
    return evaluate(argv[1], argv[2]);
}
