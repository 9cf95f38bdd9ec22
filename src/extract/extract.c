#include "conflictmap/extract.h"

#include "extract/sentence.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "words.h"

static void collect_anaphor_words(cm_extractor *x)
{
    for (size_t i = 0; i < cm_lexicon_count(x->lx); i++) {
        const cm_lex_entry *e = cm_lexicon_entry(x->lx, i);
        if (e->kind != CM_LEX_ANAPHOR)
            continue;
        const char *w = e->words[e->nwords - 1];
        int ascii = w[strcspn(w, "*")] == '\0';
        for (const char *p = w; *p; p++)
            ascii &= (unsigned char)*p < 0x80;
        if (!ascii || x->n_anaphor_words == MAX_ANAPHOR_WORDS) {
            x->n_anaphor_words = -1;
            return;
        }
        x->anaphor_words[x->n_anaphor_words++] = w;
    }
}

static void collect_time_words(cm_extractor *x)
{
    for (size_t i = 0; i < cm_lexicon_count(x->lx) && x->n_time_words < MAX_TIME_WORDS; i++) {
        const cm_lex_entry *e = cm_lexicon_entry(x->lx, i);
        if (e->kind != CM_LEX_WHEN ||
            (e->when != CM_WHEN_WEEKDAY && e->when != CM_WHEN_PAST_WEEKDAY &&
             e->when != CM_WHEN_REF && e->when != CM_WHEN_LATER))
            continue;
        const char *w = NULL;
        for (int k = 0; k < e->nwords; k++)
            if (!w || strlen(e->words[k]) > strlen(w))
                w = e->words[k];
        int ascii = w && strlen(w) >= 4 && w[strcspn(w, "*")] == '\0';
        for (const char *p = w; ascii && *p; p++)
            ascii &= (unsigned char)*p < 0x80;
        for (int k = 0; ascii && k < x->n_time_words; k++)
            ascii = strcmp(x->time_words[k], w) != 0; /* once each */
        if (ascii)
            x->time_words[x->n_time_words++] = w;
    }
}

cm_status cm_extractor_create_with(const cm_gazetteer *gz, const cm_lexicon *lx,
                                   const char *dict_dir, const char *const *dicts, int n,
                                   cm_extractor **out, cm_error *err)
{
    *out = NULL;
    cm_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return cm_error_set(err, CM_ERR_NOMEM, "extractor: out of memory");
    x->gz = gz;
    x->lx = lx;
    collect_anaphor_words(x);
    collect_time_words(x);
    cm_status st = cm__lemmatizer_create(dict_dir, dicts, n, &x->lm, err);
    if (st == CM_OK)
        st = cm__vocab_create(lx, &x->vocab, err);
    if (st == CM_OK)
        st = cm_scanner_create(gz, &x->scanner, err);
    if (st != CM_OK) {
        cm_extractor_free(x);
        return st;
    }
    *out = x;
    return CM_OK;
}

cm_status cm_extractor_create(const cm_gazetteer *gz, const cm_lexicon *lx,
                              cm_extractor **out, cm_error *err)
{
    static const char *const dicts[] = {"fr_FR", "en_US"};
    return cm_extractor_create_with(gz, lx, CM_HUNSPELL_DIR, dicts, 2, out, err);
}

void cm_extractor_free(cm_extractor *x)
{
    if (!x)
        return;
    cm_scanner_free(x->scanner);
    cm__lemmatizer_free(x->lm);
    cm__vocab_free(x->vocab);
    free(x);
}

static cm_status nomem(cm_error *err)
{
    return cm_error_set(err, CM_ERR_NOMEM, "extractor: out of memory");
}

/* The words text[start, end) with whitespace runs made single spaces. */
static char *squeeze(const char *text, size_t start, size_t end)
{
    char *out = malloc(end - start + 1), *p = out;
    if (!out)
        return NULL;
    for (size_t i = start; i < end; i++) {
        const int space = text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t';
        if (!space)
            *p++ = text[i];
        else if (p > out && p[-1] != ' ')
            *p++ = ' ';
    }
    *p = '\0';
    return out;
}

/* The words around offset in a sentence too long to copy into each of its
 * events (memory stays linear in the article): SENTENCE_MAX / 2 bytes on
 * each side, cut at spaces, marked with "..." where cut. */
