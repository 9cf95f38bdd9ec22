/* Private: what the report's writers share (report.c prepares it, the page
 * writers in report_pages.c turn it into Markdown and HTML). */
#ifndef CM__REPORT_INTERNAL_H
#define CM__REPORT_INTERNAL_H

#include <stddef.h>

#include "conflictmap/report.h"

typedef struct cm__report {
    const cm_map *map;
    const cm_events *events;
    const cm_timeline *tl;
    cm_lang lang;
    cm_date from, to;
    const char **ids; /* the map's capitals, owned by its gazetteer */
    size_t n_ids;
    cm_counts *days;  /* one per day of [from, to] */
    cm_date *frames;  /* the change days, then `to` when it is not one */
    size_t n_frames, n_changes;
    const cm_event **rows; /* dated events of the period, by effective day */
    size_t n_rows;
    char *stage;           /* the directory being filled (tempfiles.h) */
    int stage_fd;          /* holds its lock; 0 before there is one */
} cm__report;

/* Counts on a day of the period. */
const cm_counts *cm__report_counts(const cm__report *r, cm_date day);

/* The place's display name in the report's language. */
const char *cm__report_place_name(const cm__report *r, const cm_event *e);

/* 1 if the event is about one of the map's capitals and set its state on
 * the day it takes effect: it decides that day and the state differs from
 * the day before. */
int cm__report_changed(const cm__report *r, const cm_event *e);

/* The file of frame i relative to the bundle, with ext: "maps/DATE.ext"
 * for a change day, "latest.ext" for any i past the change days (the last
 * day when nothing changed on it, or i = n_frames for the latest map). */
void cm__report_frame_file(const cm__report *r, size_t i, const char *ext, char *buf,
                           size_t n);

/* Write events.md, report.md and index.html into r->stage. */
cm_status cm__report_write_events_md(const cm__report *r, cm_error *err);
cm_status cm__report_write_markdown(const cm__report *r, cm_error *err);
cm_status cm__report_write_html(const cm__report *r, cm_error *err);

#endif
