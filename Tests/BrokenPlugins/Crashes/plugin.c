/* A plugin that crashes the process it runs in on the action "crash" (a NULL write), and
 * answers "ping" normally after printing to stdout and its payload to stderr. Loaded in a worker process, the host
 * must contain the crash, report it, restart the worker, and keep the protocol stream clean. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "patchbay_abi.h"

static const char manifest[] =
    "{\"id\":\"broken-crashes\",\"name\":\"Crashes\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Crashes on demand, on purpose\",\"auth\":{\"type\":\"none\"},\"base_url\":\"http://127.0.0.1:9\","
    "\"actions\":["
    "{\"name\":\"ping\",\"title\":\"Ping\",\"description\":\"Answers pong.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}},"
    "{\"name\":\"crash\",\"title\":\"Crash\",\"description\":\"Writes through a NULL pointer.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}}"
    "]}";

static pb_host_api host;

static void call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                 const uint8_t *payload, size_t payload_len) {
    (void)plugin; (void)method; (void)method_len;
    if (memmem(payload, payload_len, "\"action\":\"crash\"", 16) != NULL) {
        volatile int *nowhere = NULL;
        *nowhere = 1;
    }
    /* Noise on stdout, which a worker must keep out of its protocol stream, and the whole
     * payload on stderr, credentials included, as a careless plugin might: the host masks them. */
    printf("ping %llu\n", (unsigned long long)request_id);
    fflush(stdout);
    fprintf(stderr, "payload %.*s\n", (int)payload_len, (const char *)payload);
    static const char pong[] = "{\"pong\":true}";
    host.pb_host_complete(host.host_context, request_id, PB_STATUS_OK, (const uint8_t *)pong, sizeof(pong) - 1);
}

static void cancel(pb_plugin_context *plugin, uint64_t request_id) {
    (void)plugin; (void)request_id;
}

static int32_t init(const pb_host_api *host_api, pb_plugin_api *out, char *error, size_t capacity) {
    (void)error; (void)capacity;
    host = *host_api;
    out->struct_size = sizeof(pb_plugin_api);
    out->plugin_context = 0;
    out->pb_plugin_call = call;
    out->pb_plugin_cancel = cancel;
    return 0;
}

static const pb_plugin_descriptor info = {
    .struct_size = sizeof(pb_plugin_descriptor),
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = PB_ABI_MINOR,
    .plugin_id = "broken-crashes",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = init,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &info; }
