#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_fail(const cm_error *err)
{
    fprintf(stderr, "conflictmap: error: %s\n", err->message);
    switch (err->status) {
    case CM_ERR_IO:
        return CM_EXIT_IO;
    case CM_ERR_NOMEM:
        return CM_EXIT_NOMEM;
    case CM_ERR_RENDER:
        return CM_EXIT_RENDER;
    case CM_ERR_PARSE:
    case CM_ERR_INVALID:
    case CM_ERR_NOT_FOUND:
    case CM_ERR_CRS:
        return CM_EXIT_DATA;
    default:
        return CM_EXIT_FAILURE;
    }
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "conflictmap %s: error: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'conflictmap %s --help')\n", cmd);
    return CM_EXIT_USAGE;
}

/* PREFIX/share/conflictmap/data/default.dataset beside an installed (or
 * moved) tool: its executable is PREFIX/bin/conflictmap.  0 if not. */
static int installed_dataset(char *buf, size_t size)
{
    char exe[4096];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0'; /* PREFIX/bin */
    if (!(slash = strrchr(exe, '/')) || strcmp(slash, "/bin") != 0)
        return 0;
    *slash = '\0';
    const int k = snprintf(buf, size, "%s/share/conflictmap/data/default.dataset", exe);
    return k > 0 && (size_t)k < size && access(buf, R_OK) == 0;
}

const char *cli_default_dataset(void)
{
    const char *env = getenv("CONFLICTMAP_DATASET");
    if (env && *env)
        return env;
    /* an installed tool reads its own data, wherever the sources are; the
     * one in a build tree reads the sources' */
    static char beside[4096];
    if (installed_dataset(beside, sizeof beside))
        return beside;
    static const char *const candidates[] = {
        CM_SOURCE_DATA_DIR "/data/default.dataset",
        CM_INSTALL_DATA_DIR "/data/default.dataset",
    };
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (access(candidates[i], R_OK) == 0)
            return candidates[i];
    return candidates[0];
}

int cli_parse_int(const char *text, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    const long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}
