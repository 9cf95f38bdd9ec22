/* The options every map-drawing subcommand shares: data, language, page. */
#include <stdarg.h>
#include <string.h>

#include "cli.h"

#include "conflictmap/import.h"

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
    if (strlen(value) > 200)
        return cli_usage_error(cmd, "--%s is longer than 200 bytes", name);
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
    case CLI_OPT_STRICT: a->strict = 1; return 1;
    case CLI_OPT_STYLE: a->style = value; return 1;
    case CLI_OPT_VERBOSE: a->verbose = 1; return 1;
    case CLI_OPT_EVENTS_FORMAT:
        if (cm_events_format_in_parse(value) < 0)
            return cli_usage_error(cmd, "bad --events-format '%s' (auto, conflictmap, acled, ucdp)",
                                   value);
        a->events_format = value;
        return 1;
    default: return 0;
    }
}

void cli_map_help(FILE *out)
{
    fprintf(out,
            "  -e, --events FILE        events CSV (default: the dataset's timeline): ours,\n"
            "                           an ACLED export or a UCDP GED file, by its header\n"
            "      --events-format F    auto (default), conflictmap, acled or ucdp\n"
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
            "                           '' for none)\n"
            "      --style FILE         fonts, text sizes and colours (docs/state-model.md,\n"
            "                           'The map's look'); default: the dataset's\n"
            "      --verbose            say how many events' place ids were spellings\n"
            "                           resolved through the gazetteer\n"
            "      --strict             treat warnings about the data (a province without\n"
            "                           a capital, a date before the data, an imported\n"
            "                           actor that is none of the sides) as errors\n",
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
    if ((a->boundaries || a->gazetteer) && !a->dataset) {
        /* Other boundaries or places than the default dataset's: its words
         * (its country, its unit, its credit) are not theirs. */
        o->title_en = o->title_fr = o->unit_en = o->unit_fr = NULL;
        o->subtitle_en = o->subtitle_fr = o->attribution_en = o->attribution_fr = NULL;
    }
    if (a->title)
        o->title_en = o->title_fr = a->title;
    if (a->subtitle)
        o->subtitle_en = o->subtitle_fr = a->subtitle;
    if (a->attribution)
        o->attribution_en = o->attribution_fr = a->attribution;
    o->width = (int)a->width;
    o->height = (int)a->height;
    o->dpi = (double)a->dpi;
}

cm_status cli_map_warn(const cli_map_args *a, cm_error *err, const char *fmt, ...)
{
    char msg[CM_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (a->strict)
        return cm_error_set(err, CM_ERR_INVALID, "%s (--strict)", msg);
    fprintf(stderr, "conflictmap: warning: %s\n", msg);
    return CM_OK;
}

/* Every province of the map has a capital; one warning for those without,
 * and one for capitals that lie outside every province. */
static cm_status check_provinces(const cli_map_args *a, const cm_map *map, cm_error *err)
{
    if (map->n_capitals_outside) {
        const cm_status st = cli_map_warn(
            a, err, "%s: %zu of the %zu capitals of %s lie outside every province of %s "
            "(joined to theirs by admin1): check the coordinates of both", map->opts.gazetteer,
            map->n_capitals_outside, map->n_capitals, map->opts.gazetteer, map->opts.provinces);
        if (st != CM_OK)
            return st;
    }
    const int field = cm_layer_field_index(map->provinces, map->opts.id_field);
    char names[256] = "";
    size_t n = 0, k = 0;
    for (size_t f = 0; f < map->provinces->n_features; f++) {
        if (map->province_capital[f] >= 0)
            continue;
        const char *v = field >= 0 ? cm_layer_value(map->provinces, f, field) : NULL;
        if (n++ < 4 && k < sizeof names)
            k += (size_t)snprintf(names + k, sizeof names - k, "%s'%.40s'", n > 1 ? ", " : "",
                                  v && v[0] ? v : "?");
    }
    if (n == 0)
        return CM_OK;
    return cli_map_warn(a, err, "%s: %zu province%s without a capital in %s (%s%s), drawn as "
                        "no data", map->opts.provinces, n, n > 1 ? "s" : "", map->opts.gazetteer,
                        names, n > 4 ? ", ..." : "");
}

/* Every actor of events[first..] is a side: else file, line and name. */
static cm_status check_actors(const cm_events *ev, const char *path, const cm_sides *sides,
                              cm_error *err)
{
    for (size_t i = 0; i < ev->count; i++) {
        const cm_event *e = &ev->items[i];
        if (e->actor && e->actor[0] && cm_sides_find(sides, e->actor) < 0)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: actor '%.40s' is none of the %d "
                                "sides", path, e->line, e->actor, sides->count);
    }
    return CM_OK;
}

/* Every place of the starting state is a place of the map. */
static cm_status check_start(const cm_dataset *ds, const cm_gazetteer *gz, cm_error *err)
{
    for (size_t i = 0; i < ds->n_start; i++)
        if (!cm_gazetteer_find_id(gz, ds->start_places[i]))
            return cm_error_set(err, CM_ERR_NOT_FOUND, "%s: place '%.40s' is not in the "
                                "gazetteer", ds->start_state, ds->start_places[i]);
    return CM_OK;
}

cm_status cli_map_load(const cli_map_args *a, cli_map_data *d, cm_events *user,
                       cm_error *err)
{
    cm_map_options o;
    map_options(a, d->dataset, &o);
    const cm_dataset *ds = d->dataset;
    const char *events = a->events ? a->events : ds->events;
    cm_status st = CM_OK;
    if (a->style) {
        d->style = ds->style;
        st = cm_map_style_load(a->style, &d->style, err);
        o.style = &d->style;
    }
    if (st == CM_OK)
        st = cm_map_create(&o, &d->map, err);
    if (st == CM_OK) /* errors before warnings */
        st = check_start(ds, d->map->gazetteer, err);
    if (st == CM_OK)
        st = check_provinces(a, d->map, err);
    /* Every event names a place of the map's gazetteer (ACLED and UCDP rows
     * are placed through it). */
    cm_import_summary sum;
    const int format = a->events_format ? cm_events_format_in_parse(a->events_format) : CM_IN_AUTO;
    if (st == CM_OK && events)
        st = cm_events_import(events, (cm_events_format_in)format, d->map->gazetteer, &ds->sides,
                              &d->events, &sum, err);
    if (st == CM_OK && events)
        st = check_actors(&d->events, events, &ds->sides, err);
    if (st == CM_OK && user)
        st = check_actors(user, a->user_events ? a->user_events : "user events", &ds->sides, err);
    if (st == CM_OK && events && a->verbose && sum.format == CM_IN_CONFLICTMAP)
        fprintf(stderr, "conflictmap: %s: %zu place id%s resolved through the gazetteer\n",
                events, sum.resolved, sum.resolved == 1 ? "" : "s");
    if (st == CM_OK && events && sum.format != CM_IN_CONFLICTMAP) {
        char line[CM_ERROR_MAX];
        cm_import_summary_text(events, &sum, line, sizeof line);
        fprintf(stderr, "conflictmap: %s\n", line);
    }
    /* An actor that is no side was drawn as the status's default side: the
     * map may give a town to the wrong side. */
    if (st == CM_OK && events && sum.unknown_actors > 0)
        st = cli_map_warn(a, err, "%s: %zu event%s by an actor that is none of the dataset's "
                          "sides, drawn as the default side for their status (name the actor "
                          "on an 'actors' line)", events, sum.unknown_actors,
                          sum.unknown_actors == 1 ? "" : "s");
    if (st == CM_OK && user)
        st = cm_gazetteer_resolve_events(d->map->gazetteer, user, 0,
                                         a->user_events ? a->user_events : "user events", NULL,
                                         err);
    if (st == CM_OK && user)
        st = cm_events_merge_duplicates(user, err);
    if (st == CM_OK && user)
        st = cm_events_overlay(&d->events, user, err);
    cm_timeline_options t;
    cm_dataset_timeline_options(ds, &t);
    if (st == CM_OK && (st = cm_timeline_create_with(&d->events, &t, &d->timeline, err)) != CM_OK) {
        char why[CM_ERROR_MAX]; /* "line N: actor ..." or about the starting state */
        snprintf(why, sizeof why, "%s", err->message);
        cm_error_set(err, st, "%s: %s", strncmp(why, "line ", 5) == 0 && events ? events
                                                                               : ds->path, why);
    }
    return st;
}

/* A date before anything is known: a warning (the map shows no data). */
cm_status cli_map_check_date(const cli_map_args *a, const cli_map_data *d, cm_date date,
                             cm_error *err)
{
    const cm_date start = cm_timeline_start(d->timeline);
    if (start != CM_DATE_NONE && date >= start)
        return CM_OK;
    char iso[CM_DATE_ISO_LEN], s[CM_DATE_ISO_LEN] = "";
    cm_date_format_iso(date, iso);
    if (start != CM_DATE_NONE)
        cm_date_format_iso(start, s);
    if (start == CM_DATE_NONE)
        return cli_map_warn(a, err, "%s: the events give no date; every capital is drawn as "
                            "no data", iso);
    return cli_map_warn(a, err, "%s is before %s, the first day the data know (the dataset's "
                        "start or its first event): every capital is drawn as no data", iso, s);
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
