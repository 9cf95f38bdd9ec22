#define CM__PROJ_API_SELF
#include "proj_api.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define CM__PROJ_POINTER(f) __typeof__(f) *cm__##f;
CM__PROJ_FUNCTIONS(CM__PROJ_POINTER)
#undef CM__PROJ_POINTER

/* RTLD_DEEPBIND: libproj and the libraries it brings find their own
 * symbols first rather than after searching the program's forty: loading
 * costs half as much.  AddressSanitizer refuses it (every allocation must
 * go through its allocator), so sanitized builds load it plainly. */
#if defined(__SANITIZE_ADDRESS__) || !defined(RTLD_DEEPBIND)
#define CM__DEEPBIND 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CM__DEEPBIND 0
#endif
#endif
#ifndef CM__DEEPBIND
#define CM__DEEPBIND RTLD_DEEPBIND
#endif

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static pthread_once_t preload_once = PTHREAD_ONCE_INIT;
static char failure[256]; /* why loading failed; empty when it worked */

/* Point *slot at symbol name of library h; 0 when h has none. */
static int resolve(void *h, const char *name, void *slot)
{
    void *sym = dlsym(h, name);
    memcpy(slot, &sym, sizeof sym); /* POSIX: a function pointer fits a void * */
    return sym != NULL;
}

static void load(void)
{
    void *h = dlopen(CM_PROJ_SONAME, RTLD_LAZY | RTLD_LOCAL | CM__DEEPBIND);
    if (!h) {
        snprintf(failure, sizeof failure, "%s", dlerror());
        return;
    }
#define CM__PROJ_RESOLVE(f)                                                                 \
    if (!failure[0] && !resolve(h, #f, &cm__##f))                                           \
        snprintf(failure, sizeof failure, "%s has no %s", CM_PROJ_SONAME, #f);
    CM__PROJ_FUNCTIONS(CM__PROJ_RESOLVE)
#undef CM__PROJ_RESOLVE
}

cm_status cm__proj_api_load(cm_error *err)
{
    pthread_once(&load_once, load);
    if (failure[0])
        return cm_error_set(err, CM_ERR_IO, "PROJ library cannot be loaded: %s",
                            failure);
    return CM_OK;
}

static void *preload_thread(void *unused)
{
    (void)unused;
    pthread_once(&load_once, load);
    return NULL;
}

static void start_preload(void)
{
    pthread_attr_t attr;
    pthread_t id;
    if (pthread_attr_init(&attr) != 0)
        return;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    (void)pthread_create(&id, &attr, preload_thread, NULL);
    pthread_attr_destroy(&attr);
}

void cm__proj_api_preload(void) { pthread_once(&preload_once, start_preload); }
