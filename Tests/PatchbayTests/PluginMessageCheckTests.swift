import Foundation
import PatchbayPluginTelemetry
@testable import PatchbayPlugins
import PatchbayTesting
import PatchbayWire
import XCTest

/// Every message a plugin sends is checked against its schema as it arrives, in the plugin's
/// process and from a worker alike: a malformed one of each kind (`BrokenPluginMalformedMessages`)
/// is refused with an error naming the message and the JSON pointer of the fault, logged
/// without any value the plugin sent, and the plugin goes on serving.
final class PluginMessageCheckTests: XCTestCase {
    var workerPath: String { BuildProducts.directory + "/patchbay-plugin-worker" }

    func testEachMalformedMessageIsRefusedWithItsNameAndPointerInProcess() async throws {
        try await assertEveryMalformedMessageIsRefused(isolation: .inProcess)
    }

    func testEachMalformedMessageIsRefusedWithItsNameAndPointerFromAWorker() async throws {
        try await assertEveryMalformedMessageIsRefused(isolation: .process(worker: workerPath))
    }

    private func assertEveryMalformedMessageIsRefused(isolation: PluginRegistry.Isolation) async throws {
        let log = CapturedLog()
        let registry = PluginRegistry(logger: log.logger)
        let status = registry.load(path: try BuildProducts.plugin("BrokenPluginMalformedMessages"), isolation: isolation)
        XCTAssertEqual(status.state, .enabled, status.reason ?? "")
        defer { registry.stopWorkers() }
        let plugin = try XCTUnwrap(registry.plugin("broken-malformed"))
        let secret = "message-check-secret-\(UUID().uuidString)"
        let sent = Counter()
        let context = PluginCallContext(secrets: [secret]) { _ in
            sent.add()
            return HTTPResponseMessage(status: 200, body: "{}")
        }
        func call(_ method: PluginMethod, _ action: String? = nil) async -> PluginReply {
            await plugin.call(method, PluginCall(action: action, input: action == nil ? nil : [:], credentials: ["token": secret]),
                              context: context, timeout: .seconds(10))
        }
        func failure(_ reply: PluginReply, _ what: String) throws -> PluginError {
            guard case .failure(let error) = reply else { throw TestHostError.unexpected("\(what) was not refused: \(reply)") }
            return error
        }

        // The control: a well-formed result goes through untouched.
        guard case .success(let ok) = await call(.invoke, "ok") else { return XCTFail("the control call failed") }
        XCTAssertEqual(String(decoding: ok, as: UTF8.self), "{}")

        // The HTTP request: never sent; the plugin gets a response carrying the refusal.
        guard case .success(let answered) = await call(.invoke, "bad_request") else { return XCTFail("bad_request did not complete") }
        let response = try WireCoding.decode(HTTPResponseMessage.self, from: answered)
        XCTAssertEqual(response.error?.code, "invalid_request", "\(response)")
        XCTAssertTrue(response.error?.message.contains("HTTP request message is not valid (http_request schema): /headers/X-Count: ") == true,
                      response.error?.message ?? "")
        XCTAssertEqual(sent.value, 0, "a malformed request reached the egress")

        // The error a call fails with.
        let error = try failure(await call(.invoke, "bad_error"), "bad_error")
        XCTAssertEqual(error.code, "plugin_error")
        XCTAssertTrue(error.message.contains("unreadable error: not valid (error schema): "), error.message)
        XCTAssertTrue(error.message.contains("/code: ") && error.message.contains("/upstream_status: "), error.message)

        // Each method's result.
        let results: [(PluginMethod, String, [String])] = [(.check, "result.check", ["/ok: ", "/message: is required"]),
                                                          (.discover, "result.discover", ["/objects/0/fields: is required"]),
                                                          (.parseWebhook, "result.parse_webhook", ["/0/key: is required"])]
        for (method, name, pointers) in results {
            let refused = try failure(await call(method), method.rawValue)
            XCTAssertEqual(refused.code, "invalid_plugin_output", "\(method)")
            XCTAssertTrue(refused.message.contains("the plugin's \(method.rawValue) result is not valid (\(name) schema): "), refused.message)
            for pointer in pointers { XCTAssertTrue(refused.message.contains(pointer), "\(pointer) in \(refused.message)") }
        }
        // Read as events in the parse that checks it, a webhook's result is refused alike.
        guard case .failure(let refusedOnRead) = await plugin.parseWebhook(PluginCall(credentials: ["token": secret]), context: context,
                                                                             timeout: .seconds(10)) else {
            return XCTFail("parseWebhook took the malformed result")
        }
        let refusedOnCall = try failure(await call(.parseWebhook), "parse_webhook")
        XCTAssertEqual(refusedOnRead, refusedOnCall)

        // Still serving; each refusal logged by message and pointer, with no value the plugin sent.
        guard case .success = await call(.invoke, "ok") else { return XCTFail("the plugin stopped serving") }
        let deadline = Date().addingTimeInterval(5)
        while !log.text.contains("result.parse_webhook"), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        for message in ["http_request", "error", "result.check", "result.discover", "result.parse_webhook"] {
            XCTAssertTrue(log.text.contains("refused a message from the plugin") && log.text.contains(message), "\(message): \(log.text)")
        }
        XCTAssertTrue(log.text.contains("/headers/X-Count"), log.text)
        XCTAssertFalse(log.text.contains(secret), log.text)
    }

