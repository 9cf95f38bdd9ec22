/* Private: the words of the lexicon as numbers, so that the extractor
 * compares a word of an article with a phrase's word by an integer, and
 * finds the phrases a word may start by an index. */
#ifndef CM__EXTRACT_VOCAB_H
#define CM__EXTRACT_VOCAB_H

#include <stddef.h>

#include "conflictmap/error.h"
#include "conflictmap/lexicon.h"

typedef struct cm__vocab cm__vocab;

/* The vocabulary of lx (which must outlive it): every word of its phrases
 * that is not a stem ('*') gets a number from 1.  The caller frees *out
 * with cm__vocab_free. */
cm_status cm__vocab_create(const cm_lexicon *lx, cm__vocab **out, cm_error *err);
void cm__vocab_free(cm__vocab *v);

/* The number of the folded word w, 0 when no phrase has it. */
int cm__vocab_id(const cm__vocab *v, const char *w);

/* The number of word k of entry e (an entry of the vocabulary's lexicon),
 * 0 for a stem. */
int cm__vocab_word(const cm__vocab *v, const cm_lex_entry *e, int k);

/* The entries whose first word is number id (not stems), through *n. */
const cm_lex_entry *const *cm__vocab_first(const cm__vocab *v, int id, size_t *n);

#endif
