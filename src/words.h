/* Private: the word-level steps of place-name normalisation (normalize.h),
 * shared by cm_normalize_key and the text scanner so that a name and a
 * span of text always normalise the same way. */
#ifndef CM__WORDS_H
#define CM__WORDS_H

#include <stddef.h>

#include "conflictmap/normalize.h"

/* Next word of text[*pos..len): a run of letters, marks and digits.  Sets
 * [*start, *end) and advances *pos; 0 at end of text.  Invalid UTF-8
 * bytes separate words. */
int cm__next_word(const char *text, size_t len, size_t *pos, size_t *start, size_t *end);

/* Fold one word (rules 1 and 4): case, marks, Arabic letter variants.
 * Writes at most CM_KEY_MAX - 1 bytes plus NUL; returns the length. */
size_t cm__fold_word(const char *word, size_t len, char out[CM_KEY_MAX]);

/* 1 if a folded word is a connector (rule 3). */
int cm__is_connector(const char *folded);

/* Rule 5 in place on a folded word. */
void cm__transliterate(char *word);

/* The two keys of a folded word: as is, and with the final connector
 * vowel cut (used before another word), both transliterated. */
void cm__word_keys(const char *folded, char full[CM_KEY_MAX], char cut[CM_KEY_MAX]);

#endif
