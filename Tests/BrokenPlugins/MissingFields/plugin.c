/* A plugin whose manifest is valid JSON but lacks required fields ("auth" among them).
 * The host must refuse it and name the first missing field. */
#include "patchbay_abi.h"

static const char manifest[] =
    "{\"id\":\"broken-missing-fields\",\"name\":\"Broken\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Lacks auth and actions\"}";

static int32_t never_init(const pb_host_api *host, pb_plugin_api *out, char *error, size_t capacity) {
    (void)host; (void)out; (void)error; (void)capacity;
    return 1;
}

static const pb_plugin_descriptor info = {
    .struct_size = sizeof(pb_plugin_descriptor),
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = PB_ABI_MINOR,
    .plugin_id = "broken-missing-fields",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = never_init,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
