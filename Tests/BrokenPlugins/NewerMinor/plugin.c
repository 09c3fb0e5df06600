/* A plugin that needs a newer host than this one: it relies on something the next minor adds
 * (min_host_abi_minor is past the host's minor). The host must refuse it. A plugin merely
 * built with a newer header, needing nothing new, loads (see Tests/ABIPlugins/FutureLayout). */
#include "broken_plugin.h"

static const char manifest[] = "{}";

static const pb_plugin_descriptor info = {
    .struct_size = sizeof(pb_plugin_descriptor),
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = PB_ABI_MINOR + 1,
    .plugin_id = "broken-newer-minor",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = broken_plugin_refuse,
    .min_host_abi_minor = PB_ABI_MINOR + 1,
    .message_version = PB_MESSAGE_VERSION,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
