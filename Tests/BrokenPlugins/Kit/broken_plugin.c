#include <string.h>

#include "broken_plugin.h"

pb_host_api broken_host;

int32_t broken_plugin_refuse(const pb_host_api *host, pb_plugin_api *out, char *error, size_t capacity) {
    (void)host; (void)out; (void)error; (void)capacity;
    return 1;
}

static void ignore_cancel(pb_plugin_context *plugin, uint64_t request_id) {
    (void)plugin; (void)request_id;
}

int32_t broken_plugin_serve(const pb_host_api *host, pb_plugin_api *out, broken_plugin_call_fn call) {
    broken_host = *host;
    out->struct_size = sizeof(pb_plugin_api);
    out->plugin_context = 0;
    out->pb_plugin_call = call;
    out->pb_plugin_cancel = ignore_cancel;
    return 0;
}

void broken_plugin_complete(uint64_t request_id, pb_status status, const char *json) {
    broken_host.pb_host_complete(broken_host.host_context, request_id, status, (const uint8_t *)json, strlen(json));
}
