/* A plugin built for an ABI major the host does not speak. The host must refuse it. */
#include "broken_plugin.h"

static const char manifest[] = "{}";

static const pb_plugin_descriptor info = {
    .struct_size = sizeof(pb_plugin_descriptor),
    .abi_major = PB_ABI_MAJOR + 1,
    .abi_minor = 0,
    .plugin_id = "broken-wrong-major",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = broken_plugin_refuse,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
