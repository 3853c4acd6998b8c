/* Analysis: cleaning any bytes into NFC UTF-8, tokenizing, folding and
 * stemming every word (what documents and queries go through). */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zp_buf clean = ZP_BUF_INIT, stem = ZP_BUF_INIT, folded = ZP_BUF_INIT;
    zp_fold_clean_text((const char *)data, size, &clean);
    zp_tok_each(zp_buf_str(&clean), clean.len, on_token, &stem);
    zp_fold_word(zp_buf_str(&clean), clean.len, &folded);
    zp_buf_free(&clean);
    zp_buf_free(&stem);
    zp_buf_free(&folded);
    return 0;
}
