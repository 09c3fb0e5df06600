//! A small safe layer over the ABI in `abi.rs`: the unsafe code of a plugin lives here.
//!
//! - [`Plugin`] is what a plugin implements: it gets each call as a [`Call`], already decoded.
//! - A [`Call`] completes exactly once by construction: `succeed` and `fail` consume it, an
//!   HTTP request moves it into the response callback, and one dropped without completing
//!   (a forgotten branch, a panic) completes with a `plugin_error`.
//! - Structs cross by their declared size (ABI 1.2): the host's table is copied as far as it
//!   declares and zero beyond, and the plugin's table is written no further than the host made
//!   room for.
//! - No panic unwinds into the host: every entry point catches it.

use std::os::raw::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::abi::*;

/// A provider plugin. Its methods run on host threads and must not block (except `shutdown`).
pub trait Plugin: Sync {
    /// One call of `method` ("check", "invoke", "discover", "parse_webhook", or one this
    /// plugin does not know) with its JSON payload.
    fn call(&'static self, call: Call, method: &str, payload: &[u8]);

    /// The host gave up on `request_id`; the call still completes once.
    fn cancel(&'static self, _request_id: u64) {}

    /// The host is stopping gracefully: no call follows.
    fn shutdown(&'static self, _host: Host) {}
}

/// The host's services, as far as its table declares them.
#[derive(Clone, Copy)]
pub struct Host {
    api: &'static PbHostApi,
}

impl Host {
    pub fn now_ms(self) -> i64 {
        // Checked present in `init`.
        (self.api.pb_host_clock_now_ms.unwrap())(self.api.host_context)
    }

    /// One line in the host log; `request_id` 0 when it is not about a call.
    pub fn log(self, request_id: u64, level: PbLogLevel, message: &str) {
        (self.api.pb_host_log.unwrap())(self.api.host_context, request_id, level, message.as_ptr(), message.len());
    }
}

// The header: the table and host_context stay valid for the life of the process, and the
// host's functions may be called from any thread.
unsafe impl Send for Host {}
unsafe impl Sync for Host {}

/// One call the host started; complete it with `succeed`, `fail` or `http`.
pub struct Call {
    host: Host,
    request_id: u64,
    completed: bool,
}

impl Call {
    pub fn host(&self) -> Host {
        self.host
    }

    /// Completes with the method's JSON result.
    pub fn succeed(mut self, result_json: &str) {
        self.complete(PB_STATUS_OK, result_json);
    }

    /// Completes with an error the host passes on: `code` is a stable machine-readable name.
    pub fn fail(mut self, code: &str, message: &str, retryable: bool) {
        let payload = format!(
            "{{\"code\":{},\"message\":{},\"retryable\":{}}}",
            json_string(code),
            json_string(message),
            retryable
        );
        self.complete(PB_STATUS_ERROR, &payload);
    }

    /// Asks the host to send `request_json` (docs/abi.md, "HTTP"); `done` gets the call back
    /// with the response JSON, on a host thread, possibly before this returns.
    pub fn http<F>(self, request_json: &str, done: F)
    where
        F: FnOnce(Call, &[u8]) + Send + 'static,
    {
        let api = self.host.api;
        let request_id = self.request_id;
        let user_data = Box::into_raw(Box::new(Pending { call: self, done }));
        (api.pb_host_http_request.unwrap())(
            api.host_context,
            request_id,
            request_json.as_ptr(),
            request_json.len(),
            http_done::<F>,
            user_data as *mut c_void,
        );
    }

    fn complete(&mut self, status: PbStatus, payload: &str) {
        if self.completed {
            return;
        }
        self.completed = true;
        let api = self.host.api;
        (api.pb_host_complete.unwrap())(api.host_context, self.request_id, status, payload.as_ptr(), payload.len());
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        if !self.completed {
            self.complete(
                PB_STATUS_ERROR,
                "{\"code\":\"plugin_error\",\"message\":\"the plugin ended the call without an answer\",\"retryable\":false}",
            );
        }
    }
}

/// An HTTP request in flight: owned by the host's callback from the moment it is sent.
struct Pending<F> {
    call: Call,
    done: F,
}

extern "C" fn http_done<F>(user_data: *mut c_void, response_json: *const u8, response_len: usize)
where
    F: FnOnce(Call, &[u8]) + Send + 'static,
{
    // The host passes back the pointer `http` made, exactly once.
    let pending = unsafe { Box::from_raw(user_data as *mut Pending<F>) };
    let response = unsafe { bytes(response_json, response_len) };
    // A panic drops the call, which completes it with an error.
    let _ = catch_unwind(AssertUnwindSafe(move || {
        let Pending { call, done } = *pending;
        done(call, response)
    }));
}

/// What `plugin_context` points to: the host's table as this plugin reads it, and the plugin.
struct Context {
    host: PbHostApi,
    plugin: &'static dyn Plugin,
}

/// `pb_plugin_init`, for a plugin's `init` to call with its one instance.
///
/// # Safety
/// The arguments are the host's, as the header describes them.
pub unsafe fn init(
    host: *const PbHostApi,
    out_api: *mut PbPluginApi,
    error: *mut c_char,
    error_capacity: usize,
    plugin: &'static dyn Plugin,
) -> i32 {
    let declared = (*host).struct_size;
    if declared < PB_HOST_API_SIZE_1_0 {
        write_error(error, error_capacity, &format!("the host's table is {} bytes, smaller than ABI 1.0's", declared));
        return 1;
    }
    // Copy as much as both sides know; what an older host lacks stays zero (absent).
    let mut table: PbHostApi = std::mem::zeroed();
    let length = (declared as usize).min(std::mem::size_of::<PbHostApi>());
    std::ptr::copy_nonoverlapping(host as *const u8, &mut table as *mut PbHostApi as *mut u8, length);
    if table.pb_host_complete.is_none()
        || table.pb_host_http_request.is_none()
        || table.pb_host_log.is_none()
        || table.pb_host_clock_now_ms.is_none()
    {
        write_error(error, error_capacity, "the host's table lacks a 1.0 function");
        return 1;
    }
    // Lives as long as the process: the host keeps calling with it and never unloads a plugin.
    let context: &'static Context = Box::leak(Box::new(Context { host: table, plugin }));

    let api = PbPluginApi {
        struct_size: PB_PLUGIN_API_SIZE_1_2,
        plugin_context: context as *const Context as *mut PbPluginContext,
        pb_plugin_call: Some(plugin_call),
        pb_plugin_cancel: Some(plugin_cancel),
        pb_plugin_shutdown: Some(plugin_shutdown),
    };
    // A 1.0 or 1.1 host says 0 and made room for the 1.0 table; never write past its room.
    let room = match (*out_api).struct_size {
        0 => PB_PLUGIN_API_SIZE_1_0,
        size => size.min(PB_PLUGIN_API_SIZE_1_2),
    };
    let mut written = api;
    written.struct_size = room;
    std::ptr::copy_nonoverlapping(&written as *const PbPluginApi as *const u8, out_api as *mut u8, room as usize);
    0
}

fn context<'a>(plugin: *mut PbPluginContext) -> &'a Context {
    // `init` made it from a leaked box.
    unsafe { &*(plugin as *const Context) }
}

extern "C" fn plugin_call(
    plugin: *mut PbPluginContext,
    request_id: u64,
    method: *const u8,
    method_len: usize,
    payload: *const u8,
    payload_len: usize,
) {
    let context: &'static Context = context(plugin);
    let call = Call { host: Host { api: &context.host }, request_id, completed: false };
    let method = unsafe { bytes(method, method_len) };
    let payload = unsafe { bytes(payload, payload_len) };
    let _ = catch_unwind(AssertUnwindSafe(|| match std::str::from_utf8(method) {
        Ok(method) => context.plugin.call(call, method, payload),
        Err(_) => call.fail("unsupported_method", "the method is not UTF-8", false),
    }));
}

extern "C" fn plugin_cancel(plugin: *mut PbPluginContext, request_id: u64) {
    let context: &'static Context = context(plugin);
    let _ = catch_unwind(AssertUnwindSafe(|| context.plugin.cancel(request_id)));
}

extern "C" fn plugin_shutdown(plugin: *mut PbPluginContext) {
    let context: &'static Context = context(plugin);
    let _ = catch_unwind(AssertUnwindSafe(|| context.plugin.shutdown(Host { api: &context.host })));
}

/// A borrowed buffer from the host; an empty one may come as a null pointer.
unsafe fn bytes<'a>(pointer: *const u8, length: usize) -> &'a [u8] {
    if pointer.is_null() || length == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(pointer, length)
    }
}

/// Writes a NUL-terminated reason into the host's buffer, cut to fit.
unsafe fn write_error(error: *mut c_char, capacity: usize, reason: &str) {
    if error.is_null() || capacity == 0 {
        return;
    }
    let length = reason.len().min(capacity - 1);
    std::ptr::copy_nonoverlapping(reason.as_ptr(), error as *mut u8, length);
    *error.add(length) = 0;
}

/// `text` as a JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
