/* Analysis: cleaning any bytes into NFC UTF-8, tokenizing, folding and
 * stemming every word (what documents and queries go through); and the
 * quick pass of a search, skimmed and read word by word, under a table
 * made of the input's first bytes: the same tokens, or abort(). */
#include <stdlib.h>

#include "analyse.h"
#include "fold.h"
#include "fuzz.h"
#include "tokenize.h"

static int on_token(const zp_token *t, void *ud)
{
    zp_buf *b = ud;
    zp_buf_reset(b);
    zp_analyse_stem(t->term, t->term_len, b);
    return 0;
}

static int describe(const zp_token *t, void *ud)
{
    zp_buf_printf(ud, "%zu-%zu %u %d %.*s\n", t->start, t->end, t->pos_inc, t->glued, (int)t->term_len, t->term);
    return 0;
}

/* The tokens of text under only, skimmed (skim 1) or not, compared. */
static void same_either_way(const char *text, size_t len, const zp_tok_only *only)
{
    zp_buf a = ZP_BUF_INIT, b = ZP_BUF_INIT;
    zp_tok_skim(1);
    zp_tok_each_only(text, len, only, describe, &a);
    zp_tok_skim(0);
    zp_tok_each_only(text, len, only, describe, &b);
    zp_tok_skim(1);
    if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0))
        abort();
    zp_buf_free(&a);
    zp_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zp_buf clean = ZP_BUF_INIT, stem = ZP_BUF_INIT, folded = ZP_BUF_INIT;
    zp_fold_clean_text((const char *)data, size, &clean);
    zp_tok_each(zp_buf_str(&clean), clean.len, on_token, &stem);
    zp_fold_word(zp_buf_str(&clean), clean.len, &folded);
    /* wanted: a letter or digit, or two, from each of the first three bytes */
    zp_tok_only *only = calloc(1, sizeof *only);
    if (only) {
        static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (size_t i = 0; i < 3 && i < size; i++) {
            char w[2] = { alnum[data[i] % 36], alnum[(data[i] >> 3) % 36] };
            zp_tok_only_add(only, w, data[i] & 0x80 ? 2 : 1, data[i] & 0x40 ? ZP_TOK_ONLY_WORD : ZP_TOK_ONLY_BEGINNING);
        }
        same_either_way(zp_buf_str(&clean), clean.len, only);
        same_either_way((const char *)data, size, only);
        free(only);
    }
    zp_buf_free(&clean);
    zp_buf_free(&stem);
    zp_buf_free(&folded);
    return 0;
}
