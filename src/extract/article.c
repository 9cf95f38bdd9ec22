#include "conflictmap/article.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "util.h"

/* Windows-1252 0x80..0x9F (0 = unassigned, read as U+FFFD). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static size_t put_utf8(unsigned cp, char *out)
{
    if (cp < 0x80)
        return out[0] = (char)cp, 1;
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* Windows-1252 to UTF-8 (at most three bytes per byte).  NULL if out of memory. */
static char *from_cp1252(const char *data, size_t len, size_t *outlen)
{
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(len * 3 + 1), *p = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)data[i];
        unsigned cp = c;
        if (c >= 0x80 && c < 0xA0)
            cp = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
        p += put_utf8(cp, p);
    }
    *p = '\0';
    *outlen = (size_t)(p - out);
    return out;
}

/* A NUL, or many control characters, means this is no text. */
static int looks_binary(const char *data, size_t len, size_t *where)
{
    const char *nul = memchr(data, '\0', len);
    if (nul)
        return *where = (size_t)(nul - data), 1;
    size_t controls = 0;
    for (size_t i = 0; i < len; i++)
        controls += (unsigned char)data[i] < 0x20;
    for (const char *p = data; (p = memchr(p, '\n', len - (size_t)(p - data))) != NULL; p++)
        controls--; /* line breaks are text; tabs and CRs are few */
    *where = 0;
    return controls > 8 && controls * 20 > len;
}

/* ---- the date header -------------------------------------------------------- */

static cm_status read_header(cm_article *a, cm_error *err)
{
    const char *t = a->text;
    size_t i = 0;
    if (a->len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < a->len && isspace((unsigned char)t[i]))
        i++;
    a->body = i;
    a->date = CM_DATE_NONE;
    a->precision = CM_PRECISION_DAY;
    a->flags |= CM_ARTICLE_UNDATED;
    if (a->len - i < 5 || strncasecmp(t + i, "date", 4) != 0 || (t[i + 4] != ' ' && t[i + 4] != '\t'))
        return CM_OK;
    size_t v = i + 4;
    while (v < a->len && (t[v] == ' ' || t[v] == '\t'))
        v++;
    size_t e = v;
    while (e < a->len && e - v < 16 && !isspace((unsigned char)t[e]))
        e++;
    if (e == v || !isdigit((unsigned char)t[v]))
        return CM_OK; /* prose that starts with the word "date" */
    char value[17];
    memcpy(value, t + v, e - v);
    value[e - v] = '\0';
    cm_error derr;
    if (cm_date_parse(value, &a->date, &a->precision, &derr) != CM_OK || a->precision == CM_PRECISION_WEEK) {
        a->date = CM_DATE_NONE;
        return cm_error_set(err, CM_ERR_PARSE,
                            "%s:1: header date '%s' is not a valid date (YYYY-MM-DD or YYYY-MM)",
                            a->name, value);
    }
    a->flags &= ~(unsigned)CM_ARTICLE_UNDATED;
    while (e < a->len && isspace((unsigned char)t[e]))
        e++;
    a->body = e;
    return CM_OK;
}

/* ---- sentences ------------------------------------------------------------ */

static const char *const abbreviations[] = {
    "m", "mm", "mme", "mmes", "mlle", "me", "mr", "mrs", "ms", "dr", "pr", "prof",
    "gen", "gén", "col", "lt", "capt", "cpt", "sgt", "maj", "st", "ste", "jr", "sr",
    "no", "nos", "vs", "etc", "cf", "av", "env", "p", "pp", "vol", "art", "fig",
    "u.s", "u.n", "j.-c", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "gov", "sen", "rep"};

/* Whether the word ending at text[dot] (exclusive) is an abbreviation or
 * an initial, so that the '.' at text[dot] ends no sentence. */
static int is_abbreviation(const char *text, size_t body, size_t dot)
{
    size_t s = dot;
    while (s > body && (isalpha((unsigned char)text[s - 1]) || text[s - 1] == '.' ||
                        text[s - 1] == '-' || (unsigned char)text[s - 1] >= 0x80))
        s--;
    const size_t n = dot - s;
    if (n == 0 || n > 4) /* no abbreviation below is longer */
        return 0;
    if (n == 1 && isupper((unsigned char)text[s]))
        return 1; /* an initial: "J. Biden" */
    char word[5];
    for (size_t i = 0; i < n; i++)
        word[i] = (char)tolower((unsigned char)text[s + i]);
    word[n] = '\0';
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if (strcmp(word, abbreviations[i]) == 0)
            return 1;
    return 0;
}