static char *sentence_window(const work *w, size_t offset)
{
    const char *text = w->a->text;
    size_t from = offset > w->span.start + SENTENCE_MAX / 2 ? offset - SENTENCE_MAX / 2 : w->span.start;
    size_t to = offset + SENTENCE_MAX / 2 < w->span.end ? offset + SENTENCE_MAX / 2 : w->span.end;
    while (from > w->span.start && from < offset && text[from - 1] != ' ')
        from++; /* to the next word (never inside a UTF-8 character) */
    while (to < w->span.end && to > offset && text[to] != ' ')
        to--;
    char *mid = squeeze(text, from, to);
    if (!mid)
        return NULL;
    const size_t n = strlen(mid);
    char *out = malloc(n + 9);
    if (out)
        snprintf(out, n + 9, "%s%s%s", from > w->span.start ? "... " : "", mid,
                 to < w->span.end ? " ..." : "");
    free(mid);
    return out;
}


/* Whether another slot of the same place has a stronger or nearer event. */
static int beaten(const work *w, size_t k)
{
    const slot *s = &w->s[k];
    for (size_t j = 0; j < w->ns; j++) {
        const slot *o = &w->s[j];
        if (j == k || !o->has_event || o->place != s->place)
            continue;
        if (o->when.date != s->when.date)
            continue; /* two days, two events */
        const int ow = cm__weight(o->status), sw = cm__weight(s->status);
        if (ow > sw || (ow == sw && (o->gap < s->gap || (o->gap == s->gap && j < k))))
            return 1;
    }
    return 0;
}

/* Withdraw the story's claimed falls and entries of place p: it is still
 * held. */
static void withdraw_claims(work *w, const cm_place *p)
{
    for (size_t i = 0; i < w->story.count; i++) {
        cm_event *e = &w->story.items[i];
        if (strcmp(e->place_id, p->id) == 0 && e->confidence == CM_CLAIMED &&
            (e->status == CM_STATE_FALLEN || e->status == CM_STATE_CONTESTED))
            e->line = -1; /* marked; dropped when the story is told */
    }
}

static void explain_slot(const work *w, const slot *s, const char *reason)
{
    if (!w->explain)
        return;
    char mention[160];
    const size_t start = w->tok[s->first].start, end = w->tok[s->last - 1].end;
    snprintf(mention, sizeof mention, "%.*s", (int)(end - start), w->a->text + start);
    char trig[160] = "", datew[96] = "";
    if (s->trigger) {
        const size_t ts = w->tok[s->trigger->first].start, te = w->tok[s->trigger->last - 1].end;
        snprintf(trig, sizeof trig, "%.*s", (int)(te - ts), w->a->text + ts);
    }
    if (s->date_word) {
        const size_t ds = w->tok[s->date_word->first].start,
                     de = w->tok[s->date_word->last - 1].end;
        snprintf(datew, sizeof datew, "%.*s", (int)(de - ds), w->a->text + ds);
    }
    char how[2 * REASON_MAX + 8];
    snprintf(how, sizeof how, "%s%s%s", s->how[0] ? s->how : "", s->how[0] ? "; " : "", s->link);
    const cm_explanation e = {
        .is_event = reason == NULL, .place_id = s->place->id, .mention = mention,
        .offset = s->offset, .status = s->status, .confidence = s->confidence,
        .date = s->when.date, .precision = s->when.precision, .trigger = trig,
        .trigger_line = s->trigger ? s->trigger->e->line : 0, .how = how,
        .date_words = datew, .date_rule = s->when.rule ? s->when.rule : "",
        .modality = s->modality, .reason = reason ? reason : ""};
    w->explain(w->explain_ctx, &e);
}

static int holds_here(const work *w)
{
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_HOLDS)
            return 1;
    return 0;
}

/* Whether slot s's event is a later, undated mention ("La prise de Koundouz
 * pèse d'un poids particulier") of one the article already told: the same
 * place and status, its date only the paragraph's or the article's.  A
 * confirmed mention confirms the event told. */
static int told_already(work *w, const slot *s)
{
    if (s->date_word || s->when.date == CM_DATE_NONE ||
        !(strcmp(s->when.rule, "the article's date") == 0 ||
          strcmp(s->when.rule, "the date the paragraph last named") == 0))
        return 0;
    for (size_t i = 0; i < w->story.count; i++) {
        cm_event *e = &w->story.items[i];
        if (e->status == s->status && strcmp(e->place_id, s->place->id) == 0 &&
            e->date != s->when.date) {
            if (s->confidence == CM_CONFIRMED) /* "officials confirmed the fall of X" */
                e->confidence = CM_CONFIRMED;
            return 1;
        }
    }
    return 0;
}

