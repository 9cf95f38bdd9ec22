#include "conflictmap/error.h"

#include <stdarg.h>
#include <stdio.h>

cm_status cm_error_set(cm_error *err, cm_status status, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    /* One line whatever the quoted input held: line ends, tabs and other
     * control characters (a terminal's escapes) become spaces. */
    for (char *p = err->message; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            *p = ' ';
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
