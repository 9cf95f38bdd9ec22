/* Private: files that appear whole or not at all.  Data goes to a
 * temporary file beside the target, renamed over it on commit. */
#ifndef CM__ATOMIC_FILE_H
#define CM__ATOMIC_FILE_H

#include <stdio.h>

#include "conflictmap/error.h"

typedef struct cm__atomic {
    char *path; /* the final name */
    char *tmp;  /* the temporary name */
    FILE *fp;
    int failed; /* a write failed */
} cm__atomic;

/* Create the temporary file; errors name path. */
cm_status cm__atomic_open(cm__atomic *a, const char *path, cm_error *err);

/* Write n bytes; remembers failure for commit. */
void cm__atomic_write(cm__atomic *a, const void *data, size_t n);

/* Flush, close and rename into place; on failure the temporary is removed. */
cm_status cm__atomic_commit(cm__atomic *a, cm_error *err);

/* The error of a write that failed: "PATH: cannot write: REASON" (the
 * system's reason, e.g. "No space left on device"). */
cm_status cm__atomic_failure(const cm__atomic *a, cm_error *err);

/* Close and remove the temporary file; the target is untouched. */
void cm__atomic_abort(cm__atomic *a);

#endif
