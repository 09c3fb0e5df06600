/*
 * Uptime: a provider plugin written in plain C against patchbay_abi.h, with no SDK.
 *
 * It exists to show that the ABI is language-neutral, and as a worked example for authors
 * who cannot use the Swift SDK. One action, `check_path`, asks the host to GET a path on the
 * site the connection names and reports the status and the time it took. Everything the ABI
 * asks of a plugin is here: a side-effect-free info function, init that copies the host
 * table, calls that never block, exactly one completion per call (from the host's HTTP
 * callback thread), no credentials ever seen by the plugin.
 *
 * It also receives the alerts a site monitor sends as webhooks, signed with a scheme no
 * other provider uses: the manifest declares it as data (`webhooks.verification`), the host
 * verifies the signature, the timestamp and the delivery id, and `parse_webhook` only names
 * the event. No host code knows this scheme.
 *
 * JSON: the host sends small, well-formed JSON (docs/abi.md), so a tiny reader that can find
 * a member and read a string or an integer is enough; anything unexpected is an error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patchbay_abi.h"

#define MAX_PATH_LEN 512

static const char manifest[] =
    "{"
    "\"id\":\"uptime\","
    "\"name\":\"Uptime\","
    "\"version\":\"1.0.0\","
    "\"category\":\"monitoring\","
    "\"description\":\"Check that pages of a website answer, and how fast. An example plugin written in C.\","
    "\"auth\":{\"type\":\"none\"},"
    "\"base_url_config_field\":\"site_url\","
    "\"network_targets\":[{\"field\":\"config.site_url\",\"kind\":\"url\"}],"
    "\"config_schema\":{\"type\":\"object\",\"required\":[\"site_url\"],\"additionalProperties\":false,"
    "\"properties\":{\"site_url\":{\"type\":\"string\",\"pattern\":\"^https?://\","
    "\"description\":\"The site to check, e.g. https://www.example.com.\"}}},"
    "\"actions\":[{"
    "\"name\":\"check_path\",\"title\":\"Check a page\",\"important\":true,"
    "\"description\":\"GET a path on the connection's site and report the HTTP status and the response time.\","
    "\"input_schema\":{\"type\":\"object\",\"required\":[\"path\"],\"additionalProperties\":false,\"properties\":{"
    "\"path\":{\"type\":\"string\",\"pattern\":\"^/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$\",\"maxLength\":512,"
    "\"description\":\"Path on the site, starting with '/', e.g. /health.\"},"
    "\"expect_status\":{\"type\":\"integer\",\"minimum\":100,\"maximum\":599,"
    "\"description\":\"The status that counts as up. Default: any 2xx or 3xx.\"}}},"
    "\"examples\":[{\"description\":\"Is the health endpoint up?\",\"input\":{\"path\":\"/health\",\"expect_status\":200}}],"
    "\"output_schema\":{\"type\":\"object\",\"required\":[\"path\",\"status\",\"up\",\"elapsed_ms\"],\"properties\":{"
    "\"path\":{\"type\":\"string\",\"description\":\"The path checked.\"},"
    "\"status\":{\"type\":\"integer\",\"description\":\"The HTTP status the site answered.\"},"
    "\"up\":{\"type\":\"boolean\",\"description\":\"Whether the status is the expected one.\"},"
    "\"elapsed_ms\":{\"type\":\"integer\",\"description\":\"Milliseconds from asking the host to the answer.\"}}}"
    "}],"
    "\"packs\":[{\"id\":\"site-watch\",\"name\":\"Site watch\",\"description\":\"Check that a site's home page and health endpoint answer.\","
    "\"skills\":["
    "{\"name\":\"check_home_page\",\"action\":\"check_path\",\"description\":\"Check that the home page answers.\",\"presets\":{\"path\":\"/\"}},"
    "{\"name\":\"check_health\",\"action\":\"check_path\",\"description\":\"Check the health endpoint answers 200.\","
    "\"presets\":{\"path\":\"/health\",\"expect_status\":200}}"
    "]},"
    "{\"id\":\"page-checker\",\"name\":\"Page checker\",\"description\":\"Check any page of the site.\","
    "\"skills\":[{\"name\":\"check_page\",\"action\":\"check_path\",\"description\":\"Check that a page of the site answers.\"}]}"
    "],"
    /* The monitor's alerts: base64 HMAC-SHA256 with a hex key over "{id}:{timestamp}:{body}",
     * in "s1=" entries of one header (several while a key rotates), valid for two minutes. */
    "\"webhooks\":{\"scheme\":\"uptime_v1\",\"tolerance_seconds\":120,"
    "\"verification\":{\"algorithm\":\"hmac_sha256\",\"secret_encoding\":\"hex\",\"secret_source\":\"host\","
    "\"signature_header\":\"uptime-signature\",\"signature_separator\":\" \",\"signature_prefix\":\"s1=\","
    "\"signature_encoding\":\"base64\",\"signed_payload\":\"{id}:{timestamp}:{body}\","
    "\"timestamp_header\":\"uptime-timestamp\",\"id_header\":\"uptime-delivery\","
    "\"handshakes\":[{\"header\":\"uptime-event\",\"equals\":\"ping\"}]},"
    "\"test_vector\":{\"secret\":\"00112233445566778899aabbccddeeff\",\"body\":\"{\\\"status\\\":\\\"down\\\"}\","
    "\"headers\":{\"uptime-delivery\":\"d-42\",\"uptime-timestamp\":\"1700000000\","
    "\"uptime-signature\":\"s1=+S50+qDu87CkaUrbpzDMEdhKJC2Jwb0MRi96XkykZTM=\"}}}"
    "}";

