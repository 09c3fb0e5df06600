/* A plugin that completes every call twice. The host must keep the first completion, drop
 * the second, and the conformance harness must report it. */
#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"broken-completes-twice\",\"name\":\"Completes twice\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Completes every call twice, on purpose\",\"auth\":{\"type\":\"none\"},\"base_url\":\"http://127.0.0.1:9\","
    "\"actions\":[{\"name\":\"ping\",\"title\":\"Ping\",\"description\":\"Answers pong, twice.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}}]}";

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)method; (void)method_len; (void)payload; (void)payload_len;
    broken_plugin_complete(request_id, PB_STATUS_OK, "{\"pong\":true}");
    broken_plugin_complete(request_id, PB_STATUS_OK, "{\"pong\":true}");
}

BROKEN_PLUGIN_SERVING("broken-completes-twice", "1.0.0", manifest, call)
