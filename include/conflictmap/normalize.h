/* conflictmap: place-name normalisation, so that the many spellings of a
 * town meet on one key.
 *
 * cm_normalize_key() turns a UTF-8 name into a matching key by these
 * rules, in order (built on utf8proc; no hand-written Unicode tables):
 *
 *  1. Unicode: compatibility decomposition (NFKD), case folding, and
 *     removal of combining marks, so "Hérat" = "HERAT" = "herat" and the
 *     Arabic short-vowel marks disappear.
 *  2. Words: a word is a run of letters, marks and digits; everything
 *     else (hyphens and dashes of any kind, apostrophes ' and ’, spaces,
 *     dots) separates words and is dropped from the key, so "Lashkar Gah"
 *     = "Lashkar-Gah" = "Lashkargah".
 *  3. Connectors: the words i, e, y, ye, yi, al, el between two other words
 *     are dropped ("Qala-i-Naw" = "Qala-e-Naw" = "Qala Naw"); a final "-i"
 *     or "-e" on a word before another word is dropped too ("Puli Khumri").
 *  4. Arabic script: Arabic yeh and alef maksura become Farsi yeh, Arabic
 *     kaf becomes keheh, teh marbuta becomes heh, alef variants become alef,
 *     and the zero-width non-joiner and tatweel are dropped.
 *  5. Latin transliteration equivalences, applied left to right:
 *     tch -> sh, dj -> j, ch -> sh (French "tch" is English "ch", French
 *     "ch" is English "sh"; both sides of each pair meet on "sh"),
 *     ou -> u, q -> k, ow -> o, ee -> i, w -> v, y -> i, ph -> f,
 *     and any doubled letter becomes single ("Kowt" = "Kot",
 *     "Koundouz" = "Kunduz", "Tcharikar" = "Charikar", "Qandahar" =
 *     "Kandahar", "Maymana" = "Maimana", "Parwan" = "Parvan").
 *
 * Spellings that still differ ("Sheberghan" / "Shibirghan") are left to the
 * gazetteer's edit-distance search.
 */
#ifndef CONFLICTMAP_NORMALIZE_H
#define CONFLICTMAP_NORMALIZE_H

#include <stddef.h>

#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CM_KEY_MAX 256 /* longest key kept, in bytes, including the NUL */

/* Write the matching key of the len bytes at name into key (CM_KEY_MAX
 * bytes).  CM_ERR_PARSE if name is not valid UTF-8; a key longer than
 * CM_KEY_MAX - 1 bytes is cut at a character boundary. */
cm_status cm_normalize_key(const char *name, size_t len, char key[CM_KEY_MAX],
                           cm_error *err);

#ifdef __cplusplus
}
#endif
#endif
