#include "conflictmap/error.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

cm_status cm_error_set(cm_error *err, cm_status status, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    char raw[CM_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    /* One line, safe on a terminal, whatever the quoted input held: control
     * characters (line ends, a terminal's escapes) and bytes that are not
     * UTF-8 are written \xNN; the message is cut between characters. */
    size_t o = 0;
    const size_t cap = sizeof err->message, len = strlen(raw);
    for (size_t i = 0; i < len;) {
        uint32_t code;
        const size_t n = cm__utf8_char(raw + i, len - i, &code);
        const unsigned char c = (unsigned char)raw[i];
        if (n == 0 || c < 0x20 || c == 0x7F) {
            if (o + 4 >= cap)
                break;
            snprintf(err->message + o, cap - o, "\\x%02X", c);
            o += 4, i += 1;
        } else {
            if (o + n >= cap)
                break;
            memcpy(err->message + o, raw + i, n);
            o += n, i += n;
        }
    }
    err->message[o] = '\0';
    return status;
}

void cm_error_clear(cm_error *err)
{
    if (err == NULL)
        return;
    err->status = CM_OK;
    err->message[0] = '\0';
}

const char *cm_status_name(cm_status status)
{
    static const char *const names[] = {
        [CM_OK] = "ok",
        [CM_ERR_NOMEM] = "out of memory",
        [CM_ERR_IO] = "i/o error",
        [CM_ERR_PARSE] = "parse error",
        [CM_ERR_INVALID] = "invalid value",
        [CM_ERR_NOT_FOUND] = "not found",
        [CM_ERR_CRS] = "projection error",
        [CM_ERR_RENDER] = "render error",
    };
    if ((unsigned)status < sizeof names / sizeof names[0] && names[status])
        return names[status];
    return "unknown error";
}
