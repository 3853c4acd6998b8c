/* A dictionary for stored records (zstd): a big index's records are packed
 * with one trained from its first records, so that the headers, field
 * names and phrases every record repeats are not stored again in each.
 * On Praha 7's resolutions a record takes a third less room and unpacks
 * in two thirds of the time (docs/benchmarks.md, twelfth round).
 *
 * The dictionary lives in the index's metadata, in each shard holding a
 * record packed with it, under ZP_METADATA_DICT_PREFIX and its id (the id
 * zstd writes into every frame packed with it), and ZP_METADATA_DICT names
 * the one to pack with.  A reader loads each dictionary the first time a
 * record asks for it (zp_record_dict_load) into a registry the process
 * keeps; records packed before a dictionary existed need none.  Indexes
 * of fewer records than a training takes have no dictionary at all. */
#ifndef ZP_RECORD_DICT_H
#define ZP_RECORD_DICT_H

#include <stddef.h>

#include "buf.h"
#include "zx.h"

struct ZSTD_DDict_s;

#define ZP_METADATA_DICT "zapisy.zstd"
#define ZP_METADATA_DICT_PREFIX "zapisy.zstd."

/* Records a training takes by default, and the bytes taken of each. */
#define ZP_DICT_SAMPLES 1000
#define ZP_DICT_SAMPLE_MAX 16384

/* ---- packing (the indexer) ---------------------------------------------- */

/* Packs records, with the run's dictionary once there is one: the first
 * `samples` records packed without one are kept (their first
 * ZP_DICT_SAMPLE_MAX bytes), the thread that packs the last of them
 * trains it, and the others wait for it meanwhile: every record after the
 * samples has it.  Safe to use from any number of threads. */
typedef struct zp_packer zp_packer;

/* A packer that trains from `samples` records (0: never). */
zp_packer *zp_packer_new(size_t samples);
void zp_packer_free(zp_packer *p);

/* Packs with the dictionary len bytes at dict (an index's, read back)
 * from now on.  0, or -1 when it is not a zstd dictionary. */
int zp_packer_use(zp_packer *p, const void *dict, size_t len);

/* zp_docdata_pack with the dictionary when there is one; *dict_id is its
 * id, 0 when the record was packed without.  0, or -1 when memory ran
 * out. */
int zp_packer_pack(zp_packer *p, const char *data, size_t len, zp_buf *out, unsigned *dict_id);

/* The dictionary packed with now (its bytes stay until the packer is
 * freed), NULL when none; *id and *len describe it. */
const void *zp_packer_dict(zp_packer *p, unsigned *id, size_t *len);

/* ---- in an index's metadata --------------------------------------------- */

/* Stores the dictionary (its bytes under its id, and as the one to pack
 * with) in db, for its next commit. */
int zp_record_dict_store(zx_db *db, const void *dict, size_t len, unsigned id, char *err, size_t errlen);

/* Reads the dictionary db packs with into out (left empty when it has
 * none). */
int zp_record_dict_current(zx_db *db, zp_buf *out, char *err, size_t errlen);

/* Makes sure the dictionary a stored record (len bytes at data, as read
 * from db) was packed with is in the registry, reading it from db's
 * metadata the first time.  Only the thread that reads db may call it; a
 * record so prepared may then be unpacked on any thread.  0, or -1 with a
 * message when db does not hold it. */
int zp_record_dict_load(zx_db *db, const char *data, size_t len, char *err, size_t errlen);

/* zp_record_dict_load, then zp_docdata_unpack. */
int zp_record_unpack(zx_db *db, char **data, size_t *len, char *err, size_t errlen);

/* ---- the registry (for lib/docdata.c) ----------------------------------- */

/* The dictionary with this id, prepared for unpacking, NULL when the
 * registry has none. */
const struct ZSTD_DDict_s *zp_record_dict_find(unsigned id);

/* Adds a dictionary to the registry (nothing when its id is there).  0,
 * or -1 when it is not a dictionary or memory ran out. */
int zp_record_dict_register(const void *dict, size_t len);

#endif
