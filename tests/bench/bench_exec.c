/* Benchmark helper (not a test): run a command N times and print the
 * median wall and CPU (user + system) milliseconds of the whole process,
 * start-up included, to the microsecond rather than /usr/bin/time's
 * hundredth of a second.  Usage: bench_exec N COMMAND [ARG...] */
#define _DEFAULT_SOURCE /* wait4 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    const int n = argc > 2 ? atoi(argv[1]) : 0;
    if (n < 1 || n > 10000) {
        fprintf(stderr, "usage: bench_exec N COMMAND [ARG...]\n");
        return 2;
    }
    double *wall = malloc((size_t)n * sizeof *wall), *cpu = malloc((size_t)n * sizeof *cpu);
    if (!wall || !cpu)
        return 1;
    for (int i = 0; i < n; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        const pid_t pid = fork();
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stdout))
                _exit(127);
            execvp(argv[2], argv + 2);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench_exec: %s failed\n", argv[2]);
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        wall[i] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
        cpu[i] = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                 (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    }
    printf("%.1f ms wall, %.1f ms CPU (median of %d runs)\n", median(wall, n), median(cpu, n),
           n);
    free(wall);
    free(cpu);
    return 0;
}
