/* Czech lemmas from the dictionary: every word form hunspell-cs knows,
 * looked up by its folded form ("rozpoctu" and "rozpočtu" -> rozpočet), in
 * a compact file built from the dictionary at build time (tools/lexicon.sh)
 * and mapped read-only, so start-up costs one mmap.
 *
 * A folded form may belong to several lemmas ("dane": daň, daný).  When the
 * word was written with diacritics, only the lemmas with that very form are
 * kept ("daně" -> daň); without them, all: a document word is indexed
 * under each, a query word asks for any. */
#ifndef ZP_LEMMA_H
#define ZP_LEMMA_H

#include <stddef.h>
#include <stdint.h>

/* The lexicon file: ZAPISY_LEXICON in the environment, else the one the
 * build made (ZP_LEXICON_FILE, set by the Makefile). */
#ifndef ZP_LEXICON_FILE
#define ZP_LEXICON_FILE "build/cs.lex"
#endif
#define ZP_LEXICON_ENV "ZAPISY_LEXICON"

#define ZP_LEXICON_MAGIC "ZPLEX04"
/* Most lemmas one lookup reports (the dictionary rarely gives more than 4). */
#define ZP_LEMMA_MAX 64

/* 1 when the lexicon is loaded (it is opened on first use); 0 when it is
 * missing or damaged -- then every lookup finds nothing. */
int zp_lemma_available(void);

/* The loaded lexicon's identity ("cs.lex 1234abcd"): the index records it,
 * since terms made with another lexicon (or none) would not match.  "" when
 * none is loaded. */
const char *zp_lemma_identity(void);

/* Maps the pages of the forms and lemmas in now (an indexer's start: some
 * tens of milliseconds once, instead of a page fault a new word during the
 * work).  A searcher does not call it: it touches only the pages its words
 * need. */
void zp_lemma_preload(void);

/* The path tried, for messages. */
const char *zp_lemma_path(void);

/* A signature of a word's diacritics: a hash of its lower-cased code
 * points (NFC).  Two forms with the same folded form and the
 * same signature are (nearly surely) the same form. */
uint8_t zp_lemma_form_sig(const char *word, size_t len);

/* The lemmas of a word: folded is its folded form (zp_fold_word), word its
 * form as written (NULL or one without diacritics: every lemma of the
 * folded form).  Writes up to ZP_LEMMA_MAX lemma ids to ids and returns
 * their number; 0 when the dictionary does not know the word. */
size_t zp_lemma_lookup(const char *word, size_t wlen, const char *folded, size_t flen, uint32_t *ids);

/* A lemma's folded spelling (the index term without its prefix). */
const char *zp_lemma_folded(uint32_t id, size_t *len);
/* Its spelling with diacritics, lower case -- only for lemmas whose folded
 * spelling another lemma shares (být and byt); else NULL. */
const char *zp_lemma_exact(uint32_t id, size_t *len);
/* 1 when the lemma is a name (the dictionary writes it with a capital). */
int zp_lemma_is_proper(uint32_t id);
/* Every folded form of the dictionary one of whose lemmas has the folded
 * spelling lemma: fn(form, len, ud) each (not 0-terminated), until fn
 * returns non-zero.  1 when the spelling is a lemma's, 0 when none is, -1
 * when the lexicon (an older file) has no such table. */
int zp_lemma_each_form(const char *lemma, size_t len, int (*fn)(const char *form, size_t len, void *ud), void *ud);

#endif