/* Opening (+1) or closing (-1) quote or bracket of n bytes at p, else 0. */
static int bracket_at(const char *p, size_t left, int *n, int in_straight)
{
    static const struct { const char *s; int d; } marks[] = {
        {"\xC2\xAB", 1}, {"\xC2\xBB", -1}, {"\xE2\x80\x9C", 1}, {"\xE2\x80\x9D", -1},
        {"(", 1}, {")", -1}, {"[", 1}, {"]", -1}};
    if (*p == '"') {
        *n = 1;
        return in_straight ? -1 : 1;
    }
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        const size_t k = strlen(marks[i].s);
        if (k <= left && memcmp(p, marks[i].s, k) == 0)
            return *n = (int)k, marks[i].d;
    }
    return 0;
}

/* Can a sentence start at text[i]? (A capital, digit, quote, dash.) */
static int sentence_start(const char *text, size_t len, size_t i)
{
    if (i >= len)
        return 1;
    const unsigned char c = (unsigned char)text[i];
    if (isupper(c) || isdigit(c) || c == '"' || c == '-' || c == '(' || c == '\'')
        return 1;
    if (c >= 0xC3 && c <= 0xC5)
        return i + 1 < len && (unsigned char)text[i + 1] < 0xA0; /* Latin capitals */
    return c >= 0xC2; /* «, “, other scripts: no case to go by */
}

typedef struct splitter {
    cm_article *a;
    size_t start;  /* of the current sentence */
    int depth;     /* quotes and brackets open */
    int straight;  /* a straight quote is open */
    size_t opened; /* where the outermost open quote began */
    size_t cap;    /* of a->sentences */
} splitter;

static int emit(splitter *s, size_t end)
{
    const char *t = s->a->text;
    size_t b = s->start;
    while (b < end && isspace((unsigned char)t[b]))
        b++;
    while (end > b && isspace((unsigned char)t[end - 1]))
        end--;
    s->depth = s->straight = 0;
    if (b == end)
        return 1;
    cm_article *a = s->a;
    if (!cm__reserve((void **)&a->sentences, &s->cap, a->nsentences + 1, sizeof *a->sentences))
        return 0;
    a->sentences[a->nsentences++] = (cm_span){b, end};
    return 1;
}

/* The end of a line break at text[i] ('\n'): whether it ends the sentence. */
static int line_ends_sentence(const char *t, size_t line_start, size_t i)
{
    size_t j = i;
    while (j > line_start && isspace((unsigned char)t[j - 1]))
        j--;
    if (j == line_start)
        return 1;
    if (i - line_start < 60)
        return 1; /* a short line: a heading */
    const unsigned char c = (unsigned char)t[j - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' ||
           (j >= 2 && (unsigned char)t[j - 2] == 0xC2 && c == 0xBB) ||
           (j >= 3 && (unsigned char)t[j - 3] == 0xE2 && c == 0x9D);
}

/* The bytes at which the splitter has something to decide: sentence ends,
 * line breaks, quotes and brackets (0xC2 and 0xE2 lead « » “ ”). */
static const unsigned char decisive[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, ['"'] = 1, ['('] = 1, [')'] = 1,
    ['['] = 1, [']'] = 1, [0xC2] = 1, [0xE2] = 1};

static cm_status split_sentences(cm_article *a, cm_error *err)
{
    const char *t = a->text;
    splitter s = {a, a->body, 0, 0, 0, 0};
    size_t line_start = a->body;
    for (size_t i = a->body; i < a->len; i++) {
        if (!decisive[(unsigned char)t[i]])
            continue; /* most bytes: nothing to decide */
        int n = 1;
        const int d = bracket_at(t + i, a->len - i, &n, s.straight);
        if (d) {
            if (t[i] == '"')
                s.straight = !s.straight;
            if (s.depth == 0 && d > 0)
                s.opened = i;
            s.depth = s.depth + d < 0 ? 0 : s.depth + d;
            i += (size_t)n - 1;
            continue;
        }
        if (s.depth > 0 && i - s.opened > 600)
            s.depth = s.straight = 0; /* an unbalanced quote does not swallow the text */
        int cut = 0;
        size_t end = i + 1;
        if (t[i] == '\n') {
            cut = line_ends_sentence(t, line_start, i);
            line_start = i + 1;
        } else if (s.depth == 0 && (t[i] == '.' || t[i] == '!' || t[i] == '?')) {
            while (end < a->len && (t[end] == '.' || t[end] == '!' || t[end] == '?'))
                end++;
            size_t next = end;
            while (next < a->len && (t[next] == ' ' || t[next] == '\t'))
                next++;
            cut = next > end && sentence_start(t, a->len, next) &&
                  !(t[i] == '.' && end == i + 1 && is_abbreviation(t, a->body, i));
        }
        if (cut) {
            if (!emit(&s, end))
                return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->name);
            s.start = end;
            i = end - 1;
        }
    }
    if (!emit(&s, a->len))
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", a->name);
    return CM_OK;
}

