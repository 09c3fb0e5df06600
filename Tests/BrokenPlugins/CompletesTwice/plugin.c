/* A plugin that completes every call twice. The host must keep the first completion, drop
 * the second, and the conformance harness must report it. */
#include "patchbay_abi.h"

static const char manifest[] =
    "{\"id\":\"broken-completes-twice\",\"name\":\"Completes twice\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Completes every call twice, on purpose\",\"auth\":{\"type\":\"none\"},\"base_url\":\"http://127.0.0.1:9\","
    "\"actions\":[{\"name\":\"ping\",\"title\":\"Ping\",\"description\":\"Answers pong, twice.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}}]}";

static pb_host_api host;

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)method; (void)method_len; (void)payload; (void)payload_len;
    static const char pong[] = "{\"pong\":true}";
    host.pb_host_complete(host.host_context, request_id, PB_STATUS_OK, (const uint8_t *)pong, sizeof(pong) - 1);
    host.pb_host_complete(host.host_context, request_id, PB_STATUS_OK, (const uint8_t *)pong, sizeof(pong) - 1);
}

static void cancel(pb_plugin_context *plugin, uint64_t request_id) {
    (void)plugin; (void)request_id;
}

static int32_t init(const pb_host_api *host_api, pb_plugin_api *out, char *error, size_t capacity) {
    (void)error; (void)capacity;
    host = *host_api;
    out->struct_size = sizeof(pb_plugin_api);
    out->plugin_context = 0;
    out->pb_plugin_call = call;
    out->pb_plugin_cancel = cancel;
    return 0;
}

static const pb_plugin_descriptor info = {
    .struct_size = sizeof(pb_plugin_descriptor),
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = PB_ABI_MINOR,
    .plugin_id = "broken-completes-twice",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = init,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
