#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

cm_status cm__atomic_open(cm__atomic *a, const char *path, cm_error *err)
{
    memset(a, 0, sizeof *a);
    const char *slash = strrchr(path, '/');
    const size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    const size_t n = strlen(path);
    a->path = strdup(path);
    a->tmp = malloc(n + 16);
    if (!a->path || !a->tmp) {
        cm__atomic_abort(a);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    }
    /* "dir/.name.XXXXXX": hidden, same directory, so rename is atomic. */
    memcpy(a->tmp, path, dirlen);
    snprintf(a->tmp + dirlen, n + 16 - dirlen, ".%s.XXXXXX", path + dirlen);
    const int fd = mkstemp(a->tmp);
    if (fd < 0) {
        const int e = errno;
        free(a->tmp);
        a->tmp = NULL;
        cm__atomic_abort(a);
        return cm_error_set(err, CM_ERR_IO, "%s: cannot create: %s", path, strerror(e));
    }
    /* The mode of the file it replaces, else what the umask gives a new one. */
    struct stat sb;
    fchmod(fd, stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? (sb.st_mode & 07777)
                                                         : cm__new_mode(0));
    a->fp = fdopen(fd, "wb");
    if (!a->fp) {
        close(fd);
        cm__atomic_abort(a);
        return cm_error_set(err, CM_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
    }
    return CM_OK;
}

void cm__atomic_write(cm__atomic *a, const void *data, size_t n)
{
    if (!a->failed && fwrite(data, 1, n, a->fp) != n)
        a->failed = errno ? errno : EIO;
}

void cm__atomic_abort(cm__atomic *a)
{
    if (a->fp)
        fclose(a->fp);
    if (a->tmp)
        unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
}

cm_status cm__atomic_commit(cm__atomic *a, cm_error *err)
{
    int e = a->failed;
    if (!e && fflush(a->fp) != 0)
        e = errno;
    if (fclose(a->fp) != 0 && !e)
        e = errno;
    a->fp = NULL;
    if (!e && rename(a->tmp, a->path) != 0)
        e = errno;
    if (e) {
        cm_error_set(err, CM_ERR_IO, "%s: cannot write: %s", a->path, strerror(e));
        cm__atomic_abort(a);
        return CM_ERR_IO;
    }
    free(a->tmp);
    a->tmp = NULL;
    free(a->path);
    a->path = NULL;
    return CM_OK;
}
