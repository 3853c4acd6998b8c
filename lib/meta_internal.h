/* Internal to the metadata extractors: the versions of the public
 * extractors that take the text's words already collected, so that
 * zp_meta_extract tokenizes a document once. */
#ifndef ZP_META_INTERNAL_H
#define ZP_META_INTERNAL_H

#include "buf.h"
#include "meta.h"
#include "meta_words.h"

/* The nominative-looking form of word w among the forms of the same word
 * in the text ("Ostravy" alone gives "Ostrava").  Appends it to out. */
int zp_meta_nominative(const char *text, const zp_words *ws, const zp_word *w, zp_buf *out);

int zp_meta_town_in(const char *text, const zp_words *ws, zp_buf *display);
/* The same, with what kind of municipality the text calls it ("obce",
 * "města", "městyse", "městské části"; NULL when it does not say).
 * council: the record is a town's council or board, which is some
 * municipality's: the place its text names most, once being enough
 * ("orgán: rada" over a text that says "MČ Praha 7" once). */
int zp_meta_town_kind_in(const char *text, const zp_words *ws, int council, zp_buf *display, const char **kind);
/* The body: 1 for a named body (a group, a commission), ZP_BODY_COUNCIL
 * for a town's council or board ("Zastupitelstvo obce", "Rada"), which
 * takes the town's name after it; 0 none, -1 out of memory. */
#define ZP_BODY_COUNCIL 2
int zp_meta_body_in(const char *text, const zp_words *ws, zp_buf *display);
int zp_meta_people_in(const char *text, size_t len, const zp_words *ws, zp_meta *m);
int zp_meta_orgs_in(const char *text, size_t len, const zp_words *ws, zp_meta *m);

#endif
