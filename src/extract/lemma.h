/* Private: the lemmas of the words of an article, from Hunspell's
 * dictionaries ("pris" -> "prendre", "emparés" -> "emparer"), cached per
 * word form so that each form is looked up once per lemmatizer. */
#ifndef CM__LEMMA_H
#define CM__LEMMA_H

#include <stddef.h>

#include "conflictmap/error.h"
#include "conflictmap/lexicon.h"

#define CM__MAX_LEMMAS 3

typedef struct cm__lemmatizer cm__lemmatizer;

/* A lemmatizer over the Hunspell dictionaries dir/NAME.aff and dir/NAME.dic
 * for each of the n names (e.g. "fr_FR", "en_US").  CM_ERR_NOT_FOUND
 * naming the missing file and the package that brings it.  The caller
 * frees *out with cm__lemmatizer_free. */
cm_status cm__lemmatizer_create(const char *dir, const char *const *names, int n,
                                cm__lemmatizer **out, cm_error *err);
void cm__lemmatizer_free(cm__lemmatizer *lm);

/* The lemmas of the word word[0..len) as written, folded like lexicon words
 * (case and accents away), other than the folded word itself: at most
 * CM__MAX_LEMMAS, into out; returns how many (0 when the dictionaries know
 * none, or on allocation failure: the word then matches as written).
 * Not thread-safe: the cache grows. */
int cm__lemmas(cm__lemmatizer *lm, const char *word, size_t len,
               char out[CM__MAX_LEMMAS][CM_LEX_WORD_MAX]);

#endif
