/* renameat2 and RENAME_EXCHANGE (glibc 2.28, Linux 3.15): the atomic switch */
#define _GNU_SOURCE
#include "conflictmap/report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conflictmap/chart.h"
#include "conflictmap/output.h"
#include "conflictmap/style.h"
#include "conflictmap/tempfiles.h"
#include "report_internal.h"
#include "util.h"

#define PATH_LEN 4096

static const char *const map_exts[] = {"png", "svg", "pdf"};
#define N_EXTS (sizeof map_exts / sizeof map_exts[0])

const cm_counts *cm__report_counts(const cm__report *r, cm_date day)
{
    return &r->days[day - r->from];
}

int cm__report_changed(const cm__report *r, const cm_event *e)
{
    size_t i = 0;
    while (i < r->n_ids && strcmp(r->ids[i], e->place_id) != 0)
        i++;
    if (i == r->n_ids || e->date == CM_DATE_NONE)
        return 0;
    const cm_date day = cm_date_effective(e->date, e->precision);
    const cm_event *decider = NULL;
    const cm_hold after = cm_timeline_hold(r->tl, e->place_id, day, &decider);
    return decider == e &&
           !cm_hold_same(cm_timeline_hold(r->tl, e->place_id, day - 1, NULL), after);
}

const char *cm__report_place_name(const cm__report *r, const cm_event *e)
{
    const cm_place *p = cm_gazetteer_find_id(r->map->gazetteer, e->place_id);
    if (p)
        return cm_place_name(p, r->lang);
    return e->place && e->place[0] ? e->place : e->place_id;
}

void cm__report_frame_file(const cm__report *r, size_t i, const char *ext, char *buf, size_t n)
{
    char iso[CM_DATE_ISO_LEN];
    if (i >= r->n_changes) {
        snprintf(buf, n, "latest.%s", ext);
        return;
    }
    cm_date_format_iso(r->frames[i], iso);
    snprintf(buf, n, "maps/%s.%s", iso, ext);
}

/* dir/name into buf; CM_ERR_INVALID if it does not fit. */
static cm_status join(char *buf, const char *dir, const char *name, cm_error *err)
{
    const int k = snprintf(buf, PATH_LEN, "%s/%s", dir, name);
    if (k < 0 || k >= PATH_LEN)
        return cm_error_set(err, CM_ERR_INVALID, "%s/%s: path too long", dir, name);
    return CM_OK;
}

/* ---- the period's data ---- */

static cm_status resolve_period(cm__report *r, const cm_report_options *o, cm_error *err)
{
    cm_date first = CM_DATE_NONE, last = CM_DATE_NONE;
    if ((o->from == CM_DATE_NONE || o->to == CM_DATE_NONE) &&
        cm_timeline_span(r->tl, &first, &last, err) != CM_OK)
        return cm_error_set(err, CM_ERR_INVALID,
                            "report: the timeline has no dated event; give the period");
    r->from = o->from != CM_DATE_NONE ? o->from : first;
    r->to = o->to != CM_DATE_NONE ? o->to : last;
    if (r->to < r->from) {
        char a[CM_DATE_ISO_LEN], b[CM_DATE_ISO_LEN];
        cm_date_format_iso(r->from, a);
        cm_date_format_iso(r->to, b);
        return cm_error_set(err, CM_ERR_INVALID, "report: the period ends (%s) before it starts (%s)",
                            b, a);
    }
    return CM_OK;
}

static int cmp_row(const void *a, const void *b)
{
    const cm_event *x = *(const cm_event *const *)a, *y = *(const cm_event *const *)b;
    const cm_date ex = cm_date_effective(x->date, x->precision);
    const cm_date ey = cm_date_effective(y->date, y->precision);
    if (ex != ey)
        return ex < ey ? -1 : 1;
    return (x > y) - (x < y);
}

