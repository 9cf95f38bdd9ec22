/* The bundled province shapefile loads with the expected names and codes,
 * and every hand-made corrupt copy fails with its own error.
 * Usage: test_layer PROVINCES.shp NEIGHBOURS.shp EXPECTED.csv CORRUPT_DIR */
#include "conflictmap/layer.h"

#include <errno.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../check.h"

static void test_bundled(const char *shp, const char *expected)
{
    cm_layer *L = NULL;
    cm_error err;
    CHECK_MSG(cm_layer_load(shp, &L, &err) == CM_OK, "%s", err.message);
    if (!L)
        return;
    CHECK(L->n_features == 34);
    const int id = cm_layer_field_index(L, "id"), iso = cm_layer_field_index(L, "iso");
    const int name = cm_layer_field_index(L, "name"), fr = cm_layer_field_index(L, "name_fr");
    CHECK(id >= 0 && iso >= 0 && name >= 0 && fr >= 0);
    CHECK(L->prj != NULL && strstr(L->prj, "WGS") != NULL);
    /* Afghanistan lies within 60-75 E, 29-39 N. */
    CHECK(L->bbox.minx > 60 && L->bbox.maxx < 75.5 && L->bbox.miny > 29 && L->bbox.maxy < 39);
    FILE *f = fopen(expected, "r");
    CHECK(f != NULL);
    char line[256];
    int rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        char eid[16], eiso[16], ename[64];
        if (sscanf(line, "%15[^,],%15[^,],%63[^\r\n]", eid, eiso, ename) != 3 ||
            strcmp(eid, "id") == 0)
            continue;
        rows++;
        int found = 0;
        for (size_t i = 0; i < L->n_features; i++) {
            if (strcmp(cm_layer_value(L, i, id), eid) != 0)
                continue;
            found++;
            CHECK_STR(cm_layer_value(L, i, iso), eiso);
            CHECK_STR(cm_layer_value(L, i, name), ename);
            CHECK_MSG(L->features[i].n_rings > 0, "%s has no rings", eid);
        }
        CHECK_MSG(found == 1, "id %s found %d times", eid, found);
    }
    if (f)
        fclose(f);
    CHECK(rows == 34);
    /* The source's two wrong names are fixed: no name appears twice. */
    for (size_t i = 0; i < L->n_features; i++)
        for (size_t j = i + 1; j < L->n_features; j++)
            CHECK(strcmp(cm_layer_value(L, i, name), cm_layer_value(L, j, name)) != 0);
    /* French names come through the .cpg as UTF-8. */
    int herat = 0;
    for (size_t i = 0; i < L->n_features; i++)
        herat += strcmp(cm_layer_value(L, i, fr), "Hérat") == 0;
    CHECK(herat == 1);
    cm_layer_free(L);
}

static void test_neighbours(const char *shp)
{
    cm_layer *L = NULL;
    cm_error err;
    CHECK_MSG(cm_layer_load(shp, &L, &err) == CM_OK, "%s", err.message);
    if (!L)
        return;
    CHECK(L->n_features >= 6);
    const int name = cm_layer_field_index(L, "name");
    int iran = 0, pakistan = 0;
    for (size_t i = 0; i < L->n_features; i++) {
        iran += strcmp(cm_layer_value(L, i, name), "Iran") == 0;
        pakistan += strcmp(cm_layer_value(L, i, name), "Pakistan") == 0;
    }
    CHECK(iran == 1 && pakistan == 1);
    cm_layer_free(L);
}

typedef struct corrupt_case {
    const char *dir;
    cm_status status;
    const char *needle; /* the message must name this */
} corrupt_case;

static const corrupt_case cases[] = {
    {"missing_shx", CM_ERR_IO, "p.shx"},
    {"missing_dbf", CM_ERR_IO, "p.dbf"},
    {"missing_shp", CM_ERR_IO, "p.shp"},
    {"truncated_shp", CM_ERR_PARSE, "p.shp: shape 0 is truncated or corrupt"},
    {"truncated_header", CM_ERR_PARSE, "p.shp: not a readable shapefile"},
    {"truncated_shx", CM_ERR_PARSE, "p.shp: not a readable shapefile: .shx file"},
    {"truncated_dbf", CM_ERR_PARSE, "p.dbf: record 0:"},
    {"empty_shp", CM_ERR_PARSE, "p.shp: not a readable shapefile"},
    {"short_dbf", CM_ERR_PARSE, "p.dbf: 33 records for 34 shapes"},
    {"too_many_parts", CM_ERR_PARSE, "p.shp: shape 0 is truncated or corrupt"},
    {"shx_past_end", CM_ERR_PARSE, "p.shp: shape 0 is truncated or corrupt"},
    {"dbf_count_too_large", CM_ERR_PARSE, "p.dbf: 5000000 records for 34 shapes"},
    {"dbf_field_too_wide", CM_ERR_PARSE, "p.dbf: not a readable dBase file"},
};

