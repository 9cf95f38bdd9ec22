/* Writes the seed corpora of the fuzz targets that take packed inputs:
 *   OUTDIR/shapefile/NAME: small shapefiles written here with shapelib
 *     (polygon, hole, multi-part, null shape, PolygonZ, Latin-1 and UTF-8
 *     attributes, with and without .prj/.cpg) and every directory of
 *     CORRUPT_DIR (the hand-made corrupt fixtures), in the packed form of
 *     shapefile.c;
 *   OUTDIR/render/NAME: rings of the bundled provinces in lon/lat, and
 *     rings holding NaN, infinities and 1e300, in the form of render.c;
 *   OUTDIR/scan/NAME: each text of tests/data/scan_cases.tsv.
 * Usage: fuzz_seeds SOURCE_DIR CORRUPT_DIR OUTDIR */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <shapefil.h>

#include "../check.h" /* check_slurp */

static const char *outdir;
static int failures;

static FILE *create(const char *sub, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, sub);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s", outdir, sub, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        failures++;
    }
    return f;
}

static void put32(FILE *f, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        fputc((int)(v >> 8 * i & 0xFF), f);
}

/* Pack STEM.shp/.shx/.dbf/.prj/.cpg into OUTDIR/shapefile/name. */
static void pack(const char *stem, const char *name)
{
    static const char *const exts[] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};
    char *data[5];
    size_t len[5];
    for (int i = 0; i < 5; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s%s", stem, exts[i]);
        len[i] = 0;
        data[i] = check_slurp(path, &len[i]);
    }
    FILE *f = create("shapefile", name);
    if (f) {
        for (int i = 0; i < 5; i++)
            put32(f, data[i] ? (uint32_t)len[i] : 0xFFFFFFFFu);
        static const int order[] = {1, 2, 3, 4, 0}; /* the .shp last */
        for (int k = 0; k < 5; k++)
            if (data[order[k]])
                fwrite(data[order[k]], 1, len[order[k]], f);
        if (fclose(f) != 0)
            failures++;
    }
    for (int i = 0; i < 5; i++)
        free(data[i]);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        failures++;
}

/* A small shapefile at stem: a square, a square with a hole, two parts,
 * and (when null_shape) an empty record. */
static void small_shapefile(const char *stem, int type, int null_shape, const char *name2,
                            const char *cpg, int prj)
{
    char path[4096];
    SHPHandle shp = SHPCreate(stem, type);
    DBFHandle dbf = DBFCreate(stem);
    if (!shp || !dbf) {
        failures++;
        return;
    }
    DBFAddField(dbf, "id", FTString, 8, 0);
    DBFAddField(dbf, "name", FTString, 20, 0);
    DBFAddField(dbf, "pop", FTInteger, 10, 0);
    DBFAddField(dbf, "area", FTDouble, 12, 3);
    static const double sx[] = {60, 61, 61, 60, 60}, sy[] = {30, 30, 31, 31, 30};
    static const double hx[] = {62, 64, 64, 62, 62, 62.5, 62.5, 63.5, 63.5, 62.5};
    static const double hy[] = {32, 32, 34, 34, 32, 32.5, 33.5, 33.5, 32.5, 32.5};
    static const int two[] = {0, 5};
    static const double z[10] = {0};
    SHPObject *objs[4] = {
        SHPCreateObject(type, 0, 0, NULL, NULL, 5, sx, sy, z, NULL),
        SHPCreateObject(type, 1, 2, two, NULL, 10, hx, hy, z, NULL),
        SHPCreateObject(type, 2, 2, two, NULL, 10, hy, hx, z, NULL),
        null_shape ? SHPCreateObject(SHPT_NULL, 3, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL)
                   : NULL,
    };
    static const char *const names[] = {"Alpha", NULL, "Gamma-ye Now", "Delta"};
    for (int i = 0; i < 4 && objs[i]; i++) {
        SHPWriteObject(shp, -1, objs[i]);
        SHPDestroyObject(objs[i]);
        char id[8];
        snprintf(id, sizeof id, "XX.%02d", i + 1);
        DBFWriteStringAttribute(dbf, i, 0, id);
        DBFWriteStringAttribute(dbf, i, 1, names[i] ? names[i] : name2);
        DBFWriteIntegerAttribute(dbf, i, 2, 1000 * (i + 1));
        DBFWriteDoubleAttribute(dbf, i, 3, 1.5 * i);
    }
    SHPClose(shp);
    DBFClose(dbf);
    snprintf(path, sizeof path, "%s.prj", stem);
    if (prj)
        write_text(path, "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
                         "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\","
                         "0.0174532925199433]]");
    else
        remove(path);
    snprintf(path, sizeof path, "%s.cpg", stem);
    if (cpg)
        write_text(path, cpg);
    else
        remove(path);
}

