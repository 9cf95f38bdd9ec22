/* The options every map-drawing subcommand shares. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

void cli_map_args_init(cli_map_args *a)
{
    memset(a, 0, sizeof *a);
    a->width = 1600;
    a->height = 1200;
    a->dpi = 150;
    a->lang = "en";
}

int cli_map_option(const char *cmd, int c, const char *arg, cli_map_args *a)
{
    switch (c) {
    case 'e': a->events = arg; return 0;
    case 'b': a->boundaries = arg; return 0;
    case CLI_OPT_NEIGHBOURS: a->neighbours = arg; return 0;
    case 'g': a->gazetteer = arg; return 0;
    case CLI_OPT_ID_FIELD: a->id_field = arg; return 0;
    case CLI_OPT_DATASET: a->dataset = arg; return 0;
    case CLI_OPT_CRS: a->crs = arg; return 0;
    case 'l': a->lang = arg; return 0;
    case 'W':
        return cli_parse_int(arg, 64, 20000, &a->width)
                   ? 0 : cli_usage_error(cmd, "bad --width '%s' (64..20000)", arg);
    case 'H':
        return cli_parse_int(arg, 64, 20000, &a->height)
                   ? 0 : cli_usage_error(cmd, "bad --height '%s' (64..20000)", arg);
    case CLI_OPT_DPI:
        return cli_parse_int(arg, 18, 2400, &a->dpi)
                   ? 0 : cli_usage_error(cmd, "bad --dpi '%s' (18..2400)", arg);
    default:
        return -1;
    }
}

void cli_map_help(FILE *out)
{
    fprintf(out,
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
            "                           and SVG pages (default 150)\n",
            cli_default_dataset());
}

cm_status cli_map_prepare(const cli_map_args *a, cm_dataset **ds, cm_map_options *o,
                          const char **events, cm_lang *lang, cm_error *err)
{
    *ds = NULL;
    cm_status st = cm_lang_parse(a->lang, lang, err);
    if (st == CM_OK)
        st = cm_dataset_load(a->dataset ? a->dataset : cli_default_dataset(), ds, err);
    if (st != CM_OK)
        return st;
    cm_map_options_init(o);
    o->provinces = a->boundaries ? a->boundaries : (*ds)->provinces;
    o->neighbours = a->neighbours ? a->neighbours : (*ds)->neighbours;
    if (o->neighbours && strcmp(o->neighbours, "none") == 0)
        o->neighbours = NULL;
    if (a->boundaries && !a->neighbours)
        o->neighbours = NULL; /* the bundled context may not fit other boundaries */
    o->gazetteer = a->gazetteer ? a->gazetteer : (*ds)->gazetteer;
    o->id_field = a->id_field ? a->id_field : (*ds)->id_field;
    o->crs = a->crs;
    o->title_en = (*ds)->title_en;
    o->title_fr = (*ds)->title_fr;
    o->width = (int)a->width;
    o->height = (int)a->height;
    o->dpi = (double)a->dpi;
    *events = a->events ? a->events : (*ds)->events;
    return CM_OK;
}
