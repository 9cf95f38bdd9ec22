#include "conflictmap/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "conflictmap/style.h"
#include "page_file.h"
#include "paint.h"
#include "text.h"
#include "util.h"

#define INK 0.17, 0.17, 0.17
#define GREY 0.40, 0.39, 0.37

/* Page geometry in points on the default page; scaled by u. */
enum { MARGIN = 22, LEGEND_W = 178, TITLE_SIZE = 17, SUB_SIZE = 10, AXIS_SIZE = 8,
       LEGEND_SIZE = 9 };

/* The bands bottom to top: the sides other than the incumbent first, so
 * their edge reads against the count axis, then contested, attacked, the
 * incumbent and no data.  Returns how many. */
static int stack_of(const cm_sides *sides, int stack[CM_CAT_COUNT])
{
    int n = 0;
    for (int i = 0; i < sides->count; i++)
        if (i != sides->incumbent)
            stack[n++] = i;
    stack[n++] = CM_CAT_CONTESTED;
    stack[n++] = CM_CAT_ATTACKED;
    stack[n++] = sides->incumbent;
    stack[n++] = CM_CAT_NO_DATA;
    return n;
}


typedef enum chart_word { W_TITLE, W_TITLE_COUNTRY, W_SUBTITLE, W_SUBTITLE_ONE, W_ON,
                          W_COUNT } chart_word;

static const char *const words[W_COUNT][2] = {
    [W_TITLE] = {"%s by holder", "%s par détenteur"},
    [W_TITLE_COUNTRY] = {"%s: %s by holder", "%s : %s par détenteur"},
    [W_SUBTITLE] = {"Who held them, day by day, from %s to %s",
                    "Qui les tenait, jour par jour, du %s au %s"},
    [W_SUBTITLE_ONE] = {"Who held them on %s", "Qui les tenait le %s"},
    [W_ON] = {"On %s", "Le %s"},
};

static const char *word(chart_word w, cm_lang lang) { return words[w][lang == CM_LANG_FR]; }

/* The plot's frame on the page and its scales. */
typedef struct frame {
    double x0, x1, y0, y1; /* left, right, top, bottom */
    double dx;             /* width of one day */
    int total;             /* the count axis runs from 0 to total */
    double u;
    const cm_sides *sides; /* the chart's, or fallback */
    cm_sides fallback;
    int stack[CM_CAT_COUNT]; /* the bands' categories, bottom to top */
    int n_stack;
} frame;

static double y_of(const frame *f, double count)
{
    return f->total > 0 ? f->y1 - (f->y1 - f->y0) * count / f->total : f->y1;
}

static void text_at(cairo_t *cr, cm__font font, double size, const char *text, double x,
                    double y, double align)
{
    PangoLayout *layout = cm__text_layout(cr, NULL, font, size, text);
    double w, h;
    cm__text_size(layout, &w, &h);
    cairo_move_to(cr, x - align * w, y);
    cm__text_show(cr, layout);
    g_object_unref(layout);
}

