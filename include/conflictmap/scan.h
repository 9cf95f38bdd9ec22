/* conflictmap: finding every gazetteer place an article names.
 *
 * One pass over UTF-8 text finds each mention of a gazetteer spelling
 * (name, French name or alias), longest first, with byte offsets into the
 * original text, normalised as in normalize.h (so "KOUNDOUZ", "Qala-e-Naw"
 * and "قلعه نو" are found).  A name shared by a town and its province means
 * the town, unless the words around it say otherwise:
 *   - "province de X", "province of X", "X province": the province;
 *   - "capitale de (la province de) X", "chef-lieu de X", "capital of X
 *     (province)", "provincial capital of X", "la capitale afghane de X":
 *     the capital of province X.
 */
#ifndef CONFLICTMAP_SCAN_H
#define CONFLICTMAP_SCAN_H

#include <stddef.h>

#include "conflictmap/error.h"
#include "conflictmap/gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cm_mention_context {
    CM_CONTEXT_PLAIN = 0,
    CM_CONTEXT_PROVINCE, /* named as a province */
    CM_CONTEXT_CAPITAL   /* a capital named through its province */
} cm_mention_context;

typedef struct cm_mention {
    size_t start, end;     /* bytes [start, end) of the text */
    const cm_place *place; /* the place meant */
    const cm_place *named; /* the place whose spelling matched */
    cm_mention_context context;
} cm_mention;

typedef struct cm_mentions {
    cm_mention *items;
    size_t count, cap;
} cm_mentions;

typedef struct cm_scanner cm_scanner;

/* Index every spelling of gz (which must outlive the scanner). */
cm_status cm_scanner_create(const cm_gazetteer *gz, cm_scanner **out, cm_error *err);
void cm_scanner_free(cm_scanner *sc);

/* Append the mentions in text[0..len) to *out, in text order.  CM_ERR_PARSE
 * if text is not valid UTF-8 (and none is appended). */
cm_status cm_scanner_scan(const cm_scanner *sc, const char *text, size_t len,
                          cm_mentions *out, cm_error *err);

void cm_mentions_free(cm_mentions *m);

#ifdef __cplusplus
}
#endif
#endif
