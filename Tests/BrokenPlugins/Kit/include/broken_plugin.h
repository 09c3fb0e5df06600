/* What the deliberately broken test plugins share, so each file holds only what is broken
 * about it: a descriptor for ABI 1.x as the host expects it, an init that refuses (for plugins
 * the host must refuse before init runs), an init that serves calls with a cancel that does
 * nothing, and completing a call with a JSON string. Linked into each plugin's library, which
 * keeps its own copy of the host's table. */
#ifndef BROKEN_PLUGIN_H
#define BROKEN_PLUGIN_H

#include "patchbay_abi.h"

/* The kit's symbols stay inside each plugin's library: only pb_plugin_info is exported. */
#define BROKEN_PLUGIN_INTERNAL __attribute__((visibility("hidden")))

/* The host's services table, kept by broken_plugin_serve. */
BROKEN_PLUGIN_INTERNAL extern pb_host_api broken_host;

/* A plugin's call entry point, as pb_plugin_api.pb_plugin_call takes it. */
typedef void (*broken_plugin_call_fn)(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method,
                                      size_t method_len, const uint8_t *payload, size_t payload_len);

/* An init that fails: the host must refuse the plugin before it gets this far. */
BROKEN_PLUGIN_INTERNAL int32_t broken_plugin_refuse(const pb_host_api *host, pb_plugin_api *out, char *error, size_t capacity);

/* What an init that serves does: keeps the host's table and fills in a 1.0 call table with
 * `call` and a cancel that does nothing (each of these plugins ignores cancellation). */
BROKEN_PLUGIN_INTERNAL int32_t broken_plugin_serve(const pb_host_api *host, pb_plugin_api *out, broken_plugin_call_fn call);

/* Completes call `request_id` with a NUL-terminated JSON payload. */
BROKEN_PLUGIN_INTERNAL void broken_plugin_complete(uint64_t request_id, pb_status status, const char *json);

/* The descriptor of a plugin for this host's ABI, and the pb_plugin_info that returns it.
 * MANIFEST must be a char array, whose size gives the manifest's length. */
#define BROKEN_PLUGIN_INFO(ID, VERSION, MANIFEST, INIT)                                   \
    static const pb_plugin_descriptor broken_plugin_descriptor = {                        \
        .struct_size = sizeof(pb_plugin_descriptor),                                      \
        .abi_major = PB_ABI_MAJOR,                                                        \
        .abi_minor = PB_ABI_MINOR,                                                        \
        .plugin_id = ID,                                                                  \
        .plugin_version = VERSION,                                                        \
        .manifest_json = (const uint8_t *)MANIFEST,                                       \
        .manifest_len = sizeof(MANIFEST) - 1,                                             \
        .init = INIT,                                                                     \
    };                                                                                    \
    const pb_plugin_descriptor *pb_plugin_info(void) { return &broken_plugin_descriptor; }

/* A plugin that loads and serves every call with CALL: its init and its descriptor. */
#define BROKEN_PLUGIN_SERVING(ID, VERSION, MANIFEST, CALL)                                                       \
    static int32_t broken_plugin_init(const pb_host_api *host, pb_plugin_api *out, char *error, size_t capacity) { \
        (void)error; (void)capacity;                                                                             \
        return broken_plugin_serve(host, out, CALL);                                                             \
    }                                                                                                            \
    BROKEN_PLUGIN_INFO(ID, VERSION, MANIFEST, broken_plugin_init)

#endif
