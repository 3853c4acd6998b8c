/* Query normalisation: anything a person (or a bot) may type. */
#include "fuzz.h"
#include "query.h"

static const zp_field fields[] = { { "title", -1 }, { "rok", 0 }, { "mesto", 3 }, { "org", 5 } };

static int no_synonyms(const char *key, zp_strlist *out, void *ud)
{
    (void)key;
    (void)out;
    (void)ud;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zp_query q;
    char err[256];
    if (zp_query_normalize((const char *)data, size, fields, 4, no_synonyms, NULL, 0, &q, err, sizeof err) == 0)
        zp_query_free(&q);
    return 0;
}
