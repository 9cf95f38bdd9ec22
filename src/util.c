#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cm__reserve(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return 0;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return 0;
    void *n = realloc(*arr, ncap * elem);
    if (!n)
        return 0;
    *arr = n;
    *cap = ncap;
    return 1;
}

/* The C locale, made once: numbers are read and written with '.' whatever
 * locale the host program set (setlocale(LC_ALL, "") under fr_FR gives
 * ','). */
static locale_t c_locale;
static pthread_once_t c_once = PTHREAD_ONCE_INIT;
static void make_c_locale(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

static locale_t use_c(void)
{
    pthread_once(&c_once, make_c_locale);
    return c_locale ? uselocale(c_locale) : (locale_t)0;
}

static void use_again(locale_t old)
{
    if (old)
        uselocale(old);
}

int cm__format_c(char *buf, size_t size, const char *fmt, ...)
{
    const locale_t old = use_c();
    va_list ap;
    va_start(ap, fmt);
    const int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    use_again(old);
    return n;
}

double cm__strtod_c(const char *s, char **end)
{
    const locale_t old = use_c();
    const double v = strtod(s, end);
    use_again(old);
    return v;
}

int cm__parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    const double v = cm__strtod_c(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

int cm__parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    const long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

void cm__utf8_cut(char *buf, size_t n)
{
    if (n == 0)
        return;
    buf[n - 1] = '\0';
    const size_t len = strlen(buf);
    if (len == 0)
        return;
    size_t j = len - 1; /* back to the lead byte of the last character */
    while (j > 0 && ((unsigned char)buf[j] & 0xC0) == 0x80)
        j--;
    const unsigned char lead = (unsigned char)buf[j];
    const size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (j + need > len)
        buf[j] = '\0';
}

char *cm__trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

cm_status cm__check_regular(const char *path, cm_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode))
        return CM_OK;
    const char *what = S_ISDIR(sb.st_mode)    ? "a directory"
                       : S_ISFIFO(sb.st_mode) ? "a FIFO"
                       : S_ISSOCK(sb.st_mode) ? "a socket"
                       : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "a device"
                                                                   : "not a file";
    return cm_error_set(err, CM_ERR_IO, "%s: not a regular file (%s)", path, what);
}

unsigned cm__new_mode(int dir)
{
    unsigned mask = 022;
    FILE *f = fopen("/proc/self/status", "r");
    char line[128];
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "Umask:", 6) == 0) {
            mask = (unsigned)strtoul(line + 6, NULL, 8) & 0777;
            break;
        }
    if (f)
        fclose(f);
    return (dir ? 0777u : 0666u) & ~mask;
}

double cm__km(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = 3.14159265358979323846 / 180, R = 6371.0088;
    const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    const double a = sin(dlat / 2) * sin(dlat / 2) +
                     cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * R * asin(fmin(1.0, sqrt(a)));
}

unsigned long long cm__str_hash(unsigned long long h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}
