/* Extraction: a file's bytes -> its text as UTF-8.  Every format has one
 * extractor with the same signature in its own file (extract_text.c, ...);
 * zp_extract picks one by the detected type. */
#ifndef ZP_EXTRACT_H
#define ZP_EXTRACT_H

#include <stddef.h>

#include "buf.h"
#include "detect.h"

enum {
    ZP_EXTRACT_OK = 0,
    ZP_EXTRACT_UNSUPPORTED = -1,   /* not a format we read: skip the file */
    ZP_EXTRACT_FAILED = -2         /* a format we read, but this file is bad */
};

/* One extractor: appends the text of data[0..len), the contents of the file
 * `path` (of type `type`), to `text` as UTF-8.  Extractors that run a
 * converter read the file at path; the others use data. */
typedef int (*zp_extract_fn)(const char *path, const char *data, size_t len, const zp_type *type,
                             zp_buf *text, char *err, size_t errlen);

int zp_extract_text(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                    char *err, size_t errlen);
int zp_extract_html(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                    char *err, size_t errlen);
int zp_extract_pdf(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen);
int zp_extract_docx(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                    char *err, size_t errlen);
int zp_extract_odt(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen);
int zp_extract_zip(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen);
int zp_extract_doc(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen);
int zp_extract_markdown(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                        char *err, size_t errlen);
int zp_extract_rtf(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
                   char *err, size_t errlen);

/* Whether data libmagic called binary is UTF-8 text with a few stray
 * control bytes (NULs from a bad copy), which the analysis blanks. */
int zp_extract_is_text_with_nuls(const char *data, size_t len);

/* Converts data from charset `from` (an iconv name) to UTF-8, bytes the
 * charset lacks becoming U+FFFD.  0 or -1 with a message. */
int zp_extract_iconv(const char *from, const char *data, size_t len, zp_buf *out, char *err, size_t errlen);

/* Joins words hyphenated at a line end ("poraden-\nství"). */
void zp_extract_dehyphenate(const char *s, size_t len, zp_buf *out);

/* Readies the libraries the extractors use for threads (libxml2's
 * parser); call once before extracting in more than one thread. */
void zp_extract_init(void);

/* Dispatches on type->mime; the message names the file and the reason. */
int zp_extract(const char *path, const char *data, size_t len, const zp_type *type, zp_buf *text,
               char *err, size_t errlen);

#endif
