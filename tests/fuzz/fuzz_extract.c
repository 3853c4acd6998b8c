/* One extractor that reads bytes in-process, chosen at build time
 * (-DFUZZ_KIND=...): text in several charsets, HTML, Markdown, RTF, or
 * DOCX/ODT (zip + XML).  Where a kind has variants, the first byte picks. */
#include "extract.h"
#include "fuzz.h"

#define KIND_TEXT 1
#define KIND_HTML 2
#define KIND_MARKDOWN 3
#define KIND_RTF 4
#define KIND_OFFICE 5

#ifndef FUZZ_KIND
#define FUZZ_KIND KIND_TEXT
#endif

static const zp_type types[] = {
#if FUZZ_KIND == KIND_TEXT
    { "text/plain", "utf-8" }, { "text/plain", "windows-1250" }, { "text/plain", "utf-16le" },
    { "text/plain", "iso-8859-2" },
#elif FUZZ_KIND == KIND_HTML
    { "text/html", "utf-8" }, { "text/html", "windows-1250" },
#elif FUZZ_KIND == KIND_MARKDOWN
    { "text/markdown", "utf-8" }, { "text/markdown", "windows-1250" },
#elif FUZZ_KIND == KIND_RTF
    { "text/rtf", "us-ascii" },
#else
    { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "binary" },
    { "application/vnd.oasis.opendocument.text", "binary" },
#endif
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = sizeof types / sizeof types[0];
    const zp_type *t = &types[size && n > 1 ? data[0] % n : 0];
    if (n > 1 && size) {
        data++;
        size--;
    }
    zp_buf text = ZP_BUF_INIT;
    char err[512];
    zp_extract("/fuzz/input", (const char *)data, size, t, &text, err, sizeof err);
    zp_buf_free(&text);
    return 0;
}
