/* The report's text pages: events.md, report.md and index.html. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "atomic_file.h"
#include "conflictmap/style.h"
#include "report_internal.h"
#include "util.h"

typedef enum report_word {
    W_TITLE, W_TITLE_COUNTRY, W_EVENTS_TITLE, W_EVENTS_INTRO, W_INTRO, W_DAYS_INTRO,
    W_CHART_CAPTION, W_LATEST, W_MAP_CAPTION, W_DAY_BY_DAY, W_ALSO, W_NO_CHANGE,
    W_MONTH, W_WEEK_OF, W_CONFIRMED, W_CLAIMED, W_HEAD_DATE, W_HEAD_PLACE, W_HEAD_STATE,
    W_HEAD_CONFIDENCE, W_HEAD_WHAT, W_HEAD_SOURCES, W_DATE, W_PREVIOUS, W_NEXT,
    W_CHANGES, W_OVER_TIME, W_FILES, W_MAP_ALT, W_HINT, W_TAKEN_BY, W_ATTACKED_BY,
    W_CONTESTED_BY, W_COUNT
} report_word;

static const char *const words[W_COUNT][2] = {
    [W_TITLE] = {"%s, %s to %s", "%s, du %s au %s"},
    [W_TITLE_COUNTRY] = {"%s: %s, %s to %s", "%s : %s, du %s au %s"},
    [W_EVENTS_TITLE] = {"Events, %s to %s", "Événements, du %s au %s"},
    [W_EVENTS_INTRO] = {"%zu dated events, in the order in which they take effect "
                        "(also as [CSV](events.csv)).",
                        "%zu événements datés, dans l'ordre où ils prennent effet "
                        "(aussi en [CSV](events.csv))."},
    [W_INTRO] = {"On %s: %s.", "Le %s : %s."},
    [W_DAYS_INTRO] = {"The period has %zu dated events; the state of at least one capital "
                      "changed on %zu days, each mapped below. The [events table](events.md) "
                      "lists every event ([CSV](events.csv)); [index.html](index.html) "
                      "shows the maps with a date slider.",
                      "La période compte %zu événements datés ; l'état d'au moins une capitale "
                      "a changé sur %zu jours, chacun cartographié ci-dessous. Le [tableau des "
                      "événements](events.md) les liste tous ([CSV](events.csv)) ; "
                      "[index.html](index.html) montre les cartes avec un curseur de date."},
    [W_CHART_CAPTION] = {"Figure %d. %s by holder, day by day.",
                         "Figure %d. %s par détenteur, jour par jour."},
    [W_LATEST] = {"Latest: %s", "Dernier état : %s"},
    [W_MAP_CAPTION] = {"Figure %d. %s on %s: %s.", "Figure %d. %s le %s : %s."},
    [W_TAKEN_BY] = {"taken by %s", "prise par %s"},
    [W_ATTACKED_BY] = {"attacked by %s", "attaquée par %s"},
    [W_CONTESTED_BY] = {"fighting inside (%s)", "combats en ville (%s)"},
    [W_DAY_BY_DAY] = {"Day by day", "Jour par jour"},
    [W_ALSO] = {"Also as", "Aussi en"},
    [W_NO_CHANGE] = {"No change on this day.", "Aucun changement ce jour-là."},
    [W_MONTH] = {"month", "mois"},
    [W_WEEK_OF] = {"week of", "semaine du"},
    [W_CONFIRMED] = {"confirmed", "confirmé"},
    [W_CLAIMED] = {"claimed", "revendiqué"},
    [W_HEAD_DATE] = {"Date", "Date"},
    [W_HEAD_PLACE] = {"Place", "Lieu"},
    [W_HEAD_STATE] = {"State", "État"},
    [W_HEAD_CONFIDENCE] = {"Confidence", "Fiabilité"},
    [W_HEAD_WHAT] = {"What happened", "Ce qui s'est passé"},
    [W_HEAD_SOURCES] = {"Sources", "Sources"},
    [W_DATE] = {"Date", "Date"},
    [W_PREVIOUS] = {"Previous change", "Changement précédent"},
    [W_NEXT] = {"Next change", "Changement suivant"},
    [W_CHANGES] = {"What changed on this day", "Ce qui a changé ce jour-là"},
    [W_OVER_TIME] = {"Over time", "Au fil du temps"},
    [W_FILES] = {"Files", "Fichiers"},
    [W_HINT] = {"Move the slider, or use the arrow keys on it, to see each day on which a "
                "capital changed hands.",
                "Déplacez le curseur, ou utilisez les flèches du clavier, pour voir chaque jour "
                "où une capitale a changé de mains."},
    [W_MAP_ALT] = {"Map: %s on %s", "Carte : %s le %s"},
};

static const char *word(const cm__report *r, report_word w) { return words[w][r->lang]; }

/* ---- writing text ---- */