/* Capitals, daily counts, change days, frames and the table's rows. */
static cm_status prepare(cm__report *r, cm_error *err)
{
    const size_t n_caps = r->map->n_capitals;
    cm_date *changes = NULL;
    r->ids = malloc((n_caps ? n_caps : 1) * sizeof *r->ids);
    r->rows = malloc((r->events->count ? r->events->count : 1) * sizeof *r->rows);
    if (!r->ids || !r->rows)
        return cm_error_set(err, CM_ERR_NOMEM, "report: out of memory");
    for (size_t i = 0; i < n_caps; i++)
        r->ids[r->n_ids++] = r->map->capitals[i].place->id;
    cm_status st = cm_timeline_daily_counts(r->tl, r->ids, r->n_ids, r->from, r->to, &r->days, err);
    if (st == CM_OK)
        st = cm_timeline_change_dates(r->tl, r->ids, r->n_ids, r->from, r->to, &changes,
                                      &r->n_changes, err);
    if (st != CM_OK)
        return st;
    r->frames = malloc((r->n_changes + 1) * sizeof *r->frames);
    if (!r->frames) {
        free(changes);
        return cm_error_set(err, CM_ERR_NOMEM, "report: out of memory");
    }
    if (r->n_changes)
        memcpy(r->frames, changes, r->n_changes * sizeof *changes);
    free(changes);
    r->n_frames = r->n_changes;
    if (r->n_changes == 0 || r->frames[r->n_changes - 1] != r->to)
        r->frames[r->n_frames++] = r->to;
    for (size_t i = 0; i < r->events->count; i++) {
        const cm_event *e = &r->events->items[i];
        const cm_date when = e->date == CM_DATE_NONE ? CM_DATE_NONE
                                                     : cm_date_effective(e->date, e->precision);
        if (when != CM_DATE_NONE && when >= r->from && when <= r->to)
            r->rows[r->n_rows++] = e;
    }
    if (r->n_rows > 1)
        qsort(r->rows, r->n_rows, sizeof *r->rows, cmp_row);
    return CM_OK;
}

/* ---- the staging directory ---- */

/* Remove the regular files in dir, then dir (only what a report put there). */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        char path[PATH_LEN];
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path)
                continue;
            struct stat sb;
            if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
                remove_tree(path);
            else
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* A hidden directory to fill, beside dir (".cm~XXXXXX"), locked while it
 * lives (tempfiles.h). */
static cm_status make_stage(cm__report *r, const char *dir, cm_error *err)
{
    char tmpl[PATH_LEN];
    const int fd = cm_temp_create(dir, 1, tmpl, sizeof tmpl, err);
    if (fd < 0)
        return err ? err->status : CM_ERR_IO;
    r->stage_fd = fd;
    chmod(tmpl, cm__new_mode(1)); /* the umask's, as mkdir would give */
    r->stage = strdup(tmpl);
    if (!r->stage) {
        cm_temp_release(tmpl);
        rmdir(tmpl);
        return cm_error_set(err, CM_ERR_NOMEM, "report: out of memory");
    }
    char maps[PATH_LEN];
    cm_status st = join(maps, tmpl, "maps", err);
    if (st == CM_OK && mkdir(maps, 0777) != 0)
        st = cm_error_set(err, CM_ERR_IO, "%s/maps: cannot create: %s", dir, strerror(errno));
    return st; /* on failure the caller removes the stage */
}

/* Keep what the user put into an existing report directory: each file at
 * its top that the new bundle does not write is linked into the stage (a
 * second name, so that no crash loses it).  maps/ is the report's own and
 * is replaced whole; any other subdirectory is refused, before anything
 * changes. */
static cm_status keep_user_files(const cm__report *r, const char *dir, cm_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return cm_error_set(err, CM_ERR_IO, "%s: %s", dir, strerror(errno));
    cm_status st = CM_OK;
    const struct dirent *de;
    char src[PATH_LEN], dst[PATH_LEN];
    while (st == CM_OK && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
            strcmp(de->d_name, "maps") == 0)
            continue;
        if ((st = join(src, dir, de->d_name, err)) != CM_OK ||
            (st = join(dst, r->stage, de->d_name, err)) != CM_OK)
            break;
        struct stat sb;
        if (lstat(dst, &sb) == 0 || lstat(src, &sb) != 0)
            continue; /* the new bundle writes it; or gone meanwhile */
        if (S_ISDIR(sb.st_mode))
            st = cm_error_set(err, CM_ERR_IO,
                              "%s: a directory the report does not write; move it out of "
                              "%s or report into another directory", src, dir);
        else if (linkat(AT_FDCWD, src, AT_FDCWD, dst, 0) != 0)
            st = cm_error_set(err, CM_ERR_IO, "%s: cannot keep it in the new report: %s", src,
                              strerror(errno));
    }
    closedir(d);
    return st;
}

/* Put the filled stage in place as dir, in one step: a new dir is renamed
 * into place; an existing one is exchanged with the stage
 * (renameat2 RENAME_EXCHANGE), and the old one, now under the stage's
 * name, is removed by report_free.  Where the file system cannot exchange,
 * the old dir is moved aside first, and for that instant dir does not
 * exist. */
