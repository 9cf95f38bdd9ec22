/* conflictmap: a dataset, the files and words that make one war's maps.
 *
 * A dataset file is UTF-8 text of `key = value` lines; a line whose first
 * non-blank character is '#' is a comment ('#' elsewhere is text).  Keys (docs/formats.md, "Dataset files"):
 *   title_en, title_fr        the country's name in titles
 *   unit_en, unit_fr          what the map counts ("Provincial capitals")
 *   subtitle_en, subtitle_fr  "Who holds each provincial capital"
 *   attribution_en, _fr       credit for the boundaries
 *   credit                    yes (default) or no: "Made with conflictmap"
 *   provinces, neighbours, gazetteer, events, lexicon, start_state
 *                             paths, relative to the dataset file's directory
 *   id_field                  the province field gazetteer admin1 values name
 *   side                      id | name_en | name_fr [| #RRGGBB], once per side
 *   actors                    id | name | name ...: names meaning that side
 *   incumbent, challenger     side ids (default: the first and second side)
 *   start                     YYYY-MM-DD: the first day whose state is known
 *   style                     a style file (style.h): fonts, sizes, colours
 * start_state is a CSV (place_id, holder[, source]) of who holds what on
 * the start date where that is not the incumbent.  Another country is
 * another dataset file; nothing in the code knows which country it draws.
 */
#ifndef CONFLICTMAP_DATASET_H
#define CONFLICTMAP_DATASET_H

#include "conflictmap/date.h"
#include "conflictmap/error.h"
#include "conflictmap/map.h"
#include "conflictmap/sides.h"
#include "conflictmap/style.h"
#include "conflictmap/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_dataset {
    char *path;
    char *title_en, *title_fr;
    char *provinces, *neighbours, *gazetteer, *events; /* resolved paths or NULL */
    char *lexicon; /* the extractor's trigger lexicon, resolved, or NULL */
    char *id_field;
    char *unit_en, *unit_fr, *subtitle_en, *subtitle_fr; /* NULL when not given */
    char *attribution_en, *attribution_fr;
    int no_credit;
    cm_sides sides;      /* declared, or the two default sides */
    cm_date start;       /* CM_DATE_NONE when not given */
    char *start_state;   /* resolved path, or NULL */
    char **start_places; /* read from start_state: who holds what on start */
    char **start_holders;
    size_t n_start;
    char *incumbent_id, *challenger_id; /* as written, or NULL */
    char *style_path;    /* resolved, or NULL */
    cm_map_style style;  /* read from style_path, or the default */
} cm_dataset;

/* Read a dataset file; errors name the file and line.  provinces and
 * gazetteer are required.  The caller frees *out with cm_dataset_free. */
cm_status cm_dataset_load(const char *path, cm_dataset **out, cm_error *err);

void cm_dataset_free(cm_dataset *ds);

/* Map options from the dataset: its files, words and sides, the default
 * page (cm_map_options_init); they point into ds. */
void cm_dataset_map_options(const cm_dataset *ds, cm_map_options *out);

/* The timeline options the dataset declares (its sides, start and starting
 * state); they point into ds. */
void cm_dataset_timeline_options(const cm_dataset *ds, cm_timeline_options *out);

#ifdef __cplusplus
}
#endif
#endif
