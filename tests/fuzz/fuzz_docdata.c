/* Stored records: whatever bytes an index hands back (a damaged frame, a
 * record of another version, a decision's range pointing anywhere) read
 * or refused, never read past; a record packed reads back as itself. */
#include "docdata.h"
#include "document.h"
#include "fuzz.h"

/* The record's text, which its decisions' ranges point into. */
typedef struct {
    const char *text;
    size_t len;
} stored_text;

static void on_decision(const char *v, size_t len, void *ud)
{
    const stored_text *t = ud;
    /* the last field after the tenth separator: a range into the text */
    size_t seps = 0, at = 0;
    for (size_t i = 0; i < len; i++)
        if (v[i] == '\x1f' && ++seps == 10)
            at = i + 1;
    if (seps < 10)
        return;
    zp_buf b = ZP_BUF_INIT;
    size_t from, to;
    zp_doc_decision_text(t->text, t->len, v + at, len - at, &from, &to, &b);
    zp_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1) {   /* a record packed and unpacked */
        zp_buf packed = ZP_BUF_INIT;
        if (zp_docdata_pack((const char *)data + 1, size - 1, &packed) == 0) {
            char *copy = malloc(packed.len ? packed.len : 1);
            size_t len = packed.len;
            char err[256];
            memcpy(copy, packed.data, packed.len);
            if (zp_docdata_unpack(&copy, &len, err, sizeof err) != 0 || len != size - 1 ||
                memcmp(copy, data + 1, len) != 0)
                abort();
            free(copy);
        }
        zp_buf_free(&packed);
        return 0;
    }
    /* bytes as an index might hold them: after the zstd magic when the
     * second byte says so, else as a record stored before */
    size_t len = size - 1 + ((data[0] & 2) ? 4 : 0);
    char *rec = malloc(len ? len : 1);
    if (!rec)
        return 0;
    if (data[0] & 2) {
        static const unsigned char magic[4] = { 0x28, 0xB5, 0x2F, 0xFD };
        memcpy(rec, magic, 4);
        memcpy(rec + 4, data + 1, size - 1);
    } else {
        memcpy(rec, data + 1, size - 1);
    }
    char err[256];
    if (zp_docdata_unpack(&rec, &len, err, sizeof err) == 0) {
        stored_text t = { "", 0 };
        zp_docdata_get(rec, len, "text", &t.text, &t.len);
        zp_docdata_each(rec, len, "decision", on_decision, &t);
        free(zp_docdata_dup(rec, len, "path"));
    }
    free(rec);
    return 0;
}