static cm_status install(cm__report *r, const char *dir, int exists, cm_error *err)
{
    if (!exists) {
        if (rename(r->stage, dir) != 0)
            return cm_error_set(err, CM_ERR_IO, "%s: cannot create: %s", dir, strerror(errno));
        cm_temp_release(r->stage);
        free(r->stage);
        r->stage = NULL;
        return CM_OK;
    }
    cm_status st = keep_user_files(r, dir, err);
    if (st != CM_OK)
        return st;
#ifdef RENAME_EXCHANGE
    if (renameat2(AT_FDCWD, r->stage, AT_FDCWD, dir, RENAME_EXCHANGE) == 0)
        return CM_OK;
    if (errno != EINVAL && errno != ENOSYS)
        return cm_error_set(err, CM_ERR_IO, "%s: cannot replace: %s", dir, strerror(errno));
#endif
    char aside[PATH_LEN];
    const int fd = cm_temp_create(dir, 1, aside, sizeof aside, err);
    if (fd < 0)
        return err ? err->status : CM_ERR_IO;
    if (rename(dir, aside) != 0) {
        st = cm_error_set(err, CM_ERR_IO, "%s: cannot replace: %s", dir, strerror(errno));
        rmdir(aside);
    } else if (rename(r->stage, dir) != 0) {
        st = cm_error_set(err, CM_ERR_IO, "%s: cannot replace: %s", dir, strerror(errno));
        rename(aside, dir); /* put the old one back */
    } else {
        remove_tree(aside);
        cm_temp_release(r->stage);
        free(r->stage);
        r->stage = NULL;
    }
    cm_temp_release(aside);
    close(fd);
    return st;
}

/* ---- the figures and the CSV ---- */

static cm_status write_maps(const cm__report *r, cm_error *err)
{
    char rel[64], path[PATH_LEN];
    for (size_t i = 0; i < r->n_frames; i++)
        for (size_t e = 0; e < N_EXTS; e++) {
            cm__report_frame_file(r, i, map_exts[e], rel, sizeof rel);
            cm_status st = join(path, r->stage, rel, err);
            if (st == CM_OK)
                st = cm_output_write(r->map, r->tl, r->frames[i], r->lang, path, err);
            if (st != CM_OK)
                return st;
        }
    /* latest.* is the last day; written above when nothing changed on it. */
    if (r->n_frames > r->n_changes)
        return CM_OK;
    for (size_t e = 0; e < N_EXTS; e++) {
        snprintf(rel, sizeof rel, "latest.%s", map_exts[e]);
        cm_status st = join(path, r->stage, rel, err);
        if (st == CM_OK)
            st = cm_output_write(r->map, r->tl, r->to, r->lang, path, err);
        if (st != CM_OK)
            return st;
    }
    return CM_OK;
}

/* The chart, with a note on each change of the national capital. */
static cm_status write_chart(const cm__report *r, cm_error *err)
{
    cm_chart_note notes[8];
    char texts[8][160];
    size_t n_notes = 0;
    for (size_t c = 0; c < r->map->n_capitals; c++) {
        const cm_place *p = r->map->capitals[c].place;
        cm_date *days = NULL;
        size_t n = 0;
        if (p->kind != CM_KIND_NATIONAL_CAPITAL)
            continue;
        const char *id = p->id;
        cm_status st = cm_timeline_change_dates(r->tl, &id, 1, r->from, r->to, &days, &n, err);
        if (st != CM_OK)
            return st;
        for (size_t i = 0; i < n && n_notes < 8; i++, n_notes++) {
            const cm_hold h = cm_timeline_hold(r->tl, p->id, days[i], NULL);
            snprintf(texts[n_notes], sizeof texts[n_notes],
                     r->lang == CM_LANG_FR ? "%s : %s" : "%s: %s", cm_place_name(p, r->lang),
                     cm_sides_label(&r->map->sides, cm_hold_category(h), r->lang));
            cm__utf8_cut(texts[n_notes], sizeof texts[n_notes]);
            notes[n_notes] = (cm_chart_note){days[i], texts[n_notes]};
        }
        free(days);
    }
    const cm_chart chart = {.days = r->days,
                            .n_days = (size_t)(r->to - r->from) + 1,
                            .first = r->from,
                            .country = r->map->title[r->lang],
                            .unit = r->map->unit[r->lang],
                            .sides = &r->map->sides,
                            .lang = r->lang,
                            .notes = notes,
                            .n_notes = n_notes};
    char path[PATH_LEN];
    for (size_t e = 0; e < N_EXTS; e++) {
        char name[16];
        snprintf(name, sizeof name, "chart.%s", map_exts[e]);
        cm_status st = join(path, r->stage, name, err);
        if (st == CM_OK)
            st = cm_chart_write(&chart, r->map->opts.dpi, path, err);
        if (st != CM_OK)
            return st;
    }
    return CM_OK;
}

