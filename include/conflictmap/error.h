/* conflictmap: status codes and error messages.
 *
 * Every fallible library call returns a cm_status and, when it fails, fills
 * a caller-provided cm_error with a one-line message that names the file,
 * line or value at fault ("data/x.csv:12: latitude 134 out of range").
 * The library never prints and never exits; the caller decides.
 */
#ifndef CONFLICTMAP_ERROR_H
#define CONFLICTMAP_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cm_status {
    CM_OK = 0,
    CM_ERR_NOMEM,      /* allocation failed or a size would overflow */
    CM_ERR_IO,         /* a file could not be opened, read or written */
    CM_ERR_PARSE,      /* input is malformed (CSV, shapefile, date, UTF-8) */
    CM_ERR_INVALID,    /* a value is well-formed but not acceptable */
    CM_ERR_NOT_FOUND,  /* a named thing (place, field, file) does not exist */
    CM_ERR_CRS,        /* PROJ rejected a CRS or a transformation failed */
    CM_ERR_RENDER      /* cairo reported an error while drawing or writing */
} cm_status;

#define CM_ERROR_MAX 512

typedef struct cm_error {
    cm_status status;
    char message[CM_ERROR_MAX];
} cm_error;

/* Record a failure in err (which may be NULL) and return status.  Control
 * characters in the formatted message (line ends of a quoted value, a
 * terminal's escapes) and bytes that are not UTF-8 are written \xNN, so the
 * message is always one line of valid UTF-8, safe to print; a long one is
 * cut between characters. */
cm_status cm_error_set(cm_error *err, cm_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Reset err to CM_OK with an empty message. */
void cm_error_clear(cm_error *err);

/* A short constant name for status ("parse error"). */
const char *cm_status_name(cm_status status);

#ifdef __cplusplus
}
#endif
#endif
