#include "conflictmap/dataset.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 4096

void cm_dataset_free(cm_dataset *ds)
{
    if (!ds)
        return;
    free(ds->path);
    free(ds->title_en);
    free(ds->title_fr);
    free(ds->provinces);
    free(ds->neighbours);
    free(ds->gazetteer);
    free(ds->events);
    free(ds->lexicon);
    free(ds->id_field);
    free(ds);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* value resolved against the directory of the dataset file. */
static char *resolve(const char *dataset, const char *value)
{
    const char *slash = strrchr(dataset, '/');
    if (value[0] == '/' || !slash)
        return strdup(value);
    const size_t dir = (size_t)(slash - dataset + 1);
    char *s = malloc(dir + strlen(value) + 1);
    if (s) {
        memcpy(s, dataset, dir);
        strcpy(s + dir, value);
    }
    return s;
}

typedef struct key_slot {
    const char *key;
    size_t offset;
    int is_path;
} key_slot;

static const key_slot keys[] = {
    {"title_en", offsetof(cm_dataset, title_en), 0},
    {"title_fr", offsetof(cm_dataset, title_fr), 0},
    {"provinces", offsetof(cm_dataset, provinces), 1},
    {"neighbours", offsetof(cm_dataset, neighbours), 1},
    {"gazetteer", offsetof(cm_dataset, gazetteer), 1},
    {"events", offsetof(cm_dataset, events), 1},
    {"lexicon", offsetof(cm_dataset, lexicon), 1},
    {"id_field", offsetof(cm_dataset, id_field), 0},
};

static cm_status set_key(cm_dataset *ds, const char *key, const char *value, long line,
                         cm_error *err)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(key, keys[i].key) != 0)
            continue;
        char **slot = (char **)((char *)ds + keys[i].offset);
        free(*slot);
        *slot = keys[i].is_path ? resolve(ds->path, value) : strdup(value);
        if (!*slot)
            return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", ds->path);
        return CM_OK;
    }
    return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: unknown key '%.40s'", ds->path, line, key);
}

static cm_status parse_line(cm_dataset *ds, char *line, long n, cm_error *err)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    char *s = trim(line);
    if (!*s)
        return CM_OK;
    char *eq = strchr(s, '=');
    if (!eq)
        return cm_error_set(err, CM_ERR_PARSE, "%s:%ld: expected 'key = value'", ds->path, n);
    *eq = '\0';
    return set_key(ds, trim(s), trim(eq + 1), n, err);
}

cm_status cm_dataset_load(const char *path, cm_dataset **out, cm_error *err)
{
    *out = NULL;
    cm_dataset *ds = calloc(1, sizeof *ds);
    if (!ds || !(ds->path = strdup(path))) {
        cm_dataset_free(ds);
        return cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        cm_error_set(err, CM_ERR_IO, "%s: %s", path, strerror(errno));
        cm_dataset_free(ds);
        return CM_ERR_IO;
    }
    char line[LINE_MAX_LEN];
    long n = 0;
    cm_status st = CM_OK;
    while (st == CM_OK && fgets(line, sizeof line, f)) {
        n++;
        if (!strchr(line, '\n') && !feof(f))
            st = cm_error_set(err, CM_ERR_PARSE, "%s:%ld: line too long", path, n);
        else
            st = parse_line(ds, line, n, err);
    }
    fclose(f);
    if (st == CM_OK && (!ds->provinces || !ds->gazetteer))
        st = cm_error_set(err, CM_ERR_PARSE, "%s: 'provinces' and 'gazetteer' are required",
                          path);
    if (st == CM_OK && !ds->id_field && !(ds->id_field = strdup("id")))
        st = cm_error_set(err, CM_ERR_NOMEM, "%s: out of memory", path);
    if (st != CM_OK) {
        cm_dataset_free(ds);
        return st;
    }
    *out = ds;
    return CM_OK;
}
