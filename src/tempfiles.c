/* Temporary files and directories: short locked names, a registry for
 * signal clean-up, and the removal of stale ones (see tempfiles.h). */
#include "conflictmap/tempfiles.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define REGISTRY 64    /* temporaries alive at once that a signal removes */
#define CLEARED 256    /* directories cleared of stale temporaries, per process */
#define STALE_AGE 60   /* seconds: younger temporaries are never stale */
#define TREE_DEPTH 4   /* levels of a temporary directory that are removed */
#define NAME_LEN 10    /* ".cm~XXXXXX" */

typedef struct entry {
    char path[4096];
    int used, dir;
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry registry[REGISTRY];
static uint64_t cleared[CLEARED];
static size_t ncleared;

/* Remove name in directory fd: a file, or a directory with what is in it
 * (depth levels at most; links are removed, never followed). */
static void remove_at(int fd, const char *name, int depth)
{
    if (unlinkat(fd, name, 0) == 0 || (errno != EISDIR && errno != EPERM) || depth == 0)
        return;
    const int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = sub >= 0 ? fdopendir(sub) : NULL;
    if (!d) {
        if (sub >= 0)
            close(sub);
        return;
    }
    const struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            remove_at(sub, e->d_name, depth - 1);
    closedir(d);
    unlinkat(fd, name, AT_REMOVEDIR);
}

static int is_temp_name(const char *name)
{
    return strlen(name) == NAME_LEN && strncmp(name, CM_TEMP_PREFIX, 4) == 0;
}

int cm_temp_clear_stale(const char *dir)
{
    const int fd = open(dir[0] ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    const time_t now = time(NULL);
    int removed = 0;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat sb;
        if (!is_temp_name(e->d_name) || fstatat(fd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
            !(S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode)) || now - sb.st_mtime < STALE_AGE)
            continue;
        const int t = openat(fd, e->d_name,
                             O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (S_ISDIR(sb.st_mode) ? O_DIRECTORY : 0));
        if (t < 0)
            continue;
        if (flock(t, LOCK_EX | LOCK_NB) == 0) { /* its writer is gone */
            remove_at(fd, e->d_name, TREE_DEPTH);
            removed++;
        }
        close(t);
    }
    closedir(d);
    return removed;
}

/* Clear dir of stale temporaries unless this process did already. */
static void clear_once(const char *dir)
{
    const uint64_t h = cm__str_hash(CM__FNV_OFFSET, dir);
    pthread_mutex_lock(&lock);
    int seen = 0;
    for (size_t i = 0; i < ncleared && !seen; i++)
        seen = cleared[i] == h;
    if (!seen && ncleared < CLEARED)
        cleared[ncleared++] = h;
    pthread_mutex_unlock(&lock);
    if (!seen)
        cm_temp_clear_stale(dir);
}

/* List a temporary; the caller holds the lock. */
static void enroll(const char *path, int dir)
{
    for (size_t i = 0; i < REGISTRY; i++)
        if (!registry[i].used && strlen(path) < sizeof registry[i].path) {
            strcpy(registry[i].path, path);
            registry[i].dir = dir;
            registry[i].used = 1;
            break;
        }
}

int cm_temp_create(const char *final_path, int dir, char *out, size_t size, cm_error *err)
{
    const char *slash = strrchr(final_path, '/');
    const size_t dirlen = slash ? (size_t)(slash - final_path + 1) : 0;
    if (dirlen + NAME_LEN + 1 > size || dirlen + NAME_LEN + 1 > sizeof registry[0].path) {
        cm_error_set(err, CM_ERR_INVALID, "%s: path too long", final_path);
        return -1;
    }
    memcpy(out, final_path, dirlen);
    out[dirlen] = '\0';
    clear_once(dirlen ? out : "");
    snprintf(out + dirlen, size - dirlen, "%sXXXXXX", CM_TEMP_PREFIX);
    /* created and listed under the lock: a stop signal's clean-up sees it */
    pthread_mutex_lock(&lock);
    int fd, made = 0;
    if (dir)
        fd = (made = mkdtemp(out) != NULL) ? open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    else if ((fd = mkstemp(out)) >= 0)
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (made)
            rmdir(out);
        pthread_mutex_unlock(&lock);
        cm_error_set(err, CM_ERR_IO, "%s: cannot create: %s", final_path, strerror(e));
        return -1;
    }
    flock(fd, LOCK_EX); /* new: nobody else holds it */
    enroll(out, dir);
    pthread_mutex_unlock(&lock);
    return fd;
}

void cm_temp_release(const char *tmp_path)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < REGISTRY; i++)
        if (registry[i].used && strcmp(registry[i].path, tmp_path) == 0) {
            registry[i].used = 0;
            break;
        }
    pthread_mutex_unlock(&lock);
}

void cm_temp_remove_all(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < REGISTRY; i++)
        if (registry[i].used) {
            remove_at(AT_FDCWD, registry[i].path, registry[i].dir ? TREE_DEPTH : 0);
            registry[i].used = 0;
        }
    pthread_mutex_unlock(&lock);
}
