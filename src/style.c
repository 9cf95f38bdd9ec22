#include "conflictmap/style.h"

#define RGB(hex) {((hex) >> 16 & 0xFF) / 255.0, ((hex) >> 8 & 0xFF) / 255.0, ((hex)&0xFF) / 255.0}

/* Fills ordered by lightness; hues after Okabe and Ito's palette. */
static const cm_state_style states[CM_STATE_COUNT] = {
    [CM_STATE_GOVERNMENT] = {RGB(0xE4EAF0), RGB(0xFFFFFF), CM_MARKER_CIRCLE, 0xE4EAF0},
    [CM_STATE_ATTACKED] = {RGB(0xF6DF7A), RGB(0xF0C400), CM_MARKER_TRIANGLE, 0xF6DF7A},
    [CM_STATE_CONTESTED] = {RGB(0xEE9B4A), RGB(0xE07B00), CM_MARKER_DIAMOND, 0xEE9B4A},
    [CM_STATE_FALLEN] = {RGB(0xA33A2E), RGB(0x7A1F16), CM_MARKER_SQUARE, 0xA33A2E},
    [CM_STATE_RETAKEN] = {RGB(0x5B9BD0), RGB(0x0B5FA5), CM_MARKER_DOT_CIRCLE, 0x5B9BD0},
    [CM_STATE_TAKEN] = {RGB(0xA33A2E), RGB(0x7A1F16), CM_MARKER_SQUARE, 0xA33A2E},
};

const cm_state_style *cm_style_state(cm_state state)
{
    return &states[(unsigned)state < CM_STATE_COUNT ? state : CM_STATE_GOVERNMENT];
}

static const char *const words[CM_WORD_COUNT][2] = {
    [CM_WORD_SUBTITLE] = {"Who holds each regional capital",
                          "Qui tient chaque capitale régionale"},
    [CM_WORD_LEGEND_TITLE] = {"Regional capitals", "Capitales régionales"},
    [CM_WORD_HOLDS] = {"%s holds %d of %d", "%s : %d sur %d"},
    [CM_WORD_PROJECTION] = {"Projection: %s", "Projection : %s"},
    [CM_WORD_CREDIT] = {"Made with conflictmap", "Réalisé avec conflictmap"},
    [CM_WORD_ATTACKED] = {"Attacked", "Attaquée"},
    [CM_WORD_CONTESTED] = {"Contested (fighting inside)", "Disputée (combats en ville)"},
    [CM_WORD_NO_DATA] = {"No data", "Pas de données"},
    [CM_WORD_NORTH] = {"N", "N"},
    [CM_WORD_NATIONAL_CAPITAL] = {"National capital", "Capitale nationale"},
};

static const char *const state_labels[CM_STATE_COUNT][2] = {
    [CM_STATE_GOVERNMENT] = {"Held", "Tenue"},
    [CM_STATE_ATTACKED] = {"Attacked", "Attaquée"},
    [CM_STATE_CONTESTED] = {"Contested (fighting inside)", "Disputée (combats en ville)"},
    [CM_STATE_FALLEN] = {"Fallen", "Tombée"},
    [CM_STATE_RETAKEN] = {"Retaken", "Reprise"},
    [CM_STATE_TAKEN] = {"Taken", "Prise"},
};

const char *cm_style_word(cm_word word, cm_lang lang)
{
    return words[word][lang == CM_LANG_FR];
}

const char *cm_style_state_label(cm_state state, cm_lang lang)
{
    return state_labels[(unsigned)state < CM_STATE_COUNT ? state : 0][lang == CM_LANG_FR];
}
