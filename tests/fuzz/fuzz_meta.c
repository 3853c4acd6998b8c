/* Metadata extraction on any text, up to megabytes: a slow path shows as
 * a timeout (run with -timeout and a large -max_len). */
#include "fold.h"
#include "fuzz.h"
#include "meta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zp_buf clean = ZP_BUF_INIT;
    zp_fold_clean_text((const char *)data, size, &clean);
    zp_meta m;
    if (zp_meta_extract(zp_buf_str(&clean), clean.len, &m) == 0)
        zp_meta_free(&m);
    zp_buf_free(&clean);
    return 0;
}
