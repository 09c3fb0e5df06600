/* A plugin that accepts every call and never completes any, even when cancelled. The host
 * must time each call out, and the conformance harness must report it. */
#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"broken-hangs\",\"name\":\"Hangs\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Never completes, on purpose\",\"auth\":{\"type\":\"none\"},\"base_url\":\"http://127.0.0.1:9\","
    "\"actions\":[{\"name\":\"ping\",\"title\":\"Ping\",\"description\":\"Answers nothing, ever.\",\"timeout_ms\":200,"
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}}]}";

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)request_id; (void)method; (void)method_len; (void)payload; (void)payload_len;
}

BROKEN_PLUGIN_SERVING("broken-hangs", "1.0.0", manifest, call)
