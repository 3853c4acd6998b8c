/* Front matter: the "---" block of "key: value" lines that opens Markdown
 * records ("platnost: 2010-11-28", "název: Otevření fóra").  Its fields
 * are what the record says of itself, so the date and title extractors
 * read them before anything else. */
#include <string.h>

#include "fold.h"
#include "meta.h"
#include "meta_words.h"

/* A front-matter block longer than this is not one. */
#define FRONT_MATTER_BYTES 4096

int zp_meta_front_matter_end(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (len < i + 4 || memcmp(text + i, "---", 3) != 0 || (text[i + 3] != '\n' && text[i + 3] != '\r'))
        return 0;
    size_t limit = len < FRONT_MATTER_BYTES ? len : FRONT_MATTER_BYTES;
    for (size_t ls = i + 4; ls < limit;) {
        const char *nl = memchr(text + ls, '\n', limit - ls);
        size_t le = nl ? (size_t)(nl - text) : limit;
        size_t e = le;
        while (e > ls && (text[e - 1] == '\r' || text[e - 1] == ' '))
            e--;
        if (e - ls == 3 && (memcmp(text + ls, "---", 3) == 0 || memcmp(text + ls, "...", 3) == 0))
            return (int)(nl ? le + 1 : le);
        if (!nl)
            break;
        ls = le + 1;
    }
    return 0;
}

int zp_meta_field_in(const char *text, size_t len, size_t max_lines, const char *const *keys, const char **value,
                     size_t *vlen)
{
    int found = 0;
    size_t lines = 0;
    for (size_t ls = 0; ls < len && !found && lines < max_lines; lines++) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        const char *colon = memchr(text + ls, ':', le - ls);
        if (colon) {
            zp_buf key = ZP_BUF_INIT;
            zp_fold_word(text + ls, (size_t)(colon - text) - ls, &key);
            while (key.len && key.data[key.len - 1] == ' ')
                key.data[--key.len] = '\0';
            if (zp_words_in(zp_buf_str(&key), keys)) {
                const char *v = colon + 1, *e = text + le;
                while (v < e && (*v == ' ' || *v == '\t'))
                    v++;
                while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
                    e--;
                if (e > v) {
                    *value = v;
                    *vlen = (size_t)(e - v);
                    found = 1;
                }
            }
            zp_buf_free(&key);
        }
        ls = le + 1;
    }
    return found;
}

int zp_meta_front_field(const char *text, size_t len, const char *const *keys, const char **value,
                        size_t *vlen)
{
    size_t end = (size_t)zp_meta_front_matter_end(text, len);
    return end && zp_meta_field_in(text, end, (size_t)-1, keys, value, vlen);
}
