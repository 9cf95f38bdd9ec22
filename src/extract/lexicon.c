#include "conflictmap/lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conflictmap/events.h"
#include "conflictmap/sides.h"
#include "csv.h"
#include "util.h"
#include "words.h"

#define N_BUCKETS 512

typedef struct bucket {
    const cm_lex_entry **items;
    size_t count, cap;
} bucket;

#define N_EXACT 2048

struct cm_lexicon {
    cm_lex_entry *entries;
    size_t count, cap;
    bucket buckets[N_BUCKETS]; /* by the first three bytes of the first word */
    bucket exact[N_EXACT];     /* exact first words, by their hash */
    bucket stems[N_BUCKETS];   /* stem first words, by their first three bytes */
};

static const char *const kind_names[CM_LEX_KIND_COUNT] = {
    "trigger", "attempt", "failure", "negation", "purpose", "future",
    "claim", "hypothetical", "context", "blocker", "anaphor", "when", "since", "filler",
    "condition", "denial", "holds", "actor", "outskirts", "seat", "coordinator", "clause",
    "number", "relative", "unopposed", "idiom"};

static const char *const when_names[] = {"",       "weekday", "days", "week",
                                         "month",  "months",  "ref",  "later", "past"};

const char *cm_lex_kind_name(cm_lex_kind kind)
{
    return (unsigned)kind < CM_LEX_KIND_COUNT ? kind_names[kind] : "unknown";
}

int cm_lex_word_match(const char *p, const char *w)
{
    const size_t n = strlen(p);
    if (n && p[n - 1] == '*')
        return strncmp(p, w, n - 1) == 0;
    return strcmp(p, w) == 0;
}

/* The bucket of a word: its first three bytes (fewer if shorter). */
static unsigned bucket_of(const char *w)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < 3 && w[i] && w[i] != '*'; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h % N_BUCKETS;
}

static unsigned exact_of(const char *w)
{
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h % N_EXACT;
}

const cm_lex_entry *const *cm_lexicon_first_word(const cm_lexicon *lx, const char *w,
                                                 size_t *count, const cm_lex_entry *const **stems,
                                                 size_t *nstems)
{
    const bucket *s = &lx->stems[bucket_of(w)];
    *stems = s->items;
    *nstems = s->count;
    const bucket *b = &lx->exact[exact_of(w)];
    *count = b->count;
    return b->items;
}

const cm_lex_entry *const *cm_lexicon_candidates(const cm_lexicon *lx, const char *w,
                                                 size_t *count)
{
    const bucket *b = &lx->buckets[bucket_of(w)];
    *count = b->count;
    return b->items;
}

size_t cm_lexicon_count(const cm_lexicon *lx)
{
    return lx->count;
}

const cm_lex_entry *cm_lexicon_entry(const cm_lexicon *lx, size_t i)
{
    return i < lx->count ? &lx->entries[i] : NULL;
}

void cm_lexicon_free(cm_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < N_BUCKETS; i++) {
        free(lx->buckets[i].items);
        free(lx->stems[i].items);
    }
    for (size_t i = 0; i < N_EXACT; i++)
        free(lx->exact[i].items);
    free(lx->entries);
    free(lx);
}

/* ---- reading ------------------------------------------------------------ */

enum { C_LANG, C_KIND, C_PHRASE, C_VALUE, C_DIRECTION, C_MAX_GAP, C_COUNT };
static const char *const col_names[C_COUNT] = {"lang",  "kind",      "phrase",
                                               "value", "direction", "max_gap"};

typedef struct row {
    const cm__csv *csv;
    const int *cols;
    const char *path;
    long line;
} row;

static const char *col(const row *r, int c)
{
    return r->cols[c] >= 0 ? cm__csv_field(r->csv, (size_t)r->cols[c]) : "";
}

static cm_status fold_phrase(const char *text, const char *path, long line, cm_lex_entry *e,
                             cm_error *err);

/* Fold the row's phrase into words. */
static cm_status parse_phrase(const row *r, cm_lex_entry *e, cm_error *err)
{
    return fold_phrase(col(r, C_PHRASE), r->path, r->line, e, err);
}

/* Fold text into e's words; a stem ('*') needs three letters.  Errors name
 * path and line. */
