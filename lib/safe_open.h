/* Opening a file by an absolute path without following a symbolic link
 * anywhere in it: what the page does before serving a document, so a link
 * put in place of an indexed file (or of a folder above it) serves
 * nothing. */
#ifndef ZP_SAFE_OPEN_H
#define ZP_SAFE_OPEN_H

#include <stddef.h>

/* Opens the regular file at path (absolute, no "." or ".." parts) for
 * reading, each folder on the way and the file itself opened with
 * O_NOFOLLOW.  Returns the descriptor, or -1 with a message (a link, not
 * a regular file, missing, unreadable). */
int zp_open_nofollow(const char *path, char *err, size_t errlen);

/* 1 when path is root or under it (whole components: /a/bc is not under
 * /a/b). */
int zp_path_under(const char *path, const char *root);

#endif