static void set_rgb(cairo_t *cr, cm_rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

/* "Afghanistan: Provincial capitals by holder". */
static void title_text(const cm_chart *c, char *buf, size_t n)
{
    const cm_lang lang = c->lang;
    const char *unit = c->unit && c->unit[0] ? c->unit : cm_style_word(CM_WORD_LEGEND_TITLE, lang);
    if (c->country && c->country[0])
        snprintf(buf, n, word(W_TITLE_COUNTRY, lang), c->country, unit);
    else
        snprintf(buf, n, word(W_TITLE, lang), unit);
    cm__utf8_cut(buf, n);
}

static void title(cairo_t *cr, const cm_chart *c, double u)
{
    char buf[512], a[64], b[64];
    const cm_lang lang = c->lang;
    title_text(c, buf, sizeof buf);
    cairo_set_source_rgb(cr, INK);
    text_at(cr, CM__FONT_BOLD, TITLE_SIZE * u, buf, MARGIN * u, MARGIN * u, 0);
    cm_date_format_long(c->first, lang, a, sizeof a);
    cm_date_format_long(c->first + (cm_date)c->n_days - 1, lang, b, sizeof b);
    if (c->n_days > 1)
        snprintf(buf, sizeof buf, word(W_SUBTITLE, lang), a, b);
    else
        snprintf(buf, sizeof buf, word(W_SUBTITLE_ONE, lang), a);
    cairo_set_source_rgb(cr, GREY);
    text_at(cr, CM__FONT_REGULAR, SUB_SIZE * u, buf, MARGIN * u, (MARGIN + 24) * u, 0);
}

/* The count of day k stacked up to level (exclusive). */
static int stack_height(const cm_chart *c, const frame *f, size_t k, int levels)
{
    int h = 0;
    for (int i = 0; i < levels; i++)
        h += c->days[k].n[f->stack[i]];
    return h;
}

/* The top edge of the stack up to level, as an open step line. */
static void edge_path(cairo_t *cr, const cm_chart *c, const frame *f, int level)
{
    for (size_t k = 0; k < c->n_days; k++) {
        const double x = f->x0 + (double)k * f->dx, y = y_of(f, stack_height(c, f, k, level + 1));
        if (k == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
        cairo_line_to(cr, x + f->dx, y);
    }
}

/* One state's band: steps along its top, back along its bottom. */
static void band_path(cairo_t *cr, const cm_chart *c, const frame *f, int level)
{
    edge_path(cr, c, f, level);
    for (size_t k = c->n_days; k-- > 0;) {
        const double x = f->x0 + (double)k * f->dx, y = y_of(f, stack_height(c, f, k, level));
        cairo_line_to(cr, x + f->dx, y);
        cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
}

static void areas(cairo_t *cr, const cm_chart *c, const frame *f)
{
    const cm_bbox plot = {f->x0, f->y0, f->x1, f->y1};
    for (int level = 0; level < f->n_stack; level++) {
        band_path(cr, c, f, level);
        cm__paint_category(cr, f->sides, f->stack[level], plot, f->u);
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    for (int level = f->n_stack - 2; level >= 0; level--) {
        edge_path(cr, c, f, level);
        set_rgb(cr, cm__category_ink(f->sides, f->stack[level]));
        cairo_set_line_width(cr, (level == 0 ? 1.6 : 0.7) * f->u);
        cairo_stroke(cr);
    }
}

static void gridline(cairo_t *cr, const frame *f, long value)
{
    char buf[32];
    const double y = y_of(f, (double)value);
    cairo_move_to(cr, f->x0, y);
    cairo_line_to(cr, f->x1, y);
    cairo_set_source_rgba(cr, 0, 0, 0, value ? 0.16 : 0.7);
    cairo_set_line_width(cr, (value ? 0.5 : 0.8) * f->u);
    cairo_stroke(cr);
    snprintf(buf, sizeof buf, "%ld", value);
    cairo_set_source_rgb(cr, GREY);
    text_at(cr, CM__FONT_REGULAR, AXIS_SIZE * f->u, buf, f->x0 - 5 * f->u,
            y - AXIS_SIZE * 0.62 * f->u, 1);
}

/* Count axis: gridlines every step (1, 2, 5, 10, ...; at most 8 of them)
 * and at the total when it is not too close to the last one. */
static void count_axis(cairo_t *cr, const frame *f)
{
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000};
    const size_t n_steps = sizeof steps / sizeof steps[0];
    size_t i = 0;
    while (i + 1 < n_steps && f->total / steps[i] > 7)
        i++;
    const long step = steps[i];
    long v = 0;
    for (; v <= f->total; v += step)
        gridline(cr, f, v);
    if (f->total - (v - step) >= (step + 1) / 2)
        gridline(cr, f, f->total);
}

/* How a month is labelled on the date axis, the same for every month:
 * "August 2021", "Aug" (January shows its year), or only the years. */
typedef enum month_style { MONTH_FULL, MONTH_SHORT, MONTH_YEARS } month_style;

static const char *const short_months[12][2] = {
    {"Jan", "janv."}, {"Feb", "févr."}, {"Mar", "mars"}, {"Apr", "avr."},
    {"May", "mai"},   {"Jun", "juin"},  {"Jul", "juil."}, {"Aug", "août"},
    {"Sep", "sept."}, {"Oct", "oct."},  {"Nov", "nov."},  {"Dec", "déc."},
};

/* The label of the month starting on d in style ("" for none). */
static void month_text(const cm_chart *c, cm_date d, month_style style, char *buf, size_t n)
{
    int year, month;
    cm_date_to_ymd(d, &year, &month, NULL);
    buf[0] = '\0';
    if (style != MONTH_FULL && (month == 1 || (style == MONTH_YEARS && d == c->first))) {
        snprintf(buf, n, "%d", year);
        return;
    }
    if (style == MONTH_SHORT) {
        snprintf(buf, n, "%s", short_months[month - 1][c->lang == CM_LANG_FR]);
        return;
    }
    if (style == MONTH_YEARS)
        return;
    /* The long date of the 1st without its day: "August 2021". */
    cm_date first;
    char tmp[64];
    cm_date_from_ymd(year, month, 1, &first, NULL);
    cm_date_format_long(first, c->lang, tmp, sizeof tmp);
    const char *name = strchr(tmp, ' ');
    snprintf(buf, n, "%s", name ? name + 1 : tmp);
}

/* The page span [*xs, *xe) of the days from d to the end of its month (or
 * year), clipped to the chart. */
static void span_of(const cm_chart *c, const frame *f, cm_date d, int whole_year, double *xs,
                    double *xe)
{
    int year;
    cm_date end = cm_date_month_end(d);
    cm_date_to_ymd(d, &year, NULL, NULL);
    if (whole_year)
        cm_date_from_ymd(year, 12, 31, &end, NULL);
    const cm_date last = c->first + (cm_date)c->n_days - 1;
    *xs = f->x0 + (double)(d - c->first) * f->dx;
    *xe = f->x0 + (double)((end < last ? end : last) - c->first + 1) * f->dx;
}

static double label_width(cairo_t *cr, const frame *f, const char *text)
{
    double w, h;
    cm__text_measure(cr, NULL, CM__FONT_BOLD, AXIS_SIZE * f->u, text, &w, &h);
    return w + 6 * f->u;
}

/* The fullest style whose labels fit every whole month of the chart. */
static month_style choose_style(cairo_t *cr, const cm_chart *c, const frame *f)
{
    month_style style = MONTH_FULL;
    char buf[64];
    for (size_t k = 0; k < c->n_days && style != MONTH_YEARS; k++) {
        const cm_date d = c->first + (cm_date)k;
        int dd;
        cm_date_to_ymd(d, NULL, NULL, &dd);
        if (dd != 1 || cm_date_month_end(d) > c->first + (cm_date)c->n_days - 1)
            continue; /* only whole months */
        double xs, xe;
        span_of(c, f, d, 0, &xs, &xe);
        for (month_text(c, d, style, buf, sizeof buf);
             style != MONTH_YEARS && label_width(cr, f, buf) > xe - xs;
             month_text(c, d, style, buf, sizeof buf))
            style++;
    }
    return style;
}

/* Day ticks every 1, 2 or 7 days (weeks start on Monday), wide enough
 * apart for their numbers; none when even weeks are too narrow. */
static int day_step(const frame *f)
{
    static const int steps[] = {1, 2, 7};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i] * f->dx >= 20 * f->u)
            return steps[i];
    return 0;
}

/* Whether day d (day dd of its month) has a tick: every day, odd days or
 * Mondays. */
static int day_ticked(cm_date d, int dd, int step)
{
    switch (step) {
    case 1: return 1;
    case 2: return dd % 2 == 1;
    case 7: return cm_date_weekday(d) == 0;
    default: return 0;
    }
}

/* A tier of day numbers under the plot, then a tier of months. */
static void date_axis(cairo_t *cr, const cm_chart *c, const frame *f)
{
    const double u = f->u, tick = 3.5 * u, tier = f->y1 + 17 * u;
    const int step = day_step(f);
    const month_style style = choose_style(cr, c, f);
    char buf[64];
    cairo_set_line_width(cr, 0.6 * u);
    for (size_t k = 0; k < c->n_days; k++) {
        const cm_date d = c->first + (cm_date)k;
        int dd;
        cm_date_to_ymd(d, NULL, NULL, &dd);
        if (day_ticked(d, dd, step)) {
            const double x = f->x0 + ((double)k + 0.5) * f->dx;
            cairo_move_to(cr, x, f->y1);
            cairo_line_to(cr, x, f->y1 + tick);
            cairo_set_source_rgb(cr, GREY);
            cairo_stroke(cr);
            snprintf(buf, sizeof buf, "%d", dd);
            text_at(cr, CM__FONT_REGULAR, AXIS_SIZE * u, buf, x, f->y1 + tick + u, 0.5);
        }
        if (k != 0 && dd != 1)
            continue;
        /* A month starts here (or the chart does): a separator, its label. */
        double xs, xe;
        month_text(c, d, style, buf, sizeof buf);
        span_of(c, f, d, style == MONTH_YEARS, &xs, &xe);
        cairo_move_to(cr, xs, f->y1);
        cairo_line_to(cr, xs, tier + 12 * u);
        cairo_set_source_rgba(cr, 0, 0, 0, style == MONTH_YEARS && buf[0] == '\0' ? 0.15 : 0.35);
        cairo_stroke(cr);
        if (buf[0] && label_width(cr, f, buf) <= xe - xs) {
            cairo_set_source_rgb(cr, INK);
            text_at(cr, CM__FONT_BOLD, AXIS_SIZE * u, buf, xs + 4 * u, tier, 0);
        }
    }
}

/* The legend: top of the stack first, each state's count on the last day. */
static void legend(cairo_t *cr, const cm_chart *c, const frame *f, double x)
{
    const double u = f->u, row = 19 * u;
    const cm_counts *last = &c->days[c->n_days - 1];
    char day[64], buf[160];
    cm_date_format_long(c->first + (cm_date)c->n_days - 1, c->lang, day, sizeof day);
    snprintf(buf, sizeof buf, word(W_ON, c->lang), day);
    cairo_set_source_rgb(cr, INK);
    text_at(cr, CM__FONT_BOLD, LEGEND_SIZE * u, buf, x, f->y0, 0);
    double y = f->y0 + row;
    for (int level = f->n_stack - 1; level >= 0; level--, y += row) {
        const int cat = f->stack[level];
        const cm_bbox sw = {x, y + 1 * u, x + 16 * u, y + 11 * u};
        cairo_rectangle(cr, sw.minx, sw.miny, 16 * u, 10 * u);
        cm__paint_category(cr, f->sides, cat, sw, u);
        cairo_rectangle(cr, sw.minx, sw.miny, 16 * u, 10 * u);
        set_rgb(cr, cm__category_ink(f->sides, cat));
        cairo_set_line_width(cr, 0.7 * u);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, INK);
        text_at(cr, CM__FONT_REGULAR, LEGEND_SIZE * u, cm_sides_label(f->sides, cat, c->lang),
                x + 22 * u, y, 0);
        snprintf(buf, sizeof buf, "%d", last->n[cat]);
        text_at(cr, CM__FONT_BOLD, LEGEND_SIZE * u, buf, x + (LEGEND_W - 2) * u, y, 1);
    }
    cairo_move_to(cr, x, y + 2 * u);
    cairo_line_to(cr, x + (LEGEND_W - 2) * u, y + 2 * u);
    cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
    cairo_set_line_width(cr, 0.6 * u);
    cairo_stroke(cr);
    cm_sides_holds(f->sides, last, c->lang, buf, sizeof buf);
    PangoLayout *layout = cm__text_layout(cr, NULL, CM__FONT_BOLD, LEGEND_SIZE * u, buf);
    cm__text_set_width(layout, LEGEND_W * u);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    cairo_set_source_rgb(cr, INK);
    cairo_move_to(cr, x, y + 6 * u);
    cm__text_show(cr, layout);
    g_object_unref(layout);
}

