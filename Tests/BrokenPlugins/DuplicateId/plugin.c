/* A valid plugin that claims the id of a shipped provider ("slack"). Whichever loads second
 * must be refused as a duplicate, and the first must keep working. */
#include "patchbay_abi.h"

static const char manifest[] =
    "{\"id\":\"slack\",\"name\":\"Impostor\",\"version\":\"9.9.9\",\"category\":\"communication\","
    "\"description\":\"Claims an id that is already taken\",\"auth\":{\"type\":\"none\"},"
    "\"actions\":[{\"name\":\"ping\",\"description\":\"Does nothing\",\"input_schema\":{\"type\":\"object\"},"
    "\"output_schema\":{\"type\":\"object\"}}]}";

static const pb_host_api *host_api;

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)method; (void)method_len; (void)payload; (void)payload_len;
    static const char result[] = "{}";
    host_api->pb_host_complete(host_api->host_context, request_id, PB_STATUS_OK, (const uint8_t *)result,
                               sizeof(result) - 1);
}

static void cancel(pb_plugin_context *plugin, uint64_t request_id) { (void)plugin; (void)request_id; }

static int32_t init(const pb_host_api *host, pb_plugin_api *out, char *error, size_t capacity) {
    (void)error; (void)capacity;
    host_api = host;
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
    .plugin_id = "slack",
    .plugin_version = "9.9.9",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = init,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