/* Copied in init; the host keeps its table alive for the life of the process. */
static pb_host_api host;

/* One call in flight: allocated when the call starts, freed by its completion. */
typedef struct pending_check {
    uint64_t request_id;
    int64_t started_ms;
    long expect_status; /* 0: any 2xx or 3xx */
    int is_connection_check;
    char path[MAX_PATH_LEN + 1];
} pending_check;

/* MARK: A minimal JSON reader */

static const char *skip_ws(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    return p;
}

/* Returns the first byte after the value at p, or NULL if it is not well formed. */
static const char *skip_value(const char *p, const char *end) {
    p = skip_ws(p, end);
    if (p >= end) return NULL;
    if (*p == '"') {
        for (p++; p < end; p++) {
            if (*p == '\\') { p++; continue; }
            if (*p == '"') return p + 1;
        }
        return NULL;
    }
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = skip_ws(p + 1, end);
        if (p < end && *p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                p = skip_value(p, end); /* the member name */
                if (!p) return NULL;
                p = skip_ws(p, end);
                if (p >= end || *p != ':') return NULL;
                p++;
            }
            p = skip_value(p, end);
            if (!p) return NULL;
            p = skip_ws(p, end);
            if (p < end && *p == ',') { p++; continue; }
            if (p < end && *p == close) return p + 1;
            return NULL;
        }
    }
    while (p < end && (strchr("-+.0123456789eE", *p) || (*p >= 'a' && *p <= 'z'))) p++;
    return p;
}

/* In the object at p, the value of member `key` (a name without escapes), or NULL.
 * p may be NULL (a member that was not found), which finds nothing. */
static const char *member(const char *p, const char *end, const char *key) {
    if (!p) return NULL;
    size_t key_len = strlen(key);
    p = skip_ws(p, end);
    if (p >= end || *p != '{') return NULL;
    p = skip_ws(p + 1, end);
    while (p < end && *p == '"') {
        const char *name = p + 1;
        const char *after = skip_value(p, end);
        if (!after) return NULL;
        int match = (size_t)(after - 1 - name) == key_len && memcmp(name, key, key_len) == 0;
        p = skip_ws(after, end);
        if (p >= end || *p != ':') return NULL;
        p = skip_ws(p + 1, end);
        if (match) return p;
        p = skip_value(p, end);
        if (!p) return NULL;
        p = skip_ws(p, end);
        if (p < end && *p == ',') p = skip_ws(p + 1, end);
    }
    return NULL;
}

/* Reads a string without escapes (our inputs are restricted by their schema). */
static int read_plain_string(const char *p, const char *end, char *out, size_t capacity) {
    if (!p || p >= end || *p != '"') return 0;
    size_t n = 0;
    for (p++; p < end && *p != '"'; p++) {
        if (*p == '\\' || n + 1 >= capacity) return 0;
        out[n++] = *p;
    }
    if (p >= end) return 0;
    out[n] = '\0';
    return 1;
}

static int read_integer(const char *p, const char *end, long *out) {
    if (!p || p >= end) return 0;
    char digits[32];
    size_t n = 0;
    while (p < end && n + 1 < sizeof digits && (*p == '-' || (*p >= '0' && *p <= '9'))) digits[n++] = *p++;
    if (n == 0) return 0;
    digits[n] = '\0';
    *out = strtol(digits, NULL, 10);
    return 1;
}

