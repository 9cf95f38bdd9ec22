/* conflictmap geocode: resolve place names with the gazetteer. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "conflictmap/dataset.h"
#include "conflictmap/gazetteer.h"

#define MAX_CANDIDATES 5

static void help(void)
{
    printf("Usage: conflictmap geocode [OPTIONS] NAME...\n\n"
           "Resolve each NAME (any spelling: Kaboul, Qala-e-Naw, هرات ...) to a place.\n"
           "Prints one line per name: the best place's name, kind, province, latitude,\n"
           "longitude and score (1 = exact).  An unknown name prints 'not found' with\n"
           "the closest spellings, and the exit code is 3.\n\n"
           "  -j, --json            JSON Lines: one object per candidate, best first,\n"
           "                        with query, name, kind, admin1, lat, lon, score\n"
           "  -g, --gazetteer FILE  gazetteer CSV (default: the dataset's)\n"
           "      --dataset FILE    dataset file (default: %s)\n"
           "  -h, --help            show this help\n",
           cli_default_dataset());
}

/* Write s as a JSON string. */
static void json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void print_json(const char *query, const cm_candidate *c)
{
    printf("{\"query\":");
    json_string(query);
    printf(",\"id\":");
    json_string(c->place->id);
    printf(",\"name\":");
    json_string(c->place->name);
    printf(",\"kind\":");
    json_string(cm_place_kind_name(c->place->kind));
    printf(",\"admin1\":");
    json_string(c->place->admin1);
    printf(",\"lat\":%.4f,\"lon\":%.4f,\"score\":%.3f}\n", c->place->lat, c->place->lon,
           c->score);
}

/* Name of the province a place lies in, or its admin1 id. */
static const char *province_name(const cm_gazetteer *gz, const cm_place *p)
{
    const cm_place *prov = p->admin1[0] ? cm_gazetteer_find_id(gz, p->admin1) : NULL;
    return prov ? prov->name : p->admin1[0] ? p->admin1 : "-";
}

/* Resolve one name; 1 if found. */
static int geocode_one(const cm_gazetteer *gz, const char *q, int json, cm_error *err,
                       int *bad)
{
    cm_candidate c[MAX_CANDIDATES];
    size_t n = 0;
    if (cm_gazetteer_lookup(gz, q, c, MAX_CANDIDATES, &n, err) != CM_OK) {
        *bad = 1;
        return 0;
    }
    if (n > 0) {
        for (size_t i = 0; i < (json ? n : 1); i++) {
            if (json)
                print_json(q, &c[i]);
            else
                printf("%s\t%s\t%s\t%s\t%.4f\t%.4f\t%.3f\n", q, c[i].place->name,
                       cm_place_kind_name(c[i].place->kind), province_name(gz, c[i].place),
                       c[i].place->lat, c[i].place->lon, c[i].score);
        }
        return 1;
    }
    cm_gazetteer_suggest(gz, q, c, 3, &n, err);
    if (json) {
        printf("{\"query\":");
        json_string(q);
        printf(",\"error\":\"not found\",\"suggestions\":[");
        for (size_t i = 0; i < n; i++) {
            printf(i ? "," : "");
            json_string(c[i].place->name);
        }
        printf("]}\n");
    } else {
        printf("%s\tnot found", q);
        for (size_t i = 0; i < n; i++)
            printf("%s%s (%s)", i ? ", " : "\tdid you mean: ", c[i].place->name,
                   cm_place_kind_name(c[i].place->kind));
        printf("\n");
    }
    return 0;
}

int cli_geocode(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"gazetteer", required_argument, NULL, 'g'},
        {"dataset", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *gazetteer = NULL, *dataset = NULL;
    int json = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":jg:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'g': gazetteer = optarg; break;
        case 'D': dataset = optarg; break;
        case 'h': help(); return CM_EXIT_OK;
        case ':': return cli_usage_error("geocode", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("geocode", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("geocode", "give at least one NAME");
    cm_error err = {0};
    cm_dataset *ds = NULL;
    cm_gazetteer *gz = NULL;
    int rc = CM_EXIT_OK;
    if (!gazetteer &&
        cm_dataset_load(dataset ? dataset : cli_default_dataset(), &ds, &err) != CM_OK)
        return cli_fail(&err);
    if (cm_gazetteer_load(gazetteer ? gazetteer : ds->gazetteer, &gz, &err) != CM_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    for (int i = optind; i < argc; i++) {
        int bad = 0;
        if (!geocode_one(gz, argv[i], json, &err, &bad))
            rc = bad ? cli_fail(&err) : CM_EXIT_DATA;
    }
out:
    cm_gazetteer_free(gz);
    cm_dataset_free(ds);
    return rc;
}
