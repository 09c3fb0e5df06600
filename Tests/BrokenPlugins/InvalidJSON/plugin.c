/* A plugin whose completions are not JSON: `ping` succeeds with a payload that does not
 * parse, `fail` fails with an error payload that does not parse. The host must turn both
 * into clear errors (invalid_output, plugin_error) and keep serving. */
#define _GNU_SOURCE
#include <string.h>

#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"broken-invalid-json\",\"name\":\"Invalid JSON\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Completes with bytes that are not JSON, on purpose\",\"auth\":{\"type\":\"none\"},"
    "\"base_url\":\"http://127.0.0.1:9\","
    "\"actions\":["
    "{\"name\":\"ping\",\"title\":\"Ping\",\"description\":\"Succeeds with a payload that is not JSON.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}},"
    "{\"name\":\"fail\",\"title\":\"Fail\",\"description\":\"Fails with an error that is not JSON.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}}"
    "]}";

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)method; (void)method_len;
    int fails = memmem(payload, payload_len, "\"action\":\"fail\"", 15) != NULL;
    broken_plugin_complete(request_id, fails ? PB_STATUS_ERROR : PB_STATUS_OK, "{\"pong\": tru");
}

BROKEN_PLUGIN_SERVING("broken-invalid-json", "1.0.0", manifest, call)