static void test_corrupt(const char *root)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/good/p.shp", root);
    cm_layer *L = NULL;
    cm_error err;
    CHECK_MSG(cm_layer_load(path, &L, &err) == CM_OK, "%s", err.message);
    cm_layer_free(L);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/%s/p.shp", root, cases[i].dir);
        L = NULL;
        cm_error_clear(&err);
        const cm_status st = cm_layer_load(path, &L, &err);
        CHECK_MSG(st == cases[i].status, "%s: status %d (%s)", cases[i].dir, st, err.message);
        CHECK_MSG(L == NULL, "%s", cases[i].dir);
        CHECK_MSG(strstr(err.message, cases[i].needle) != NULL, "%s: '%s'", cases[i].dir,
                  err.message);
        CHECK_MSG(strchr(err.message, '\n') == NULL, "%s: multi-line", cases[i].dir);
        cm_layer_free(L);
    }
}

/* Copy file from to to; 1 on success. */
static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    int ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = 0;
    return ok;
}

/* A valid .dbf of 1,005 fields (dBase allows more than 255): it loads, and
 * reading only the fields used keeps the others' values empty. */
static void test_many_fields(const char *shp)
{
    char dir[] = "/tmp/cm-fields-XXXXXX", path[4096], from[4096];
    if (!mkdtemp(dir)) {
        CHECK_MSG(0, "mkdtemp: %s", strerror(errno));
        return;
    }
    const size_t n = strlen(shp) - 4;
    snprintf(path, sizeof path, "%s/p.shp", dir);
    CHECK(copy_file(shp, path));
    snprintf(from, sizeof from, "%.*s.shx", (int)n, shp);
    snprintf(path, sizeof path, "%s/p.shx", dir);
    CHECK(copy_file(from, path));
    SHPHandle h = SHPOpen(shp, "rb");
    int count = 0;
    SHPGetInfo(h, &count, NULL, NULL, NULL);
    SHPClose(h);
    snprintf(path, sizeof path, "%s/p.dbf", dir);
    DBFHandle d = DBFCreate(path);
    CHECK(d != NULL);
    for (int f = 0; d && f < 1004; f++) {
        char name[12];
        snprintf(name, sizeof name, "F%d", f);
        CHECK(DBFAddField(d, name, FTInteger, 4, 0) == f);
    }
    CHECK(d && DBFAddField(d, "name", FTString, 16, 0) == 1004);
    for (int r = 0; d && r < count; r++) {
        for (int f = 0; f < 1004; f++)
            DBFWriteIntegerAttribute(d, r, f, f);
        char v[16];
        snprintf(v, sizeof v, "P%d", r);
        DBFWriteStringAttribute(d, r, 1004, v);
    }
    if (d)
        DBFClose(d);
    snprintf(path, sizeof path, "%s/p.shp", dir);
    cm_layer *L = NULL;
    cm_error err;
    const char *const fields[] = {"NAME", NULL};
    CHECK_MSG(cm_layer_load_fields(path, fields, &L, &err) == CM_OK, "%s", err.message);
    if (L) {
        CHECK(L->n_fields == 1005 && L->n_features == (size_t)count);
        CHECK_STR(cm_layer_value(L, 1, cm_layer_field_index(L, "name")), "P1");
        CHECK_STR(cm_layer_value(L, 1, cm_layer_field_index(L, "F7")), "");
    }
    cm_layer_free(L);
    L = NULL;
    CHECK_MSG(cm_layer_load(path, &L, &err) == CM_OK, "%s", err.message);
    if (L)
        CHECK_STR(cm_layer_value(L, 1, cm_layer_field_index(L, "F7")), "7");
    cm_layer_free(L);
    for (const char *ext = "shp\0shx\0dbf\0"; *ext; ext += 4) {
        snprintf(path, sizeof path, "%s/p.%s", dir, ext);
        unlink(path);
    }
    rmdir(dir);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_layer PROVINCES.shp NEIGHBOURS.shp EXPECTED.csv DIR\n");
        return 2;
    }
    test_bundled(argv[1], argv[3]);
    test_neighbours(argv[2]);
    test_corrupt(argv[4]);
    test_many_fields(argv[1]);
    return check_summary("test_layer");
}
