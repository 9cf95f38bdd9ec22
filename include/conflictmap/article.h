/* conflictmap: reading a news article.
 *
 * An article is a plain-text file in UTF-8.  A file that is not valid
 * UTF-8 but reads as Windows-1252 / Latin-1 text is converted (and says so
 * in its flags).  It may start with a header "date YYYY-MM-DD" or
 * "date YYYY-MM" (leading spaces allowed; the text can go on on the same
 * line), the date the article was written.  The text is split into
 * sentences at . ! ? and ... followed by a capital, digit or quote, and at
 * blank lines; a sentence is never cut inside quotes (« », “ ”, "),
 * parentheses (the "(...)" of wire copy), after a known abbreviation (M.,
 * Mr., Dr., Gen., etc.) or an initial.
 */
#ifndef CONFLICTMAP_ARTICLE_H
#define CONFLICTMAP_ARTICLE_H

#include <stddef.h>

#include "conflictmap/date.h"
#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CM_ARTICLE_MAX_BYTES (16u << 20) /* larger files are refused */

enum {
    CM_ARTICLE_CONVERTED = 1, /* read as Windows-1252 and converted to UTF-8 */
    CM_ARTICLE_UNDATED = 2    /* no date header (and none given) */
};

typedef struct cm_span {
    size_t start, end; /* bytes [start, end) of the article text */
} cm_span;

typedef struct cm_article {
    char *name;  /* the path or name it was read as */
    char *text;  /* UTF-8, NUL-terminated; offsets refer to it */
    size_t len;
    size_t body; /* where the text after the date header starts */
    cm_date date; /* CM_DATE_NONE when undated */
    cm_precision precision;
    unsigned flags;
    cm_span *sentences;
    size_t nsentences;
} cm_article;

/* Read and split the article at path (at most CM_ARTICLE_MAX_BYTES).
 * CM_ERR_IO if it cannot be read, CM_ERR_PARSE for an empty or binary
 * file or an impossible header date (naming the file and the value).
 * The caller frees *out with cm_article_free, also on failure. */
cm_status cm_article_read(const char *path, cm_article *out, cm_error *err);

/* The same from memory: data[0..len) named name. */
cm_status cm_article_parse(const char *name, const char *data, size_t len,
                           cm_article *out, cm_error *err);

/* Use date (of the given precision) instead of the header's, e.g. a
 * --date option; CM_DATE_NONE makes the article undated. */
void cm_article_set_date(cm_article *a, cm_date date, cm_precision precision);

void cm_article_free(cm_article *a);

#ifdef __cplusplus
}
#endif
#endif
