/* conflictmap: news articles about a conflict to dated maps.
 * The tool parses options and calls the library; see include/conflictmap. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "video.h"
#include "conflictmap/output.h"
#include "conflictmap/tempfiles.h"

typedef struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} subcommand;

static const subcommand commands[] = {
    {"render", cli_render, "draw the map of one date as PNG, SVG or PDF"},
    {"animate", cli_animate, "draw one map per date, a manifest and a video"},
    {"report", cli_report, "maps of every change, a chart, tables and a web page for a period"},
    {"extract", cli_extract, "read articles and write the dated events they report"},
    {"geocode", cli_geocode, "resolve place names (any spelling) with the gazetteer"},
    {"gazetteer", cli_gazetteer, "import GeoNames dumps and CSV files into a gazetteer"},
};

static void usage(FILE *out)
{
    fprintf(out, "Usage: conflictmap COMMAND [OPTIONS]\n\n"
                 "Turn news articles about a conflict into dated maps.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'conflictmap COMMAND --help' for a command's options.\n"
                 "Options: --help, --version\n"
                 "Exit codes: 0 ok, 1 failure, 2 usage, 3 bad input data, 4 i/o error,\n"
                 "            5 out of memory, 6 drawing failed.\n");
}

/* The signals that stop the tool: their thread removes the temporaries
 * being written, then lets the signal end the process as it would have. */
static sigset_t stops;
/* Held by the stop thread from the signal on, and taken by main before it
 * returns: a command that fails because of the stop (its ffmpeg killed)
 * does not exit with its own status first. */
static pthread_mutex_t exiting = PTHREAD_MUTEX_INITIALIZER;

static void *on_stop(void *unused)
{
    (void)unused;
    int sig;
    if (sigwait(&stops, &sig) != 0)
        return NULL;
    pthread_mutex_lock(&exiting);
    cli_video_kill_running();
    cm_temp_remove_all();
    signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &stops, NULL);
    raise(sig);
    return NULL;
}

/* Block SIGINT, SIGTERM and SIGHUP in every thread but one that waits for
 * them (before any other thread starts, which inherit the mask). */
static void watch_stops(void)
{
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    pthread_t t;
    if (pthread_sigmask(SIG_BLOCK, &stops, NULL) == 0 &&
        pthread_create(&t, NULL, on_stop, NULL) == 0)
        pthread_detach(t);
    else
        pthread_sigmask(SIG_UNBLOCK, &stops, NULL);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CM_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return CM_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("conflictmap %s\n", CM_VERSION);
        return CM_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            watch_stops();
            const int rc = commands[i].run(argc - 1, argv + 1);
            pthread_mutex_lock(&exiting); /* a stop under way ends the process first */
            cm_output_release_caches();
            return rc;
        }
    fprintf(stderr, "conflictmap: error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CM_EXIT_USAGE;
}