/* MARK: Completion */

static void complete_error(uint64_t request_id, const char *code, const char *message) {
    char payload[512];
    int len = snprintf(payload, sizeof payload, "{\"code\":\"%s\",\"message\":\"%s\",\"retryable\":false}", code, message);
    host.pb_host_complete(host.host_context, request_id, PB_STATUS_ERROR, (const uint8_t *)payload, (size_t)len);
}

/* Called by the host exactly once per HTTP request, on one of its threads. */
static void on_response(void *user_data, const uint8_t *response_json, size_t response_len) {
    pending_check *check = user_data;
    const char *body = (const char *)response_json, *end = body + response_len;
    int64_t elapsed = host.pb_host_clock_now_ms(host.host_context) - check->started_ms;

    const char *error = member(body, end, "error");
    if (error && *error == '{') {
        char code[64] = PB_HTTP_ERROR_CONNECTION_FAILED;
        read_plain_string(member(error, end, PB_ERROR_KEY_CODE), end, code, sizeof code);
        char message[160];
        snprintf(message, sizeof message, "the site did not answer (%s)", code);
        complete_error(check->request_id, code, message);
        free(check);
        return;
    }
    long status = 0;
    if (!read_integer(member(body, end, "status"), end, &status)) {
        complete_error(check->request_id, PB_ERROR_PLUGIN_ERROR, "the host's response had no status");
        free(check);
        return;
    }
    int up = check->expect_status ? status == check->expect_status : (status >= 200 && status < 400);

    char payload[MAX_PATH_LEN + 256];
    int len;
    if (check->is_connection_check) {
        len = snprintf(payload, sizeof payload, "{\"message\":\"The site answered %ld in %lld ms\",\"ok\":true}",
                       status, (long long)elapsed);
    } else {
        len = snprintf(payload, sizeof payload, "{\"elapsed_ms\":%lld,\"path\":\"%s\",\"status\":%ld,\"up\":%s}",
                       (long long)elapsed, check->path, status, up ? "true" : "false");
    }
    host.pb_host_complete(host.host_context, check->request_id, PB_STATUS_OK, (const uint8_t *)payload, (size_t)len);
    free(check);
}

/* MARK: Webhooks */

static int is_name(const char *text) {
    if (!*text) return 0;
    for (const char *c = text; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == '-'))
            return 0;
    }
    return 1;
}

/* The host calls this only for a delivery it has verified. The header names the event, and the
 * body (JSON) is stored as it came; the host deduplicates on uptime-delivery itself. */
static void parse_webhook(uint64_t request_id, const char *payload, const char *end) {
    const char *headers = member(member(payload, end, "webhook"), end, "headers");
    char event[64], delivery[128];
    if (!read_plain_string(member(headers, end, "uptime-event"), end, event, sizeof event) || !is_name(event)) {
        complete_error(request_id, "invalid_webhook", "the uptime-event header is missing or not a name");
        return;
    }
    if (!read_plain_string(member(headers, end, "uptime-delivery"), end, delivery, sizeof delivery) || !is_name(delivery)) {
        complete_error(request_id, "invalid_webhook", "the uptime-delivery header is missing or not an id");
        return;
    }
    char events[384];
    int len = snprintf(events, sizeof events, "[{\"id\":\"%s\",\"type\":\"%s\",\"key\":\"uptime.%s\",\"payload_is_body\":true}]",
                       delivery, event, event);
    host.pb_host_complete(host.host_context, request_id, PB_STATUS_OK, (const uint8_t *)events, (size_t)len);
}

/* MARK: The plugin table */

static int path_is_safe(const char *path) {
    if (path[0] != '/') return 0;
    for (const char *c = path; *c; c++) {
        if (*c <= ' ' || *c == '"' || *c == '\\' || *c == '#' || (unsigned char)*c >= 0x7f) return 0;
    }
    return 1;
}

/* Whether the method bytes the host sent are the NUL-terminated name `name`. */
static int method_is(const uint8_t *method, size_t method_len, const char *name) {
    return method_len == strlen(name) && memcmp(method, name, method_len) == 0;
}

