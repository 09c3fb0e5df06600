/* A plugin whose messages are JSON of the wrong shape, one of each kind a plugin sends: the
 * host must check each against its schema as it arrives and refuse it with the message and
 * the JSON pointer of the fault.
 *   invoke bad_request   asks for an HTTP request whose header value is a number; completes
 *                        with the response the host gave it, so the test can read the refusal
 *   invoke bad_error     fails with an error whose code is empty and whose upstream_status is 42
 *   invoke ok            succeeds with {} (the control)
 *   check                succeeds with {"ok": "yes"}: ok must be a boolean, message is missing
 *   discover             succeeds with an object that has no fields
 *   parse_webhook        succeeds with an event without key or payload */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>

#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"broken-malformed\",\"name\":\"Malformed messages\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Sends a message of the wrong shape of each kind, on purpose\",\"auth\":{\"type\":\"none\"},"
    "\"base_url\":\"http://127.0.0.1:9\",\"supports_discovery\":true,"
    "\"actions\":["
    "{\"name\":\"bad_request\",\"description\":\"Asks for an HTTP request of the wrong shape.\","
    "\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}},"
    "{\"name\":\"bad_error\",\"description\":\"Fails with an error of the wrong shape.\","
    "\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}},"
    "{\"name\":\"ok\",\"description\":\"Succeeds.\","
    "\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}}"
    "]}";

/* The host's response, whatever it is, is the call's output. */
static void http_done(void *user_data, const uint8_t *response, size_t length) {
    broken_host.pb_host_complete(broken_host.host_context, (uint64_t)(uintptr_t)user_data, PB_STATUS_OK, response, length);
}

static int is(const uint8_t *method, size_t length, const char *name) {
    return length == strlen(name) && memcmp(method, name, length) == 0;
}

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin;
    if (is(method, method_len, "check")) {
        broken_plugin_complete(request_id, PB_STATUS_OK, "{\"ok\":\"yes\"}");
    } else if (is(method, method_len, "discover")) {
        broken_plugin_complete(request_id, PB_STATUS_OK, "{\"objects\":[{\"name\":\"items\"}],\"relationships\":[],\"operations\":[]}");
    } else if (is(method, method_len, "parse_webhook")) {
        broken_plugin_complete(request_id, PB_STATUS_OK, "[{\"id\":\"e1\",\"type\":\"push\"}]");
    } else if (memmem(payload, payload_len, "\"action\":\"bad_request\"", 22) != NULL) {
        static const char request[] = "{\"method\":\"GET\",\"path\":\"/items\",\"headers\":{\"X-Count\":1}}";
        broken_host.pb_host_http_request(broken_host.host_context, request_id, (const uint8_t *)request, sizeof(request) - 1,
                                         http_done, (void *)(uintptr_t)request_id);
    } else if (memmem(payload, payload_len, "\"action\":\"bad_error\"", 20) != NULL) {
        broken_plugin_complete(request_id, PB_STATUS_ERROR, "{\"code\":\"\",\"message\":\"m\",\"upstream_status\":42}");
    } else {
        broken_plugin_complete(request_id, PB_STATUS_OK, "{}");
    }
}

BROKEN_PLUGIN_SERVING("broken-malformed", "1.0.0", manifest, call)
