/* A plugin whose descriptor declares fewer bytes than ABI 1.0 has. The host must refuse it. */
#include "patchbay_abi.h"

static const char manifest[] = "{}";

static int32_t never_init(const pb_host_api *host, pb_plugin_api *out, char *error, size_t capacity) {
    (void)host; (void)out; (void)error; (void)capacity;
    return 1;
}

static const pb_plugin_descriptor info = {
    .struct_size = PB_PLUGIN_DESCRIPTOR_SIZE_1_0 - 8,
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = 0,
    .plugin_id = "broken-too-small",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = never_init,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