/* ---- reading -------------------------------------------------------------- */

cm_status cm_article_parse(const char *name, const char *data, size_t len,
                           cm_article *out, cm_error *err)
{
    memset(out, 0, sizeof *out);
    out->date = CM_DATE_NONE;
    out->name = strdup(name);
    if (!out->name)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", name);
    if (len > CM_ARTICLE_MAX_BYTES)
        return cm_error_set(err, CM_ERR_PARSE, "%s: article of %zu bytes is over the %u MiB limit",
                            name, len, CM_ARTICLE_MAX_BYTES >> 20);
    size_t where;
    if (looks_binary(data, len, &where))
        return cm_error_set(err, CM_ERR_PARSE, "%s: binary file, not text (byte %zu)", name, where);
    if (cm__utf8_valid(data, len)) {
        out->text = malloc(len + 1);
        if (out->text) {
            memcpy(out->text, data, len);
            out->text[len] = '\0';
            out->len = len;
        }
    } else {
        out->text = from_cp1252(data, len, &out->len);
        out->flags |= CM_ARTICLE_CONVERTED;
    }
    if (!out->text)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", name);
    cm_status st = read_header(out, err);
    if (st != CM_OK)
        return st;
    size_t i = out->body;
    while (i < out->len && isspace((unsigned char)out->text[i]))
        i++;
    if (i == out->len)
        return cm_error_set(err, CM_ERR_PARSE, "%s: empty article", name);
    return split_sentences(out, err);
}

cm_status cm_article_read(const char *path, cm_article *out, cm_error *err)
{
    memset(out, 0, sizeof *out);
    const cm_status regular = cm__check_regular(path, err);
    if (regular != CM_OK)
        return regular;
    FILE *f = fopen(path, "rb");
    if (!f)
        return cm_error_set(err, CM_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    /* Read at most one byte past the limit, so a huge file is refused
     * without reading it all. */
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    cm_status st = CM_OK;
    while (buf) {
        if (len == cap) {
            if (cap > CM_ARTICLE_MAX_BYTES)
                break;
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
        const size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (!buf)
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    else if (ferror(f))
        st = cm_error_set(err, CM_ERR_IO, "%s: read error: %s", path, strerror(errno));
    else if (len > CM_ARTICLE_MAX_BYTES)
        st = cm_error_set(err, CM_ERR_PARSE, "%s: article larger than the %u MiB limit", path,
                          CM_ARTICLE_MAX_BYTES >> 20);
    fclose(f);
    if (st == CM_OK)
        st = cm_article_parse(path, buf, len, out, err);
    free(buf);
    return st;
}

void cm_article_set_date(cm_article *a, cm_date date, cm_precision precision)
{
    a->date = date;
    a->precision = precision;
    if (date == CM_DATE_NONE)
        a->flags |= CM_ARTICLE_UNDATED;
    else
        a->flags &= ~(unsigned)CM_ARTICLE_UNDATED;
}

void cm_article_free(cm_article *a)
{
    if (!a)
        return;
    free(a->name);
    free(a->text);
    free(a->sentences);
    memset(a, 0, sizeof *a);
}
