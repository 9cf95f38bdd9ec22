/* A minimal test harness: CHECK records failures with file and line and
 * carries on; check_summary prints "N passed, N failed" (the line ctest
 * logs show) and returns the exit status. */
#ifndef CM_TEST_CHECK_H
#define CM_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_MSG(cond, ...)                                                     \
    do {                                                                         \
        if (cond) {                                                              \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                        \
            fputc('\n', stderr);                                                 \
        }                                                                        \
    } while (0)

#define CHECK_STR(a, b) CHECK_MSG(strcmp((a), (b)) == 0, "'%s' != '%s'", (a), (b))
#define CHECK_NEAR(a, b, tol)                                                    \
    CHECK_MSG(fabs((double)(a) - (double)(b)) <= (tol), "%.9g != %.9g (tol %g)", \
              (double)(a), (double)(b), (double)(tol))

/* The whole file at path, NUL-terminated (it may hold other NULs); its
 * length in *len.  NULL if it cannot be read.  The caller frees it. */
static inline char *check_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

/* Call fn on each line of the text file at path that is neither empty nor
 * a '#' comment, without its line end (lines up to 4095 bytes).  Returns
 * the number of such lines, or -1 if the file cannot be read. */
static inline int check_each_line(const char *path, void (*fn)(char *line))
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        fn(line);
        n++;
    }
    fclose(f);
    return n;
}

static inline int check_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
