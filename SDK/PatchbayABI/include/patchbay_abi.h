/*
 * patchbay_abi.h: the only contract between the Patchbay host and a provider plugin.
 *
 * ABI version 1.2. History (docs/abi.md, "Versioning"):
 *   1.0  the descriptor, the two tables, JSON messages;
 *   1.1  "payload_is_body" on parse_webhook events (a JSON change only: no struct changed);
 *   1.2  pb_plugin_descriptor gains min_host_abi_minor and message_version; pb_host_api gains
 *        features and message_version; pb_plugin_api gains pb_plugin_shutdown; pb_status and
 *        pb_log_level become int32_t with named constants (same size and values as before);
 *        HTTP bodies that are not UTF-8 travel as "body_base64" (message version 2).
 *
 * Naming says who implements what:
 *   pb_plugin_*  is implemented by the plugin and called by the host;
 *   pb_host_*    is implemented by the host and called by the plugin.
 *
 * Everything that crosses this boundary is a C scalar, a pointer to bytes with a
 * length, or one of the structs below. Messages are UTF-8 JSON; their shapes are
 * documented in docs/abi.md and versioned on their own (PB_MESSAGE_VERSION). No Swift
 * (or C++, or Rust) type ever crosses.
 *
 * Ownership, with no exceptions: whoever allocates a buffer frees it, and a buffer
 * passed to a function is borrowed for the duration of that call only. A receiver
 * that needs the bytes later copies them before returning. Nothing is ever freed
 * across the boundary, so host and plugin may use different allocators. Each type and
 * function below says who owns what it points to, and for how long.
 *
 * Versioning:
 *   - a plugin is loaded if its abi_major equals PB_ABI_MAJOR and the host's minor is at
 *     least the plugin's min_host_abi_minor (for a descriptor older than 1.2, which has no
 *     such field, its abi_minor). A plugin built with a newer header that uses nothing new
 *     declares an older min_host_abi_minor and loads on an older host;
 *   - a minor bump only appends fields at the end of a struct or functions at the end of a
 *     table; a major bump may change anything;
 *   - every struct starts with uint32_t struct_size. The reader copies
 *     min(struct_size, its own sizeof) bytes, zeroes the rest, and refuses only a struct
 *     smaller than its 1.0 size (PB_*_SIZE_1_0 below). So an older peer's shorter struct
 *     reads as the new one with the newer fields zero (absent), and a newer peer's longer
 *     struct reads as far as this side knows;
 *   - what a host can do beyond its minor is advertised in pb_host_api.features.
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
#define PB_ABI_MINOR 2

/*
 * The version of the JSON message shapes (docs/abi.md, sections 5 and 6), separate from the
 * binary ABI: a new optional key bumps it without touching a struct.
 *   1  the shapes of ABI 1.0 and 1.1;
 *   2  HTTP request and response bodies that are not UTF-8 as "body_base64".
 */
#define PB_MESSAGE_VERSION 2

/* The one symbol a plugin exports. */
#define PB_PLUGIN_INFO_SYMBOL "pb_plugin_info"

/*
 * Each struct's size in every version, frozen: a reader refuses a struct smaller than its
 * 1.0 size and reads the fields a shorter (older) struct lacks as zero. Sizes are for the
 * 64-bit platforms Patchbay runs on; abi_header_check.c asserts each against the layout.
 */
#if UINTPTR_MAX != 0xFFFFFFFFFFFFFFFFu
#error "the Patchbay ABI is defined for 64-bit platforms"
#endif
#define PB_PLUGIN_DESCRIPTOR_SIZE_1_0 48u
#define PB_PLUGIN_DESCRIPTOR_SIZE_1_2 56u
#define PB_HOST_API_SIZE_1_0 48u
#define PB_HOST_API_SIZE_1_2 64u
#define PB_PLUGIN_API_SIZE_1_0 32u
#define PB_PLUGIN_API_SIZE_1_2 40u

/*
 * Outcome of a plugin call, passed to pb_host_complete. A plain int32_t rather than a C enum,
 * so bindings in any language agree on its size and on values they do not know.
 */
typedef int32_t pb_status;
/* The call succeeded; the payload is the method's JSON result. */
#define PB_STATUS_OK 0
/* The call failed; the payload is a JSON error object:
 * {"code": "...", "message": "...", "retryable": bool, "upstream_status": int?, "field": "..."?}
 * The host treats every status other than PB_STATUS_OK as an error. */
#define PB_STATUS_ERROR 1

