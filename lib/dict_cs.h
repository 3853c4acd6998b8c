/* The Czech dictionary (hunspell-cs through libhunspell): the lemma of a
 * word form, for names -- "Krhanicích" is "Krhanice", "Vodňanech"
 * "Vodňany", "Praze" "Praha".  Loaded once, on first use, and shared by
 * all threads; without the dictionary every lookup finds nothing and the
 * callers fall back on their own rules. */
#ifndef ZP_DICT_CS_H
#define ZP_DICT_CS_H

#include <stddef.h>

#include "buf.h"

/* Where Debian's hunspell-cs puts the dictionary. */
#define ZP_DICT_AFF "/usr/share/hunspell/cs_CZ.aff"
#define ZP_DICT_DIC "/usr/share/hunspell/cs_CZ.dic"

/* The lemma of word[0..len) (UTF-8) that is a proper name -- written with
 * a capital -- appended to out: 1 when there is one, 0 when the dictionary
 * has none (or is not installed), -1 when memory ran out. */
int zp_dict_proper_lemma(const char *word, size_t len, zp_buf *out);

/* Any lemma of the word (the first the dictionary gives): 1, 0 or -1. */
int zp_dict_lemma(const char *word, size_t len, zp_buf *out);

/* Calls fn for each lemma of the word (proper: only those written with a
 * capital) until fn returns non-zero; returns what fn last returned, 0
 * when there was no lemma. */
typedef int (*zp_dict_lemma_fn)(const char *lemma, void *ud);
int zp_dict_each_lemma(const char *word, size_t len, int proper, zp_dict_lemma_fn fn, void *ud);

/* 1 when the dictionary is installed and loaded. */
int zp_dict_available(void);

#endif
