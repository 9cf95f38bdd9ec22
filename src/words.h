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

/* 1 if the character at text[p] (of len bytes) is part of a word: a
 * letter, mark or digit; its length in bytes in *k.  An invalid byte is
 * not (and has length 1). */
int cm__word_char_at(const char *text, size_t len, size_t p, size_t *k);

/* Next word of text[*pos..len): a run of letters, marks and digits.  Sets
 * [*start, *end) and advances *pos; 0 at end of text.  Invalid UTF-8
 * bytes separate words. */
int cm__next_word(const char *text, size_t len, size_t *pos, size_t *start, size_t *end);

/* Fold one word (rules 1 and 4): case, marks, Arabic letter variants.
 * Writes at most CM_KEY_MAX - 1 bytes plus NUL; returns the length. */
size_t cm__fold_word(const char *word, size_t len, char out[CM_KEY_MAX]);

/* 1 if the folded word w[0..len) is a connector (rule 3). */
int cm__is_connector(const char *w, size_t len);

/* Rule 5 at w[0] of a folded word (NUL-terminated, read no further than
 * a rule needs): the number of bytes the rule reads, its replacement in
 * *to; 0 when no rule applies (the byte stays). */
static inline size_t cm__rule(const char *w, const char **to)
{
    switch (w[0]) {
    case 't': if (w[1] == 'c' && w[2] == 'h') { *to = "sh"; return 3; } return 0;
    case 'd': if (w[1] == 'j') { *to = "j"; return 2; } return 0;
    case 'c': if (w[1] == 'h') { *to = "sh"; return 2; } return 0;
    case 'o': if (w[1] == 'u' || w[1] == 'w') { *to = w[1] == 'u' ? "u" : "o"; return 2; } return 0;
    case 'q': *to = "k"; return 1;
    case 'e': if (w[1] == 'e') { *to = "i"; return 2; } return 0;
    case 'w': *to = "v"; return 1;
    case 'y': *to = "i"; return 1;
    case 'p': if (w[1] == 'h') { *to = "f"; return 2; } return 0;
    default: return 0;
    }
}

/* 1 if c, after prev in a key, is a doubled letter, which rule 5 drops. */
static inline int cm__doubled(char prev, char c)
{
    return c == prev && c >= 'a' && c <= 'z';
}

/* 1 if the folded word w[0..len) has a key cut before another word (rule
 * 3: a final connector vowel on a word of more than three bytes). */
static inline int cm__has_cut(const char *w, size_t len)
{
    return len > 3 && (w[len - 1] == 'i' || w[len - 1] == 'e');
}

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
