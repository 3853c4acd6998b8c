/* Internal to the metadata extractors: the words of a text with what the
 * patterns look at (folded form, capitalisation, what separates them), and
 * small helpers for names.  Not part of lib/'s public interface. */
#ifndef ZP_META_WORDS_H
#define ZP_META_WORDS_H

#include <stddef.h>

#include "buf.h"
#include "tokenize.h"

/* A word: 32 bytes, its folded form kept apart (a text of tens of MB has
 * millions of words, and a form held in each word made them 96). */
typedef struct {
    size_t start, end;              /* in the text */
    union {
        const char *term;           /* folded, NUL-terminated: in zp_words.terms */
        size_t term_at;             /* where it will be, while they are collected */
    };
    unsigned char upper;            /* starts with an upper-case letter */
    unsigned char caps;             /* has letters, all upper case */
    unsigned char digits;           /* only digits */
} zp_word;

typedef struct {
    zp_word *w;
    size_t n;
    char *terms;                    /* the words' folded forms, one after another */
} zp_words;

/* The words of text[0..len) (alternative forms left out).  0 or -1. */
int zp_words_collect(const char *text, size_t len, zp_words *out);
void zp_words_free(zp_words *ws);

/* 1 when term equals one of the NULL-terminated list. */
int zp_words_in(const char *term, const char *const *list);

/* Index of the first word starting at or after byte `at`. */
size_t zp_words_at(const zp_words *ws, size_t at);

/* 1 when text[from, to) is only spaces/tabs. */
int zp_words_blank(const char *text, size_t from, size_t to);
/* 1 when text[a.end, b.start) is: the two words on one line, no
 * punctuation between them. */
int zp_words_adjacent(const char *text, const zp_word *a, const zp_word *b);

/* 1 when the gap before word i holds a newline (or i is the first word). */
int zp_words_line_start(const char *text, const zp_words *ws, size_t i);

/* Lines with content (not only blanks, rules and markup: - # * = |)
 * before byte at: how far into its header a place is.  Counted on from
 * where the counter last stopped (at only grows; start from all zeros), so
 * a walk over a header in order costs one pass. */
typedef struct {
    size_t at, lines;
    int content;
    size_t line_start;   /* where the line holding `at` begins */
} zp_line_counter;
size_t zp_words_content_lines_to(const char *text, zp_line_counter *c, size_t at);

/* Appends s with each word's first letter upper case and the rest lower
 * case ("VELKÉ BŘEZNO" -> "Velké Březno"); with sentence = 1 only the first
 * word's ("DĚTI A RODINA" -> "Děti a rodina"). */
int zp_words_recase(const char *s, size_t len, int sentence, zp_buf *out);

/* 1 when s has letters and none is lower case. */
int zp_words_all_caps(const char *s, size_t len);

/* The nominative of words [first, head] whose last is a noun: the noun's
 * lemma from the dictionary, the hard adjectives before it agreeing in
 * gender ("Poslanecké sněmovny" -> "poslanecká sněmovna", "Základní
 * školy" -> "Základní škola"); words the dictionary does not know as
 * written.  Appends to out; 0 or -1. */
int zp_words_noun_phrase(const char *text, const zp_words *ws, size_t first, size_t head, zp_buf *out);

/* Makes the first letter of out[from..] a capital. */
void zp_words_capitalise(zp_buf *out, size_t from);

/* Appends text[from, to) with runs of whitespace as single spaces, trimmed. */
void zp_words_squeeze(const char *text, size_t from, size_t to, zp_buf *out);
/* The whitespace zp_words_squeeze squeezes (space, tab, CR, LF). */
int zp_words_is_space(char c);

#endif
