/* Document data: the fields a hit needs to be shown without reopening the
 * file (path, title, MIME type, text for snippets, later date/town/body),
 * stored in Xapian's document data as a sequence of
 *     key '=' decimal-length ':' bytes '\n'
 * records, so values may hold any bytes, newlines included. */
#ifndef ZP_DOCDATA_H
#define ZP_DOCDATA_H

#include <stddef.h>

#include "buf.h"

struct ZSTD_CDict_s;

/* Appends one field to out. */
int zp_docdata_put(zp_buf *out, const char *key, const char *value, size_t len);
int zp_docdata_puts(zp_buf *out, const char *key, const char *value);

/* Finds the first field `key` in data[0..len): *value points into data
 * (not NUL-terminated), *vlen is its length.  Returns 0 when found, -1 when
 * absent or when the data is malformed. */
int zp_docdata_get(const char *data, size_t len, const char *key, const char **value,
                   size_t *vlen);

/* The field at data[*at, len): its key and value (pointing into data),
 * *at moved past it.  0, or -1 at the end or where the data is malformed:
 * a walk over every field, for a reader that wants several keys. */
int zp_docdata_next(const char *data, size_t len, size_t *at, const char **key, size_t *klen, const char **value,
                    size_t *vlen);

/* Whether a field's key, klen bytes at k as zp_docdata_next gives it, is
 * key. */
int zp_docdata_key_is(const char *k, size_t klen, const char *key);

/* Calls fn for each field `key` (for repeated fields, e.g. organisations).
 * Returns the number of fields seen. */
typedef void (*zp_docdata_fn)(const char *value, size_t vlen, void *ud);
int zp_docdata_each(const char *data, size_t len, const char *key, zp_docdata_fn fn, void *ud);

/* The decimal number at s[*at, len) (a field's length, a decision's
 * range or count), *at moved past its digits.  1, or 0 when there is no
 * digit there or the number does not fit a size_t. */
int zp_docdata_number(const char *s, size_t len, size_t *at, size_t *out);

/* A malloc()ed NUL-terminated copy of field `key`, "" when absent; NULL
 * only when memory ran out. */
char *zp_docdata_dup(const char *data, size_t len, const char *key);

/* The same of a value found already (vlen bytes at value; "" for NULL). */
char *zp_docdata_value_dup(const char *value, size_t vlen);

/* The zstd level records are packed at, with a dictionary or without. */
#define ZP_PACK_LEVEL 1

/* Records are stored compressed: a zstd frame (which a record, beginning
 * with a key, never does).  Xapian would deflate them itself, but every
 * hit shown inflates its record, and zlib's inflate was a tenth of a
 * results page; zstd reads a record three times as fast, for a tenth more
 * room.  Xapian stores a tag it cannot shrink as it is.
 *
 * zp_docdata_pack: data[0..len) as stored, into out (reset first).  0, or
 * -1 when memory ran out. */
int zp_docdata_pack(const char *data, size_t len, zp_buf *out);

/* The same with a dictionary (lib/record_dict.h; NULL: none). */
int zp_docdata_pack_with(const char *data, size_t len, const struct ZSTD_CDict_s *dict, zp_buf *out);

/* *data (malloc()ed, *len bytes, as read from the index) as a record: a
 * stored frame decompressed into a new malloc()ed buffer (the old one
 * freed), a record stored before as it is.  A frame packed with a
 * dictionary needs it in the registry (zp_record_dict_load).  0, or -1
 * with a message when the frame is corrupt, its dictionary is missing or
 * memory ran out: *data is then freed and NULL. */
int zp_docdata_unpack(char **data, size_t *len, char *err, size_t errlen);

#endif
