/* A plugin that crashes the process it runs in on the action "crash" (a NULL write), and
 * answers "ping" normally after printing to stdout and its payload to stderr. Loaded in a worker process, the host
 * must contain the crash, report it, restart the worker, and keep the protocol stream clean. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "broken_plugin.h"

static const char manifest[] =
    "{\"id\":\"broken-crashes\",\"name\":\"Crashes\",\"version\":\"1.0.0\",\"category\":\"test\","
    "\"description\":\"Crashes on demand, on purpose\",\"auth\":{\"type\":\"none\"},\"base_url\":\"http://127.0.0.1:9\","
    "\"actions\":["
    "{\"name\":\"ping\",\"title\":\"Ping\",\"description\":\"Answers pong.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}},"
    "{\"name\":\"crash\",\"title\":\"Crash\",\"description\":\"Writes through a NULL pointer.\","
    "\"input_schema\":{\"type\":\"object\",\"properties\":{}},\"output_schema\":{\"type\":\"object\"}}"
    "]}";

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
    broken_plugin_complete(request_id, PB_STATUS_OK, "{\"pong\":true}");
}

BROKEN_PLUGIN_SERVING("broken-crashes", "1.0.0", manifest, call)
