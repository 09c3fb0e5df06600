/* A plugin built against the 1.0 header, with the 1.0 structs written out by hand: its
 * descriptor and call table are shorter than the current header's. The host must read each by
 * the size it declares and treat the fields it lacks as absent. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "patchbay_abi.h"

/* The 1.0 layouts, as a plugin compiled against the 1.0 header saw them. */
typedef struct {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    const char *plugin_id;
    const char *plugin_version;
    const uint8_t *manifest_json;
    size_t manifest_len;
    pb_plugin_init_fn init;
} descriptor_1_0;

typedef struct {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    pb_host_context *host_context;
    void (*pb_host_complete)(pb_host_context *, uint64_t, int32_t, const uint8_t *, size_t);
    void *pb_host_http_request;
    void *pb_host_log;
    int64_t (*pb_host_clock_now_ms)(pb_host_context *);
} host_api_1_0;

typedef struct {
    uint32_t struct_size;
    pb_plugin_context *plugin_context;
    void (*pb_plugin_call)(pb_plugin_context *, uint64_t, const uint8_t *, size_t, const uint8_t *, size_t);
    void (*pb_plugin_cancel)(pb_plugin_context *, uint64_t);
} plugin_api_1_0;

static const char manifest[] =
    "{\"id\":\"abi-v10\",\"name\":\"ABI 1.0 layout\",\"version\":\"1.0.0\",\"category\":\"developer\","
    "\"description\":\"Built with the 1.0 structs\",\"auth\":{\"type\":\"none\"},"
    "\"actions\":[{\"name\":\"ping\",\"description\":\"Answers pong\",\"input_schema\":{\"type\":\"object\"},\"output_schema\":{\"type\":\"object\"}}]}";

static host_api_1_0 host;

static void call(pb_plugin_context *ctx, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)ctx; (void)method; (void)method_len; (void)payload; (void)payload_len;
    static const char pong[] = "{\"pong\":true,\"layout\":\"1.0\"}";
    host.pb_host_complete(host.host_context, request_id, PB_STATUS_OK, (const uint8_t *)pong, sizeof(pong) - 1);
}

static void cancel(pb_plugin_context *ctx, uint64_t request_id) { (void)ctx; (void)request_id; }

static int32_t init(const pb_host_api *api, pb_plugin_api *out, char *error, size_t capacity) {
    (void)error; (void)capacity;
    /* A 1.0 plugin copies the 1.0 part of the host's table and ignores the rest. */
    memcpy(&host, api, sizeof host);
    plugin_api_1_0 *table = (plugin_api_1_0 *)out;
    table->struct_size = sizeof(plugin_api_1_0);
    table->plugin_context = NULL;
    table->pb_plugin_call = call;
    table->pb_plugin_cancel = cancel;
    /* Past the declared size is not part of the table: scribble there to prove the host does
     * not read it (a stray pb_plugin_shutdown would crash the graceful stop). */
    memset((char *)out + sizeof(plugin_api_1_0), 0xAB, PB_PLUGIN_API_SIZE_1_2 - sizeof(plugin_api_1_0));
    return 0;
}

/* The descriptor ends exactly where an unreadable page begins, so a host that read it as the
 * longer current struct would crash rather than read neighbouring bytes by luck. */
const pb_plugin_descriptor *pb_plugin_info(void) {
    static descriptor_1_0 *placed;
    if (placed == NULL) {
        long page = sysconf(_SC_PAGESIZE);
        char *pages = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pages == MAP_FAILED) return NULL;
        mprotect(pages + page, (size_t)page, PROT_NONE);
        descriptor_1_0 *info = (descriptor_1_0 *)(pages + page - sizeof(descriptor_1_0));
        info->struct_size = sizeof(descriptor_1_0);
        info->abi_major = 1;
        info->abi_minor = 0;
        info->plugin_id = "abi-v10";
        info->plugin_version = "1.0.0";
        info->manifest_json = (const uint8_t *)manifest;
        info->manifest_len = sizeof(manifest) - 1;
        info->init = init;
        placed = info;
    }
    return (const pb_plugin_descriptor *)placed;
}