static void shapefile_seeds(const char *corrupt)
{
    char stem[4096];
    snprintf(stem, sizeof stem, "%s/work", outdir);
    mkdir(stem, 0755);
    snprintf(stem, sizeof stem, "%s/work/s", outdir);
    small_shapefile(stem, SHPT_POLYGON, 0, "H\xc3\xa9rat", "UTF-8", 1);
    pack(stem, "small-utf8");
    small_shapefile(stem, SHPT_POLYGON, 1, "H\xe9rat", "1252", 1);
    pack(stem, "small-latin1-null-shape");
    small_shapefile(stem, SHPT_POLYGONZ, 0, "Kunduz", NULL, 0);
    pack(stem, "small-polygonz-no-prj");
    small_shapefile(stem, SHPT_ARC, 0, "Line", "UTF-8", 1);
    pack(stem, "small-arc");
    DIR *d = opendir(corrupt);
    if (!d) {
        perror(corrupt);
        failures++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(stem, sizeof stem, "%s/%s/p", corrupt, e->d_name);
        char name[300];
        snprintf(name, sizeof name, "corrupt-%s", e->d_name);
        pack(stem, name);
    }
    closedir(d);
}

static void put_double(FILE *f, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    for (int i = 0; i < 8; i++)
        fputc((int)(u >> 8 * i & 0xFF), f);
}

/* Render seeds: rings of the first provinces (lon/lat, projected), and
 * the same with a non-finite or huge vertex. */
static void render_seeds(const char *source)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/shapefiles/afghanistan_provinces.shp", source);
    SHPHandle shp = SHPOpen(path, "rb");
    if (!shp) {
        failures++;
        return;
    }
    static const struct {
        const char *name;
        int flags;
        double bad;
    } seeds[] = {
        {"lonlat", 1, 0},        {"lonlat-fr-probe", 1 | 2 | 8, 0},
        {"raw-map-units", 0, 0}, {"nan", 0, NAN},
        {"infinity", 0, INFINITY}, {"huge", 0, 1e300},
        {"nan-projected", 1, NAN}, {"neighbours-huge", 4, -1e300},
    };
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        FILE *f = create("render", seeds[s].name);
        if (!f)
            continue;
        fputc(seeds[s].flags, f);
        fputc(74, f); /* 2021-08-14 */
        for (int i = 0; i < 3; i++) {
            SHPObject *o = SHPReadObject(shp, i);
            if (!o)
                continue;
            const int n = o->nVertices < 64 ? o->nVertices : 64, step = o->nVertices / n;
            fputc(i, f);
            fputc(n - 1, f);
            for (int k = 0; k < n; k++) {
                const int v = k * step;
                const int bad = seeds[s].bad != 0 && k == n / 2;
                double x = o->padfX[v], y = o->padfY[v];
                if (!(seeds[s].flags & 1)) { /* map units: metres around the centre */
                    x = (x - 66) * 1e5;
                    y = (y - 34) * 1e5;
                }
                put_double(f, bad ? seeds[s].bad : x);
                put_double(f, y);
            }
            SHPDestroyObject(o);
        }
        if (fclose(f) != 0)
            failures++;
    }
    SHPClose(shp);
}

/* Scan seeds: the text column of the scanner's test cases. */
static void scan_seeds(const char *source)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/scan_cases.tsv", source);
    FILE *in = fopen(path, "r");
    if (!in) {
        failures++;
        return;
    }
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, in)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        char name[32];
        snprintf(name, sizeof name, "case-%03d", ++n);
        FILE *f = create("scan", name);
        if (f) {
            fwrite(line, 1, (size_t)(tab - line), f);
            if (fclose(f) != 0)
                failures++;
        }
    }
    fclose(in);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: fuzz_seeds SOURCE_DIR CORRUPT_DIR OUTDIR\n");
        return 2;
    }
    outdir = argv[3];
    if (mkdir(outdir, 0755) != 0 && errno != EEXIST) {
        perror(outdir);
        return 1;
    }
    shapefile_seeds(argv[2]);
    render_seeds(argv[1]);
    scan_seeds(argv[1]);
    if (failures) {
        fprintf(stderr, "fuzz_seeds: %d seeds could not be written under %s\n", failures, outdir);
        return 1;
    }
    return 0;
}
