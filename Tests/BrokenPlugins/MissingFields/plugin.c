/* A plugin whose manifest is valid JSON but lacks required fields ("auth" among them).
 * The host must refuse it and name the first missing field. */
#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"broken-missing-fields\",\"name\":\"Broken\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Lacks auth and actions\"}";

BROKEN_PLUGIN_INFO("broken-missing-fields", "1.0.0", manifest, broken_plugin_refuse)