    func testAManifestThatBreaksItsSchemaIsRefusedWithThePointerInProcessAndFromAWorker() throws {
        for isolation in [PluginRegistry.Isolation.inProcess, .process(worker: workerPath)] {
            let registry = PluginRegistry(logger: CapturedLog().logger)
            let status = registry.load(path: try BuildProducts.plugin("BrokenPluginMissingFields"), isolation: isolation)
            registry.stopWorkers()
            XCTAssertEqual(status.state, .disabled, "\(isolation)")
            XCTAssertTrue(status.reason?.contains("invalid manifest: /auth: is required") == true, "\(isolation): \(status.reason ?? "")")
        }
    }

    /// Each webhook's events are checked in code rather than by walking their schema: what that
    /// check accepts, the schema must accept too, and what it leaves, the schema judges.
    func testThePlainWebhookEventsCheckAcceptsNothingTheSchemaRefuses() throws {
        let message = PluginMessageCheck.Message.resultParseWebhook
        let accepted: [String] = [
            "[]", #"[{"id":"d","type":"","key":"k","payload_is_body":true}]"#, #"[{"id":"d","type":"t","key":"k","payload":null}]"#,
            #"[{"id":"d","type":"t","key":"k","payload_is_body":false}]"#, #"[{"id":"é","type":"t","key":"k","payload":{},"extra":1}]"#,
            #"[{"id":"d","type":"t","key":"k","occurred_at":"2025-01-31T12:00:00Z","payload":[1]},{"id":"e","type":"t","key":"k","payload":1}]"#,
        ]
        let refused: [String] = [
            "{}", "[1]", #"[{"type":"t","key":"k","payload":{}}]"#, #"[{"id":"","type":"t","key":"k","payload":{}}]"#,
            #"[{"id":"d","type":"t","key":"","payload":{}}]"#, #"[{"id":"d","key":"k","payload":{}}]"#,
            #"[{"id":"d","type":7,"key":"k","payload":{}}]"#, #"[{"id":"d","type":"t","key":"k"}]"#,
            #"[{"id":"d","type":"t","key":"k","occurred_at":null,"payload":{}}]"#, #"[{"id":"d","type":"t","key":"k","payload_is_body":null}]"#,
            #"[{"id":"d","type":"t","key":"k","payload_is_body":"true"}]"#, #"[{"id":1,"type":"t","key":"k","payload":{}}]"#,
            #"[{"id":"d","type":"t","key":"k","payload":{}},{"id":"d","type":"t","key":"k"}]"#,
        ]
        for (texts, plain) in [(accepted, true), (refused, false)] {
            for text in texts {
                let value = try WireCoding.decode(JSONValue.self, from: Data(text.utf8))
                XCTAssertEqual(message.plainlyMatches(value), plain, text)
                XCTAssertEqual(JSONSchema.violations(of: value, against: message.schema).isEmpty, plain, text)
            }
        }
    }

    /// A webhook's result is checked and read as events in one parse: what `completion` lets
    /// through reads as the events `WebhookEvent.decode` gives, and what it refuses is refused
    /// with the same error.
    func testWebhookEventsAreCheckedAsCompletionChecksThemAndReadOnce() throws {
        let check = PluginMessageCheck(plugin: "p", observer: PluginHarness.Quiet())
        let texts = [
            "[]", #"[{"id":"d","type":"t","key":"k","payload_is_body":true}]"#, #"[{"id":"d","type":"t","key":"k","payload":{"a":[1]}}]"#,
            #"[{"id":"d","type":"t","key":"k","occurred_at":"2025-01-31T12:00:00Z","payload":null},{"id":"e","type":"u","key":"k","payload":1}]"#,
            #"[{"id":"d","type":"t","key":"k","payload_is_body":false}]"#, #"[{"id":"d","type":"t","key":"k","payload_is_body":false,"payload":2}]"#,
            "not JSON", "{}", #"[{"id":"","type":"t","key":"k","payload":{}}]"#, #"[{"id":"d","type":"t","key":"k"}]"#,
            #"[{"id":"d","type":"t","key":"k","occurred_at":null,"payload":{}}]"#, #"[{"id":"d","type":7,"key":"k","payload":{}}]"#,
        ]
        for text in texts {
            let data = Data(text.utf8)
            switch (check.completion(ok: true, payload: data, method: .parseWebhook), check.webhookEvents(data)) {
            case (.success, .success(let events)): XCTAssertEqual(events, WebhookEvent.decode(data), text)
            case (.failure(let expected), .failure(let refused)): XCTAssertEqual(refused, expected, text)
            case (let completion, let read): XCTFail("\(text): completion \(completion), read \(read)")
            }
        }
        // The schema lets it through, the reader does not: no events, as the receiver's decode gave none.
        XCTAssertNil(try check.webhookEvents(Data(#"[{"id":"d","type":"t","key":"k","payload_is_body":false}]"#.utf8)).get())
    }

    func testViolationPathsBecomeJSONPointers() {
        XCTAssertEqual(PluginMessageCheck.pointer(""), "")
        XCTAssertEqual(PluginMessageCheck.pointer("ok"), "/ok")
        XCTAssertEqual(PluginMessageCheck.pointer("objects[0].fields"), "/objects/0/fields")
        XCTAssertEqual(PluginMessageCheck.pointer("[0].key"), "/0/key")
        XCTAssertEqual(PluginMessageCheck.pointer("headers.X-Count"), "/headers/X-Count")
        XCTAssertEqual(PluginMessageCheck.pointer("a[1][2]"), "/a/1/2")
        XCTAssertEqual(PluginMessageCheck.pointer("paths./a~b"), "/paths/~1a~0b")
    }
}

/// Counts from any thread.
/// Unchecked because `lock` guards `count`, which the compiler cannot see.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
