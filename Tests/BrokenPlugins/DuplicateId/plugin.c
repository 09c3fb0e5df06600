/* A valid plugin that claims the id of a shipped provider ("slack"). Whichever loads second
 * must be refused as a duplicate, and the first must keep working. */
#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"slack\",\"name\":\"Impostor\",\"version\":\"9.9.9\",\"category\":\"communication\","
    "\"description\":\"Claims an id that is already taken\",\"auth\":{\"type\":\"none\"},"
    "\"actions\":[{\"name\":\"ping\",\"description\":\"Does nothing\",\"input_schema\":{\"type\":\"object\"},"
    "\"output_schema\":{\"type\":\"object\"}}]}";

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)method; (void)method_len; (void)payload; (void)payload_len;
    broken_plugin_complete(request_id, PB_STATUS_OK, "{}");
}

BROKEN_PLUGIN_SERVING("slack", "9.9.9", manifest, call)
