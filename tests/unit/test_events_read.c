/* Reading events CSV files: the bundled timeline reads whole, and every
 * hand-made bad file fails with its own message naming the file and line,
 * leaving the caller's list as it was.
 * Usage: test_events_read EVENTS.csv TMPDIR */
#include "conflictmap/events.h"

#include <stdlib.h>

#include "../check.h"

static const char head[] = "event_date,place_id,status,sentence\n";

static void test_bundled(const char *path)
{
    cm_events ev = {0};
    cm_error err;
    CHECK_MSG(cm_events_read_csv(path, &ev, &err) == CM_OK, "%s", err.message);
    CHECK(ev.count >= 34);
    size_t fallen = 0;
    for (size_t i = 0; i < ev.count; i++)
        fallen += ev.items[i].status == CM_STATE_FALLEN;
    CHECK(fallen >= 34);
    cm_events_free(&ev);
}

/* Write body to DIR/name, read it after one good event already in the list:
 * status and message as expected, and the list still holds just that one. */
static void expect_bad(const char *dir, const char *name, const char *body, size_t len,
                       cm_status status, const char *needle)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(body, 1, len, f) == len && fclose(f) == 0);
    snprintf(path, sizeof path, "%s/good.csv", dir);
    f = fopen(path, "wb");
    CHECK(f && fprintf(f, "%s2021-08-13,herat,fallen,x\n", head) > 0 && fclose(f) == 0);
    cm_events ev = {0};
    cm_error err;
    CHECK(cm_events_read_csv(path, &ev, &err) == CM_OK && ev.count == 1);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const cm_status st = cm_events_read_csv(path, &ev, &err);
    CHECK_MSG(st == status, "%s: status %d: %s", name, st, err.message);
    CHECK_MSG(strstr(err.message, needle) && strstr(err.message, name), "%s: '%s'", name,
              err.message);
    CHECK_MSG(strchr(err.message, '\n') == NULL, "%s: multi-line message", name);
    CHECK_MSG(ev.count == 1 && strcmp(ev.items[0].place_id, "herat") == 0,
              "%s: %zu events left", name, ev.count);
    cm_events_free(&ev);
}

#define BAD(name, text, status, needle) \
    expect_bad(dir, name, text, sizeof text - 1, status, needle)

static void test_bad_files(const char *dir)
{
    BAD("empty.csv", "", CM_ERR_PARSE, "empty file, expected a header row");
    BAD("nostatus.csv", "event_date,place_id\n2021-08-13,herat\n", CM_ERR_PARSE,
        ":1: missing column 'status'");
    BAD("quote.csv", "event_date,place_id,status,sentence\n2021-08-13,herat,fallen,\"open\n",
        CM_ERR_PARSE, ":2: unterminated quoted field");
    BAD("latin1.csv", "event_date,place_id,status,sentence\n2021-08-13,h\xe9rat,fallen,x\n",
        CM_ERR_PARSE, ":2: field 2 is not valid UTF-8");
    BAD("overlong.csv", "event_date,place_id,status,sentence\n2021-08-13,herat,fallen,\xc0\xaf\n",
        CM_ERR_PARSE, ":2: field 4 is not valid UTF-8");
    BAD("status.csv", "event_date,place_id,status,sentence\n2021-08-13,herat,liberated,x\n",
        CM_ERR_PARSE, ":2: unknown status 'liberated'");
    BAD("multiline.csv", "event_date,place_id,status,sentence\n2021-08-13,herat,\"fall\r\nen\",x\n",
        CM_ERR_PARSE, ":2: unknown status 'fall\\x0D\\x0Aen'"); /* one line, escaped (found by the fuzzer) */
    BAD("date.csv", "event_date,place_id,status,sentence\n2021-02-30,herat,fallen,x\n",
        CM_ERR_PARSE, ":2: impossible date 2021-02-30");
    BAD("noplace.csv", "event_date,place_id,status,sentence\n2021-08-13,,fallen,x\n",
        CM_ERR_PARSE, ":2: empty place_id");
    BAD("lat.csv", "event_date,place_id,status,latitude\n2021-08-13,herat,fallen,91\n",
        CM_ERR_PARSE, ":2: bad latitude '91'");
    BAD("noheader.csv", "x", CM_ERR_PARSE, ":1: missing column 'event_date'");

    /* A sentence of 10 MB: over the 1 MiB record cap, refused with the
     * line it starts on; one just under the cap reads. */
    const size_t big = 10u << 20, under = (1u << 20) - 200;
    char *buf = malloc(sizeof head + big + 64);
    CHECK(buf != NULL);
    if (!buf)
        return;
    size_t n = (size_t)sprintf(buf, "%s2021-08-13,herat,fallen,x\n2021-08-14,kabul,fallen,", head);
    memset(buf + n, 'a', big);
    buf[n + big] = '\n';
    expect_bad(dir, "tenmb.csv", buf, n + big + 1, CM_ERR_PARSE,
               ":3: record longer than 1048576 bytes");
    buf[n + under] = '\n';
    char path[4096];
    snprintf(path, sizeof path, "%s/underlimit.csv", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(buf, 1, n + under + 1, f) == n + under + 1 && fclose(f) == 0);
    free(buf);
    cm_events ev = {0};
    cm_error err;
    CHECK_MSG(cm_events_read_csv(path, &ev, &err) == CM_OK, "%s", err.message);
    CHECK(ev.count == 2 && strlen(ev.items[1].sentence) == under);
    cm_events_free(&ev);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_events_read EVENTS.csv TMPDIR\n");
        return 2;
    }
    test_bundled(argv[1]);
    test_bad_files(argv[2]);
    return check_summary("events_read");
}
