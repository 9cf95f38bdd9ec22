/* Private: small checked helpers shared by the readers. */
#ifndef CM__UTIL_H
#define CM__UTIL_H

#include <stddef.h>

/* Grow *arr (of elem-sized items, capacity *cap) to hold need items,
 * doubling; 0 on overflow or allocation failure (*arr is then unchanged). */
int cm__reserve(void **arr, size_t *cap, size_t need, size_t elem);

/* Parse all of s as a finite number in [lo, hi]; 0 if it is not one. */
int cm__parse_double(const char *s, double lo, double hi, double *out);

/* Parse all of s as a decimal integer in [lo, hi]; 0 if it is not one. */
int cm__parse_long(const char *s, long lo, long hi, long *out);

/* CM_OK unless path names something that is not a regular file (a FIFO,
 * a socket, a device, a directory), which reading would hang on or fail:
 * then CM_ERR_IO naming path and what it is.  A path that does not exist
 * is left for the open to report. */
#include "conflictmap/error.h"
cm_status cm__check_regular(const char *path, cm_error *err);

/* The mode a new file (dir = 0) or directory (dir = 1) gets under the
 * process's umask, read from /proc/self/status so that the umask is
 * never changed (022 assumed where it cannot be read). */
unsigned cm__new_mode(int dir);

/* Great-circle distance in km between two points in degrees. */
double cm__km(double lat1, double lon1, double lat2, double lon2);

/* FNV-1a of the bytes of s, continuing from h (start with
 * CM__FNV_OFFSET). */
#define CM__FNV_OFFSET 1469598103934665603ULL
unsigned long long cm__str_hash(unsigned long long h, const char *s);

/* strtod reading '.' as the decimal point whatever the host's locale. */
double cm__strtod_c(const char *s, char **end);

/* snprintf with numbers written in the C locale ("36.8000"), whatever the
 * host program's locale: the files the library writes read back anywhere.
 * The calling thread's locale is set for the call and put back. */
int cm__format_c(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* s without its leading and trailing ASCII white space (cut in place). */
char *cm__trim(char *s);

/* Cut buf, a string of size n whose text was cut at n - 1 bytes, back to a
 * whole UTF-8 character, so no character is split. */
void cm__utf8_cut(char *buf, size_t n);

#endif