/* Log levels for pb_host_log; the host logs a value it does not know as PB_LOG_ERROR. */
typedef int32_t pb_log_level;
#define PB_LOG_DEBUG 0
#define PB_LOG_INFO 1
#define PB_LOG_WARNING 2
#define PB_LOG_ERROR 3

/*
 * Bits of pb_host_api.features: what this host does beyond the 1.0 contract. A plugin may
 * check a bit before relying on it; bits it does not know mean nothing to it.
 */
/* The host calls pb_plugin_shutdown on a graceful stop (1.2). */
#define PB_HOST_FEATURE_SHUTDOWN 0x1u
/* The host reads "body_base64" in HTTP requests and writes it in responses whose body is not
 * UTF-8, to a plugin whose message_version is at least 2 (1.2). */
#define PB_HOST_FEATURE_BINARY_BODIES 0x2u

/*
 * The methods pb_plugin_call receives, as the bytes of its `method` argument. A method this
 * header does not name may come from a newer host: complete it with PB_ERROR_UNSUPPORTED_METHOD.
 */
#define PB_METHOD_CHECK "check"
#define PB_METHOD_INVOKE "invoke"
#define PB_METHOD_DISCOVER "discover"
#define PB_METHOD_PARSE_WEBHOOK "parse_webhook"

/*
 * The members of every call's JSON payload (docs/schemas/plugin-call.schema.json). Each method
 * reads the ones it needs; a member may be absent, and one this header does not name is ignored.
 */
#define PB_CALL_ACTION "action"                       /* invoke: the action's id */
#define PB_CALL_INPUT "input"                         /* invoke: the input, checked against the action's input schema */
#define PB_CALL_CONFIG "config"                       /* the connection's non-secret config */
#define PB_CALL_CREDENTIALS "credentials"             /* only for auth type "plugin", for this call only */
#define PB_CALL_WEBHOOK "webhook"                     /* parse_webhook: the verified inbound request */
#define PB_CALL_CHECKED_ADDRESSES "checked_addresses" /* network targets: field -> address the host checked */
#define PB_CALL_CONNECTION_ID "connection_id"         /* the Patchbay connection, when there is one */

/*
 * The members of the JSON error a call completes with under PB_STATUS_ERROR, and of the
 * "error" member of an HTTP response the host could not get (docs/schemas/plugin-error.schema.json).
 */
#define PB_ERROR_KEY_CODE "code"                       /* required: machine-readable */
#define PB_ERROR_KEY_MESSAGE "message"                 /* required: for a person; never a secret */
#define PB_ERROR_KEY_RETRYABLE "retryable"             /* whether the same call may succeed later */
#define PB_ERROR_KEY_UPSTREAM_STATUS "upstream_status" /* the provider's HTTP status, when it gave one */
#define PB_ERROR_KEY_FIELD "field"                     /* the input field at fault, as a dotted path */
#define PB_ERROR_KEY_DETAILS "details"                 /* any extra structured detail */

/*
 * Error codes a plugin completes with that the host gives a meaning to. Any other code is the
 * provider's own refusal (`channel_not_found`): the API answers it 422, or 502 and 429 from
 * upstream_status 5xx and 429.
 */
#define PB_ERROR_INVALID_INPUT "invalid_input"                         /* the caller's input is wrong: 400 */
#define PB_ERROR_RATE_LIMITED "rate_limited"                           /* the provider throttled: 429 */
#define PB_ERROR_UNSUPPORTED_METHOD "unsupported_method"               /* a method this plugin does not implement */
#define PB_ERROR_INVALID_CALL "invalid_call"                           /* a payload the plugin cannot read */
#define PB_ERROR_UPSTREAM_INVALID_RESPONSE "upstream_invalid_response" /* the provider's reply could not be read */
#define PB_ERROR_CANCELLED "cancelled"                                 /* completing a call after pb_plugin_cancel */
#define PB_ERROR_PLUGIN_ERROR "plugin_error"                           /* anything else that broke inside the plugin */

/*
 * Error codes the host puts in the "error" of an HTTP response it could not get. Retrying
 * the call is the caller's decision: the host already retried what was safe to retry.
 */
