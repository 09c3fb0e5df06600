/*
 * patchbay_abi.h: the only contract between the Patchbay host and a provider plugin.
 *
 * ABI version 1.1 (1.1 adds "payload_is_body" to parse_webhook events; see docs/abi.md).
 *
 * Naming says who implements what:
 *   pb_plugin_*  is implemented by the plugin and called by the host;
 *   pb_host_*    is implemented by the host and called by the plugin.
 *
 * Everything that crosses this boundary is a C scalar, a pointer to bytes with a
 * length, or one of the structs below. Messages are UTF-8 JSON; their shapes are
 * documented in docs/abi.md. No Swift (or C++, or Rust) type ever crosses.
 *
 * Memory rule, with no exceptions: whoever allocates a buffer frees it, and a buffer
 * passed to a function is borrowed for the duration of that call only. A receiver
 * that needs the bytes later copies them before returning. Nothing is ever freed
 * across the boundary, so host and plugin may use different allocators.
 *
 * Versioning (see docs/abi.md, "Versioning"):
 *   - a plugin is loaded only if its abi_major equals PB_ABI_MAJOR and its abi_minor
 *     is <= the host's PB_ABI_MINOR;
 *   - a minor bump only appends fields at the end of a struct or functions at the
 *     end of a table; a major bump may change anything;
 *   - both sides copy a struct by the struct_size it declares, so an older peer's
 *     shorter struct is read safely.
 *
 * The host loads a plugin with dlopen(RTLD_NOW | RTLD_LOCAL) and never dlcloses it.
 */
#ifndef PATCHBAY_ABI_H
#define PATCHBAY_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PB_ABI_MAJOR 1
#define PB_ABI_MINOR 1

/* The one symbol a plugin exports. */
#define PB_PLUGIN_INFO_SYMBOL "pb_plugin_info"

/* Outcome of a plugin call, passed to pb_host_complete. */
typedef enum pb_status {
    /* The call succeeded; the payload is the method's JSON result. */
    PB_STATUS_OK = 0,
    /* The call failed; the payload is a JSON error object:
     * {"code": "...", "message": "...", "retryable": bool, "upstream_status": int?, "field": "..."?} */
    PB_STATUS_ERROR = 1,
} pb_status;

/* Log levels for pb_host_log. */
typedef enum pb_log_level {
    PB_LOG_DEBUG = 0,
    PB_LOG_INFO = 1,
    PB_LOG_WARNING = 2,
    PB_LOG_ERROR = 3,
} pb_log_level;

/* Opaque handles. Each side only ever hands its own handle back to itself. */
typedef struct pb_host_context pb_host_context;
typedef struct pb_plugin_context pb_plugin_context;

/*
 * Called by the host when an HTTP request made through pb_host_http_request is done.
 * Exactly once per request, on any host thread.
 *   response_json / response_len: {"status": int, "headers": {name: value}, "body": "utf-8 text"}
 *     or, when no response was received, {"error": {"code": "...", "message": "..."}}.
 *     Owned by the host; valid only until this function returns.
 *   user_data: the pointer the plugin passed to pb_host_http_request, returned untouched.
 */
typedef void (*pb_plugin_http_done_fn)(void *user_data, const uint8_t *response_json, size_t response_len);

/*
 * The host services table. Filled by the host, passed to pb_plugin_init.
 * The table and host_context stay valid for the life of the process.
 * Fields are only ever appended; read fields past the first four only when struct_size
 * says they are present.
 */