/* Dashed lines over the noted days and their text above the plot; a text
 * that would run into the one before it goes a line higher. */
static void notes(cairo_t *cr, const cm_chart *c, const frame *f)
{
    const double u = f->u;
    double right[2] = {-INFINITY, -INFINITY}; /* where each line's last text ends */
    for (size_t i = 0; i < c->n_notes; i++) {
        const cm_chart_note *n = &c->notes[i];
        if (n->date < c->first || (size_t)(n->date - c->first) >= c->n_days || !n->text)
            continue;
        const double x = f->x0 + ((double)(n->date - c->first) + 0.5) * f->dx;
        double w, h;
        cm__text_measure(cr, NULL, CM__FONT_BOLD, AXIS_SIZE * u, n->text, &w, &h);
        const double align = x + w / 2 > f->x1 ? 1 : x - w / 2 < f->x0 ? 0 : 0.5;
        const double left = x - align * w;
        const int line = left < right[0] + 4 * u && left >= right[1] + 4 * u;
        right[line] = left + w;
        const double ty = f->y0 - 4 * u - h - line * (h + 1 * u);
        const double dash[] = {2.5 * u, 2 * u};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, x, ty + h);
        cairo_line_to(cr, x, f->y1);
        cairo_set_source_rgb(cr, INK);
        cairo_set_line_width(cr, 0.8 * u);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        text_at(cr, CM__FONT_BOLD, AXIS_SIZE * u, n->text, x, ty, align);
    }
}

