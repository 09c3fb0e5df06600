//! The declarations of `SDK/PatchbayABI/include/patchbay_abi.h`, by hand: std only, no bindgen
//! and no `libc` crate. Every function pointer is an `Option`, so a table that is all zeroes,
//! or one from an older peer with fewer fields, is a valid value here.

// The whole header is declared, so a plugin built on this file can use any of it; this
// example uses part.
#![allow(dead_code)]

use std::os::raw::{c_char, c_void};

pub const PB_ABI_MAJOR: u16 = 1;
pub const PB_ABI_MINOR: u16 = 2;
pub const PB_MESSAGE_VERSION: u32 = 2;

pub const PB_PLUGIN_DESCRIPTOR_SIZE_1_0: u32 = 48;
pub const PB_PLUGIN_DESCRIPTOR_SIZE_1_2: u32 = 56;
pub const PB_HOST_API_SIZE_1_0: u32 = 48;
pub const PB_HOST_API_SIZE_1_2: u32 = 64;
pub const PB_PLUGIN_API_SIZE_1_0: u32 = 32;
pub const PB_PLUGIN_API_SIZE_1_2: u32 = 40;

pub type PbStatus = i32;
pub const PB_STATUS_OK: PbStatus = 0;
pub const PB_STATUS_ERROR: PbStatus = 1;

pub type PbLogLevel = i32;
pub const PB_LOG_DEBUG: PbLogLevel = 0;
pub const PB_LOG_INFO: PbLogLevel = 1;
pub const PB_LOG_WARNING: PbLogLevel = 2;
pub const PB_LOG_ERROR: PbLogLevel = 3;

pub const PB_HOST_FEATURE_SHUTDOWN: u64 = 0x1;
pub const PB_HOST_FEATURE_BINARY_BODIES: u64 = 0x2;

/// The methods `pb_plugin_call` receives.
pub const PB_METHOD_CHECK: &str = "check";
pub const PB_METHOD_INVOKE: &str = "invoke";
pub const PB_METHOD_DISCOVER: &str = "discover";
pub const PB_METHOD_PARSE_WEBHOOK: &str = "parse_webhook";

/// The members of every call's JSON payload.
pub const PB_CALL_ACTION: &str = "action";
pub const PB_CALL_INPUT: &str = "input";
pub const PB_CALL_CONFIG: &str = "config";
pub const PB_CALL_CREDENTIALS: &str = "credentials";
pub const PB_CALL_WEBHOOK: &str = "webhook";
pub const PB_CALL_CHECKED_ADDRESSES: &str = "checked_addresses";
pub const PB_CALL_CONNECTION_ID: &str = "connection_id";

/// The members of a JSON error.
pub const PB_ERROR_KEY_CODE: &str = "code";
pub const PB_ERROR_KEY_MESSAGE: &str = "message";
pub const PB_ERROR_KEY_RETRYABLE: &str = "retryable";
pub const PB_ERROR_KEY_UPSTREAM_STATUS: &str = "upstream_status";
pub const PB_ERROR_KEY_FIELD: &str = "field";
pub const PB_ERROR_KEY_DETAILS: &str = "details";

/// Error codes a plugin completes with that the host gives a meaning to.
pub const PB_ERROR_INVALID_INPUT: &str = "invalid_input";
pub const PB_ERROR_RATE_LIMITED: &str = "rate_limited";
pub const PB_ERROR_UNSUPPORTED_METHOD: &str = "unsupported_method";
pub const PB_ERROR_INVALID_CALL: &str = "invalid_call";
pub const PB_ERROR_UPSTREAM_INVALID_RESPONSE: &str = "upstream_invalid_response";
pub const PB_ERROR_CANCELLED: &str = "cancelled";
pub const PB_ERROR_PLUGIN_ERROR: &str = "plugin_error";