typedef struct pb_host_api {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    pb_host_context *host_context;

    /*
     * Completes the call identified by request_id. Call it exactly once per
     * pb_plugin_call, from any thread, including after pb_plugin_cancel (with an error
     * such as {"code":"cancelled"}). A second completion, or one for an unknown or timed-out
     * request, is ignored by the host and logged.
     *   payload / payload_len: the JSON result or error; owned by the plugin, borrowed
     *   by the host until this function returns.
     */
    void (*pb_host_complete)(pb_host_context *host, uint64_t request_id, pb_status status,
                             const uint8_t *payload, size_t payload_len);

    /*
     * Asks the host to perform an HTTP request on behalf of the in-flight call request_id.
     * The host resolves the base URL, injects the connection's credentials, enforces the
     * manifest's allowed hosts and applies one deadline per attempt (connect, head and whole
     * body). It retries only when that cannot repeat a side effect: a 429 (never processed),
     * a 503 with Retry-After (not processed), or a 503 to GET, HEAD, OPTIONS, PUT or DELETE;
     * never a POST or PATCH answered 503 without Retry-After. The request is cancelled when
     * the call ends. The plugin never sees a token.
     *   request_json / request_len: {"method": "GET", "path": "/chat.postMessage" or an absolute
     *     URL, "query": {name: value}, "headers": {name: value}, "body": "utf-8 text"?}.
     *     Owned by the plugin, borrowed until this function returns.
     *   done: called exactly once with the response, possibly before this function returns.
     *   user_data: passed back to done untouched.
     */
    void (*pb_host_http_request)(pb_host_context *host, uint64_t request_id,
                                 const uint8_t *request_json, size_t request_len,
                                 pb_plugin_http_done_fn done, void *user_data);

    /*
     * Writes one line to the host log, tagged with the plugin id and, when request_id is
     * non-zero, the call. message is owned by the plugin, borrowed until this returns.
     * The host redacts known secrets, but a plugin should never log one.
     */
    void (*pb_host_log)(pb_host_context *host, uint64_t request_id, pb_log_level level,
                        const uint8_t *message, size_t message_len);

    /* Milliseconds since the Unix epoch, from the host's clock (tests may control it). */
    int64_t (*pb_host_clock_now_ms)(pb_host_context *host);
} pb_host_api;

/*
 * The plugin's call table, filled by pb_plugin_init. It and plugin_context must stay valid
 * for the life of the process (the host never unloads a plugin).
 */
typedef struct pb_plugin_api {
    uint32_t struct_size;
    pb_plugin_context *plugin_context;

    /*
     * Starts one call. Must not block: start the work and return; finish it later with
     * exactly one pb_host_complete(request_id, ...).
     *   request_id: unique and non-zero for the life of the process.
     *   method / method_len: one of "check", "invoke", "discover", "parse_webhook" (UTF-8,
     *     not NUL-terminated). Unknown methods complete with {"code":"unsupported_method"}.
     *   payload / payload_len: the method's JSON request (docs/abi.md).
     *   All buffers are owned by the host and borrowed until this function returns.
     */
    void (*pb_plugin_call)(pb_plugin_context *plugin, uint64_t request_id,
                           const uint8_t *method, size_t method_len,
                           const uint8_t *payload, size_t payload_len);

    /*
     * Asks the plugin to stop the call request_id early (the host timed out or the
     * caller went away). The plugin still completes it exactly once; the host
     * ignores a completion that arrives after it gave up.
     */
    void (*pb_plugin_cancel)(pb_plugin_context *plugin, uint64_t request_id);
} pb_plugin_api;

/*
 * Initializes the plugin. Called at most once, after the host accepted the descriptor.
 *   host: the host services table; valid for the life of the process.
 *   out_api: filled by the plugin; the host copies it (up to out_api->struct_size).
 * Returns 0 on success. On failure returns non-zero and may write a NUL-terminated
 * reason into error (at most error_capacity bytes, host-owned); the host then lists the
 * plugin as disabled with that reason.
 */
typedef int32_t (*pb_plugin_init_fn)(const pb_host_api *host, pb_plugin_api *out_api,
                                     char *error, size_t error_capacity);

/*
 * What a plugin says about itself before anything runs. Returned by pb_plugin_info.
 * The struct and everything it points to are owned by the plugin and must stay valid and
 * unchanged for the life of the process.
 */
typedef struct pb_plugin_descriptor {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    /* NUL-terminated; lowercase letters, digits, '-' and '_'. Must equal the manifest's "id". */
    const char *plugin_id;
    /* NUL-terminated semantic version of the plugin itself. */
    const char *plugin_version;
    /* The manifest as UTF-8 JSON (docs/abi.md). */
    const uint8_t *manifest_json;
    size_t manifest_len;
    /* Second phase; called only after the host has checked everything above. */
    pb_plugin_init_fn init;
} pb_plugin_descriptor;

/*
 * Exported by every plugin under the name PB_PLUGIN_INFO_SYMBOL. Must have no side effects:
 * the host may call it to inspect a plugin it then refuses.
 */
typedef const pb_plugin_descriptor *(*pb_plugin_info_fn)(void);

/* What a plugin written in C defines (the Swift SDK exports it for you). */
const pb_plugin_descriptor *pb_plugin_info(void);

#ifdef __cplusplus
}
#endif

#endif /* PATCHBAY_ABI_H */
