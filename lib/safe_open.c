/* Opening without following links: folder by folder with openat. */
#include "safe_open.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int zp_path_under(const char *path, const char *root)
{
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0' || n == 1);
}

int zp_open_nofollow(const char *path, char *err, size_t errlen)
{
    if (path[0] != '/') {
        snprintf(err, errlen, "%s: not an absolute path", path);
        return -1;
    }
    int dir = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const char *p = path;
    while (dir >= 0) {
        while (*p == '/')
            p++;
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        char part[256];
        if (n == 0 || n >= sizeof part || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
            snprintf(err, errlen, "%s: not a plain path", path);
            close(dir);
            return -1;
        }
        memcpy(part, p, n);
        part[n] = '\0';
        int last = !slash || !slash[1 + strspn(slash + 1, "/")];
        int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY);
        int fd = openat(dir, part, flags);
        int saved = errno;
        close(dir);
        if (fd < 0) {
            snprintf(err, errlen, "%s: %s", path,
                     saved == ELOOP || saved == ENOTDIR ? "a symbolic link on the way, not followed" : strerror(saved));
            return -1;
        }
        if (last) {
            struct stat st;
            if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
                snprintf(err, errlen, "%s: not a regular file", path);
                close(fd);
                return -1;
            }
            return fd;
        }
        dir = fd;
        p += n;
    }
    snprintf(err, errlen, "/: %s", strerror(errno));
    return -1;
}
