/* conflictmap render: the map of one date. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conflictmap/dataset.h"
#include "conflictmap/events.h"
#include "conflictmap/map.h"
#include "conflictmap/output.h"
#include "conflictmap/timeline.h"

static void help(void)
{
    printf("Usage: conflictmap render --date YYYY-MM-DD -o FILE.{png,svg,pdf} [OPTIONS]\n\n"
           "Draw who holds each provincial capital on a date.  The bundled dataset\n"
           "supplies every input that is not given.\n\n"
           "  -d, --date DATE          the map's date (required)\n"
           "  -o, --output FILE        .png, .svg or .pdf (required)\n"
           "  -e, --events FILE        events CSV (default: the dataset's timeline)\n"
           "  -b, --boundaries FILE    province shapefile (.shp)\n"
           "      --neighbours FILE    neighbouring countries shapefile, or 'none'\n"
           "  -g, --gazetteer FILE     gazetteer CSV with the capitals\n"
           "      --id-field NAME      province field that gazetteer admin1 values name\n"
           "      --dataset FILE       dataset file (default: %s)\n"
           "      --crs CRS            EPSG:NNNN or a PROJ string (default: a Lambert\n"
           "                           conformal conic fitted to the provinces)\n"
           "  -l, --lang en|fr         language of the title and legend (default en)\n"
           "  -W, --width PIXELS       image width (default 1600)\n"
           "  -H, --height PIXELS      image height (default 1200)\n"
           "      --dpi DPI            pixels per inch; sets the physical size of PDF\n"
           "                           and SVG pages (default 150)\n"
           "  -h, --help               show this help\n",
           cli_default_dataset());
}

typedef struct render_args {
    const char *date, *output, *events, *boundaries, *neighbours, *gazetteer;
    const char *id_field, *dataset, *crs, *lang;
    long width, height, dpi;
} render_args;

static int parse_args(int argc, char **argv, render_args *a)
{
    enum { OPT_NEIGHBOURS = 256, OPT_DATASET, OPT_CRS, OPT_DPI, OPT_ID_FIELD };
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"output", required_argument, NULL, 'o'},
        {"events", required_argument, NULL, 'e'},
        {"boundaries", required_argument, NULL, 'b'},
        {"neighbours", required_argument, NULL, OPT_NEIGHBOURS},
        {"gazetteer", required_argument, NULL, 'g'},
        {"id-field", required_argument, NULL, OPT_ID_FIELD},
        {"dataset", required_argument, NULL, OPT_DATASET},
        {"crs", required_argument, NULL, OPT_CRS},
        {"lang", required_argument, NULL, 'l'},
        {"width", required_argument, NULL, 'W'},
        {"height", required_argument, NULL, 'H'},
        {"dpi", required_argument, NULL, OPT_DPI},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:o:e:b:g:l:W:H:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->date = optarg; break;
        case 'o': a->output = optarg; break;
        case 'e': a->events = optarg; break;
        case 'b': a->boundaries = optarg; break;
        case OPT_NEIGHBOURS: a->neighbours = optarg; break;
        case 'g': a->gazetteer = optarg; break;
        case OPT_ID_FIELD: a->id_field = optarg; break;
        case OPT_DATASET: a->dataset = optarg; break;
        case OPT_CRS: a->crs = optarg; break;
        case 'l': a->lang = optarg; break;
        case 'W':
            if (!cli_parse_int(optarg, 64, 20000, &a->width))
                return cli_usage_error("render", "bad --width '%s' (64..20000)", optarg);
            break;
        case 'H':
            if (!cli_parse_int(optarg, 64, 20000, &a->height))
                return cli_usage_error("render", "bad --height '%s' (64..20000)", optarg);
            break;
        case OPT_DPI:
            if (!cli_parse_int(optarg, 18, 2400, &a->dpi))
                return cli_usage_error("render", "bad --dpi '%s' (18..2400)", optarg);
            break;
        case 'h':
            help();
            return -1;
        case ':':
            return cli_usage_error("render", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("render", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("render", "unexpected argument '%s'", argv[optind]);
    if (!a->date)
        return cli_usage_error("render", "--date is required");
    if (!a->output)
        return cli_usage_error("render", "-o FILE is required");
    return 0;
}

/* Fill map options and the events path from the dataset and overrides. */
static void apply_dataset(const render_args *a, const cm_dataset *ds, cm_map_options *o,
                          const char **events)
{
    cm_map_options_init(o);
    o->provinces = a->boundaries ? a->boundaries : ds->provinces;
    o->neighbours = a->neighbours ? a->neighbours : ds->neighbours;
    if (o->neighbours && strcmp(o->neighbours, "none") == 0)
        o->neighbours = NULL;
    if (a->boundaries && !a->neighbours)
        o->neighbours = NULL; /* the bundled context may not fit other boundaries */
    o->gazetteer = a->gazetteer ? a->gazetteer : ds->gazetteer;
    o->id_field = a->id_field ? a->id_field : ds->id_field;
    o->crs = a->crs;
    o->title_en = ds->title_en;
    o->title_fr = ds->title_fr;
    o->width = (int)a->width;
    o->height = (int)a->height;
    o->dpi = (double)a->dpi;
    *events = a->events ? a->events : ds->events;
}

int cli_render(int argc, char **argv)
{
    render_args a = {.width = 1600, .height = 1200, .dpi = 150, .lang = "en"};
    int rc = parse_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? CM_EXIT_OK : rc;
    cm_error err = {0};
    cm_date date;
    cm_lang lang;
    cm_format format;
    cm_dataset *ds = NULL;
    cm_map *map = NULL;
    cm_timeline *tl = NULL;
    cm_events events = {0};
    cm_map_options opts;
    const char *events_path = NULL;
    /* Check what costs nothing before loading anything. */
    if (cm_date_parse(a.date, &date, NULL, &err) != CM_OK ||
        cm_lang_parse(a.lang, &lang, &err) != CM_OK ||
        cm_output_format(a.output, &format, &err) != CM_OK ||
        cm_dataset_load(a.dataset ? a.dataset : cli_default_dataset(), &ds, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    apply_dataset(&a, ds, &opts, &events_path);
    if ((events_path && cm_events_read_csv(events_path, &events, &err) != CM_OK) ||
        cm_timeline_create(&events, &tl, &err) != CM_OK ||
        cm_map_create(&opts, &map, &err) != CM_OK ||
        cm_output_write(map, tl, date, lang, a.output, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    rc = CM_EXIT_OK;
out:
    cm_map_free(map);
    cm_timeline_free(tl);
    cm_events_free(&events);
    cm_dataset_free(ds);
    return rc;
}
