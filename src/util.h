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

#endif