static void plugin_call(pb_plugin_context *plugin, uint64_t request_id, const uint8_t *method, size_t method_len,
                        const uint8_t *payload, size_t payload_len) {
    (void)plugin;
    const char *body = (const char *)payload, *end = body + payload_len;
    if (method_is(method, method_len, PB_METHOD_PARSE_WEBHOOK)) {
        parse_webhook(request_id, body, end);
        return;
    }
    int is_invoke = method_is(method, method_len, PB_METHOD_INVOKE);
    int is_check = method_is(method, method_len, PB_METHOD_CHECK);
    if (!is_invoke && !is_check) {
        complete_error(request_id, PB_ERROR_UNSUPPORTED_METHOD, "uptime supports check, invoke and parse_webhook");
        return;
    }

    pending_check *check = calloc(1, sizeof *check);
    if (!check) {
        complete_error(request_id, PB_ERROR_PLUGIN_ERROR, "out of memory");
        return;
    }
    check->request_id = request_id;
    check->is_connection_check = is_check;
    strcpy(check->path, "/");
    if (is_invoke) {
        /* The host has validated the input against the schema; check again rather than trust. */
        const char *input = member(body, end, PB_CALL_INPUT);
        if (!read_plain_string(member(input, end, "path"), end, check->path, sizeof check->path) || !path_is_safe(check->path)) {
            free(check);
            complete_error(request_id, PB_ERROR_INVALID_INPUT, "path must start with '/' and hold only URL characters");
            return;
        }
        const char *expect = member(input, end, "expect_status");
        if (expect && !read_integer(expect, end, &check->expect_status)) {
            free(check);
            complete_error(request_id, PB_ERROR_INVALID_INPUT, "expect_status must be an integer");
            return;
        }
    }

    char request[MAX_PATH_LEN + 64];
    int len = snprintf(request, sizeof request, "{\"method\":\"GET\",\"path\":\"%s\"}", check->path);
    check->started_ms = host.pb_host_clock_now_ms(host.host_context);
    /* `check` now belongs to on_response, which may run before this returns. */
    host.pb_host_http_request(host.host_context, request_id, (const uint8_t *)request, (size_t)len, on_response, check);
}

/* The host's HTTP request carries its own timeout and always calls on_response, which then
 * completes the call; the host ignores that completion if it already gave up. Nothing to do. */
static void plugin_cancel(pb_plugin_context *plugin, uint64_t request_id) {
    (void)plugin;
    (void)request_id;
}

static int32_t plugin_init(const pb_host_api *host_api, pb_plugin_api *out_api, char *error, size_t error_capacity) {
    /* Read the host's table by the size it declares: an older host's is shorter, and the
     * fields it lacks stay zero here. This plugin uses only 1.0 functions. */
    if (host_api->struct_size < PB_HOST_API_SIZE_1_0) {
        snprintf(error, error_capacity, "the host's table is %u bytes, smaller than ABI 1.0's", (unsigned)host_api->struct_size);
        return 1;
    }
    memcpy(&host, host_api, host_api->struct_size < sizeof host ? host_api->struct_size : sizeof host);
    /* Fill the call table, writing no more than the host made room for (0: an older host,
     * with room for the 1.0 table). Nothing to shut down, so no pb_plugin_shutdown. */
    pb_plugin_api table = {
        .struct_size = sizeof(pb_plugin_api),
        .plugin_context = NULL,
        .pb_plugin_call = plugin_call,
        .pb_plugin_cancel = plugin_cancel,
        .pb_plugin_shutdown = NULL,
    };
    size_t room = out_api->struct_size == 0 ? PB_PLUGIN_API_SIZE_1_0 : out_api->struct_size;
    if (room > sizeof table) room = sizeof table;
    table.struct_size = (uint32_t)room;
    memcpy(out_api, &table, room);
    return 0;
}

static const pb_plugin_descriptor descriptor = {
    .struct_size = sizeof(pb_plugin_descriptor),
    .abi_major = PB_ABI_MAJOR,
    .abi_minor = PB_ABI_MINOR,
    .plugin_id = "uptime",
    .plugin_version = "1.0.0",
    .manifest_json = (const uint8_t *)manifest,
    .manifest_len = sizeof(manifest) - 1,
    .init = plugin_init,
    /* Built with the 1.2 header, but it needs nothing newer than 1.0 of the host. */
    .min_host_abi_minor = 0,
    .message_version = PB_MESSAGE_VERSION,
};

const pb_plugin_descriptor *pb_plugin_info(void) { return &descriptor; }