static cm_status check_days(const cm_chart *c, cm_error *err)
{
    if (!c->days || c->n_days == 0)
        return cm_error_set(err, CM_ERR_INVALID, "chart: no days to draw");
    for (size_t k = 0; k < c->n_days; k++) {
        long sum = 0;
        int negative = 0;
        for (int s = 0; s < CM_CAT_COUNT; s++) {
            sum += c->days[k].n[s];
            negative |= c->days[k].n[s] < 0;
        }
        if (negative || sum != c->days[k].total || c->days[k].total != c->days[0].total)
            return cm_error_set(err, CM_ERR_INVALID,
                                "chart: the counts of day %zu do not add up to the total", k);
    }
    return CM_OK;
}

static void page_size(const cm_chart *c, double *w, double *h)
{
    *w = c->width > 0 ? c->width : 768;
    *h = c->height > 0 ? c->height : 432;
}

/* Where the plot sits on the page, and its bands; release with
 * frame_release.  CM_ERR_NOMEM when the default sides cannot be made. */
static cm_status plot_frame(const cm_chart *c, double W, double H, frame *f, cm_error *err)
{
    const double u = fmin(W / 768, H / 432);
    memset(f, 0, sizeof *f);
    f->u = u;
    f->total = c->days[0].total;
    f->x0 = (MARGIN + 28) * u;
    f->x1 = W - (MARGIN + LEGEND_W + 22) * u;
    f->y0 = (MARGIN + 66) * u;
    f->y1 = H - (MARGIN + 34) * u;
    f->dx = (f->x1 - f->x0) / (double)c->n_days;
    f->sides = c->sides;
    if (!f->sides) {
        const cm_status st = cm_sides_default(&f->fallback, err);
        if (st != CM_OK)
            return st;
        f->sides = &f->fallback;
    }
    f->n_stack = stack_of(f->sides, f->stack);
    return CM_OK;
}

