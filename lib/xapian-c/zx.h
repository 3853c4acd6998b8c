/* zx: the C interface to Xapian used by zapisy.  Plain C; the only C++ in
 * the project is its implementation (zx.cc).
 *
 * Conventions:
 *   - Functions that can fail return ZX_OK (0) or a negative ZX_ERR_* and
 *     write a message for people into err[0..errlen) (may be NULL/0).
 *   - No C++ exception ever escapes: every entry point catches them.
 *   - Handles are opaque; each has a *_free / *_close twin.  Strings handed
 *     in are copied; strings handed out are malloc()ed and the caller
 *     free()s them unless the comment says otherwise. */
#ifndef ZX_H
#define ZX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ZX_OK = 0,
    ZX_ERR = -1,           /* anything else Xapian reported */
    ZX_ERR_NO_DB = -2,     /* no database at the path */
    ZX_ERR_LOCKED = -3,    /* another writer holds the database */
    ZX_ERR_QUERY = -4,     /* the query string could not be parsed */
    ZX_ERR_CORRUPT = -5,   /* the database is damaged or from another version */
    ZX_ERR_NOMEM = -6,
    ZX_ERR_ARG = -7,       /* bad argument (NULL handle, empty term, ...) */
    ZX_ERR_MODIFIED = -8,  /* a writer changed the database during a read: retry */
    ZX_ERR_BUILDING = -9,  /* empty, with a writer at work: its first run is not done */
    ZX_ERR_STALE = -10,    /* made by another version of the analysis: re-index */
    ZX_ERR_SHARD = -11     /* a shard is down, too slow or unreadable (the message names it) */
};

typedef struct zx_db zx_db;
typedef struct zx_doc zx_doc;
typedef struct zx_query zx_query;
typedef struct zx_mset zx_mset;

/* A term (or string) handed to a callback; fn returning non-zero stops. */
typedef int (*zx_term_fn)(const char *term, size_t len, void *ud);

/* ---- databases ---------------------------------------------------------- */

/* Opens an existing database read-only.  *out is closed with zx_db_close.
 * path is a database folder or a stub: a file (or a folder holding one
 * named XAPIANDB) that lists shards, one a line --
 *     auto PATH            a local database (relative to the stub's folder)
 *     remote HOST:PORT     one served by xapian-tcpsrv
 *     remote PROGRAM ARGS  one served by xapian-progsrv through PROGRAM
 * -- searched together as one database (Xapian's own ranking statistics,
 * match spies and collapsing across them).  Document ids interleave: the
 * k-th of n shards holds ids k+1, k+1+n, ...  A shard that cannot be
 * opened fails the open with ZX_ERR_SHARD and a message naming it. */
int zx_db_open_read(const char *path, zx_db **out, char *err, size_t errlen);

/* A remote shard is given this long for each exchange and for connecting:
 * a dead or stalled server costs a search at most about this. */
#define ZX_REMOTE_TIMEOUT_MS 3000
#define ZX_REMOTE_CONNECT_MS 2000
/* Metadata read from a database or its shards is kept (until it changes)
 * up to this many items. */
#define ZX_META_CACHE_MAX 20000

/* zx_db_open flags.  ZX_OPEN_PARTIAL: a shard that cannot be opened (or
 * stops answering during a search) is stood in for by an empty database
 * and the others are searched; zx_db_shard_down says which. */
#define ZX_OPEN_PARTIAL 1
int zx_db_open(const char *path, int flags, zx_db **out, char *err, size_t errlen);

/* The shards of a database opened for reading: 1 for a single database.
 * name: the stub's line for shard i ("auto shard-00", "remote h:p").
 * down: NULL when shard i is searched, else why it is not (partial). */
unsigned zx_db_shard_count(const zx_db *db);
/* 1 when db was opened from a stub or a list (shards), 0 for one
 * database; 1 when some shard is remote. */
int zx_db_sharded(const zx_db *db);
int zx_db_has_remote(const zx_db *db);
const char *zx_db_shard_name(const zx_db *db, unsigned i);
const char *zx_db_shard_down(const zx_db *db, unsigned i);

/* User metadata of shard i alone ("" when it is down); for a single
 * database, its metadata.  (zx_db_get_metadata answers for all shards with
 * the first shard's value that is set.) */
int zx_db_shard_metadata(zx_db *db, unsigned i, const char *key, char **value, char *err, size_t errlen);

/* Searches on without shard i (stood in for by an empty database, so the
 * others keep their document ids); zx_db_shard_down(db, i) gives why. */
int zx_db_shard_leave_out(zx_db *db, unsigned i, const char *why, char *err, size_t errlen);

/* 1 when path is a stub (see zx_db_open_read). */
int zx_db_is_stub(const char *path);