static void put(cm__atomic *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(cm__atomic *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!a->failed && vfprintf(a->fp, fmt, ap) < 0)
        a->failed = errno ? errno : EIO;
    va_end(ap);
}

/* Text in a Markdown table cell or paragraph: markup characters escaped,
 * line breaks as spaces. */
static void put_md(cm__atomic *a, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r' || *s == '\t')
            put(a, " ");
        else if (strchr("\\`*_[]<>|#", *s))
            put(a, "\\%c", *s);
        else
            cm__atomic_write(a, s, 1);
    }
}

static void put_html(cm__atomic *a, const char *s)
{
    for (; *s; s++) {
        const char *rep = *s == '&'   ? "&amp;"
                          : *s == '<' ? "&lt;"
                          : *s == '>' ? "&gt;"
                          : *s == '"' ? "&quot;"
                                      : NULL;
        cm__atomic_write(a, rep ? rep : s, rep ? strlen(rep) : 1);
    }
}

/* A JavaScript string literal that cannot end the <script> element. */
static void put_js(cm__atomic *a, const char *s)
{
    put(a, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            put(a, "\\%c", *p);
        else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
            put(a, "\\u%04x", *p);
        else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            put(a, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
            p += 2;
        } else
            cm__atomic_write(a, p, 1);
    }
    put(a, "\"");
}

static cm_status open_page(const cm__report *r, const char *name, cm__atomic *a, cm_error *err)
{
    char path[4096];
    const int k = snprintf(path, sizeof path, "%s/%s", r->stage, name);
    if (k < 0 || k >= (int)sizeof path)
        return cm_error_set(err, CM_ERR_INVALID, "%s/%s: path too long", r->stage, name);
    return cm__atomic_open(a, path, err);
}

/* ---- shared wording ---- */

static void long_date(const cm__report *r, cm_date d, char *buf, size_t n)
{
    cm_date_format_long(d, r->lang, buf, n);
}

static void title(const cm__report *r, char *buf, size_t n)
{
    char a[64], b[64];
    long_date(r, r->from, a, sizeof a);
    long_date(r, r->to, b, sizeof b);
    const char *country = r->map->title[r->lang], *unit = r->map->unit[r->lang];
    if (country && country[0])
        snprintf(buf, n, word(r, W_TITLE_COUNTRY), country, unit, a, b);
    else
        snprintf(buf, n, word(r, W_TITLE), unit, a, b);
    cm__utf8_cut(buf, n);
}

/* "Taliban 20 · Government 10 · contested 2" on day d. */
static void summary(const cm__report *r, cm_date d, char *buf, size_t n)
{
    cm_sides_summary(&r->map->sides, cm__report_counts(r, d), r->lang, buf, n);
}

/* "2021-08-06", "week of 2021-08-30" or "2021-06 (month)". */
static void event_date(const cm__report *r, const cm_event *e, char *buf, size_t n)
{
    char iso[CM_DATE_ISO_LEN];
    cm_date_format_iso(e->date, iso);
    if (e->precision == CM_PRECISION_MONTH)
        snprintf(buf, n, "%.7s (%s)", iso, word(r, W_MONTH));
    else if (e->precision == CM_PRECISION_WEEK)
        snprintf(buf, n, "%s %s", word(r, W_WEEK_OF), iso);
    else
        snprintf(buf, n, "%s", iso);
}

