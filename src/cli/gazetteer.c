/* conflictmap gazetteer import: merge GeoNames dumps and CSV files into a
 * gazetteer file, so any town of any country can be mapped. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "conflictmap/dataset.h"
#include "conflictmap/gazetteer.h"

#define MAX_INPUTS 64

static void help(void)
{
    printf("Usage: conflictmap gazetteer import [OPTIONS] -o OUT.csv\n\n"
           "Merge GeoNames country dumps (AF.txt, ML.txt ...) and gazetteer CSV files\n"
           "into one gazetteer CSV.  The base gazetteer's places and spellings win:\n"
           "an imported row naming a place it has only adds new spellings.\n\n"
           "  -G, --geonames FILE        a GeoNames dump (tab-separated); repeatable\n"
           "  -c, --csv FILE             a gazetteer CSV (id,name,kind,admin1,lat,lon,...);\n"
           "                             repeatable\n"
           "  -b, --base FILE            the gazetteer to start from (default: the\n"
           "                             dataset's, %s)\n"
           "      --no-base              start from an empty gazetteer\n"
           "  -p, --min-population N     GeoNames towns smaller than N are left out\n"
           "                             (default 1000; seats of government always kept)\n"
           "  -o, --output FILE          the merged gazetteer CSV (required)\n"
           "  -h, --help                 show this help\n",
           cli_default_dataset());
}

typedef struct import_args {
    const char *geonames[MAX_INPUTS], *csv[MAX_INPUTS];
    int n_geonames, n_csv, no_base;
    const char *base, *output;
    long min_population;
} import_args;

static int parse_args(int argc, char **argv, import_args *a)
{
    enum { OPT_NO_BASE = 256 };
    static const struct option longopts[] = {
        {"geonames", required_argument, NULL, 'G'}, {"csv", required_argument, NULL, 'c'},
        {"base", required_argument, NULL, 'b'},     {"no-base", no_argument, NULL, OPT_NO_BASE},
        {"min-population", required_argument, NULL, 'p'},
        {"output", required_argument, NULL, 'o'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":G:c:b:p:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'G':
        case 'c': {
            int *n = c == 'G' ? &a->n_geonames : &a->n_csv;
            if (*n == MAX_INPUTS)
                return cli_usage_error("gazetteer import", "more than %d inputs", MAX_INPUTS);
            (c == 'G' ? a->geonames : a->csv)[(*n)++] = optarg;
            break;
        }
        case 'b': a->base = optarg; break;
        case OPT_NO_BASE: a->no_base = 1; break;
        case 'p':
            if (!cli_parse_int(optarg, 0, 2000000000L, &a->min_population))
                return cli_usage_error("gazetteer import", "bad --min-population '%s'", optarg);
            break;
        case 'o': a->output = optarg; break;
        case 'h': help(); return -1;
        case ':':
            return cli_usage_error("gazetteer import", "option '%s' needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error("gazetteer import", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("gazetteer import", "unexpected argument '%s'", argv[optind]);
    if (!a->output)
        return cli_usage_error("gazetteer import", "-o FILE is required");
    if (a->n_geonames + a->n_csv == 0)
        return cli_usage_error("gazetteer import", "give --geonames or --csv files to import");
    return 0;
}

static int import_all(const import_args *a, cm_gazetteer *gz, cm_error *err)
{
    cm_import_stats total = {0, 0, 0}, s;
    for (int i = 0; i < a->n_geonames; i++) {
        if (cm_gazetteer_import_geonames(gz, a->geonames[i], a->min_population, &s, err))
            return 0;
        total.added += s.added, total.merged += s.merged, total.skipped += s.skipped;
    }
    for (int i = 0; i < a->n_csv; i++) {
        if (cm_gazetteer_merge_csv(gz, a->csv[i], &s, err))
            return 0;
        total.added += s.added, total.merged += s.merged, total.skipped += s.skipped;
    }
    if (cm_gazetteer_write_csv(gz, a->output, err))
        return 0;
    fprintf(stderr, "conflictmap: %zu places added, %zu merged, %zu rows left out; %zu places in %s\n",
            total.added, total.merged, total.skipped, cm_gazetteer_count(gz), a->output);
    return 1;
}

int cli_gazetteer(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "import") != 0) {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            help();
            return CM_EXIT_OK;
        }
        return cli_usage_error("gazetteer", "expected 'import'");
    }
    import_args a = {.min_population = 1000};
    int rc = parse_args(argc - 1, argv + 1, &a);
    if (rc != 0)
        return rc < 0 ? CM_EXIT_OK : rc;
    cm_error err = {0};
    cm_dataset *ds = NULL;
    cm_gazetteer *gz = NULL;
    cm_status st;
    if (a.no_base)
        st = cm_gazetteer_new(&gz, &err);
    else if (a.base)
        st = cm_gazetteer_load(a.base, &gz, &err);
    else if ((st = cm_dataset_load(cli_default_dataset(), &ds, &err)) == CM_OK)
        st = cm_gazetteer_load(ds->gazetteer, &gz, &err);
    rc = st == CM_OK && import_all(&a, gz, &err) ? CM_EXIT_OK : cli_fail(&err);
    cm_gazetteer_free(gz);
    cm_dataset_free(ds);
    return rc;
}
