#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conflictmap/tempfiles.h"
#include "util.h"

cm_status cm__atomic_open(cm__atomic *a, const char *path, cm_error *err)
{
    memset(a, 0, sizeof *a);
    const size_t n = strlen(path) + 16;
    a->path = strdup(path);
    a->tmp = malloc(n);
    if (!a->path || !a->tmp) {
        cm__atomic_abort(a);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    }
    /* "dir/.cm~XXXXXX": hidden, short (any legal name fits), in the same
     * directory so that rename is atomic; locked while it lives */
    const int fd = cm_temp_create(path, 0, a->tmp, n, err);
    if (fd < 0) {
        free(a->tmp);
        a->tmp = NULL;
        cm__atomic_abort(a);
        return err ? err->status : CM_ERR_IO;
    }
    /* The mode of the file it replaces, else what the umask gives a new one. */
    struct stat sb;
    fchmod(fd, stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? (sb.st_mode & 07777)
                                                         : cm__new_mode(0));
    a->fp = fdopen(fd, "wb");
    if (!a->fp) {
        const int e = errno;
        close(fd);
        cm__atomic_abort(a);
        return cm_error_set(err, CM_ERR_IO, "%s: cannot create: %s", path, strerror(e));
    }
    return CM_OK;
}

void cm__atomic_write(cm__atomic *a, const void *data, size_t n)
{
    if (!a->failed && fwrite(data, 1, n, a->fp) != n)
        a->failed = errno ? errno : EIO;
}

cm_status cm__atomic_failure(const cm__atomic *a, cm_error *err)
{
    return cm_error_set(err, CM_ERR_IO, "%s: cannot write: %s", a->path,
                        strerror(a->failed ? a->failed : EIO));
}

void cm__atomic_abort(cm__atomic *a)
{
    if (a->fp)
        fclose(a->fp);
    if (a->tmp) {
        unlink(a->tmp);
        cm_temp_release(a->tmp);
    }
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
}

cm_status cm__atomic_commit(cm__atomic *a, cm_error *err)
{
    int e = a->failed;
    if (!e && fflush(a->fp) != 0)
        e = errno;
    /* renamed while still open: its lock keeps a stale-clearing run away */
    if (!e && rename(a->tmp, a->path) == 0)
        cm_temp_release(a->tmp);
    else if (!e)
        e = errno;
    if (fclose(a->fp) != 0 && !e)
        e = errno;
    a->fp = NULL;
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