/* What an event did: "taken by Taliban", "attacked by HTS-led rebels". */
static void event_text(const cm__report *r, const cm_event *e, char *buf, size_t n)
{
    const cm_sides *sides = &r->map->sides;
    const cm_date day = cm_date_effective(e->date, e->precision);
    const cm_hold before = cm_timeline_hold(r->tl, e->place_id, day - 1, NULL);
    const int side = cm_sides_actor(sides, e, before.holder);
    const report_word w = CM_STATE_IS_TAKING(e->status)      ? W_TAKEN_BY
                          : e->status == CM_STATE_CONTESTED ? W_CONTESTED_BY
                                                            : W_ATTACKED_BY;
    snprintf(buf, n, word(r, w), side >= 0 && side < sides->count
                                     ? cm_sides_label(sides, side, r->lang)
                                     : e->actor);
    cm__utf8_cut(buf, n);
}

/* "Zaranj: taken by Taliban" for an event of the map. */
static void change_text(const cm__report *r, const cm_event *e, char *buf, size_t n)
{
    char what[160];
    event_text(r, e, what, sizeof what);
    snprintf(buf, n, r->lang == CM_LANG_FR ? "%s : %s" : "%s: %s", cm__report_place_name(r, e),
             what);
    cm__utf8_cut(buf, n);
}

/* The rows taking effect on day: [*first, *end). */
static void rows_on(const cm__report *r, cm_date day, size_t *first, size_t *end)
{
    size_t i = 0;
    while (i < r->n_rows && cm_date_effective(r->rows[i]->date, r->rows[i]->precision) < day)
        i++;
    *first = i;
    while (i < r->n_rows && cm_date_effective(r->rows[i]->date, r->rows[i]->precision) == day)
        i++;
    *end = i;
}

/* ---- events.md ---- */

cm_status cm__report_write_events_md(const cm__report *r, cm_error *err)
{
    cm__atomic a;
    cm_status st = open_page(r, "events.md", &a, err);
    if (st != CM_OK)
        return st;
    char x[64], y[64], buf[128];
    long_date(r, r->from, x, sizeof x);
    long_date(r, r->to, y, sizeof y);
    put(&a, "# ");
    put(&a, word(r, W_EVENTS_TITLE), x, y);
    put(&a, "\n\n");
    put(&a, word(r, W_EVENTS_INTRO), r->n_rows);
    put(&a, "\n\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n",
        word(r, W_HEAD_DATE), word(r, W_HEAD_PLACE), word(r, W_HEAD_STATE),
        word(r, W_HEAD_CONFIDENCE), word(r, W_HEAD_WHAT), word(r, W_HEAD_SOURCES));
    for (size_t i = 0; i < r->n_rows; i++) {
        const cm_event *e = r->rows[i];
        event_date(r, e, buf, sizeof buf);
        put(&a, "| %s | ", buf);
        put_md(&a, cm__report_place_name(r, e));
        char what[160];
        event_text(r, e, what, sizeof what);
        put(&a, " | ");
        put_md(&a, what);
        put(&a, " | %s | ", word(r, e->confidence == CM_CLAIMED ? W_CLAIMED : W_CONFIRMED));
        put_md(&a, e->sentence ? e->sentence : "");
        if (e->note && e->note[0]) {
            put(&a, " (");
            put_md(&a, e->note);
            put(&a, ")");
        }
        put(&a, " | ");
        put_md(&a, e->source ? e->source : "");
        put(&a, " |\n");
    }
    return cm__atomic_commit(&a, err);
}

/* ---- report.md ---- */

static void put_also(const cm__report *r, cm__atomic *a, const char *svg, const char *pdf)
{
    put(a, "%s [SVG](%s) · [PDF](%s).\n\n", word(r, W_ALSO), svg, pdf);
}

/* One map with its caption (the image's alt text, which Markdown
 * converters such as pandoc make the figure caption). */
static void put_map(const cm__report *r, cm__atomic *a, size_t frame, int latest, int figure)
{
    char day[64], caption[1024], png[64], svg[64], pdf[64], counts[600];
    const cm_date d = r->frames[frame];
    long_date(r, d, day, sizeof day);
    summary(r, d, counts, sizeof counts);
    snprintf(caption, sizeof caption, word(r, W_MAP_CAPTION), figure, r->map->unit[r->lang],
             day, counts);
    cm__utf8_cut(caption, sizeof caption);
    cm__report_frame_file(r, latest ? r->n_frames : frame, "png", png, sizeof png);
    cm__report_frame_file(r, latest ? r->n_frames : frame, "svg", svg, sizeof svg);
    cm__report_frame_file(r, latest ? r->n_frames : frame, "pdf", pdf, sizeof pdf);
    put(a, "![");
    put_md(a, caption);
    put(a, "](%s)\n\n", png);
    put_also(r, a, svg, pdf);
}