/* events.csv: the table's rows, as the events module writes them. */
static cm_status write_events_csv(const cm__report *r, cm_error *err)
{
    cm_events view = {malloc((r->n_rows ? r->n_rows : 1) * sizeof(cm_event)), r->n_rows,
                      r->n_rows};
    if (!view.items)
        return cm_error_set(err, CM_ERR_NOMEM, "report: out of memory");
    for (size_t i = 0; i < r->n_rows; i++)
        view.items[i] = *r->rows[i]; /* shallow: the strings stay the caller's */
    char path[PATH_LEN];
    cm_status st = join(path, r->stage, "events.csv", err);
    if (st == CM_OK)
        st = cm_events_save(&view, CM_EVENTS_CSV, path, err);
    free(view.items);
    return st;
}

/* An error about a file of the stage names it where the user will look:
 * ".cm~Xy12Ab/maps/2021-08-03.png" becomes "DIR/maps/2021-08-03.png". */
static void name_user_path(cm_error *err, const char *stage, const char *dir)
{
    char *at = err && stage ? strstr(err->message, stage) : NULL;
    if (!at)
        return;
    char tail[CM_ERROR_MAX];
    snprintf(tail, sizeof tail, "%s", at + strlen(stage));
    snprintf(at, sizeof err->message - (size_t)(at - err->message), "%s%s", dir, tail);
}

static void report_free(cm__report *r)
{
    if (r->stage) {
        remove_tree(r->stage);
        cm_temp_release(r->stage);
    }
    if (r->stage_fd > 0)
        close(r->stage_fd);
    free(r->stage);
    free(r->ids);
    free(r->days);
    free(r->frames);
    free(r->rows);
}

cm_status cm_report_write(const cm_map *map, const cm_events *events, const cm_timeline *tl,
                          const cm_report_options *opts, cm_report_result *result,
                          cm_error *err)
{
    cm__report r = {.map = map, .events = events, .tl = tl, .lang = opts->lang};
    r.lang = r.lang == CM_LANG_FR ? CM_LANG_FR : CM_LANG_EN;
    char dir[PATH_LEN]; /* without trailing slashes: the stage goes beside it */
    const size_t len = strlen(opts->dir);
    if (len == 0 || len >= sizeof dir)
        return cm_error_set(err, CM_ERR_INVALID, "report directory '%.64s': %s", opts->dir,
                            len ? "path too long" : "empty");
    memcpy(dir, opts->dir, len + 1);
    for (size_t n = len; n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    struct stat sb;
    char real[PATH_MAX];
    if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode) && realpath(dir, real)) {
        if (strlen(real) >= sizeof dir)
            return cm_error_set(err, CM_ERR_INVALID, "%s: path too long", real);
        strcpy(dir, real); /* a link to a report directory: the directory is replaced */
    }
    const int exists = stat(dir, &sb) == 0;
    cm_status st = CM_OK;
    char maps[PATH_LEN];
    if (exists && !S_ISDIR(sb.st_mode))
        st = cm_error_set(err, CM_ERR_IO, "%s: exists and is not a directory", dir);
    else if (exists && join(maps, dir, "maps", err) == CM_OK && lstat(maps, &sb) == 0 &&
             !S_ISDIR(sb.st_mode))
        st = cm_error_set(err, CM_ERR_IO, "%s: exists and is not a directory", maps);
    if (st == CM_OK)
        st = resolve_period(&r, opts, err);
    if (st == CM_OK)
        st = prepare(&r, err);
    if (st == CM_OK)
        st = make_stage(&r, dir, err);
    if (st == CM_OK)
        st = write_maps(&r, err);
    if (st == CM_OK)
        st = write_chart(&r, err);
    if (st == CM_OK)
        st = write_events_csv(&r, err);
    if (st == CM_OK)
        st = cm__report_write_events_md(&r, err);
    if (st == CM_OK)
        st = cm__report_write_markdown(&r, err);
    if (st == CM_OK)
        st = cm__report_write_html(&r, err);
    if (st == CM_OK)
        st = install(&r, dir, exists, err);
    if (st == CM_OK && result) {
        result->from = r.from;
        result->to = r.to;
        result->n_maps = r.n_changes;
        result->n_events = r.n_rows;
        result->last = *cm__report_counts(&r, r.to);
    }
    if (st != CM_OK)
        name_user_path(err, r.stage, dir);
    report_free(&r);
    return st;
}
