/* A plugin built against a future 1.3 header that uses nothing a 1.1 host lacks: its
 * descriptor and call table are longer than this header's, it declares abi_minor 3 and
 * min_host_abi_minor 1. The host must load it, reading only the fields it knows. It answers
 * ping with what the host advertised, and logs each pb_plugin_shutdown it receives. */
#include <stdio.h>
#include <string.h>
#include "patchbay_abi.h"

/* The future layouts: this header's structs with a field appended. */
typedef struct {
    pb_plugin_descriptor current;
    uint64_t future_field;
} descriptor_1_3;

typedef struct {
    pb_plugin_api current;
    void (*pb_plugin_future)(pb_plugin_context *);
} plugin_api_1_3;

static const char manifest[] =
    "{\"id\":\"abi-future\",\"name\":\"ABI 1.3 layout\",\"version\":\"1.0.0\",\"category\":\"developer\","
    "\"description\":\"Built with longer structs than the host knows\",\"auth\":{\"type\":\"none\"},"
    "\"actions\":[{\"name\":\"ping\",\"description\":\"Answers with the host's features\",\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}}]}";

static pb_host_api host;
static int shutdowns;

static void call(pb_plugin_context *ctx, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)ctx; (void)method; (void)method_len; (void)payload; (void)payload_len;
    char result[128];
    int length = snprintf(result, sizeof result, "{\"host_features\":%llu,\"host_message_version\":%u,\"host_minor\":%u}",
                          (unsigned long long)host.features, (unsigned)host.message_version, (unsigned)host.abi_minor);
    host.pb_host_complete(host.host_context, request_id, PB_STATUS_OK, (const uint8_t *)result, (size_t)length);
}

static void cancel(pb_plugin_context *ctx, uint64_t request_id) { (void)ctx; (void)request_id; }

static void shutdown(pb_plugin_context *ctx) {
    (void)ctx;
    char line[64];
    int length = snprintf(line, sizeof line, "abi-future shutdown %d", ++shutdowns);
    host.pb_host_log(host.host_context, 0, PB_LOG_INFO, (const uint8_t *)line, (size_t)length);
}

static void future(pb_plugin_context *ctx) { (void)ctx; }

static int32_t init(const pb_host_api *api, pb_plugin_api *out, char *error, size_t capacity) {
    /* Read the host's table by its declared size; fields it lacks stay zero. */
    if (api->struct_size < PB_HOST_API_SIZE_1_0) {
        snprintf(error, capacity, "host table of %u bytes", (unsigned)api->struct_size);
        return 1;
    }
    memset(&host, 0, sizeof host);
    memcpy(&host, api, api->struct_size < sizeof host ? api->struct_size : sizeof host);

    plugin_api_1_3 table = {
        .current = {.struct_size = sizeof(plugin_api_1_3), .plugin_context = NULL,
                    .pb_plugin_call = call, .pb_plugin_cancel = cancel, .pb_plugin_shutdown = shutdown},
        .pb_plugin_future = future,
    };
    /* Write no more than the host made room for (0: a 1.1 host, room for the 1.0 table). */
    size_t room = out->struct_size == 0 ? PB_PLUGIN_API_SIZE_1_0 : out->struct_size;
    if (room > sizeof table) room = sizeof table;
    table.current.struct_size = (uint32_t)room;
    memcpy(out, &table, room);
    return 0;
}

static const descriptor_1_3 info = {
    .current = {
        .struct_size = sizeof(descriptor_1_3),
        .abi_major = PB_ABI_MAJOR,
        .abi_minor = PB_ABI_MINOR + 1,
        .plugin_id = "abi-future",
        .plugin_version = "1.0.0",
        .manifest_json = (const uint8_t *)manifest,
        .manifest_len = sizeof(manifest) - 1,
        .init = init,
        .min_host_abi_minor = 1,
        .message_version = PB_MESSAGE_VERSION + 1,
    },
    .future_field = 0xFFFFFFFFFFFFFFFFull,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info.current; }
