/* A plugin that accepts every call and never completes any, even when cancelled. The host
 * must time each call out, and the conformance harness must report it. It counts the calls it
 * has taken, so a test that loaded it into its own process can act once the host is waiting
 * on one: the host registers a call, deadline and all, before handing it to the plugin. */
#include "broken_plugin.h"

static uint64_t calls_taken;

/* Calls taken since the library was loaded; a test finds it with dlsym. */
__attribute__((visibility("default"))) uint64_t broken_hangs_calls_taken(void) {
    return __atomic_load_n(&calls_taken, __ATOMIC_SEQ_CST);
}

static const char manifest[] =
    "{\"id\":\"broken-hangs\",\"name\":\"Hangs\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Never completes, on purpose\",\"auth\":{\"type\":\"none\"},\"base_url\":\"http://127.0.0.1:9\","
    "\"actions\":[{\"name\":\"ping\",\"title\":\"Ping\",\"description\":\"Answers nothing, ever.\",\"timeout_ms\":200,"
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}}]}";

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)request_id; (void)method; (void)method_len; (void)payload; (void)payload_len;
    __atomic_fetch_add(&calls_taken, 1, __ATOMIC_SEQ_CST);
}

BROKEN_PLUGIN_SERVING("broken-hangs", "1.0.0", manifest, call)
