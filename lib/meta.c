/* Metadata: runs the extractors over a text and owns what they found. */
#include "meta.h"

#include <stdlib.h>
#include <string.h>

#include "meta_internal.h"
#include "meta_words.h"

int zp_strlist_collect(const char *s, size_t len, void *list)
{
    return zp_strlist_add(list, s, len, 0) < 0;
}

int zp_strlist_add(zp_strlist *l, const char *s, size_t len, int unique)
{
    /* a text naming more is a directory, not minutes: the first ones are
     * kept, and the check for duplicates stays bounded */
    if (unique && l->n >= ZP_MAX_NAMES)
        return 0;
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

/* Names a body with its town, so that two towns' councils are two bodies:
 * "Zastupitelstvo obce" -> "Zastupitelstvo obce Krhanice", "Rada" ->
 * "Rada městské části Praha 7", "Pracovní skupina Senioři" ->
 * "Pracovní skupina Senioři (Brno)".  Nothing when the name has it. */
static void with_town(zp_buf *body, int kind_of_body, const char *town, const char *town_kind)
{
    zp_buf b = ZP_BUF_INIT, t = ZP_BUF_INIT;
    zp_meta_canonical(zp_buf_str(body), body->len, &b);
    zp_meta_canonical(town, strlen(town), &t);
    const char *hit = strstr(zp_buf_str(&b), zp_buf_str(&t));
    int named = t.len && hit && (hit == b.data || hit[-1] == ' ');
    zp_buf_free(&b);
    zp_buf_free(&t);
    if (named)
        return;
    if (kind_of_body == ZP_BODY_COUNCIL) {
        /* "Rada" alone: whose, when the text said ("MČ Praha 7") */
        if (!strchr(zp_buf_str(body), ' ') && town_kind) {
            zp_buf_addc(body, ' ');
            zp_buf_adds(body, town_kind);
        }
        zp_buf_addc(body, ' ');
        zp_buf_adds(body, town);
    } else {
        zp_buf_adds(body, " (");
        zp_buf_adds(body, town);
        zp_buf_addc(body, ')');
    }
}

/* The body's own abbreviation is no organisation it dealt with: "ZO" in
 * the minutes of a "Zastupitelstvo obce", "RV" of a "Republikový výbor". */
static void drop_body_initials(zp_meta *m)
{
    char initials[4] = "";
    size_t n = 0;
    zp_buf f = ZP_BUF_INIT;
    zp_meta_folded_words(m->body, strlen(m->body), &f);
    for (const char *p = zp_buf_str(&f); *p && n < 2; p++)
        if (p == f.data || p[-1] == ' ')
            initials[n++] = *p;
    initials[n] = '\0';
    zp_buf_free(&f);
    if (n < 2)
        return;
    size_t k = 0;
    for (size_t i = 0; i < m->orgs.n; i++) {
        zp_buf o = ZP_BUF_INIT;
        zp_meta_folded_words(m->orgs.v[i], strlen(m->orgs.v[i]), &o);
        if (strcmp(zp_buf_str(&o), initials) == 0)
            free(m->orgs.v[i]);
        else
            m->orgs.v[k++] = m->orgs.v[i];
        zp_buf_free(&o);
    }
    m->orgs.n = k;
}

int zp_meta_extract(const char *text, size_t len, zp_meta *m)
{
    memset(m, 0, sizeof *m);
    zp_words ws;
    if (zp_words_collect(text, len, &ws) < 0)
        return -1;
    zp_buf title = ZP_BUF_INIT, town = ZP_BUF_INIT, body = ZP_BUF_INIT;
    int rc = zp_meta_title(text, len, &title, &m->title_subject);
    m->title = steal_or_null(&title, rc == 0 ? 1 : -1);
    zp_meta_meeting_date(text, len, &m->date);
    const char *kind = NULL;
    int body_kind = zp_meta_body_in(text, &ws, &body);
    int has_town = zp_meta_town_kind_in(text, &ws, body_kind == ZP_BODY_COUNCIL, &town, &kind);
    if (has_town > 0 && body_kind > 0)
        with_town(&body, body_kind, zp_buf_str(&town), kind);
    m->town = steal_or_null(&town, has_town);
    m->body = steal_or_null(&body, body_kind);
    if (rc == 0)
        rc = zp_meta_people_in(text, len, &ws, m);
    if (rc == 0)
        rc = zp_meta_orgs_in(text, len, &ws, m);
    if (rc == 0 && m->body)
        drop_body_initials(m);
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
        free(m->decisions.v[i].number);
    }
    free(m->decisions.v);
    memset(m, 0, sizeof *m);
}
