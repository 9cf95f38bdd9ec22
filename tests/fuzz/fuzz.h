/* Shared by the fuzz targets: each defines LLVMFuzzerInitialize (run once)
 * and LLVMFuzzerTestOneInput (run per input), built either with libFuzzer
 * (clang, -fsanitize=fuzzer) or with replay.c's main() for ctest.  A
 * broken promise aborts with a message, which both count as a crash. */
#ifndef CM_FUZZ_H
#define CM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when cond is false (the fuzzers' oracle). */
#define FUZZ_ASSERT(cond, ...)                                                        \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: broken promise: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                             \
            fputc('\n', stderr);                                                      \
            abort();                                                                  \
        }                                                                             \
    } while (0)

static char fuzz_paths[4][256];
static const char *fuzz_suffixes[4];

static void fuzz_files_remove(void)
{
    for (int i = 0; i < 4 && fuzz_suffixes[i]; i++)
        unlink(fuzz_paths[i]);
}

/* A file of this process under $TMPDIR, one per suffix (".csv", ".txt"),
 * whose content fuzz_file_put replaces with data; removed at exit.
 * Returns its path. */
static inline const char *fuzz_file_put(const char *suffix, const uint8_t *data, size_t size)
{
    int slot = 0;
    while (slot < 4 && fuzz_suffixes[slot] && strcmp(fuzz_suffixes[slot], suffix) != 0)
        slot++;
    if (slot == 4)
        abort();
    if (!fuzz_suffixes[slot]) {
        const char *dir = getenv("TMPDIR");
        snprintf(fuzz_paths[slot], sizeof fuzz_paths[slot], "%s/cm-fuzz-%ld%s",
                 dir && *dir ? dir : "/tmp", (long)getpid(), suffix);
        if (slot == 0)
            atexit(fuzz_files_remove);
        fuzz_suffixes[slot] = suffix;
    }
    FILE *f = fopen(fuzz_paths[slot], "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(fuzz_paths[slot]);
        abort();
    }
    return fuzz_paths[slot];
}

#endif
