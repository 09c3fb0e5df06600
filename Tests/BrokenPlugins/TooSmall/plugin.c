/* A plugin whose descriptor declares fewer bytes than ABI 1.0 has. The host must refuse it. */
#include "broken_plugin.h"

static const char manifest[] = "{}";

static const pb_plugin_descriptor info = {
    .struct_size = PB_PLUGIN_DESCRIPTOR_SIZE_1_0 - 8,
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = 0,
    .plugin_id = "broken-too-small",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = broken_plugin_refuse,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
