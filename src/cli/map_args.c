/* The options every map-drawing subcommand shares: data, language, page. */
#include <string.h>

#include "cli.h"

void cli_map_args_init(cli_map_args *a)
{
    memset(a, 0, sizeof *a);
    a->width = 1600;
    a->height = 1200;
    a->dpi = 150;
    a->lang = "en";
    a->png_compression = CM_PNG_COMPRESSION_DEFAULT;
}

void cli_output_options(const cli_map_args *a, cm_output_options *o)
{
    cm_output_options_init(o);
    o->png_compression = (int)a->png_compression;
}

/* A bounded integer option, or a usage error naming it. */
static int int_option(const char *cmd, const char *name, const char *value, long lo, long hi,
                      long *out)
{
    if (cli_parse_int(value, lo, hi, out))
        return 1;
    return cli_usage_error(cmd, "bad --%s '%s' (%ld..%ld)", name, value, lo, hi);
}

/* A text shown on the map, of a sensible length (the map checks that it is
 * UTF-8). */
static int text_option(const char *cmd, const char *name, const char *value, const char **out)
{
    if (strlen(value) > 400)
        return cli_usage_error(cmd, "--%s is longer than 400 bytes", name);
    *out = value;
    return 1;
}

int cli_map_option(const char *cmd, int c, const char *value, cli_map_args *a)
{
    switch (c) {
    case 'e': a->events = value; return 1;
    case 'b': a->boundaries = value; return 1;
    case CLI_OPT_NEIGHBOURS: a->neighbours = value; return 1;
    case 'g': a->gazetteer = value; return 1;
    case CLI_OPT_ID_FIELD: a->id_field = value; return 1;
    case CLI_OPT_DATASET: a->dataset = value; return 1;
    case CLI_OPT_CRS: a->crs = value; return 1;
    case 'l': a->lang = value; return 1;
    case 'W': return int_option(cmd, "width", value, 64, 20000, &a->width);
    case 'H': return int_option(cmd, "height", value, 64, 20000, &a->height);
    case CLI_OPT_DPI: return int_option(cmd, "dpi", value, 18, 2400, &a->dpi);
    case CLI_OPT_PNG_COMPRESSION:
        return int_option(cmd, "png-compression", value, 0, 9, &a->png_compression);
    case CLI_OPT_TITLE: return text_option(cmd, "title", value, &a->title);
    case CLI_OPT_SUBTITLE: return text_option(cmd, "subtitle", value, &a->subtitle);
    case CLI_OPT_ATTRIBUTION: return text_option(cmd, "attribution", value, &a->attribution);
    default: return 0;
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
            "                           and SVG pages (default 150)\n"
            "      --png-compression N  zlib level of PNG files, 0 (fastest) to 9\n"
            "                           (smallest, ~10x slower); default %d\n"
            "      --title TEXT         the map's title before the date (default: the\n"
            "                           dataset's country name), in every language\n"
            "      --subtitle TEXT      the line under the title (default: the dataset's)\n"
            "      --attribution TEXT   credit for the boundaries (default: the dataset's;\n"
            "                           '' for none)\n",
            cli_default_dataset(), CM_PNG_COMPRESSION_DEFAULT);
}

cm_status cli_map_prepare(const cli_map_args *a, cli_map_data *d, cm_error *err)
{
    memset(d, 0, sizeof *d);
    cm_status st = cm_lang_parse(a->lang, &d->lang, err);
    if (st == CM_OK)
        st = cm_dataset_load(a->dataset ? a->dataset : cli_default_dataset(), &d->dataset,
                             err);
    return st;
}

/* Map options from the dataset, overridden by the command line. */
static void map_options(const cli_map_args *a, const cm_dataset *ds, cm_map_options *o)
{
    cm_dataset_map_options(ds, o);
    o->provinces = a->boundaries ? a->boundaries : ds->provinces;
    o->neighbours = a->neighbours ? a->neighbours : ds->neighbours;
    if (o->neighbours && strcmp(o->neighbours, "none") == 0)
        o->neighbours = NULL;
    if (a->boundaries && !a->neighbours)
        o->neighbours = NULL; /* the bundled context may not fit other boundaries */
    o->gazetteer = a->gazetteer ? a->gazetteer : ds->gazetteer;
    o->id_field = a->id_field ? a->id_field : ds->id_field;
    o->crs = a->crs;
    o->title_en = a->title ? a->title : ds->title_en;
    o->title_fr = a->title ? a->title : ds->title_fr;
    o->subtitle_en = a->subtitle ? a->subtitle : ds->subtitle_en;
    o->subtitle_fr = a->subtitle ? a->subtitle : ds->subtitle_fr;
    o->attribution_en = a->attribution ? a->attribution : ds->attribution_en;
    o->attribution_fr = a->attribution ? a->attribution : ds->attribution_fr;
    o->width = (int)a->width;
    o->height = (int)a->height;
    o->dpi = (double)a->dpi;
}

cm_status cli_map_load(const cli_map_args *a, cli_map_data *d, cm_events *user,
                       cm_error *err)
{
    cm_map_options o;
    map_options(a, d->dataset, &o);
    const char *events = a->events ? a->events : d->dataset->events;
    cm_status st = events ? cm_events_read_csv(events, &d->events, err) : CM_OK;
    if (st == CM_OK && user)
        st = cm_events_merge_duplicates(user, err);
    if (st == CM_OK && user)
        st = cm_events_overlay(&d->events, user, err);
    const cm_dataset *ds = d->dataset;
    cm_timeline_options t;
    cm_dataset_timeline_options(ds, &t);
    if (st == CM_OK && (st = cm_timeline_create_with(&d->events, &t, &d->timeline, err)) != CM_OK) {
        char why[CM_ERROR_MAX]; /* "line N: actor ..." or about the starting state */
        snprintf(why, sizeof why, "%s", err->message);
        cm_error_set(err, st, "%s: %s", strncmp(why, "line ", 5) == 0 && events ? events
                                                                               : ds->path, why);
    }
    if (st == CM_OK)
        st = cm_map_create(&o, &d->map, err);
    return st;
}

void cli_map_data_free(cli_map_data *d)
{
    cm_map_free(d->map);
    cm_timeline_free(d->timeline);
    cm_events_free(&d->events);
    cm_dataset_free(d->dataset);
    memset(d, 0, sizeof *d);
}

int cli_parse_date(const char *cmd, const char *option, const char *text, cm_date *out)
{
    cm_error err;
    if (cm_date_parse(text, out, NULL, &err) == CM_OK)
        return 0;
    return cli_usage_error(cmd, "%s: %s", option, err.message);
}
