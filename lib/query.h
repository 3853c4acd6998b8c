/* Query analysis: turns what a person typed into a query string for
 * Xapian's parser in which every word is already folded exactly as the
 * indexer folded it, keeping the parser's syntax: AND OR NOT XOR, "phrases",
 * (groups), +word -word, word* wildcards. */
#ifndef ZP_QUERY_H
#define ZP_QUERY_H

#include <stddef.h>

/* Longest query accepted, in bytes.  A person types a few words; anything
 * far longer is a paste accident or an attack on the parser. */
#define ZP_MAX_QUERY_BYTES 1024
/* Words with a wildcard in one query: each may stand for up to
 * ZX_MAX_WILDCARD_TERMS words, and a query of hundreds of them (still
 * under the byte limit) would cost seconds and much memory. */
#define ZP_MAX_WILDCARDS 8

#include "meta.h"

/* A field a query may name ("rok:2019", "title:zapis").  Names are folded
 * ("mesto" matches "město:" and "MĚSTO:"). */
typedef struct {
    const char *name;
    int filter;          /* -1: a text field, kept as "name:" for Xapian's
                            parser; >= 0: a filter, taken out of the query
                            into zp_query.filters with this id */
} zp_field;

typedef struct {
    int id;              /* zp_field.filter */
    char *value;         /* as typed (quotes removed), valid UTF-8 */
} zp_query_filter;

/* Synonyms of a key of folded words ("opu", "organizace pro pomoc
 * uprchlikum"): adds them, as folded words, to out.  0 or -1. */
typedef int (*zp_synonym_fn)(const char *key, zp_strlist *out, void *ud);

typedef struct {
    char *xapian;        /* query string for zx_query_parse ("" when the
                            query was only filters) */
    char **wildcards;    /* folded prefixes of word* terms, for highlighting */
    size_t n_wildcards;
    zp_query_filter *filters;
    size_t n_filters;
    char **exact;        /* exact-lemma terms (with their prefix) of words
                            typed with diacritics: they rank, not filter */
    size_t n_exact;
    char **words;        /* the words given to the parser, in order (what
                            a dead-end search may drop) */
    size_t n_words;
    int plain;           /* the query is only those words (and filters):
                            no operator, phrase, field or wildcard */
    int any;             /* match any word, not all (a relaxed query) */
} zp_query;

/* Normalises q (len bytes).  fields (n_fields of them, may be NULL) are
 * recognised before a colon; synonyms (may be NULL) expands words and runs
 * of words that have synonyms into (words OR "synonym words").  Fails with
 * a message when q is not valid UTF-8, is longer than ZP_MAX_QUERY_BYTES,
 * or is only operators ("AND OR") with neither a word nor a filter --
 * unless may_be_empty (the caller has filters of its own).  A query with
 * nothing in it at all is valid: it asks for every document (browse).  Free *out with zp_query_free.  Returns 0 or -1. */
int zp_query_normalize(const char *q, size_t len, const zp_field *fields, size_t n_fields,
                       zp_synonym_fn synonyms, void *syn_ud, int may_be_empty, zp_query *out,
                       char *err, size_t errlen);

/* Appends one word (valid UTF-8, as typed) as the parser is given it:
 * "(zpr_dan OR zpr_dany)" for a word of several readings.  0 or -1. */
int zp_query_word(const char *word, size_t len, zp_buf *out);

/* 1 when the len bytes at s are an operator of the query syntax (AND, OR,
 * NOT, XOR, NEAR, ADJ). */
int zp_query_is_operator(const char *s, size_t len);

void zp_query_free(zp_query *q);

#endif