/* Each database a stub lists, as "auto /resolved/path" or "remote ...":
 * fn(entry, len, ud); fn returning non-zero stops. */
int zx_stub_entries(const char *path, zx_term_fn fn, void *ud, char *err, size_t errlen);

/* Writes a stub listing entries (lines as above), replacing any. */
int zx_stub_write(const char *path, const char *const *entries, size_t n, char *err, size_t errlen);

/* Moves a read-only handle to the database's latest commit (cheap when
 * nothing changed): a long-lived reader sees what the indexer committed. */
int zx_db_reopen(zx_db *db, char *err, size_t errlen);

/* Opens a database for writing, creating it (and its directory) if missing.
 * Fails with ZX_ERR_LOCKED when another process is writing it. */
int zx_db_open_write(const char *path, zx_db **out, char *err, size_t errlen);

/* Opens for writing the shard a stub line names: "auto PATH" as
 * zx_db_open_write, "remote HOST:PORT" through a xapian-tcpsrv started
 * with --writable (or "remote PROGRAM ARGS" through xapian-progsrv
 * --writable). */
#define ZX_REMOTE_WRITE_TIMEOUT_MS 60000
int zx_db_open_write_entry(const char *entry, zx_db **out, char *err, size_t errlen);

/* 1 when a writer holds the database's lock (an indexer at work), 0 when
 * not, or a negative ZX_ERR_*. */
int zx_db_locked(zx_db *db, char *err, size_t errlen);

/* Makes all changes since the last commit durable. */
int zx_db_commit(zx_db *db, char *err, size_t errlen);

/* Closes the database; pending changes of a writable one are committed
 * first (errors then are lost: call zx_db_commit to see them).  NULL is ok. */
void zx_db_close(zx_db *db);

/* Number of documents. */
int zx_db_doc_count(zx_db *db, unsigned *out, char *err, size_t errlen);

/* Adds doc, or replaces the document that has the unique term id_term. */
int zx_db_replace(zx_db *db, const char *id_term, const zx_doc *doc, char *err, size_t errlen);

/* Removes the document with the unique term id_term; absent is not an error. */
int zx_db_delete(zx_db *db, const char *id_term, char *err, size_t errlen);

/* Records that `synonym` (a term, or words separated by spaces) means the
 * same as `term`, for queries parsed with synonyms enabled. */
int zx_db_add_synonym(zx_db *db, const char *term, const char *synonym, char *err, size_t errlen);

/* Synonyms of `term` (as added with zx_db_add_synonym): fn(synonym, len, ud)
 * for each; fn returning non-zero stops.  None is not an error. */
int zx_db_synonyms(zx_db *db, const char *term, zx_term_fn fn, void *ud, char *err, size_t errlen);

/* User metadata: a small key -> value store inside the database (e.g. the
 * display form of a canonical town name).  get: *value malloc()ed, "" when
 * the key is unset; free it. */
int zx_db_set_metadata(zx_db *db, const char *key, const char *value, char *err, size_t errlen);
int zx_db_get_metadata(zx_db *db, const char *key, char **value, char *err, size_t errlen);

/* The same for a value of any bytes (NULs too): len bytes at value; get
 * gives *len and a malloc()ed *value (NUL after its end). */
int zx_db_set_metadata_bytes(zx_db *db, const char *key, const void *value, size_t len, char *err, size_t errlen);
int zx_db_get_metadata_bytes(zx_db *db, const char *key, char **value, size_t *len, char *err, size_t errlen);

/* Value `slot` of the document with unique term id_term: *value malloc()ed
 * ("" when unset), free it.  ZX_ERR_ARG when there is no such document. */
int zx_db_get_value(zx_db *db, const char *id_term, unsigned slot, char **value, size_t *len, char *err,
                    size_t errlen);

/* Sets value `slot` of the document with unique term id_term. */
int zx_db_set_value(zx_db *db, const char *id_term, unsigned slot, const char *value, size_t len, char *err,
                    size_t errlen);

/* Calls fn for every term in the database starting with prefix (the term
 * is valid only during the call); fn returning non-zero stops. */
int zx_db_each_term(zx_db *db, const char *prefix, zx_term_fn fn, void *ud, char *err, size_t errlen);

/* How many documents have the term. */
int zx_db_termfreq(zx_db *db, const char *term, unsigned *freq, char *err, size_t errlen);

/* Document data of the document with unique term id_term: *data is
 * malloc()ed (free it), *len its length.  ZX_ERR_ARG when there is none. */
int zx_db_get_data(zx_db *db, const char *id_term, char **data, size_t *len, char *err, size_t errlen);

/* ---- documents ---------------------------------------------------------- */

/* A new empty document; NULL when out of memory.  Free with zx_doc_free. */
zx_doc *zx_doc_new(void);
void zx_doc_free(zx_doc *doc);