/* Whether the sentence denies what the sentence before it claimed ("The
 * ministry denied the claim."; "L'armée a démenti."): it has a denial that
 * governs no event of its own. */
static int denies_before(const work *w)
{
    if (w->told_to == 0 || w->sentence != w->told_sentence + 1)
        return 0;
    for (size_t i = 0; i < w->nm; i++) {
        const match *d = &w->m[i];
        if (d->e->kind != CM_LEX_DENIAL || cm__contained_in_longer(w, d))
            continue;
        int governs = 0;
        for (size_t k = 0; k < w->ns && !governs; k++) {
            const slot *s = &w->s[k];
            governs = (s->has_event && s->trigger && s->trigger->first > d->first) ||
                      strstr(s->reason, "dropped: denial") != NULL;
        }
        if (!governs)
            return 1;
    }
    return 0;
}

static cm_status tell_sentence(work *w, cm_error *err)
{
    char *sentence = NULL;
    cm_status st = CM_OK;
    const int holds = holds_here(w);
    if (denies_before(w))
        for (size_t i = w->told_from; i < w->told_to && i < w->story.count; i++)
            if (w->story.items[i].confidence == CM_CLAIMED)
                w->story.items[i].line = -1; /* denied: dropped when the story is told */
    for (size_t k = 0; k < w->ns && st == CM_OK; k++) {
        slot *s = &w->s[k];
        if (holds && s->eligible && cm__is_town(s->place)) {
            withdraw_claims(w, s->place);
            if (s->has_event && s->status == CM_STATE_FALLEN && s->confidence == CM_CLAIMED) {
                s->has_event = 0;
                snprintf(s->reason, REASON_MAX, "%s", "still held by the incumbent");
            }
        }
        if (s->has_event && told_already(w, s)) {
            explain_slot(w, s, "told already: an undated mention of an event the article dated");
            continue;
        }
        if (!s->has_event || beaten(w, k)) {
            explain_slot(w, s, s->has_event ? "another mention in the sentence carries its event"
                               : s->reason[0] ? s->reason
                               : s->eligible  ? "no trigger reaches it"
                                              : "not an event location");
            continue;
        }
        char *window = NULL;
        const int whole = w->span.end - w->span.start <= SENTENCE_MAX;
        if (whole && !sentence && !(sentence = squeeze(w->a->text, w->span.start, w->span.end)))
            return nomem(err);
        if (!whole && !(window = sentence_window(w, s->offset)))
            return nomem(err);
        const cm_place *p = s->place;
        const cm_place *prov = p->admin1[0] ? cm_gazetteer_find_id(w->x->gz, p->admin1) : NULL;
        cm_date when = s->when.date, lo = 0, hi = 0;
        cm_date_from_ymd(1, 1, 1, &lo, NULL);
        cm_date_from_ymd(9999, 12, 31, &hi, NULL);
        if (when != CM_DATE_NONE && (when < lo || when > hi))
            when = CM_DATE_NONE; /* "yesterday" in an article of 0001-01-01: no date
                                    the events file could hold */
        cm_event e = {.date = when, .precision = s->when.precision, .place_id = p->id,
                      .place = p->name, .admin1 = prov ? prov->name : p->admin1,
                      .lat = p->lat, .lon = p->lon, .status = s->status,
                      .confidence = s->confidence, .source = w->a->name,
                      .offset = (long)s->offset, .sentence = whole ? sentence : window,
                      .source_count = 1, .note = s->when.note,
                      .actor = (char *)(s->actor ? s->actor : "")};
        st = cm_events_add(&w->story, &e, err);
        free(window);
        explain_slot(w, s, NULL);
    }
    free(sentence);
    return st;
}

static int same_event(const cm_event *a, const cm_event *b)
{
    return a->date == b->date && a->precision == b->precision && a->status == b->status &&
           strcmp(a->place_id, b->place_id) == 0;
}

/* The story's events, each place, status and date once, onto out. */
static cm_status tell_story(work *w, cm_events *out, cm_error *err)
{
    for (size_t i = 0; i < w->story.count; i++) {
        cm_event *e = &w->story.items[i];
        if (e->line < 0)
            continue;
        for (size_t j = i + 1; j < w->story.count; j++) {
            cm_event *f = &w->story.items[j];
            if (f->line >= 0 && same_event(e, f)) {
                if (f->confidence == CM_CONFIRMED)
                    e->confidence = CM_CONFIRMED;
                f->line = -1;
            }
        }
    }
    for (size_t i = 0; i < w->story.count; i++) {
        cm_event *e = &w->story.items[i];
        if (e->line < 0)
            continue;
        e->line = 0;
        const cm_status st = cm_events_add(out, e, err);
        if (st != CM_OK)
            return st;
    }
    return CM_OK;
}

