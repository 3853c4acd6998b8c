/* Analysis: tokens of a text become positional word terms and stem terms.
 * The query side reaches the same functions through zp_analyse_xapian_stem
 * and zp_query_normalize, so a word indexed here is found as typed there. */
#include "analyse.h"

#include <stdio.h>
#include <string.h>

#include "fold.h"
#include "stem_cs.h"
#include "tokenize.h"

int zp_analyse_stem(const char *folded, size_t len, zp_buf *out)
{
    char stem[ZP_TOK_MAX_TERM * 4 + 1];
    if (len >= sizeof stem)
        return zp_buf_add(out, folded, len);
    size_t n = zp_stem_cs(folded, len, stem);
    return zp_buf_add(out, stem, n);
}

size_t zp_analyse_xapian_stem(const char *word, size_t len, char *out, size_t outsize, void *ud)
{
    (void)ud;
    zp_buf folded = ZP_BUF_INIT, stem = ZP_BUF_INIT;
    size_t n = 0;
    if (zp_fold_word(word, len, &folded) == 0 && zp_analyse_stem(zp_buf_str(&folded), folded.len, &stem) == 0) {
        n = stem.len < outsize ? stem.len : outsize - 1;
        memcpy(out, zp_buf_str(&stem), n);
    }
    out[n] = '\0';
    zp_buf_free(&folded);
    zp_buf_free(&stem);
    return n;
}

typedef struct {
    zx_doc *doc;
    zp_analyse_state *st;
    zp_buf term;
    int rc;
    char stem_prefix[16];   /* "Z" + st->prefix */
} add_ctx;

/* Adds prefix + (stem of) the token: with a position for stems, which
 * phrases match, without one for plain words, which only wildcards use. */
static int add_prefixed(add_ctx *c, const char *prefix, const zp_token *tok, int stem,
                        unsigned pos)
{
    zp_buf_reset(&c->term);
    zp_buf_adds(&c->term, prefix);
    if (stem)
        zp_analyse_stem(tok->term, tok->term_len, &c->term);
    else
        zp_buf_add(&c->term, tok->term, tok->term_len);
    if (c->term.oom)
        return -1;
    if (pos)
        return zx_doc_add_posting(c->doc, c->term.data, c->term.len, pos, c->st->wdf_inc);
    return zx_doc_add_term(c->doc, c->term.data, c->term.len, c->st->wdf_inc);
}

static int add_token(const zp_token *tok, void *ud)
{
    add_ctx *c = ud;
    if (tok->pos_inc || c->st->pos == 0)
        c->st->pos++;
    unsigned pos = c->st->pos;
    int rc = add_prefixed(c, c->st->prefix ? c->st->prefix : "", tok, 0, 0);
    if (rc == 0)
        rc = add_prefixed(c, c->stem_prefix, tok, 1, pos);
    if (rc == 0 && c->st->title)
        rc = add_prefixed(c, ZP_PREFIX_TITLE, tok, 0, 0);
    if (rc == 0 && c->st->title)
        rc = add_prefixed(c, ZP_PREFIX_STEM ZP_PREFIX_TITLE, tok, 1, pos);
    c->rc = rc;
    return rc != 0;
}

int zp_analyse_text(zx_doc *doc, const char *text, size_t len, zp_analyse_state *st)
{
    add_ctx c = { doc, st, ZP_BUF_INIT, 0, "" };
    snprintf(c.stem_prefix, sizeof c.stem_prefix, ZP_PREFIX_STEM "%s", st->prefix ? st->prefix : "");
    /* Leave a gap between separately added texts so a phrase never spans them. */
    if (st->pos > 0)
        st->pos += 10;
    int rc = zp_tok_each(text, len, add_token, &c);
    zp_buf_free(&c.term);
    if (c.rc)
        return c.rc;
    return rc < 0 ? -1 : 0;
}