/* A term at a position (1-based), for phrase search. */
int zx_doc_add_posting(zx_doc *doc, const char *term, size_t len, unsigned pos, unsigned wdf_inc);
/* A term without a position, counting wdf_inc towards its weight. */
int zx_doc_add_term(zx_doc *doc, const char *term, size_t len, unsigned wdf_inc);
/* A term that only filters (weight 0). */
int zx_doc_add_boolean_term(zx_doc *doc, const char *term, size_t len);
int zx_doc_set_value(zx_doc *doc, unsigned slot, const char *data, size_t len);
int zx_doc_set_data(zx_doc *doc, const char *data, size_t len);
/* Calls fn with each term of doc, in term order, and its wdf, until fn
 * returns non-zero. */
typedef int (*zx_doc_term_fn)(const char *term, size_t len, unsigned wdf, void *ud);
int zx_doc_each_term(const zx_doc *doc, zx_doc_term_fn fn, void *ud);

/* ---- queries ------------------------------------------------------------ */

/* Stemmer callback: writes the stem of word[0..len) into out (room for
 * outsize bytes, at least len + 1) and returns its length.  Called for
 * query terms by the query parser. */
typedef size_t (*zx_stem_fn)(const char *word, size_t len, char *out, size_t outsize, void *ud);

typedef struct {
    const char *field;     /* as typed in a query, e.g. "rok" */
    const char *prefix;    /* term prefix, e.g. "Y" */
    int boolean;           /* 1: a filter (rok:2019); 0: free text (title:x) */
} zx_prefix;

typedef struct {
    zx_stem_fn stem;            /* NULL: no stemming */
    void *stem_ud;
    int default_or;             /* 0: words are ANDed; 1: ORed */
    int synonyms;               /* 1: expand terms with the synonym table */
    const zx_prefix *prefixes;  /* field prefixes, may be NULL */
    size_t n_prefixes;
    const char *default_prefix; /* prefix of words without a field (NULL: none) */
    const char *unpositioned;   /* a field prefix (e.g. "XDEC") whose stems ("Z" +
                                   prefix + stem) carry no positions: a phrase or
                                   NEAR of them matches where all its words are
                                   under the prefix and the phrase is in the
                                   text ("Z" + stem).  NULL: none */
    const char *rest;           /* with unpositioned: the prefix under which a
                                   document may list the words (rest + word)
                                   and stems ("Z" + rest + stem) of its text
                                   outside that field instead of the field's,
                                   marked by the term rest alone (every other
                                   document may be marked by the field's
                                   prefix alone); each of the field's words,
                                   stems and word* wildcards then also matches
                                   such a document where its text has the term
                                   and does not list it, as one term with it.
                                   NULL: none */
    const char *unpositioned_too; /* another field whose stems carry no
                                   positions, its phrases matched in the text
                                   as unpositioned's are (the title: its
                                   words are the text's).  NULL: none */
} zx_parse_opts;

/* A word* may stand for at most this many words of the index; a broader
 * one fails the search with ZX_ERR_QUERY ("too broad"). */
#define ZX_MAX_WILDCARD_TERMS 2000
/* Matching stops after this long and returns what it found (the total is
 * then an estimate): no query costs the server more. */
#define ZX_MATCH_TIME_LIMIT_S 2.0

/* Parses qs with Xapian's query parser: AND OR NOT, "phrases", +/-,
 * trailing * wildcards, field:prefixes.  Every word, in phrases too, is
 * stemmed with opts->stem and prefixed with "Z" (+ the field's prefix);
 * word* wildcards expand over the unprefixed terms.  db (may be NULL) is needed for wildcards and synonyms.
 * An empty query gives ZX_ERR_QUERY.  Free *out with zx_query_free. */
int zx_query_parse(zx_db *db, const char *qs, const zx_parse_opts *opts, zx_query **out,
                   char *err, size_t errlen);

/* "More like this": the n terms with prefix (e.g. "Z") that best tell the
 * document with the unique term id_term from the rest of the database
 * (relevance feedback: an RSet of that document, Enquire::get_eset), ORed,
 * the document itself excluded.  ZX_ERR_ARG when there is no such
 * document.  Free *out with zx_query_free. */
int zx_query_like(zx_db *db, const char *id_term, unsigned n, const char *prefix, zx_query **out,
                  char *err, size_t errlen);

/* A query matching every document. */
int zx_query_all(zx_query **out, char *err, size_t errlen);

/* A query matching documents that have the term. */
int zx_query_term(const char *term, zx_query **out, char *err, size_t errlen);

/* A query matching documents whose value in `slot` is within [lo, hi]
 * (string comparison; NULL for an open end). */
int zx_query_value_range(unsigned slot, const char *lo, const char *hi, zx_query **out,
                         char *err, size_t errlen);

