/* conflictmap: dated territorial events from an article.
 *
 * A pipeline of small stages over each sentence that names a place (or
 * holds an anaphor for one); every rule is data (the lexicon, lexicon.h):
 *   1. words: each word with its lemmas from Hunspell ("pris" -> prendre),
 *      the punctuation before it, and the places the scanner found (scan.h);
 *   2. phrases: every lexicon phrase, matched on forms or lemmas;
 *   3. place phrases: a place after a context ("gouverneur de", "near") or
 *      that only locates the town before it ("in Kunar province") is no
 *      event location; an anaphor ("la ville", "its capital") stands for
 *      the town the text is about, or the capital of the province just named;
 *   4. triggers and lists: a trigger reaches the nearest place on its side
 *      within max_gap words unless a blocker ("airport", "district") stands
 *      between (a seat of power, "the governor's office in", does not
 *      block); the places listed with that one join it ("A, capital of B,
 *      ainsi que C et D"; "then E and, by nightfall, F"), each place keeping
 *      its nearest trigger; an outskirts phrase makes it at most attacked;
 *   5. modality: attempt or failure makes it an assault; negation, purpose,
 *      future, condition or a denial before the trigger drops it; a claim,
 *      a denial elsewhere or a hypothetical before it ("serait tombée")
 *      makes it claimed; an agentive trigger ("reprendre", "take") takes
 *      its status from the side acting (retaken by the insurgents is fallen);
 *   6. time: the date word of the trigger's clause (or its list item),
 *      else the nearest one in the sentence, else the date the paragraph
 *      last named, else the article's date; relative words read the
 *      article's date ("hier") or the date the text last named ("le
 *      lendemain", "deux jours plus tard", "le 11"); "la nuit de jeudi à
 *      vendredi" is Friday; a year other than the article's ("en 2015")
 *      drops the event (background);
 *   7. one story per article: the same place, status and date once
 *      (confirmed if any mention is); a later "still in government hands"
 *      withdraws the article's claimed falls of that place.
 * Foreign places never carry events; provinces and districts carry their
 * own, never their capital's.  With a month-only article date the event
 * keeps month precision and its note names the weekday; with no article
 * date it is undated (note too).
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

/* An extractor over gz and lx (which must outlive it), with the Hunspell
 * dictionaries fr_FR and en_US of the system (CM_ERR_NOT_FOUND naming the
 * missing file).  An extractor is used by one thread at a time (its cache
 * of lemmas grows).  The caller frees *out with cm_extractor_free. */
cm_status cm_extractor_create(const cm_gazetteer *gz, const cm_lexicon *lx,
                              cm_extractor **out, cm_error *err);

/* The same with the dictionaries dir/NAME.aff and .dic for the n names. */
cm_status cm_extractor_create_with(const cm_gazetteer *gz, const cm_lexicon *lx,
                                   const char *dict_dir, const char *const *dicts, int n,
                                   cm_extractor **out, cm_error *err);
void cm_extractor_free(cm_extractor *x);

/* Append the events of article a to *events, in text order, each with the
 * article's name as source, the byte offset of the place and its sentence.
 * On failure nothing is appended. */
cm_status cm_extract_article(const cm_extractor *x, const cm_article *a,
                             cm_events *events, cm_error *err);

/* Why the extractor believes what it found, one record per event and per
 * place mention that gave none.  Strings live during the callback only. */
typedef struct cm_explanation {
    int is_event;         /* 1: an event (the fields below describe it) */
    const char *place_id; /* the place */
    const char *mention;  /* the words of the mention as written */
    size_t offset;        /* of the mention in the article */
    cm_state status;
    cm_confidence confidence;
    cm_date date;
    cm_precision precision;
    const char *trigger;   /* the trigger phrase as written ("" none) */
    long trigger_line;     /* its line in the lexicon (0 none) */
    const char *how;       /* how the trigger reached the place */
    const char *date_words; /* the date words used ("" none) */
    const char *date_rule;  /* how the date was read */
    const char *modality;   /* what qualified it ("" none) */
    const char *reason;     /* is_event 0: why there is no event */
} cm_explanation;

typedef void (*cm_explain_fn)(void *ctx, const cm_explanation *e);

/* cm_extract_article, calling fn (when not NULL) for each event and each
 * mention that gave none, in text order of the sentences. */
cm_status cm_extract_article_explained(const cm_extractor *x, const cm_article *a,
                                       cm_events *events, cm_explain_fn fn, void *ctx,
                                       cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