static void frame_release(frame *f)
{
    if (f->sides == &f->fallback)
        cm_sides_free(&f->fallback);
}

cm_status cm_chart_point(const cm_chart *c, cm_date date, double count, double *x,
                         double *y, cm_error *err)
{
    cm_status st = check_days(c, err);
    if (st != CM_OK)
        return st;
    if (date < c->first || (size_t)(date - c->first) >= c->n_days)
        return cm_error_set(err, CM_ERR_INVALID, "chart: date outside the chart's days");
    double W, H;
    page_size(c, &W, &H);
    frame f;
    if ((st = plot_frame(c, W, H, &f, err)) != CM_OK)
        return st;
    *x = f.x0 + ((double)(date - c->first) + 0.5) * f.dx;
    *y = y_of(&f, count);
    frame_release(&f);
    return CM_OK;
}

cm_status cm_chart_draw(cairo_t *cr, const cm_chart *c, cm_error *err)
{
    cm_status st = check_days(c, err);
    if (st != CM_OK)
        return st;
    double W, H;
    page_size(c, &W, &H);
    const double u = fmin(W / 768, H / 432);
    frame f;
    if ((st = plot_frame(c, W, H, &f, err)) != CM_OK)
        return st;
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    cairo_rectangle(cr, 0, 0, W, H);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    title(cr, c, u);
    areas(cr, c, &f);
    count_axis(cr, &f);
    notes(cr, c, &f);
    date_axis(cr, c, &f);
    legend(cr, c, &f, W - (MARGIN + LEGEND_W) * u);
    frame_release(&f);
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return cm_error_set(err, CM_ERR_RENDER, "chart: cairo: %s",
                            cairo_status_to_string(cairo_status(cr)));
    return CM_OK;
}

static cm_status draw_page(cairo_t *cr, void *ctx, cm_error *err)
{
    return cm_chart_draw(cr, ctx, err);
}

cm_status cm_chart_write(const cm_chart *c, double dpi, const char *path, cm_error *err)
{
    cm_status st = check_days(c, err);
    if (st != CM_OK)
        return st;
    char titlebuf[512], desc[1024], day[64], stamp[32], iso[CM_DATE_ISO_LEN];
    const cm_date last = c->first + (cm_date)c->n_days - 1;
    title_text(c, titlebuf, sizeof titlebuf);
    cm_date_format_long(last, c->lang, day, sizeof day);
    frame f;
    if ((st = plot_frame(c, 768, 432, &f, err)) != CM_OK)
        return st;
    char summary[900];
    cm_sides_summary(f.sides, &c->days[c->n_days - 1], c->lang, summary, sizeof summary);
    frame_release(&f);
    snprintf(desc, sizeof desc, word(W_ON, c->lang), day);
    const size_t k = strlen(desc);
    snprintf(desc + k, sizeof desc - k, ": %s", summary);
    cm__utf8_cut(desc, sizeof desc);
    cm_date_format_iso(last, iso);
    snprintf(stamp, sizeof stamp, "%sT00:00:00Z", iso);
    cm__page page = {0, 0, dpi > 0 ? dpi : 150, titlebuf, desc, stamp};
    page_size(c, &page.width, &page.height);
    return cm__page_write(path, &page, draw_page, (void *)c, err);
}