#define PB_HTTP_ERROR_CONNECTION_FAILED "connection_failed"       /* no connection to the provider (retryable) */
#define PB_HTTP_ERROR_UPSTREAM_TIMEOUT "upstream_timeout"         /* no whole response within the deadline */
#define PB_HTTP_ERROR_HOST_NOT_ALLOWED "host_not_allowed"         /* outside the manifest's allowed hosts */
#define PB_HTTP_ERROR_EGRESS_REFUSED "egress_refused"             /* the operator's egress policy forbids the address */
#define PB_HTTP_ERROR_EGRESS_QUEUE_TIMEOUT "egress_queue_timeout" /* this host's connections to the provider stayed busy */
#define PB_HTTP_ERROR_RESPONSE_TOO_LARGE "response_too_large"     /* the response exceeded the host's limit */
#define PB_HTTP_ERROR_RATE_LIMITED "rate_limited"                 /* the host's rate budget for the provider is spent */
#define PB_HTTP_ERROR_CANCELLED "cancelled"                       /* the call ended before the provider answered */
#define PB_HTTP_ERROR_INVALID_REQUEST "invalid_request"           /* the request message or its URL is not valid */
#define PB_HTTP_ERROR_EGRESS_UNAVAILABLE "egress_unavailable"     /* this call may not make HTTP requests */
#define PB_HTTP_ERROR_HOST_ERROR "host_error"                     /* the host failed on its side */

/*
 * Opaque handles. Each side only ever hands its own handle back to itself. The host's
 * pb_host_context is owned by the host and valid for the life of the process; the plugin's
 * pb_plugin_context is owned by the plugin and must be valid for the life of the process.
 */
typedef struct pb_host_context pb_host_context;
typedef struct pb_plugin_context pb_plugin_context;

/*
 * Called by the host when an HTTP request made through pb_host_http_request is done.
 * Exactly once per request, on any host thread, possibly before pb_host_http_request returns.
 *   response_json / response_len: {"status": int, "headers": {name: value}, "body": "utf-8 text"}
 *     (with message version 2, a body that is not UTF-8 comes as "body_base64": "..." instead
 *     of "body"), or, when no response was received, {"error": {"code": "...", "message": "..."}}.
 *     Owned by the host; valid only until this function returns.
 *   user_data: the pointer the plugin passed to pb_host_http_request, returned untouched;
 *     owned by the plugin, which frees it here (this is the only call that will come).
 */
typedef void (*pb_plugin_http_done_fn)(void *user_data, const uint8_t *response_json, size_t response_len);

/*
 * The host services table. Filled by the host, passed to pb_plugin_init.
 * Owned by the host: the table and host_context stay valid, unchanged, for the life of the
 * process, so a plugin may keep the pointer. Read a field past the 1.0 ones only when
 * struct_size covers it (a 1.0 or 1.1 host's table is PB_HOST_API_SIZE_1_0 bytes), or copy
 * min(struct_size, sizeof(pb_host_api)) bytes into a zeroed table and read that.
 */
typedef struct pb_host_api {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;
    pb_host_context *host_context;

    /*
     * Completes the call identified by request_id. Call it exactly once per
     * pb_plugin_call, from any thread, including after pb_plugin_cancel (with an error
     * such as {"code":"cancelled"}). A second completion, or one for an unknown, timed-out
     * or cancelled request, is ignored by the host and logged.
     *   status: PB_STATUS_OK or PB_STATUS_ERROR.
     *   payload / payload_len: the JSON result or error; owned by the plugin, borrowed
     *   by the host until this function returns.
     */
    void (*pb_host_complete)(pb_host_context *host, uint64_t request_id, pb_status status,
                             const uint8_t *payload, size_t payload_len);

    /*
     * Asks the host to perform an HTTP request on behalf of the in-flight call request_id.
     * The host resolves the base URL, injects the connection's credentials, enforces the
     * manifest's allowed hosts and applies one deadline per attempt (connect, head and whole
     * body). It retries, at most twice, only when that cannot repeat a side effect: a 429
     * (never processed), a 503 with Retry-After (not processed), or a 503 to GET, HEAD,
     * OPTIONS, PUT or DELETE; never a POST or PATCH answered 503 without Retry-After, never a
     * timeout or a failed connection. It waits a numeric Retry-After, else 0.5 s then 1 s; a
     * wait over 10 s is not taken, and the 429 or 503 reaches the plugin as a response. The
     * request is cancelled when the call ends (done still runs, with {"code":"cancelled"}).
     * The plugin never sees a token.
     *   request_json / request_len: {"method": "GET", "path": "/chat.postMessage" or an absolute
     *     URL, "query": {name: value}, "headers": {name: value}, "body": "utf-8 text"?} or,
     *     for bytes that are not UTF-8, "body_base64": "..." instead of "body".
     *     Owned by the plugin, borrowed until this function returns.
     *   done: called exactly once with the response, possibly before this function returns.
     *   user_data: owned by the plugin; passed back to done untouched.
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

    /*
     * Milliseconds since the Unix epoch. Prefer it to the system clock, so that a host able
     * to control time in tests controls the plugin's too. This host returns its own clock's
     * wall time: the clock its egress retries, backoff and deadlines, its webhook leases and
     * retry schedule and every plugin call's deadline run on, which its tests move by hand.
     * A plugin run in a worker process (--isolate) reads the machine's wall clock.
     */
    int64_t (*pb_host_clock_now_ms)(pb_host_context *host);

    /* ---- 1.2 ---- */

    /* PB_HOST_FEATURE_* bits: what this host does beyond the 1.0 contract. */
    uint64_t features;
    /* The highest PB_MESSAGE_VERSION this host reads and writes. */
    uint32_t message_version;
} pb_host_api;

