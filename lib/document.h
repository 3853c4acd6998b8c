/* Document building: an extracted text becomes a Xapian document following
 * the index schema (docs/schema.md): terms of the text, the metadata as
 * filter terms and values, and the stored fields a hit shows. */
#ifndef ZP_DOCUMENT_H
#define ZP_DOCUMENT_H

#include <stddef.h>

#include "meta.h"
#include "record_dict.h"
#include "zx.h"

/* Value slots (docs/schema.md).  Facet slots hold canonical forms, several
 * separated by ZX_VALUE_SEP. */
enum {
    ZP_SLOT_DATE = 0,
    ZP_SLOT_MTIME = 1,
    ZP_SLOT_SIZE = 2,
    ZP_SLOT_YEAR = 3,
    ZP_SLOT_TOWN = 4,
    ZP_SLOT_BODY = 5,
    ZP_SLOT_ORGS = 6,
    ZP_SLOT_HASH = 7,     /* content hash, 16 hex digits (zp_doc_hash) */
    ZP_SLOT_MEETING = 8   /* YYYYMMDD + canonical body: the meeting a record is
                             of, when both are known (hits collapse on it) */
};

/* Term prefixes (docs/schema.md). */
#define ZP_PREFIX_ID "Q"
#define ZP_PREFIX_MIME "T"
#define ZP_PREFIX_DAY "D"
#define ZP_PREFIX_MONTH "M"
#define ZP_PREFIX_YEAR "Y"
#define ZP_PREFIX_TOWN "XTOWN"     /* + canonical town: filter and facet */
#define ZP_PREFIX_BODY "XBODY"     /* + canonical body: facet */
#define ZP_PREFIX_BODY_WORD "XBW"  /* + stem of a word of the body's name: filter */
#define ZP_PREFIX_ORG "XORG"       /* + canonical organisation: facet */
#define ZP_PREFIX_ORG_WORD "XOW"   /* + stem of a word of an organisation: filter */
#define ZP_PREFIX_PERSON "XPERSON" /* + stem of a word of a person's name: filter */
#define ZP_PREFIX_DECISION "XDEC"  /* decision text: XDEC+word, ZXDEC+stem (XDEC alone the mark) */
#define ZP_PREFIX_OUTSIDE "XOUT"   /* or, where fewer, what lies outside the decisions:
                                      XOUT+word, ZXOUT+stem, XOUT alone the mark */
#define ZP_PREFIX_RESOLUTION "XRES" /* + a resolution's number, folded, no spaces */

/* User metadata: which extraction built the documents.  Raised whenever
 * what a document holds changes (metadata rules, fields): an index of
 * another version has its every file read again on the next run. */
#define ZP_METADATA_VERSION "zapisy.version"
#define ZP_INDEX_VERSION "6"
/* The Czech lexicon the terms were made with (zp_lemma_identity). */
#define ZP_METADATA_LEXICON "zapisy.lexicon"

/* User metadata: the folders indexed, one absolute path a line. */
#define ZP_METADATA_ROOTS "zapisy.roots"

/* "Q" + 16 hex digits + NUL */
#define ZP_ID_TERM_SIZE 18

typedef struct {
    const char *path;       /* absolute path, shown and used to open the file */
    const char *mime;
    const char *text;       /* extracted text, UTF-8 (damage is repaired) */
    size_t len;
    long long mtime, size;
    const char *hash;       /* zp_doc_hash of the file's bytes */
    zp_packer *packer;      /* packs the stored record (NULL: without a dictionary) */
} zp_doc_input;

/* A built document and what goes into the database beside it. */
typedef struct {
    zx_doc *doc;
    char id_term[ZP_ID_TERM_SIZE];
    long invalid;           /* invalid UTF-8 sequences that were replaced */
    unsigned dict_id;       /* the dictionary its record was packed with, 0: none */
    zp_meta meta;
    zp_strlist display_keys, display_values; /* facet term -> shown form */
} zp_doc;

/* A hash of a file's bytes (FNV-1a 64, 16 hex digits): tells a touched
 * file from a changed one.  Not for security. */
#define ZP_HASH_SIZE 17
void zp_doc_hash(const char *data, size_t len, char out[ZP_HASH_SIZE]);

/* The unique id term of a file: "Q" + a 64-bit hash of its path. */
void zp_doc_id_term(const char *path, char out[ZP_ID_TERM_SIZE]);

/* The term of a resolution number ("0054/17-Z" -> "XRES0054/17-z"), the
 * same for the indexer and the usneseni: filter.  Appends to out. */
void zp_doc_resolution_term(const char *number, size_t len, zp_buf *out);

/* Builds the document of a file.  Free *out with zp_doc_free.  Returns 0,
 * or -1 with a message naming the file. */
int zp_doc_build(const zp_doc_input *in, zp_doc *out, char *err, size_t errlen);
void zp_doc_free(zp_doc *d);

/* A stored decision's text from where it stands in the stored text (its
 * record's last field, "FROM-TO" or "FROM-TO…": the bytes' whitespace
 * squeezed, " …" after them when it was cut short), appended to out (out
 * NULL: not made), and FROM and TO in *at and *end.  0, or -1 when range is
 * none of those (or memory ran out). */
int zp_doc_decision_text(const char *text, size_t len, const char *range, size_t rlen, size_t *at, size_t *end,
                         zp_buf *out);

#endif