cm_status cm__report_write_markdown(const cm__report *r, cm_error *err)
{
    cm__atomic a;
    cm_status st = open_page(r, "report.md", &a, err);
    if (st != CM_OK)
        return st;
    char buf[1024], day[64];
    title(r, buf, sizeof buf);
    put(&a, "# ");
    put_md(&a, buf);
    long_date(r, r->to, day, sizeof day);
    put(&a, "\n\n");
    summary(r, r->to, buf, sizeof buf);
    put(&a, word(r, W_INTRO), day, buf);
    put(&a, " ");
    put(&a, word(r, W_DAYS_INTRO), r->n_rows, r->n_changes);
    int figure = 1;
    snprintf(buf, sizeof buf, word(r, W_CHART_CAPTION), figure++, r->map->unit[r->lang]);
    put(&a, "\n\n![%s](chart.png)\n\n", buf);
    put_also(r, &a, "chart.svg", "chart.pdf");
    put(&a, "## ");
    put(&a, word(r, W_LATEST), day);
    put(&a, "\n\n");
    put_map(r, &a, r->n_frames - 1, 1, figure++);
    put(&a, "## %s\n\n", word(r, W_DAY_BY_DAY));
    for (size_t i = 0; i < r->n_changes; i++) {
        size_t first, end;
        long_date(r, r->frames[i], day, sizeof day);
        put(&a, "### %s\n\n", day);
        rows_on(r, r->frames[i], &first, &end);
        for (size_t k = first; k < end; k++) {
            if (!cm__report_changed(r, r->rows[k]))
                continue;
            change_text(r, r->rows[k], buf, sizeof buf);
            put(&a, "- ");
            put_md(&a, buf);
            if (r->rows[k]->confidence == CM_CLAIMED)
                put(&a, " (%s)", word(r, W_CLAIMED));
            put(&a, "\n");
        }
        put(&a, "\n");
        put_map(r, &a, i, 0, figure++);
    }
    return cm__atomic_commit(&a, err);
}

/* ---- index.html ---- */

static const char html_style[] =
    "body{margin:0;font-family:\"DejaVu Sans\",system-ui,sans-serif;color:#2b2b2b;"
    "background:#f6f5f2}\n"
    "header{padding:16px 24px 4px}h1{font-size:24px;margin:0 0 4px}"
    "header p{margin:0;color:#66625c}\n"
    ".viewer{display:flex;flex-wrap:wrap;gap:20px;padding:12px 24px}\n"
    ".mapbox{flex:1 1 640px;max-width:960px}.mapbox img{width:100%;height:auto;"
    "display:block;border:1px solid #d6d2cb;background:#fff}\n"
    "aside{flex:0 1 300px}\n"
    "#date{display:block;font-size:22px;font-weight:bold;margin:4px 0 10px}\n"
    ".controls{display:flex;align-items:center;gap:6px}.controls input{flex:1}\n"
    "button{font:inherit;padding:2px 10px}\n"
    "table{border-collapse:collapse;margin:12px 0}td{padding:3px 6px}"
    "td.n{text-align:right;font-weight:bold}\n"
    ".sw{display:inline-block;width:18px;height:12px;border:1px solid #6f6a66}\n"
    "#summary{font-weight:bold}h2{font-size:17px;margin:16px 0 6px}\n"
    "section{padding:0 24px 12px;max-width:1000px}section img{width:100%;height:auto;"
    "border:1px solid #d6d2cb}\n"
    "footer{padding:8px 24px 24px;color:#66625c;font-size:13px}\n";

/* The frames as a JavaScript array: date, long date, map, counts, summary,
 * changes. */
