/* When libproj cannot be loaded (this test's copy of the loader looks for
 * a library that does not exist), making a projection fails with one line
 * naming the library, every time, and preloading does no harm. */
#include <string.h>

#include "../../src/proj_api.h"
#include "../check.h"

int main(void)
{
    cm__proj_api_preload();
    cm__proj_api_preload();
    for (int i = 0; i < 2; i++) {
        cm_error err = {0};
        CHECK(cm__proj_api_load(&err) == CM_ERR_IO);
        CHECK_MSG(strstr(err.message, "PROJ library cannot be loaded") &&
                      strstr(err.message, "libconflictmap-no-such-proj.so.0"),
                  "message: %s", err.message);
        CHECK(strchr(err.message, '\n') == NULL);
    }
    CHECK(cm__proj_api_load(NULL) == CM_ERR_IO);
    return check_summary("test_proj_missing");
}
