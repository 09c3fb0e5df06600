/* A plugin whose manifest breaks the rules in several ways at once: an action input schema
 * with an invalid "type", and two actions with the same name. The host must refuse it. */
#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"broken-bad-manifest\",\"name\":\"Broken\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Invalid on purpose\",\"auth\":{\"type\":\"none\"},"
    "\"actions\":["
    "{\"name\":\"ping\",\"description\":\"d\",\"input_schema\":{\"type\":\"strnig\"},\"output_schema\":{\"type\":\"object\"}},"
    "{\"name\":\"ping\",\"description\":\"d\",\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}}"
    "]}";

BROKEN_PLUGIN_INFO("broken-bad-manifest", "1.0.0", manifest, broken_plugin_refuse)
