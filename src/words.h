/* Private: the word-level steps of place-name normalisation (normalize.h),
 * shared by cm_normalize_key and the text scanner so that a name and a
 * span of text always normalise the same way. */
#ifndef CM__WORDS_H
#define CM__WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "conflictmap/normalize.h"

/* 1 for each byte that is an ASCII letter or digit (the ASCII word bytes). */
extern const unsigned char cm__ascii_word[256];

static inline int cm__ascii_word_byte(unsigned char b) { return cm__ascii_word[b]; }

/* 1 if the character at text[p] (of len bytes) is part of a word (a
 * letter, mark or digit), 0 if not, -1 if it is not well-formed UTF-8;
 * its length in bytes in *k (1 for a byte that is not UTF-8). */
int cm__word_char_at(const char *text, size_t len, size_t p, size_t *k);

/* Next word of text[*pos..len): a run of letters, marks and digits.  Sets
 * [*start, *end) and advances *pos; 0 at end of text.  Bytes that are not
 * well-formed UTF-8 separate words, and set *invalid when it is not NULL.
 * ASCII bytes are told apart without a call. */
static inline int cm__next_word(const char *text, size_t len, size_t *pos, size_t *start,
                                size_t *end, int *invalid)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t p = *pos, k;
    while (p < len && !cm__ascii_word_byte(t[p])) { /* separators */
        if (t[p] < 0x80) {
            p++;
            continue;
        }
        const int w = cm__word_char_at(text, len, p, &k);
        if (w > 0)
            break;
        if (w < 0 && invalid)
            *invalid = 1;
        p += k;
    }
    *pos = p;
    if (p >= len)
        return 0;
    *start = p;
    for (;;) {
        while (p < len && cm__ascii_word_byte(t[p]))
            p++;
        if (p >= len || t[p] < 0x80 || cm__word_char_at(text, len, p, &k) <= 0)
            break; /* a byte that is not UTF-8 is met again as a separator */
        p += k;
    }
    *pos = *end = p;
    return 1;
}

/* Fold one word (rules 1 and 4): case, marks, Arabic letter variants.
 * Writes at most CM_KEY_MAX - 1 bytes plus NUL; returns the length. */
size_t cm__fold_word(const char *word, size_t len, char out[CM_KEY_MAX]);

/* 1 if the folded word w[0..len) is a connector (rule 3). */
int cm__is_connector(const char *w, size_t len);

#define CM__HASH_SEED 1469598103934665603ULL

/* FNV-1a of s[0..n), going on from h (CM__HASH_SEED to start): the hash
 * of keys in the scanner's tables. */
static inline uint64_t cm__hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* The keys of a folded word (rules 5 and 3): full, the word transliterated,
 * and its cut key, used before another word (the final connector vowel
 * cut): the first cut_len bytes of full, or of cut when cut_apart.  With
 * their hashes (cm__hash). */
typedef struct cm__word_key {
    char full[CM_KEY_MAX], cut[CM_KEY_MAX];
    size_t full_len, cut_len;
    uint64_t full_hash, cut_hash;
    int cut_apart;
} cm__word_key;

/* The keys of the folded word folded[0..len). */
void cm__word_keys(const char *folded, size_t len, cm__word_key *k);

/* The cut key of k (cut_len bytes, not NUL-terminated). */
static inline const char *cm__cut_key(const cm__word_key *k)
{
    return k->cut_apart ? k->cut : k->full;
}

#endif