/*
 * The plugin's call table, filled by pb_plugin_init into a zeroed table the host owns.
 * On entry struct_size holds how many bytes the host made room for (0 from a 1.0 or 1.1
 * host, which made room for PB_PLUGIN_API_SIZE_1_0); the plugin writes at most that many
 * and sets struct_size to the size of what it filled. The host copies it before init
 * returns. The functions and plugin_context must stay valid for the life of the process
 * (the host never unloads a plugin).
 */
typedef struct pb_plugin_api {
    uint32_t struct_size;
    pb_plugin_context *plugin_context;

    /*
     * Starts one call. Must not block: start the work and return; finish it later with
     * exactly one pb_host_complete(request_id, ...). The host registers the call before
     * calling this, so completing it before returning is fine.
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
     * caller went away). At most once per call, on any host thread, and possibly while
     * pb_plugin_call for the same request_id is still running on another thread: the call
     * may not have started its work yet, so remember the cancellation for it. The plugin
     * still completes it exactly once; the host has already answered its caller and
     * ignores that completion.
     */
    void (*pb_plugin_cancel)(pb_plugin_context *plugin, uint64_t request_id);

    /* ---- 1.2 ---- */

    /*
     * Called once when the host stops gracefully (in a worker process, when the host ends
     * the worker), after the host stopped starting calls: flush, close pools, end threads.
     * The host has already answered any call still in flight and ignores its completion;
     * it does not cancel them one by one, so stop them here. May block: the host waits for
     * it on a thread of its own for a bounded time (10 s), then goes on stopping. No
     * pb_plugin_call follows; pb_host_log may still be used until it returns. Optional:
     * NULL means nothing to do. Never called after a crash.
     */
    void (*pb_plugin_shutdown)(pb_plugin_context *plugin);
} pb_plugin_api;

/*
 * Initializes the plugin. Called at most once per process, after the host accepted the
 * descriptor.
 *   host: the host services table; owned by the host, valid for the life of the process.
 *   out_api: owned by the host; filled by the plugin as pb_plugin_api says.
 *   error / error_capacity: owned by the host, valid until init returns.
 * Returns 0 on success. On failure returns non-zero and may write a NUL-terminated
 * reason into error (at most error_capacity bytes); the host then lists the plugin as
 * disabled with that reason.
 */
typedef int32_t (*pb_plugin_init_fn)(const pb_host_api *host, pb_plugin_api *out_api,
                                     char *error, size_t error_capacity);

/*
 * What a plugin says about itself before anything runs. Returned by pb_plugin_info.
 * The struct and everything it points to are owned by the plugin and must stay valid and
 * unchanged for the life of the process.
 */
typedef struct pb_plugin_descriptor {
    /* sizeof(pb_plugin_descriptor) as the plugin was compiled. */
    uint32_t struct_size;
    /* The header the plugin was built with: PB_ABI_MAJOR and PB_ABI_MINOR. */
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

    /* ---- 1.2 ---- */

    /*
     * The oldest host ABI minor this plugin works with: the minor that introduced the newest
     * thing it relies on (a struct field it reads, a function it calls, a JSON key whose
     * meaning it needs). 0 when it needs nothing beyond 1.0. Lower than abi_minor means the
     * plugin checks for newer things (struct_size, features) before using them.
     */
    uint32_t min_host_abi_minor;
    /* The PB_MESSAGE_VERSION the plugin reads and writes (0 reads as 1). */
    uint32_t message_version;
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
