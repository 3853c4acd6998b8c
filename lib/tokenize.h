/* The word tokenizer for documents and queries.  It walks NFC UTF-8 text
 * and reports each word with its byte range in the text and its folded form,
 * so the index, the query and the highlighter all see the same words. */
#ifndef ZP_TOKENIZE_H
#define ZP_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

/* Words longer than this (folded, in bytes) are junk for search (base64,
 * hashes, runs of letters from broken PDFs) and are not reported.  Xapian's
 * own limit for a term is about 245 bytes. */
#define ZP_TOK_MAX_TERM 64

typedef struct {
    size_t start, end;    /* byte range of the word in the text */
    const char *term;     /* folded form; valid only during the callback */
    size_t term_len;
    unsigned pos_inc;     /* 1: takes the next position; 0: an alternative
                             form at the position of the previous token
                             ("e-mail" gives e, email (0), mail) */
    int glued;            /* joined to the previous token with no space
                             between them (16.1.2025, e-mail, Interv,centrum) */
} zp_token;

/* Return non-zero to stop the walk. */
typedef int (*zp_tok_fn)(const zp_token *tok, void *ud);

/* Calls fn for each token of text (valid UTF-8, see zp_fold_clean_text).
 * Besides plain words it handles:
 *   - dates: "16.1.2025" and "11. 1. 2019" both give 16|1|2025-style number
 *     tokens glued together, leading zeros dropped from day and month;
 *   - dotted abbreviations of short parts: "o.p.s." gives "ops", "Ph.D." "phd";
 *   - hyphenated words: both parts and the joined word ("email");
 *   - letter-spaced headings: "Z Á P I S" also gives "zapis".
 * Returns 0 when the text was walked, the callback's non-zero value when it
 * stopped the walk, or -1 when memory ran out. */
int zp_tok_each(const char *text, size_t len, zp_tok_fn fn, void *ud);

/* Which plain words zp_tok_each_only reports, by the first three bytes of
 * their folded form (ASCII; a letter or digit): first[a], second[a][b]
 * for a word folding to a then b (b 0: to a alone), and for such a word
 * the third: bit c of third[third_of[a][b] - 1] (c 0: to a and b alone),
 * where third_of[a][b] is neither 0 nor ZP_TOK_ANY_THIRD (any third).
 * Built by zp_tok_only_add from the forms a caller may match. */
#define ZP_TOK_THIRDS 512
#define ZP_TOK_ANY_THIRD 0xFFFF
typedef struct {
    unsigned char first[128];
    unsigned char second[128][128];
    unsigned short third_of[128][128];
    uint64_t third[ZP_TOK_THIRDS][2];
    uint64_t whole3[ZP_TOK_THIRDS][2];   /* of those thirds, the words of three letters wanted */
    unsigned n_third;
    unsigned char any_number;   /* a token beginning with a digit may be wanted */
} zp_tok_only;

/* How zp_tok_only_add takes s: as a whole folded word, or as what the
 * folded words wanted begin with. */
enum { ZP_TOK_ONLY_WORD, ZP_TOK_ONLY_BEGINNING };

/* Wants the words whose folded form is s (ZP_TOK_ONLY_WORD), or begins
 * with s (ZP_TOK_ONLY_BEGINNING: "" wants every word), of len bytes. */
void zp_tok_only_add(zp_tok_only *o, const char *s, size_t len, int how);

/* Whether o wants a token whose folded form is term[0, len): by its first
 * three bytes (its first two, when the third is beyond ASCII; its first,
 * when the second is; a form of three letters only when o wants it whole:
 * "pro" is not wanted for "pronájem"); a form beginning beyond ASCII
 * always. */
int zp_tok_only_wants(const zp_tok_only *o, const char *term, size_t len);

/* zp_tok_each, but only the tokens only wants (zp_tok_only_wants): a
 * search passes over the tokens that cannot match.  Plain words are passed
 * over before they are folded (by their letters, folded one by one; a word
 * right before a hyphen by its first letter alone, since the joined form's
 * second letter may be another's), and so are the words that can begin no
 * pattern whose tokens only may want: a date's when it wants no number, a
 * letter or two before a dot and a space ("č. 12"), a lone capital before
 * anything but a space and a word.  The others (an abbreviation, a
 * letter-spaced heading) are read as patterns and their tokens judged by
 * their folded forms.  A word passed over is not reported at all: not for
 * a caller that counts positions.  only NULL: every word. */
int zp_tok_each_only(const char *text, size_t len, const zp_tok_only *only, zp_tok_fn fn, void *ud);

/* Whether zp_tok_each_only's quick pass skims the text a block of 64 bytes
 * at a time (1, the default, where the CPU has SSE2) or reads it a word at
 * a time (0): the same tokens either way.  For tests and benchmarks that
 * compare the two; not for use while other threads tokenize. */
void zp_tok_skim(int on);

#endif
