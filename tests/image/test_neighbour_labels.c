/* Neighbours without label points: the map computes them.  A copy of a
 * dataset's neighbours layer is written without its label_lon/label_lat
 * fields (shapelib); every country whose visible part leaves room gets its
 * name, at a point inside its own polygon, inside the frame and clear of the
 * legend.  Usage: test_neighbour_labels DATASET TMPDIR MIN_LABELS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <shapefil.h>

#include "conflictmap/dataset.h"
#include "conflictmap/map.h"

#include "../check.h"

/* Copy src.shp/.shx and a .dbf holding only name and name_fr to dst. */
static int strip_labels(const char *src, const char *dst)
{
    char a[4096], b[4096];
    const char *ext[] = {".shp", ".shx", ".prj", ".cpg"};
    const size_t n = strlen(src) - 4;
    for (int e = 0; e < 4; e++) {
        snprintf(a, sizeof a, "%.*s%s", (int)n, src, ext[e]);
        snprintf(b, sizeof b, "%s%s", dst, ext[e]);
        size_t len = 0;
        char *buf = check_slurp(a, &len);
        FILE *f = buf ? fopen(b, "wb") : NULL;
        const int ok = f && fwrite(buf, 1, len, f) == len;
        if (f)
            fclose(f);
        free(buf);
        if (!ok)
            return 0;
    }
    snprintf(a, sizeof a, "%.*s", (int)n, src);
    DBFHandle in = DBFOpen(a, "rb"), out = DBFCreateEx(dst, "UTF-8");
    if (!in || !out)
        return 0;
    const int fn = DBFGetFieldIndex(in, "name"), ff = DBFGetFieldIndex(in, "name_fr");
    DBFAddField(out, "name", FTString, 60, 0);
    DBFAddField(out, "name_fr", FTString, 60, 0);
    for (int r = 0; r < DBFGetRecordCount(in); r++) {
        DBFWriteStringAttribute(out, r, 0, DBFReadStringAttribute(in, r, fn));
        DBFWriteStringAttribute(out, r, 1, ff >= 0 ? DBFReadStringAttribute(in, r, ff) : "");
    }
    DBFClose(in);
    DBFClose(out);
    return fn >= 0;
}

static int inside(cm_bbox outer, cm_point p)
{
    return p.x >= outer.minx && p.x <= outer.maxx && p.y >= outer.miny && p.y <= outer.maxy;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_neighbour_labels DATASET TMPDIR MIN_LABELS\n");
        return 2;
    }
    cm_error err;
    cm_dataset *ds = NULL;
    char stem[4096], shp[4200];
    snprintf(stem, sizeof stem, "%s/nolabels", argv[2]);
    snprintf(shp, sizeof shp, "%s.shp", stem);
    if (cm_dataset_load(argv[1], &ds, &err) != CM_OK || !ds->neighbours) {
        fprintf(stderr, "%s\n", ds ? "no neighbours" : err.message);
        return 1;
    }
    CHECK_MSG(strip_labels(ds->neighbours, stem), "copy of %s", ds->neighbours);
    cm_map_options o;
    cm_dataset_map_options(ds, &o);
    o.neighbours = shp;
    cm_map *map = NULL;
    CHECK_MSG(cm_map_create(&o, &map, &err) == CM_OK, "%s", err.message);
    if (map) {
        CHECK(cm_layer_field_index(map->neighbours, "label_lon") < 0);
        const size_t n = map->n_country_labels[CM_LANG_EN];
        CHECK_MSG(n >= (size_t)atoi(argv[3]), "%zu countries labelled", n);
        for (size_t i = 0; i < n; i++) {
            const cm_country_label *l = &map->country_labels[CM_LANG_EN][i];
            const cm_point m = {(l->page.x - map->ox) / map->scale, (map->oy - l->page.y) / map->scale};
            const long f = cm_layer_find(map->neighbours, m.x, m.y);
            CHECK_MSG(f >= 0, "%s: its label is in no country", l->text);
            CHECK_MSG(inside(map->frame, l->page) && !inside(map->legend, l->page),
                      "%s: label outside the frame or on the legend", l->text);
        }
        printf("%zu countries labelled without label points\n", n);
    }
    cm_map_free(map);
    cm_dataset_free(ds);
    return check_summary("neighbour_labels");
}