/* Combine: *q becomes (*q AND filter) where filter only restricts (no
 * weight), or (*q OR other), or (*q AND other), or (*q AND NOT other)
 * `other` is not consumed. */
int zx_query_filter(zx_query *q, const zx_query *filter, char *err, size_t errlen);
int zx_query_or(zx_query *q, const zx_query *other, char *err, size_t errlen);
int zx_query_and(zx_query *q, const zx_query *other, char *err, size_t errlen);
int zx_query_and_not(zx_query *q, const zx_query *other, char *err, size_t errlen);
/* (*q AND_MAYBE other): other only adds weight to documents *q matches. */
int zx_query_and_maybe(zx_query *q, const zx_query *other, char *err, size_t errlen);

/* Xapian's description of the query, for debugging; free() it. */
char *zx_query_describe(const zx_query *q);
void zx_query_free(zx_query *q);

/* ---- searching ---------------------------------------------------------- */

typedef struct {
    unsigned offset;        /* first hit to return (0-based) */
    unsigned limit;         /* max hits to return */
    unsigned check_at_least;/* look at least this many matches so that the
                               total (and facet counts) are exact up to it */
    int sort_slot;          /* -1: by relevance; else by this value slot */
    int sort_descending;    /* with sort_slot: 1 newest first */
    const unsigned *facet_slots; /* count the values in these slots over the
                                    matches (zx_mset_facet) */
    size_t n_facet_slots;
    int collapse;           /* 1: keep the best hit of each value of
                               collapse_slot (an empty value never collapses);
                               zx_mset_collapsed says how many it stands for */
    unsigned collapse_slot;
    int memory_facets;      /* 1: count facets from the slots' values held in
                               memory with a local database (read once a
                               commit): for a process that keeps it open */
} zx_search_opts;

int zx_search(zx_db *db, const zx_query *q, const zx_search_opts *opts, zx_mset **out,
              char *err, size_t errlen);

unsigned zx_mset_size(const zx_mset *m);          /* hits in this page */
unsigned zx_mset_total(const zx_mset *m);         /* matches in all (after collapsing): exact when
                                                     check_at_least covered every document, or for a
                                                     page without facets or collapsing of a local
                                                     database and a query of terms and AND, OR, AND
                                                     NOT, FILTER, AND_MAYBE (counted from the posting
                                                     lists); else Xapian's estimate, exact up to
                                                     check_at_least */
unsigned zx_mset_rank(const zx_mset *m, unsigned i);   /* 0-based over all hits */
/* With collapsing: how many other matches hit i stands for (a lower bound). */
unsigned zx_mset_collapsed(const zx_mset *m, unsigned i);
int zx_mset_percent(const zx_mset *m, unsigned i);
double zx_mset_weight(const zx_mset *m, unsigned i);

/* Document data of hit i: *data malloc()ed, free it. */
int zx_mset_data(const zx_mset *m, unsigned i, char **data, size_t *len, char *err, size_t errlen);

/* The database m was searched in. */
zx_db *zx_mset_db(const zx_mset *m);

/* Value `slot` of hit i: *data malloc()ed ("" when unset), free it. */
int zx_mset_value(const zx_mset *m, unsigned i, unsigned slot, char **data, size_t *len,
                  char *err, size_t errlen);

/* Calls fn for each query term that hit i contains (the term is valid only
 * during the call).  fn returning non-zero stops the walk. */
int zx_mset_matching_terms(const zx_mset *m, unsigned i, zx_term_fn fn, void *ud, char *err,
                           size_t errlen);

/* Calls fn for each term of the query searched (each once).  What a hit's
 * text holds of them is what zx_mset_matching_terms would give, without
 * reading the hit's term list (a round trip and its whole term list from a
 * remote shard). */
int zx_mset_query_terms(const zx_mset *m, zx_term_fn fn, void *ud, char *err, size_t errlen);

/* A value slot may hold several facet values separated by this byte. */
#define ZX_VALUE_SEP '\x1f'

/* Counts of the values in slot number k of opts->facet_slots over the
 * matches looked at (all of them up to check_at_least), most frequent
 * first, ties in value order: fn(value, len, count). */
typedef int (*zx_facet_fn)(const char *value, size_t len, unsigned count, void *ud);
int zx_mset_facet(const zx_mset *m, size_t k, zx_facet_fn fn, void *ud, char *err, size_t errlen);

/* How many matches have `value` (one of the values a multi-valued slot
 * holds) in slot number k of opts->facet_slots (0 when none). */
unsigned zx_mset_facet_count(const zx_mset *m, size_t k, const char *value, size_t len);

void zx_mset_free(zx_mset *m);

#ifdef __cplusplus
}
#endif

#endif