/// Error codes in the "error" of an HTTP response the host could not get.
pub const PB_HTTP_ERROR_CONNECTION_FAILED: &str = "connection_failed";
pub const PB_HTTP_ERROR_UPSTREAM_TIMEOUT: &str = "upstream_timeout";
pub const PB_HTTP_ERROR_HOST_NOT_ALLOWED: &str = "host_not_allowed";
pub const PB_HTTP_ERROR_EGRESS_REFUSED: &str = "egress_refused";
pub const PB_HTTP_ERROR_EGRESS_QUEUE_TIMEOUT: &str = "egress_queue_timeout";
pub const PB_HTTP_ERROR_RESPONSE_TOO_LARGE: &str = "response_too_large";
pub const PB_HTTP_ERROR_RATE_LIMITED: &str = "rate_limited";
pub const PB_HTTP_ERROR_CANCELLED: &str = "cancelled";
pub const PB_HTTP_ERROR_INVALID_REQUEST: &str = "invalid_request";
pub const PB_HTTP_ERROR_EGRESS_UNAVAILABLE: &str = "egress_unavailable";
pub const PB_HTTP_ERROR_HOST_ERROR: &str = "host_error";

/// Opaque: only the host reads it.
#[repr(C)]
pub struct PbHostContext {
    _private: [u8; 0],
}

/// Opaque to the host: the plugin's own state, handed back on every call.
#[repr(C)]
pub struct PbPluginContext {
    _private: [u8; 0],
}

pub type PbPluginHttpDoneFn = extern "C" fn(user_data: *mut c_void, response_json: *const u8, response_len: usize);

#[repr(C)]
#[derive(Clone, Copy)]
pub struct PbHostApi {
    pub struct_size: u32,
    pub abi_major: u16,
    pub abi_minor: u16,
    pub host_context: *mut PbHostContext,
    pub pb_host_complete:
        Option<extern "C" fn(host: *mut PbHostContext, request_id: u64, status: PbStatus, payload: *const u8, payload_len: usize)>,
    pub pb_host_http_request: Option<
        extern "C" fn(
            host: *mut PbHostContext,
            request_id: u64,
            request_json: *const u8,
            request_len: usize,
            done: PbPluginHttpDoneFn,
            user_data: *mut c_void,
        ),
    >,
    pub pb_host_log:
        Option<extern "C" fn(host: *mut PbHostContext, request_id: u64, level: PbLogLevel, message: *const u8, message_len: usize)>,
    pub pb_host_clock_now_ms: Option<extern "C" fn(host: *mut PbHostContext) -> i64>,
    // 1.2
    pub features: u64,
    pub message_version: u32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct PbPluginApi {
    pub struct_size: u32,
    pub plugin_context: *mut PbPluginContext,
    pub pb_plugin_call: Option<
        extern "C" fn(
            plugin: *mut PbPluginContext,
            request_id: u64,
            method: *const u8,
            method_len: usize,
            payload: *const u8,
            payload_len: usize,
        ),
    >,
    pub pb_plugin_cancel: Option<extern "C" fn(plugin: *mut PbPluginContext, request_id: u64)>,
    // 1.2
    pub pb_plugin_shutdown: Option<extern "C" fn(plugin: *mut PbPluginContext)>,
}

pub type PbPluginInitFn =
    extern "C" fn(host: *const PbHostApi, out_api: *mut PbPluginApi, error: *mut c_char, error_capacity: usize) -> i32;

#[repr(C)]
pub struct PbPluginDescriptor {
    pub struct_size: u32,
    pub abi_major: u16,
    pub abi_minor: u16,
    pub plugin_id: *const c_char,
    pub plugin_version: *const c_char,
    pub manifest_json: *const u8,
    pub manifest_len: usize,
    pub init: Option<PbPluginInitFn>,
    // 1.2
    pub min_host_abi_minor: u32,
    pub message_version: u32,
}

// The header's frozen sizes, checked against these layouts when the crate compiles.
const _: () = assert!(std::mem::size_of::<PbHostApi>() == PB_HOST_API_SIZE_1_2 as usize);
const _: () = assert!(std::mem::size_of::<PbPluginApi>() == PB_PLUGIN_API_SIZE_1_2 as usize);
const _: () = assert!(std::mem::size_of::<PbPluginDescriptor>() == PB_PLUGIN_DESCRIPTOR_SIZE_1_2 as usize);