static void remember_places(work *w)
{
    for (size_t k = 0; k < w->ns; k++) {
        const slot *s = &w->s[k];
        if (s->offset >= w->span.end || s->place->kind == CM_KIND_FOREIGN)
            continue;
        if (cm__is_town(s->place) && !s->remote && s->host < 0) {
            w->last_town = s->place;
            w->last_town_sentence = w->sentence;
            if (s->has_event) {
                w->topic = s->place;
                w->topic_sentence = w->sentence;
            }
        } else if (s->place->kind == CM_KIND_PROVINCE && !s->how[0]) {
            w->last_province = s->place;
            w->last_province_sentence = w->sentence;
        }
    }
}

/* A list's item ("- ZARANJ, Nimroz province.") under a header whose
 * trigger reached no place ("the capitals taken, by day:"): its first place
 * gets the header's event, dated by the heading above it. */
static void list_item(work *w)
{
    if (!w->bullet || !w->list_head)
        return;
    for (size_t k = 0; k < w->ns; k++) {
        slot *s = &w->s[k];
        if (s->host >= 0 || s->how[0])
            continue;
        if (!s->eligible || s->has_event)
            return;
        const cm_date day = w->paragraph_date != CM_DATE_NONE ? w->paragraph_date : w->time.article;
        s->has_event = 1;
        s->status = (cm_state)w->list_head->status;
        s->confidence = w->list_claimed ? CM_CLAIMED : CM_CONFIRMED;
        s->when = (cm__when){day, w->paragraph_date != CM_DATE_NONE ? CM_PRECISION_DAY
                                                                     : w->time.precision,
                             "", "the heading above the list's item"};
        snprintf(s->link, sizeof s->link, "an item of the list under '%s'", w->list_head->phrase);
        return;
    }
}

