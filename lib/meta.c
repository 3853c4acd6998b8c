/* Metadata: runs the extractors over a text and owns what they found. */
#include "meta.h"

#include <stdlib.h>
#include <string.h>

#include "meta_internal.h"
#include "meta_words.h"

int zp_strlist_add(zp_strlist *l, const char *s, size_t len, int unique)
{
    zp_buf b = ZP_BUF_INIT;
    zp_words_squeeze(s, 0, len, &b);
    if (b.len == 0 || b.oom) {
        int oom = b.oom;
        zp_buf_free(&b);
        return oom ? -1 : 0;
    }
    if (unique) {
        zp_buf c = ZP_BUF_INIT, d = ZP_BUF_INIT;
        zp_meta_canonical(b.data, b.len, &c);
        int dup = 0;
        for (size_t i = 0; i < l->n && !dup; i++) {
            zp_buf_reset(&d);
            zp_meta_canonical(l->v[i], strlen(l->v[i]), &d);
            dup = strcmp(zp_buf_str(&c), zp_buf_str(&d)) == 0;
        }
        zp_buf_free(&c);
        zp_buf_free(&d);
        if (dup) {
            zp_buf_free(&b);
            return 0;
        }
    }
    char **v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v) {
        zp_buf_free(&b);
        return -1;
    }
    l->v = v;
    l->v[l->n++] = zp_buf_steal(&b);
    return 0;
}

void zp_strlist_free(zp_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static char *steal_or_null(zp_buf *b, int found)
{
    if (found <= 0) {
        zp_buf_free(b);
        return NULL;
    }
    return zp_buf_steal(b);
}

int zp_meta_extract(const char *text, size_t len, zp_meta *m)
{
    memset(m, 0, sizeof *m);
    zp_words ws;
    if (zp_words_collect(text, len, &ws) < 0)
        return -1;
    zp_buf title = ZP_BUF_INIT, town = ZP_BUF_INIT, body = ZP_BUF_INIT;
    int rc = zp_meta_title(text, len, &title);
    m->title = steal_or_null(&title, rc == 0 ? 1 : -1);
    zp_meta_meeting_date(text, len, &m->date);
    m->town = steal_or_null(&town, zp_meta_town_in(text, &ws, &town));
    m->body = steal_or_null(&body, zp_meta_body_in(text, &ws, &body));
    if (rc == 0)
        rc = zp_meta_people_in(text, len, &ws, m);
    if (rc == 0)
        rc = zp_meta_orgs_in(text, len, &ws, m);
    zp_words_free(&ws);
    if (rc == 0)
        rc = zp_meta_decisions(text, len, m);
    if (rc || !m->title) {
        zp_meta_free(m);
        return -1;
    }
    return 0;
}

void zp_meta_free(zp_meta *m)
{
    free(m->title);
    free(m->town);
    free(m->body);
    zp_strlist_free(&m->present);
    zp_strlist_free(&m->excused);
    zp_strlist_free(&m->guests);
    zp_strlist_free(&m->people);
    zp_strlist_free(&m->orgs);
    zp_strlist_free(&m->acronyms.names);
    zp_strlist_free(&m->acronyms.acronyms);
    for (size_t i = 0; i < m->decisions.n; i++) {
        free(m->decisions.v[i].text);
        free(m->decisions.v[i].owner);
    }
    free(m->decisions.v);
    memset(m, 0, sizeof *m);
}
