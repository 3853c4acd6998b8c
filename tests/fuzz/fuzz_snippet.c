/* Snippets: a text and the terms to mark, both from the input (the first
 * line's words are the terms); the second line, squeezed, is looked for in
 * the text and its matches counted (a decision under a hit). */
#include "fold.h"
#include "fuzz.h"
#include "snippet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zp_buf clean = ZP_BUF_INIT;
    zp_fold_clean_text((const char *)data, size, &clean);
    const char *t = zp_buf_str(&clean);
    const char *nl = memchr(t, '\n', clean.len);
    size_t head = nl ? (size_t)(nl - t) : clean.len;
    char *terms = fuzz_cstr((const uint8_t *)t, head < 200 ? head : 200);
    const char *words[8] = { NULL };
    size_t n = 0;
    char *save = NULL;
    for (char *w = strtok_r(terms, " ", &save); w && n < 8; w = strtok_r(NULL, " ", &save))
        words[n++] = w;
    zp_snip_terms st = { words, n, words, n, words, n ? 1 : 0, NULL };
    zp_snippet s;
    if (zp_snip_make(t, clean.len, &st, 300, &s) == 0) {
        zp_buf out = ZP_BUF_INIT;
        zp_snip_render(&s, "<mark>", "</mark>", 1, &out);
        zp_buf_free(&out);
        zp_snip_free(&s);
    }
    zp_snip_found *f = NULL;
    if (zp_snip_find(t, clean.len, &st, &f) == 0) {
        const char *second = nl ? nl + 1 : t + clean.len;
        const char *end = memchr(second, '\n', (size_t)(t + clean.len - second));
        size_t len = end ? (size_t)(end - second) : (size_t)(t + clean.len - second);
        size_t from, to;
        if (zp_snip_locate(t, clean.len, second, len, &from, &to) == 1) {
            if (from > to || to > clean.len)
                abort();
            (void)zp_snip_found_count(f, from, to);
        }
        if (zp_snip_passages_found(f, 200, 120, 3, &s) == 0)
            zp_snip_free(&s);
        zp_snip_found_free(f);
    }
    free(terms);
    zp_buf_free(&clean);
    return 0;
}
