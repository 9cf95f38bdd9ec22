/* Private: well-formed UTF-8, byte by byte (no overlongs, no surrogates,
 * nothing past U+10FFFF). */
#ifndef CM__UTF8_H
#define CM__UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 if s[0..len) is well-formed UTF-8. */
int cm__utf8_valid(const char *s, size_t len);

/* The length of the well-formed UTF-8 character at s[0..avail), as
 * cm__utf8_valid takes it, and its code point in *code; 0 if there is none
 * there. */
size_t cm__utf8_char(const char *s, size_t avail, uint32_t *code);

#endif