static void put_frames(const cm__report *r, cm__atomic *a)
{
    char buf[1024];
    put(a, "var frames = [\n");
    for (size_t i = 0; i < r->n_frames; i++) {
        const cm_date d = r->frames[i];
        const cm_counts *c = cm__report_counts(r, d);
        char iso[CM_DATE_ISO_LEN];
        cm_date_format_iso(d, iso);
        put(a, "{d: \"%s\", t: ", iso);
        long_date(r, d, buf, sizeof buf);
        put_js(a, buf);
        cm__report_frame_file(r, i, "png", buf, sizeof buf);
        put(a, ", img: ");
        put_js(a, buf);
        put(a, ", c: [");
        for (int k = 0, n = 0; k < CM_CAT_COUNT; k++)
            if (k < r->map->sides.count || k >= CM_CAT_ATTACKED)
                put(a, "%s%d", n++ ? ", " : "", c->n[k]);
        put(a, "], s: ");
        summary(r, d, buf, sizeof buf);
        put_js(a, buf);
        put(a, ", ch: [");
        size_t first, end;
        rows_on(r, d, &first, &end);
        for (size_t k = first, n = 0; k < end && i < r->n_changes; k++) {
            if (!cm__report_changed(r, r->rows[k]))
                continue;
            change_text(r, r->rows[k], buf, sizeof buf);
            put(a, n++ ? ", " : "");
            put_js(a, buf);
        }
        put(a, "]}%s\n", i + 1 < r->n_frames ? "," : "");
    }
    put(a, "];\n");
}

static const char html_script[] =
    "var slider = document.getElementById('slider'), map = document.getElementById('map');\n"
    "function show(i, remember) {\n"
    "  var f = frames[i];\n"
    "  slider.value = i;\n"
    "  map.src = f.img;\n"
    "  map.alt = mapAlt.replace('%s', f.t);\n"
    "  document.getElementById('date').textContent = f.t;\n"
    "  for (var s = 0; s < f.c.length; s++)\n"
    "    document.getElementById('count-' + s).textContent = f.c[s];\n"
    "  document.getElementById('summary').textContent = f.s;\n"
    "  var list = document.getElementById('changes');\n"
    "  while (list.firstChild) list.removeChild(list.firstChild);\n"
    "  f.ch.forEach(function (text) {\n"
    "    var li = document.createElement('li');\n"
    "    li.textContent = text;\n"
    "    list.appendChild(li);\n"
    "  });\n"
    "  document.getElementById('prev').disabled = i === 0;\n"
    "  document.getElementById('next').disabled = i === frames.length - 1;\n"
    "  if (remember) { try { history.replaceState(null, '', '#' + f.d); } catch (e) {} }\n"
    "}\n"
    "/* index.html#YYYY-MM-DD: the last map on or before that day. */\n"
    "function fromHash() {\n"
    "  var h = decodeURIComponent(location.hash.slice(1)), i = frames.length - 1;\n"
    "  if (!/^\\d{4}-\\d{2}-\\d{2}$/.test(h)) return i;\n"
    "  for (i = 0; i + 1 < frames.length && frames[i + 1].d <= h; i++) {}\n"
    "  return i;\n"
    "}\n"
    "slider.addEventListener('input', function () { show(+slider.value, true); });\n"
    "document.getElementById('prev').addEventListener('click', function () {\n"
    "  show(Math.max(0, +slider.value - 1), true); });\n"
    "document.getElementById('next').addEventListener('click', function () {\n"
    "  show(Math.min(frames.length - 1, +slider.value + 1), true); });\n"
    "window.addEventListener('hashchange', function () { show(fromHash(), false); });\n"
    "show(fromHash(), false);\n";

/* The counts table, filled for the last frame (the script updates it). */
static void put_counts(const cm__report *r, cm__atomic *a)
{
    const cm_counts *c = cm__report_counts(r, r->to);
    const cm_sides *sides = &r->map->sides;
    put(a, "<table>\n");
    for (int k = 0, row = 0; k < CM_CAT_COUNT; k++) {
        if (k >= sides->count && k < CM_CAT_ATTACKED)
            continue;
        /* The map's swatches: a side's colour, ink stripes, grey stripes. */
        if (k < sides->count)
            put(a, "<tr><td><span class=\"sw\" style=\"background:#%06X\"></span></td><td>",
                sides->side[k].hex);
        else
            put(a, "<tr><td><span class=\"sw\" style=\"background:repeating-linear-gradient("
                   "135deg,#%s 0 %dpx,#%s %dpx %dpx)\"></span></td><td>",
                k == CM_CAT_NO_DATA ? "F4F4F2" : "FFFFFF", k == CM_CAT_CONTESTED ? 2 : 4,
                k == CM_CAT_NO_DATA ? "B8B4AE" : "55514C", k == CM_CAT_CONTESTED ? 2 : 4,
                k == CM_CAT_CONTESTED ? 4 : 6);
        put_html(a, cm_sides_label(sides, k, r->lang));
        put(a, "</td><td class=\"n\" id=\"count-%d\">%d</td></tr>\n", row++, c->n[k]);
    }
    put(a, "</table>\n");
}

