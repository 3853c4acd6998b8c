/* Filters: what --town, mesto:, --since, od: ... mean in index terms.  A
 * value goes through the same canonical form the indexer used, so
 * "Prostějova", "prostejov" and "PROSTĚJOV" filter alike. */
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "fold.h"
#include "meta.h"

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

int zp_search_filter_date(const char *v, int until, char out[9])
{
    size_t n = strlen(v);
    int y = 0, m = 0, d = 0;
    if (n == 4 && all_digits(v, 4)) {
        y = atoi(v);
    } else if ((n == 7 || n == 6) && all_digits(v, 4) && v[4] == '-' && all_digits(v + 5, n - 5)) {
        y = atoi(v);
        m = atoi(v + 5);
    } else if (n >= 8 && n <= 10 && all_digits(v, 4) && v[4] == '-') {
        const char *dash = strchr(v + 5, '-');
        if (!dash || !all_digits(v + 5, (size_t)(dash - v - 5)) || !all_digits(dash + 1, strlen(dash + 1)))
            return -1;
        y = atoi(v);
        m = atoi(v + 5);
        d = atoi(dash + 1);
    } else {
        zp_date dt;
        size_t s, e;
        if (!zp_meta_find_date(v, n, &dt, &s, &e) || s != 0 || e != n)
            return -1;
        y = dt.year;
        m = dt.month;
        d = dt.day;
    }
    if (y < 1000 || y > 9999 || m < 0 || m > 12 || d < 0 || d > 31 || (d && !m))
        return -1;
    snprintf(out, 9, "%04u%02u%02u", (unsigned)y, (unsigned)(m ? m : until ? 12 : 1),
             (unsigned)(d ? d : until ? 31 : 1));
    return 0;
}

/* "bez data" (any case; "bez-data" where a space cannot be typed) as a year. */
static int undated_value(const char *v)
{
    zp_buf f = ZP_BUF_INIT;
    zp_fold_word(v, strlen(v), &f);
    for (size_t i = 0; i < f.len; i++)
        if (f.data[i] == '-' || f.data[i] == '_' || f.data[i] == '+')
            f.data[i] = ' ';
    int yes = strcmp(zp_buf_str(&f), "bez data") == 0;
    zp_buf_free(&f);
    return yes;
}

/* AND of prefix + stem for each word of value. */
static int words_query(const char *prefix, const char *value, zx_query **out, char *err, size_t errlen)
{
    zp_buf c = ZP_BUF_INIT;
    zp_meta_canonical(value, strlen(value), &c);
    *out = NULL;
    int rc = 0;
    char *save = NULL;
    for (char *w = strtok_r(c.data, " ", &save); w && rc == 0; w = strtok_r(NULL, " ", &save)) {
        zp_buf t = ZP_BUF_INIT;
        zp_buf_adds(&t, prefix);
        zp_buf_adds(&t, w);
        zx_query *q = NULL;
        rc = zx_query_term(zp_buf_str(&t), &q, err, errlen);
        if (rc == 0 && *out)
            rc = zx_query_and(*out, q, err, errlen);
        if (rc == 0 && !*out) {
            *out = q;
            q = NULL;
        }
        zx_query_free(q);
        zp_buf_free(&t);
    }
    zp_buf_free(&c);
    if (rc == 0 && !*out) {
        snprintf(err, errlen, "empty filter value");
        rc = ZX_ERR_QUERY;
    }
    if (rc) {
        zx_query_free(*out);
        *out = NULL;
    }
    return rc;
}

int zp_search_synonyms(zx_db *db, const char *key, zp_strlist *out, char *err, size_t errlen)
{
    return zx_db_synonyms(db, key, zp_strlist_collect, out, err, errlen) == ZX_OK ? 0 : -1;
}

/* An organisation: its words, or the words of a synonym (OPU <-> name). */
static int org_query(zx_db *db, const char *value, zx_query **out, char *err, size_t errlen)
{
    int rc = words_query(ZP_PREFIX_ORG_WORD, value, out, err, errlen);
    zp_buf key = ZP_BUF_INIT;
    zp_meta_folded_words(value, strlen(value), &key);
    zp_strlist syn = { NULL, 0 };
    if (rc == 0)
        rc = zp_search_synonyms(db, zp_buf_str(&key), &syn, err, errlen) == 0 ? 0 : ZX_ERR;
    for (size_t i = 0; i < syn.n && rc == 0; i++) {
        zx_query *alt = NULL;
        rc = words_query(ZP_PREFIX_ORG_WORD, syn.v[i], &alt, err, errlen);
        if (rc == 0)
            rc = zx_query_or(*out, alt, err, errlen);
        zx_query_free(alt);
    }
    zp_strlist_free(&syn);
    zp_buf_free(&key);
    return rc;
}

