/* A plugin whose manifest breaks the rules in several ways at once: an action input schema
 * with an invalid "type", and two actions with the same name. The host must refuse it. */
#include "patchbay_abi.h"

static const char manifest[] =
    "{\"id\":\"broken-bad-manifest\",\"name\":\"Broken\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Invalid on purpose\",\"auth\":{\"type\":\"none\"},"
    "\"actions\":["
    "{\"name\":\"ping\",\"description\":\"d\",\"input_schema\":{\"type\":\"strnig\"},\"output_schema\":{\"type\":\"object\"}},"
    "{\"name\":\"ping\",\"description\":\"d\",\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}}"
    "]}";

static int32_t never_init(const pb_host_api *host, pb_plugin_api *out, char *error, size_t capacity) {
    (void)host; (void)out; (void)error; (void)capacity;
    return 1;
}

static const pb_plugin_descriptor info = {
    .struct_size = sizeof(pb_plugin_descriptor),
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = PB_ABI_MINOR,
    .plugin_id = "broken-bad-manifest",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = never_init,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
