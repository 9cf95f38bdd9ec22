/* conflictmap: dated territorial events from an article.
 *
 * For every place an article names (scan.h), the words of its sentence
 * decide whether the sentence reports an event there and which (the
 * lexicon, lexicon.h):
 *   - a trigger ("s'emparer de", "entered", "fell to") stands within its
 *     max_gap words of the place, on its side; each trigger goes to the
 *     nearest place it can reach (and to places listed with it: "Herat and
 *     Ghazni"), each place keeps its nearest trigger;
 *   - a place right after a context ("gouverneur de", "near", "district
 *     of") is no event location; a blocker between trigger and place
 *     ("district", "checkpoint") takes the trigger for itself;
 *   - an attempt or failure before the trigger makes it an assault
 *     (attacked); negation, purpose and future drop it; a claim anywhere
 *     in the sentence, or a hypothetical right before it, makes it claimed;
 *     a hypothetical elsewhere drops it ("la prise de X serait un succès");
 *   - an anaphor ("la ville", "the city") is the town named last, within
 *     three sentences (even one named as no event location: "residents of
 *     X said the city...");
 *   - foreign places never carry events; provinces and districts carry
 *     their own, never their capital's.
 * The date is the date word nearest the trigger resolved against the
 * article's date: a weekday is the last such day on or before it, "hier"
 * the day before, "6 août" / "August 6" that day, "en juin" that month.
 * With a month-only article date the event keeps month precision and its
 * note names the weekday; with no article date it is undated (note too).
 */
#ifndef CONFLICTMAP_EXTRACT_H
#define CONFLICTMAP_EXTRACT_H

#include "conflictmap/article.h"
#include "conflictmap/error.h"
#include "conflictmap/events.h"
#include "conflictmap/gazetteer.h"
#include "conflictmap/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cm_extractor cm_extractor;

/* An extractor over gz and lx (which must outlive it).  The caller frees
 * *out with cm_extractor_free. */
cm_status cm_extractor_create(const cm_gazetteer *gz, const cm_lexicon *lx,
                              cm_extractor **out, cm_error *err);
void cm_extractor_free(cm_extractor *x);

/* Append the events of article a to *events, in text order, each with the
 * article's name as source, the byte offset of the place and its sentence.
 * On failure nothing is appended. */
cm_status cm_extract_article(const cm_extractor *x, const cm_article *a,
                             cm_events *events, cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