static cm_status fold_phrase(const char *text, const char *path, long line, cm_lex_entry *e,
                             cm_error *err)
{
    const size_t len = strlen(text);
    size_t pos = 0, start, end;
    if (len >= sizeof e->phrase)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: phrase longer than %zu bytes",
                            path, line, sizeof e->phrase - 1);
    memcpy(e->phrase, text, len + 1);
    size_t prev_end = 0;
    while (cm__next_word(text, len, &pos, &start, &end, NULL)) {
        int dots = 0;
        for (size_t i = prev_end; i + 3 <= start && !dots; i++)
            dots = memcmp(text + i, "...", 3) == 0;
        prev_end = end;
        if (dots && e->nwords == 0)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: phrase '%s' starts with '...'",
                                path, line, text);
        if (dots && e->kind != CM_LEX_TRIGGER)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: '...' in '%s': only a trigger may have a gap",
                                path, line, text);
        if (dots)
            e->gaps |= 1u << e->nwords;
        if (e->nwords == CM_LEX_MAX_WORDS)
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: phrase '%s' has more than %d words",
                                path, line, text, CM_LEX_MAX_WORDS);
        char folded[CM_KEY_MAX];
        size_t n = cm__fold_word(text + start, end - start, folded);
        const int stem = end < len && text[end] == '*';
        if (n + 2 > CM_LEX_WORD_MAX || (stem && n < 3))
            return cm_error_set(err, CM_ERR_PARSE,
                                "%s:%ld: word '%.*s' of '%s' is too %s", path, line,
                                (int)(end - start), text + start, text, stem ? "short for a stem" : "long");
        char *word = e->words[e->nwords++];
        memcpy(word, folded, n);
        if (stem)
            word[n++] = '*';
        word[n] = '\0';
    }
    if (e->nwords == 0)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: empty phrase", path, line);
    return CM_OK;
}

static cm_status parse_when(const row *r, const char *value, cm_lex_entry *e, cm_error *err)
{
    static const struct { long lo, hi; } range[] = {{0, 0},    {0, 6},     {-366, 0}, {-366, 0},
                                                    {1, 12},   {-24, 0},   {-366, 366}, {-1, 1}, {0, 6}};
    const char *colon = strchr(value, ':');
    for (int k = CM_WHEN_WEEKDAY; colon && k <= CM_WHEN_PAST_WEEKDAY; k++) {
        long v;
        if (strlen(when_names[k]) != (size_t)(colon - value) ||
            strncmp(value, when_names[k], (size_t)(colon - value)) != 0)
            continue;
        if (!cm__parse_long(colon + 1, range[k].lo, range[k].hi, &v))
            break;
        e->when = (cm_when_kind)k;
        e->amount = (int)v;
        return CM_OK;
    }
    return cm_error_set(err, CM_ERR_PARSE,
                        "%s:%ld: when value '%.40s' is not weekday:0-6, days:N, week:N, "
                        "month:1-12, months:N (N <= 0), ref:N, later:1/-1 or past:0-6", r->path, r->line, value);
}

static cm_status parse_trigger(const row *r, cm_lex_entry *e, cm_error *err)
{
    static const char *const dirs[] = {"any", "before", "after"};
    const char *value = col(r, C_VALUE);
    const int taken = strcmp(value, "taken") == 0, lost = strcmp(value, "lost") == 0,
              held = strcmp(value, "held") == 0, pressed = strcmp(value, "pressed") == 0,
              follows = strcmp(value, "follows") == 0;
    const int s = taken || lost || held || follows ? (int)CM_STATE_FALLEN
                  : pressed                        ? (int)CM_STATE_ATTACKED
                                                   : cm_state_parse(value);
    if (s < 0)
        return cm_error_set(err, CM_ERR_PARSE,
                            "%s:%ld: trigger status '%.40s' is not attacked, contested, "
                            "taken, lost, held, pressed, follows, fallen or retaken", r->path, r->line, value);
    e->status = s;
    e->agentive = follows ? 3 : held || pressed ? 2 : lost ? -1 : taken || s == CM_STATE_RETAKEN;
    const char *d = col(r, C_DIRECTION);
    for (int i = 0; i < 3; i++)
        if (strcmp(d, dirs[i]) == 0)
            return (e->direction = (cm_lex_direction)i), CM_OK;
    return cm_error_set(err, CM_ERR_PARSE,
                        "%s:%ld: direction '%.40s' is not before, after or any", r->path,
                        r->line, d);
}

static cm_status parse_actor(const row *r, cm_lex_entry *e, cm_error *err)
{
    const char *v = col(r, C_VALUE);
    if (strcmp(v, "incumbent") == 0)
        e->side = CM_SIDE_INCUMBENT;
    else if (strcmp(v, "challenger") == 0)
        e->side = CM_SIDE_CHALLENGER;
    else
        return cm_error_set(err, CM_ERR_PARSE,
                            "%s:%ld: actor value '%.40s' is not incumbent or challenger",
                            r->path, r->line, v);
    return CM_OK;
}