static const char *kind_name(zp_filter_kind k)
{
    static const char *const names[] = { "year", "since", "until", "town", "body", "org", "person", "resolution" };
    return k < ZP_FILTER_KINDS ? names[k] : "filter";
}

static int one_filter(zx_db *db, const zp_filter *f, zx_query **out, char *err, size_t errlen)
{
    char d[9];
    zp_buf c = ZP_BUF_INIT;
    int rc;
    switch (f->kind) {
    case ZP_FILTER_YEAR:
        if (undated_value(f->value)) {
            /* every document that has no meeting date */
            zx_query *dated = NULL;
            rc = zx_query_all(out, err, errlen);
            if (rc == 0)
                rc = zx_query_value_range(ZP_SLOT_DATE, "0", NULL, &dated, err, errlen);
            if (rc == 0)
                rc = zx_query_and_not(*out, dated, err, errlen);
            zx_query_free(dated);
            break;
        }
        if (strlen(f->value) != 4 || !all_digits(f->value, 4)) {
            snprintf(err, errlen, "year: '%s' is not a year (e.g. 2019)", f->value);
            return ZX_ERR_QUERY;
        }
        zp_buf_adds(&c, ZP_PREFIX_YEAR);
        zp_buf_adds(&c, f->value);
        rc = zx_query_term(zp_buf_str(&c), out, err, errlen);
        break;
    case ZP_FILTER_SINCE:
    case ZP_FILTER_UNTIL:
        if (zp_search_filter_date(f->value, f->kind == ZP_FILTER_UNTIL, d) < 0) {
            snprintf(err, errlen, "%s: '%s' is not a date (use 2019, 2019-06, 2019-06-30 or 30. 6. 2019)",
                     kind_name(f->kind), f->value);
            return ZX_ERR_QUERY;
        }
        rc = zx_query_value_range(ZP_SLOT_DATE, f->kind == ZP_FILTER_SINCE ? d : NULL,
                                  f->kind == ZP_FILTER_UNTIL ? d : NULL, out, err, errlen);
        break;
    case ZP_FILTER_TOWN:
        zp_buf_adds(&c, ZP_PREFIX_TOWN);
        zp_meta_canonical(f->value, strlen(f->value), &c);
        rc = zx_query_term(zp_buf_str(&c), out, err, errlen);
        break;
    case ZP_FILTER_BODY:
        rc = words_query(ZP_PREFIX_BODY_WORD, f->value, out, err, errlen);
        break;
    case ZP_FILTER_ORG:
        rc = org_query(db, f->value, out, err, errlen);
        break;
    case ZP_FILTER_PERSON:
        rc = words_query(ZP_PREFIX_PERSON, f->value, out, err, errlen);
        break;
    case ZP_FILTER_RESOLUTION:
        zp_doc_resolution_term(f->value, strlen(f->value), &c);
        rc = zx_query_term(zp_buf_str(&c), out, err, errlen);
        break;
    default:
        snprintf(err, errlen, "unknown filter");
        rc = ZX_ERR_QUERY;
    }
    zp_buf_free(&c);
    if (rc == ZX_ERR_QUERY && strncmp(err, kind_name(f->kind), strlen(kind_name(f->kind))) != 0) {
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%s", err);
        snprintf(err, errlen, "%s: %s", kind_name(f->kind), tmp);
    }
    return rc;
}

int zp_search_filters(zx_db *db, const zp_filter *f, size_t n, zx_query **out, char *err, size_t errlen)
{
    /* OR within a kind (two towns), AND across kinds (a town in a year). */
    *out = NULL;
    int rc = 0;
    for (int kind = 0; kind < ZP_FILTER_KINDS && rc == 0; kind++) {
        zx_query *any = NULL;
        for (size_t i = 0; i < n && rc == 0; i++) {
            if ((int)f[i].kind != kind)
                continue;
            zx_query *q = NULL;
            rc = one_filter(db, &f[i], &q, err, errlen);
            if (rc == 0 && any)
                rc = zx_query_or(any, q, err, errlen);
            else if (rc == 0) {
                any = q;
                q = NULL;
            }
            zx_query_free(q);
        }
        if (rc == 0 && any && *out)
            rc = zx_query_and(*out, any, err, errlen);
        else if (rc == 0 && any) {
            *out = any;
            any = NULL;
        }
        zx_query_free(any);
    }
    if (rc) {
        zx_query_free(*out);
        *out = NULL;
    }
    return rc;
}