static void put_files(const cm__report *r, cm__atomic *a)
{
    static const char *const files[] = {"report.md", "events.md", "events.csv", "chart.svg",
                                        "chart.pdf", "latest.svg", "latest.pdf"};
    put(a, "<footer>%s: ", word(r, W_FILES));
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        put(a, "%s<a href=\"%s\">%s</a>", i ? " · " : "", files[i], files[i]);
    put(a, ". conflictmap</footer>\n");
}

cm_status cm__report_write_html(const cm__report *r, cm_error *err)
{
    cm__atomic a;
    cm_status st = open_page(r, "index.html", &a, err);
    if (st != CM_OK)
        return st;
    char buf[1024], day[64], png[64];
    title(r, buf, sizeof buf);
    long_date(r, r->to, day, sizeof day);
    put(&a, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
        r->lang == CM_LANG_FR ? "fr" : "en");
    put_html(&a, buf);
    put(&a, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>", html_style);
    put_html(&a, buf);
    put(&a, "</h1><p>");
    put_html(&a, word(r, W_HINT));
    put(&a, "</p></header>\n<div class=\"viewer\">\n<div class=\"mapbox\"><img id=\"map\" src=\"");
    cm__report_frame_file(r, r->n_frames - 1, "png", png, sizeof png);
    put(&a, "%s\" width=\"%d\" height=\"%d\" alt=\"", png, r->map->opts.width,
        r->map->opts.height);
    snprintf(buf, sizeof buf, word(r, W_MAP_ALT), r->map->unit[r->lang], day);
    cm__utf8_cut(buf, sizeof buf);
    put_html(&a, buf);
    put(&a, "\"></div>\n<aside>\n<output id=\"date\">");
    put_html(&a, day);
    put(&a, "</output>\n<div class=\"controls\"><button id=\"prev\" aria-label=\"");
    put_html(&a, word(r, W_PREVIOUS));
    put(&a, "\">&#9664;</button><input type=\"range\" id=\"slider\" min=\"0\" max=\"%zu\" "
            "value=\"%zu\" step=\"1\" aria-label=\"%s\"><button id=\"next\" aria-label=\"",
        r->n_frames - 1, r->n_frames - 1, word(r, W_DATE));
    put_html(&a, word(r, W_NEXT));
    put(&a, "\">&#9654;</button></div>\n");
    put_counts(r, &a);
    summary(r, r->to, buf, sizeof buf);
    put(&a, "<p id=\"summary\">");
    put_html(&a, buf);
    put(&a, "</p>\n<h2>");
    put_html(&a, word(r, W_CHANGES));
    put(&a, "</h2>\n<ul id=\"changes\"></ul>\n</aside>\n</div>\n<section><h2>");
    put_html(&a, word(r, W_OVER_TIME));
    snprintf(buf, sizeof buf, word(r, W_CHART_CAPTION), 1, r->map->unit[r->lang]);
    cm__utf8_cut(buf, sizeof buf);
    put(&a, "</h2><img src=\"chart.png\" alt=\"");
    put_html(&a, buf);
    put(&a, "\"></section>\n");
    put_files(r, &a);
    put(&a, "<script>\n");
    put_frames(r, &a);
    put(&a, "var mapAlt = ");
    snprintf(buf, sizeof buf, word(r, W_MAP_ALT), r->map->unit[r->lang], "%s");
    cm__utf8_cut(buf, sizeof buf);
    put_js(&a, buf);
    put(&a, ";\n%s</script>\n</body>\n</html>\n", html_script);
    return cm__atomic_commit(&a, err);
}
