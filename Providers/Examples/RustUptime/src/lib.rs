//! Rust Uptime: a provider plugin written in Rust against patchbay_abi.h, std only.
//!
//! The Rust counterpart of the C example (`Providers/Examples/Uptime`): one action,
//! `check_path`, asks the host to GET a path on the site the connection names and reports the
//! status and the time it took; `check` (test connection) GETs the site's root. The host adds
//! no credentials (auth "none") but still applies egress rules, deadlines and retries.
//!
//! `abi.rs` declares the header; `patchbay.rs` is the safe layer, which holds the unsafe code
//! (all but the descriptor's and the call into `init` below); `json.rs` reads the host's JSON.
//! This file is the plugin: its manifest, its descriptor and what it does with a call.

mod abi;
mod json;
mod patchbay;

use std::os::raw::c_char;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use abi::*;
use json::Json;
use patchbay::{json_string, Call, Host, Plugin};

const PLUGIN_ID: &str = "rust_uptime\0";
const PLUGIN_VERSION: &str = "1.0.0\0";

const MANIFEST: &str = r#"{
  "id": "rust_uptime",
  "name": "Rust Uptime",
  "version": "1.0.0",
  "category": "monitoring",
  "description": "Check that pages of a website answer, and how fast. An example plugin written in Rust.",
  "auth": {"type": "none"},
  "base_url_config_field": "site_url",
  "network_targets": [{"field": "config.site_url", "kind": "url"}],
  "config_schema": {
    "type": "object", "required": ["site_url"], "additionalProperties": false,
    "properties": {
      "site_url": {"type": "string", "pattern": "^https?://", "description": "The site to check, e.g. https://www.example.com."}
    }
  },
  "actions": [{
    "name": "check_path", "title": "Check a page", "important": true,
    "description": "GET a path on the connection's site and report the HTTP status and the response time.",
    "input_schema": {
      "type": "object", "required": ["path"], "additionalProperties": false,
      "properties": {
        "path": {"type": "string", "pattern": "^/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*$", "maxLength": 512,
                 "description": "Path on the site, starting with '/', e.g. /health."},
        "expect_status": {"type": "integer", "minimum": 100, "maximum": 599,
                          "description": "The status that counts as up. Default: any 2xx or 3xx."}
      }
    },
    "examples": [{"description": "Is the health endpoint up?", "input": {"path": "/health", "expect_status": 200}}],
    "output_schema": {
      "type": "object", "required": ["path", "status", "up", "elapsed_ms"],
      "properties": {
        "path": {"type": "string", "description": "The path checked."},
        "status": {"type": "integer", "description": "The HTTP status the site answered."},
        "up": {"type": "boolean", "description": "Whether the status is the expected one."},
        "elapsed_ms": {"type": "integer", "description": "Milliseconds from asking the host to the answer."}
      }
    }
  }]
}"#;

/// Owned by the plugin for the life of the process, as the header requires.
struct Descriptor(PbPluginDescriptor);

// Points only at constants.
unsafe impl Sync for Descriptor {}

static DESCRIPTOR: Descriptor = Descriptor(PbPluginDescriptor {
    struct_size: PB_PLUGIN_DESCRIPTOR_SIZE_1_2,
    abi_major: PB_ABI_MAJOR,
    abi_minor: PB_ABI_MINOR,
    plugin_id: PLUGIN_ID.as_ptr() as *const c_char,
    plugin_version: PLUGIN_VERSION.as_ptr() as *const c_char,
    manifest_json: MANIFEST.as_ptr(),
    manifest_len: MANIFEST.len(),
    init: Some(init),
    // Built with the 1.2 header, it needs nothing newer than 1.0: pb_plugin_shutdown is only
    // called by a host that has it, and the plugin reads no 1.2 field it has not checked.
    min_host_abi_minor: 0,
    message_version: PB_MESSAGE_VERSION,
});

/// The one symbol the host looks up. No side effects: the host may call it and then refuse.
#[no_mangle]
pub extern "C" fn pb_plugin_info() -> *const PbPluginDescriptor {
    &DESCRIPTOR.0
}

extern "C" fn init(host: *const PbHostApi, out_api: *mut PbPluginApi, error: *mut c_char, error_capacity: usize) -> i32 {
    unsafe { patchbay::init(host, out_api, error, error_capacity, &UPTIME) }
}

static UPTIME: Uptime = Uptime { stopping: AtomicBool::new(false), in_flight: AtomicUsize::new(0) };

struct Uptime {
    /// Set by the graceful stop; the host starts no call after it, this is a second guard.
    stopping: AtomicBool,
    /// HTTP requests sent and not yet answered, reported at shutdown.
    in_flight: AtomicUsize,
}

