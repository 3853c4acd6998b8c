/* The page's URL parameters: any query string a client may send. */
#include "fuzz.h"
#include "page.h"
#include "params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *qs = fuzz_cstr(data, size);
    web_params p;
    char err[256];
    if (qs && web_params_parse(qs, &p, err, sizeof err) == 0) {
        web_request r;
        web_request_from(&p, &r, err, sizeof err);
        web_params_free(&p);
    }
    free(qs);
    return 0;
}
