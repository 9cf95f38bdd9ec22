/* conflictmap: the temporary files and directories outputs are written in.
 *
 * Every output (a map, a frame, a manifest, a video, a report's bundle) is
 * written under a short hidden name beside its final place, ".cm~XXXXXX"
 * (ten bytes, so any legal final name fits), then renamed into place.
 * While it lives, the temporary is locked (flock) by the process writing
 * it, and listed in this process's registry:
 *
 * - a program that stops on a signal removes what it was writing with
 *   cm_temp_remove_all, from a thread that waits for the signal (the
 *   conflictmap tool does so on SIGINT, SIGTERM and SIGHUP);
 * - what a killed process left (SIGKILL, a crash, power loss) is a stale
 *   temporary: its lock is free.  The next output written into the same
 *   directory removes the stale temporaries there (cm_temp_clear_stale),
 *   those older than a minute whose lock is free, and never anything else.
 */
#ifndef CONFLICTMAP_TEMPFILES_H
#define CONFLICTMAP_TEMPFILES_H

#include <stddef.h>

#include "conflictmap/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CM_TEMP_PREFIX ".cm~" /* then six characters from mkstemp */

/* Create a temporary file (dir = 0) or directory (dir = 1) beside
 * final_path, locked and registered; its name goes to out (size bytes).
 * Returns an open descriptor (the file, or the directory opened read-only)
 * that holds the lock: keep it open while the temporary lives.  -1 on
 * failure, with an error naming final_path and the system's reason.
 * Clears the directory's stale temporaries first (once per directory and
 * process). */
int cm_temp_create(const char *final_path, int dir, char *out, size_t size, cm_error *err);

/* Forget a temporary (after it was renamed into place or removed); close
 * its descriptor after this. */
void cm_temp_release(const char *tmp_path);

/* Remove every registered temporary of this process (files, and
 * directories with what is inside them).  For a thread that has waited for
 * a signal, before the process exits; safe while other threads write. */
void cm_temp_remove_all(void);

/* Remove the stale temporaries in directory dir: named CM_TEMP_PREFIX and
 * six characters, not a symbolic link, older than a minute, and not locked
 * by a live process.  Returns how many were removed. */
int cm_temp_clear_stale(const char *dir);

#ifdef __cplusplus
}
#endif

#endif