static cm_status parse_row(const row *r, cm_lex_entry *e, cm_error *err)
{
    const char *kind = col(r, C_KIND);
    int k = 0;
    while (k < CM_LEX_KIND_COUNT && strcmp(kind, kind_names[k]) != 0)
        k++;
    if (k == CM_LEX_KIND_COUNT)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: unknown kind '%.40s'", r->path,
                            r->line, kind);
    e->kind = (cm_lex_kind)k;
    e->line = r->line;
    cm_status st = parse_phrase(r, e, err);
    if (st != CM_OK)
        return st;
    const char *gap = col(r, C_MAX_GAP);
    long v = 0;
    if (gap[0] && !cm__parse_long(gap, 0, 50, &v))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: max_gap '%.40s' is not 0-50",
                            r->path, r->line, gap);
    e->max_gap = (int)v;
    if (e->kind == CM_LEX_TRIGGER)
        return parse_trigger(r, e, err);
    if (e->kind == CM_LEX_WHEN)
        return parse_when(r, col(r, C_VALUE), e, err);
    if (e->kind == CM_LEX_ACTOR)
        return parse_actor(r, e, err);
    if (e->kind == CM_LEX_CONTEXT) {
        e->remote = strcmp(col(r, C_VALUE), "remote") == 0;
        if (!e->remote && col(r, C_VALUE)[0])
            return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: context value '%.40s' is not remote",
                                r->path, r->line, col(r, C_VALUE));
    }
    if (e->kind == CM_LEX_NUMBER && !cm__parse_long(col(r, C_VALUE), 0, 1000, &v))
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: number value '%.40s' is not 0-1000",
                            r->path, r->line, col(r, C_VALUE));
    e->number = (int)v;
    return CM_OK;
}

static int push(bucket *b, const cm_lex_entry *e)
{
    if (!cm__reserve((void **)&b->items, &b->cap, b->count + 1, sizeof *b->items))
        return 0;
    b->items[b->count++] = e;
    return 1;
}

static int index_entries(cm_lexicon *lx)
{
    for (size_t i = 0; i < lx->count; i++) {
        cm_lex_entry *e = &lx->entries[i];
        for (int k = 0; k < e->nwords; k++) {
            e->wlen[k] = (unsigned char)strlen(e->words[k]);
            if (e->words[k][e->wlen[k] - 1] == '*')
                e->stems |= 1u << k;
        }
        if (!push(&lx->buckets[bucket_of(e->words[0])], e) ||
            !push(e->stems & 1u ? &lx->stems[bucket_of(e->words[0])]
                                : &lx->exact[exact_of(e->words[0])], e))
            return 0;
    }
    return 1;
}

/* Empty every index, then index the entries again (after the array grew). */
static int reindex(cm_lexicon *lx)
{
    for (size_t i = 0; i < N_BUCKETS; i++)
        lx->buckets[i].count = lx->stems[i].count = 0;
    for (size_t i = 0; i < N_EXACT; i++)
        lx->exact[i].count = 0;
    return index_entries(lx);
}

cm_status cm_lexicon_add_sides(cm_lexicon *lx, const cm_sides *sides, cm_error *err)
{
    for (int i = 0; i < sides->count; i++) {
        const cm_side *sd = &sides->side[i];
        for (size_t k = 0; k < sd->n_actors; k++) {
            if (!cm__reserve((void **)&lx->entries, &lx->cap, lx->count + 1,
                             sizeof *lx->entries))
                return cm_error_set(err, CM_ERR_NOMEM, "lexicon: out of memory");
            cm_lex_entry *e = &lx->entries[lx->count];
            memset(e, 0, sizeof *e);
            e->kind = CM_LEX_ACTOR;
            e->side = i == sides->incumbent ? CM_SIDE_INCUMBENT : CM_SIDE_CHALLENGER;
            snprintf(e->side_id, sizeof e->side_id, "%s", sd->id);
            char where[64];
            snprintf(where, sizeof where, "side '%s'", sd->id);
            const cm_status st = fold_phrase(sd->actors[k], where, 0, e, err);
            if (st != CM_OK)
                return st;
            lx->count++;
        }
    }
    if (!reindex(lx))
        return cm_error_set(err, CM_ERR_NOMEM, "lexicon: out of memory");
    return CM_OK;
}

cm_status cm_lexicon_load(const char *path, cm_lexicon **out, cm_error *err)
{
    *out = NULL;
    cm__csv *csv = NULL;
    int cols[C_COUNT];
    cm_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    cm_status st = cm__csv_open(path, ',', 1, &csv, err);
    if (st == CM_OK)
        st = cm__csv_header(csv, col_names, C_COUNT, 3, cols, err);
    while (st == CM_OK) {
        int eof;
        if ((st = cm__csv_next(csv, &eof, err)) != CM_OK || eof)
            break;
        const row r = {csv, cols, path, cm__csv_line(csv)};
        if (col(&r, C_LANG)[0] == '#')
            continue;
        if (!cm__reserve((void **)&lx->entries, &lx->cap, lx->count + 1, sizeof *lx->entries)) {
            st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
            break;
        }
        cm_lex_entry *e = &lx->entries[lx->count];
        memset(e, 0, sizeof *e);
        if ((st = parse_row(&r, e, err)) == CM_OK)
            lx->count++;
    }
    cm__csv_close(csv);
    if (st == CM_OK && lx->count == 0)
        st = cm_error_set(err, CM_ERR_PARSE, "%s: no entries", path);
    if (st == CM_OK && !index_entries(lx))
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    if (st != CM_OK) {
        cm_lexicon_free(lx);
        return st;
    }
    *out = lx;
    return CM_OK;
}