/* A sentence ending in ':' whose trigger reached no place heads a list. */
static void list_header(work *w)
{
    const char *text = w->a->text;
    size_t e = w->span.end;
    while (e > w->span.start && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\r'))
        e--;
    if (e == w->span.start || text[e - 1] != ':')
        return;
    for (size_t i = 0; i < w->nm; i++) {
        const match *m = &w->m[i];
        if (m->e->kind != CM_LEX_TRIGGER || m->contained)
            continue;
        int reached = 0;
        for (size_t k = 0; k < w->ns; k++)
            reached |= w->s[k].has_event && w->s[k].trigger == m;
        if (!reached) {
            const verdict v = cm__qualify(w, m);
            if (v.drop)
                continue;
            w->list_head = m->e;
            w->list_claimed = v.confidence == CM_CLAIMED;
            return;
        }
    }
}

static cm_status process_piece(work *w, cm_error *err)
{
    if (!cm__find_matches(w) || !cm__index_matches(w))
        return nomem(err);
    cm__mark_clauses(w);
    if (!cm__resolve_slots(w) || !cm__build_blocked(w))
        return nomem(err);
    cm__find_appositions(w);
    cm__index_places(w);
    for (size_t i = 0; i < w->nm; i++)
        if (w->m[i].e->kind == CM_LEX_TRIGGER && !cm__contained_in_longer(w, &w->m[i]))
            cm__apply_trigger(w, &w->m[i]);
    list_item(w);
    const cm_status st = tell_sentence(w, err);
    list_header(w);
    cm__move_time(w);
    remember_places(w);
    w->ntok = w->ns = w->nm = 0;
    return st;
}

/* Tokens of the current sentence; a place mention is one token. */
static cm_status process_sentence(work *w, cm_error *err)
{
    const char *text = w->a->text;
    size_t pos = w->span.start, start, end, prev_end = w->span.start;
    const cm_mentions *ms = w->mentions;
    cm_extractor *x = (cm_extractor *)w->x; /* the lemma cache grows */
    while (cm__next_word(text, w->span.end, &pos, &start, &end, NULL)) {
        while (w->next_mention < ms->count && ms->items[w->next_mention].end <= start)
            w->next_mention++;
        const cm_mention *m = w->next_mention < ms->count ? &ms->items[w->next_mention] : NULL;
        token t = {.start = start, .end = end, .slot = -1,
                   .punct = cm__punctuation(text, prev_end, start)};
        if (m && m->start <= start) {
            t.slot = (int)w->ns;
            t.end = m->end;
            if (!cm__push_slot(w, (int)w->ntok, (int)w->ntok + 1, m->place, m->start, ""))
                return nomem(err);
            w->s[w->ns - 1].province_named = m->context == CM_CONTEXT_PROVINCE;
            pos = m->end > pos ? m->end : pos;
            w->next_mention++;
        } else {
            char folded[CM_KEY_MAX];
            const size_t n = cm__fold_word(text + start, end - start, folded);
            if (n < CM_LEX_WORD_MAX)
                memcpy(t.w, folded, n + 1);
            t.id = cm__vocab_id(x->vocab, t.w);
            if (n >= 3 && (folded[0] < '0' || folded[0] > '9'))
                t.nlem = cm__lemmas(x->lm, text + start, end - start, t.lem);
            for (int k = 0; k < t.nlem; k++)
                t.lid[k] = cm__vocab_id(x->vocab, t.lem[k]);
        }
        prev_end = t.end;
        if (!cm__push_token(w, &t))
            return nomem(err);
        if (w->ntok == MAX_TOKENS) {
            const cm_status st = process_piece(w, err);
            if (st != CM_OK)
                return st;
        }
    }
    return process_piece(w, err);
}

/* Whether text[0..n) holds the ASCII word w, ignoring case. */
static int holds_word(const char *text, size_t n, const char *w)
{
    const size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (text[i + j] | 0x20) == w[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* Whether a sentence can hold an event: it names a place, or an anaphor
 * could find one. */
/* Whether the sentence before this one told a claimed event (this one may
 * deny it without naming the place). */
static int claimed_before(const work *w)
{
    if (w->told_to == 0 || w->sentence != w->told_sentence + 1)
        return 0;
    for (size_t i = w->told_from; i < w->told_to && i < w->story.count; i++)
        if (w->story.items[i].confidence == CM_CLAIMED)
            return 1;
    return 0;
}

static int worth_reading(const work *w)
{
    const cm_mentions *ms = w->mentions;
    size_t i = w->next_mention;
    while (i < ms->count && ms->items[i].end <= w->span.start)
        i++;
    if (i < ms->count && ms->items[i].start < w->span.end)
        return 1;
    if (!w->last_town || w->sentence - w->last_town_sentence > ANAPHOR_REACH)
        return 0;
    if (w->x->n_anaphor_words < 0)
        return 1;
    for (int k = 0; k < w->x->n_anaphor_words; k++)
        if (holds_word(w->a->text + w->span.start, w->span.end - w->span.start,
                       w->x->anaphor_words[k]))
            return 1;
    return 0;
}

/* Whether sentence i is the article's headline: its first, a line of its
 * own with no full stop, with more text after it. */
static int headline(const cm_article *a, size_t i)
{
    if (i != 0 || a->nsentences < 2)
        return 0;
    const cm_span s = a->sentences[0];
    size_t e = s.end;
    while (e > s.start && (a->text[e - 1] == ' ' || a->text[e - 1] == '\n' || a->text[e - 1] == '\r'))
        e--;
    if (e == s.start || strchr(".!?\"", a->text[e - 1]) || (e >= 2 && (unsigned char)a->text[e - 1] == 0xBB))
        return 0;
    for (size_t p = s.start; p < e; p++)
        if (a->text[p] == '\n')
            return 0;
    return s.end < a->len && memchr(a->text + s.end, '\n', a->sentences[1].start - s.end) != NULL;
}

static int holds_digit(const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (text[i] >= '0' && text[i] <= '9')
            return 1;
    return 0;
}

/* Whether the sentence may name a date: a digit, or a weekday or relative
 * date word of the lexicon. */
static int holds_date(const work *w)
{
    const char *t = w->a->text + w->span.start;
    const size_t n = w->span.end - w->span.start;
    if (holds_digit(t, n))
        return 1;
    /* one pass: at each word's start, the time words of its first letter */
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && ((t[i - 1] | 0x20) >= 'a' && (t[i - 1] | 0x20) <= 'z'))
            continue;
        const char c = (char)(t[i] | 0x20);
        for (int k = 0; k < w->x->n_time_words; k++) {
            const char *tw = w->x->time_words[k];
            if (tw[0] != c)
                continue;
            size_t j = 0;
            while (tw[j] && i + j < n && (t[i + j] | 0x20) == tw[j])
                j++;
            if (!tw[j])
                return 1;
        }
    }
    return 0;
}

/* A sentence that names no place but a date ("Aug. 8 - The worst day yet
 * for the government."): only time moves. */
static cm_status read_time(work *w, cm_error *err)
{
    const char *text = w->a->text;
    size_t pos = w->span.start, start, end, prev_end = w->span.start;
    while (cm__next_word(text, w->span.end, &pos, &start, &end, NULL) && w->ntok < MAX_TOKENS) {
        token t = {.start = start, .end = end, .slot = -1,
                   .punct = cm__punctuation(text, prev_end, start)};
        char folded[CM_KEY_MAX];
        const size_t n = cm__fold_word(text + start, end - start, folded);
        if (n < CM_LEX_WORD_MAX)
            memcpy(t.w, folded, n + 1);
        t.id = cm__vocab_id(w->x->vocab, t.w);
        prev_end = end;
        if (!cm__push_token(w, &t))
            return nomem(err);
    }
    if (!cm__find_matches(w) || !cm__index_matches(w))
        return nomem(err);
    cm__mark_clauses(w);
    cm__index_places(w); /* no places: no apposition */
    const cm_date before = w->paragraph_date;
    cm__move_time(w);
    w->heading = w->ntok <= 6 && w->paragraph_date != before;
    w->ntok = w->ns = w->nm = 0;
    return CM_OK;
}

/* Whether sentence i is the item of a list: it starts with a dash or a
 * bullet ("- ZARANJ, Nimroz province."). */
static int bullet(const cm_article *a, size_t i)
{
    const char *p = a->text + a->sentences[i].start, *end = a->text + a->sentences[i].end;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p < end && (*p == '-' || *p == '*' || strncmp(p, "\xE2\x80\xA2", 3) == 0 ||
                       strncmp(p, "\xE2\x80\x93", 3) == 0);
}

/* Whether a blank line stands between the previous sentence and span. */
static int new_paragraph(const cm_article *a, size_t i)
{
    const size_t from = i ? a->sentences[i - 1].end : a->body, to = a->sentences[i].start;
    int lines = 0;
    for (size_t p = from; p < to; p++)
        lines += a->text[p] == '\n';
    return lines >= 2;
}

/* Sentences that name no place still move time ("Le lendemain, ...") when
 * they hold a date word; read cheaply only then. */
cm_status cm_extract_article_explained(const cm_extractor *x, const cm_article *a,
                                       cm_events *events, cm_explain_fn fn, void *ctx,
                                       cm_error *err)
{
    cm_mentions mentions = {0};
    work w = {.x = x, .a = a, .mentions = &mentions, .explain = fn, .explain_ctx = ctx,
              .time = {a->date, a->precision, a->date}, .paragraph_date = CM_DATE_NONE};
    if (a->precision != CM_PRECISION_DAY)
        w.time.ref = CM_DATE_NONE;
    const size_t first = events->count;
    cm_status st = cm_scanner_scan(x->scanner, a->text, a->len, &mentions, err);
    for (size_t i = 0; st == CM_OK && i < a->nsentences; i++) {
        w.sentence = i;
        w.span = a->sentences[i];
        if (new_paragraph(a, i) && !w.heading)
            w.paragraph_date = CM_DATE_NONE; /* a heading's date goes on below it */
        w.heading = 0;
        if (headline(a, i))
            continue; /* the body tells it, dated */
        w.first_text = i == 0 || (i == 1 && headline(a, 0));
        w.bullet = bullet(a, i);
        const size_t before = w.story.count;
        if (worth_reading(&w) || claimed_before(&w))
            st = process_sentence(&w, err);
        else if (holds_date(&w))
            st = read_time(&w, err);
        if (w.story.count > before)
            w.told_from = before, w.told_to = w.story.count, w.told_sentence = i;
    }
    if (st == CM_OK)
        st = tell_story(&w, events, err);
    free(w.tok);
    free(w.m);
    free(w.s);
    free(w.blocked);
    free(w.first_idx);
    free(w.trig_prefix);
    free(w.seg_trigger);
    free(w.seg_start);
    free(w.day);
    free(w.appo);
    free(w.dates);
    cm_events_free(&w.story);
    cm_mentions_free(&mentions);
    if (st != CM_OK)
        cm_events_truncate(events, first);
    return st;
}

cm_status cm_extract_article(const cm_extractor *x, const cm_article *a,
                             cm_events *events, cm_error *err)
{
    return cm_extract_article_explained(x, a, events, NULL, NULL, err);
}