/// What one call checks, carried to the response callback.
struct Check {
    path: String,
    /// `None`: any 2xx or 3xx is up.
    expect_status: Option<i64>,
    is_connection_check: bool,
}

impl Plugin for Uptime {
    fn call(&'static self, call: Call, method: &str, payload: &[u8]) {
        if self.stopping.load(Ordering::SeqCst) {
            return call.fail("shutting_down", "the plugin is stopping", true);
        }
        let check = match method {
            PB_METHOD_CHECK => Check { path: "/".to_string(), expect_status: None, is_connection_check: true },
            PB_METHOD_INVOKE => match read_invoke(payload) {
                Ok(check) => check,
                Err((code, message)) => return call.fail(code, message, false),
            },
            _ => return call.fail(PB_ERROR_UNSUPPORTED_METHOD, "rust_uptime supports check and invoke", false),
        };
        let request = format!("{{\"method\":\"GET\",\"path\":{}}}", json_string(&check.path));
        let started_ms = call.host().now_ms();
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        call.http(&request, move |call, response| {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            let elapsed_ms = call.host().now_ms() - started_ms;
            answer(call, &check, response, elapsed_ms)
        });
    }

    fn shutdown(&'static self, host: Host) {
        self.stopping.store(true, Ordering::SeqCst);
        // Nothing to flush: each request in flight ends when the host cancels it, and its
        // callback still runs. Say how many there were.
        let message = format!("rust_uptime stopping with {} requests in flight", self.in_flight.load(Ordering::SeqCst));
        host.log(0, PB_LOG_INFO, &message);
    }
}

/// The invoke payload's action and input, checked again although the host validated them.
fn read_invoke(payload: &[u8]) -> Result<Check, (&'static str, &'static str)> {
    let call = Json::parse(payload).ok_or((PB_ERROR_INVALID_INPUT, "the call is not JSON"))?;
    match call.get(PB_CALL_ACTION).and_then(Json::as_str) {
        Some("check_path") => {}
        _ => return Err(("unknown_action", "rust_uptime has one action, check_path")),
    }
    let input = call.get(PB_CALL_INPUT);
    let path = input.and_then(|input| input.get("path")).and_then(Json::as_str);
    let path = match path {
        Some(path) if is_safe_path(path) => path.to_string(),
        _ => return Err((PB_ERROR_INVALID_INPUT, "path must start with '/' and hold only URL characters")),
    };
    let expect_status = match input.and_then(|input| input.get("expect_status")) {
        None => None,
        Some(value) => match value.as_i64() {
            Some(status) if (100..=599).contains(&status) => Some(status),
            _ => return Err((PB_ERROR_INVALID_INPUT, "expect_status must be an integer from 100 to 599")),
        },
    };
    Ok(Check { path, expect_status, is_connection_check: false })
}

fn is_safe_path(path: &str) -> bool {
    path.starts_with('/')
        && path.len() <= 512
        && path.bytes().all(|byte| byte > b' ' && byte < 0x7f && !matches!(byte, b'"' | b'\\' | b'#'))
}

/// Completes the call from the host's response message.
fn answer(call: Call, check: &Check, response: &[u8], elapsed_ms: i64) {
    let response = match Json::parse(response) {
        Some(response) => response,
        None => return call.fail(PB_ERROR_PLUGIN_ERROR, "the host's response is not JSON", false),
    };
    // No response at all (refused, unreachable, timed out, cancelled): the host says why.
    if let Some(error) = response.get("error") {
        let code = error.get(PB_ERROR_KEY_CODE).and_then(Json::as_str).unwrap_or(PB_HTTP_ERROR_CONNECTION_FAILED);
        return call.fail(code, &format!("the site did not answer ({})", code), false);
    }
    let status = match response.get("status").and_then(Json::as_i64) {
        Some(status) => status,
        None => return call.fail(PB_ERROR_PLUGIN_ERROR, "the host's response had no status", false),
    };
    if check.is_connection_check {
        let message = format!("The site answered {} in {} ms", status, elapsed_ms);
        return call.succeed(&format!("{{\"message\":{},\"ok\":true}}", json_string(&message)));
    }
    let up = match check.expect_status {
        Some(expected) => status == expected,
        None => (200..400).contains(&status),
    };
    call.succeed(&format!(
        "{{\"elapsed_ms\":{},\"path\":{},\"status\":{},\"up\":{}}}",
        elapsed_ms,
        json_string(&check.path),
        status,
        up
    ))
}
