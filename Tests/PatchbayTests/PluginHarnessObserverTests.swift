import Foundation
import PatchbayPlugins
import PatchbayTesting
import PatchbayWire
import XCTest

/// The harness loads a plugin with the host's loader but none of the host's logging, metrics
/// or tracing: what the loader reports reaches the observer an author passes, and nothing
/// else is needed for a call to go through.
final class PluginHarnessObserverTests: XCTestCase {
    func testTheObserverHearsARefusedMessageWithItsPointerAndNoValueThePluginSent() async throws {
        let observer = CollectingObserver()
        let harness = try PluginHarness(path: try freshCopy("BrokenPluginMalformedMessages"), observer: observer)
        let secret = "harness-observer-secret-\(UUID().uuidString)"

        guard case .failure(let error) = await harness.invoke("bad_error", input: [:], credentials: ["token": secret]) else {
            return XCTFail("a malformed error was not refused")
        }
        XCTAssertEqual(error.code, "plugin_error")
        XCTAssertEqual(observer.events, [.refusedMessage(plugin: "broken-malformed", message: "error")])
        let refusal = try XCTUnwrap(observer.lines.first { $0.message == "refused a message from the plugin" })
        XCTAssertEqual(refusal.level, .warning)
        XCTAssertEqual(refusal.metadata["plugin"], "broken-malformed")
        XCTAssertEqual(refusal.metadata["message"], "error")
        XCTAssertTrue(refusal.metadata["at"]?.contains("/upstream_status") == true, "\(refusal.metadata)")
        XCTAssertFalse("\(observer.lines)".contains(secret))
        // Each call went through the observer's hook, with the method and the plugin's id.
        XCTAssertEqual(observer.calls, ["invoke broken-malformed"])
    }

    func testALateCompletionIsReportedAsAWarning() async throws {
        let observer = CollectingObserver()
        let harness = try PluginHarness(path: try freshCopy("BrokenPluginCompletesTwice"), observer: observer)

        guard case .success = await harness.invoke("ping", input: [:]) else { return XCTFail("ping failed") }
        let deadline = Date().addingTimeInterval(5)
        while !observer.lines.contains(where: { $0.message.hasPrefix("ignored a completion") }), Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let ignored = try XCTUnwrap(observer.lines.first { $0.message.hasPrefix("ignored a completion") }, "\(observer.lines)")
        XCTAssertEqual(ignored.level, .warning)
        XCTAssertEqual(ignored.metadata["plugin"], "broken-completes-twice")
        XCTAssertNotNil(ignored.metadata["request_id"])
        XCTAssertEqual(harness.plugin.ignoredCompletions, 1)
    }

    func testByDefaultTheHarnessSaysNothingAndStillRefusesABrokenPlugin() throws {
        XCTAssertThrowsError(try PluginHarness(path: try BuildProducts.plugin("BrokenPluginWrongMajor"))) { error in
            XCTAssertTrue("\(error)".contains("ABI major mismatch"), "\(error)")
        }
        let observer = CollectingObserver()
        XCTAssertThrowsError(try PluginHarness(path: try BuildProducts.plugin("BrokenPluginMissingFields"), observer: observer))
        XCTAssertEqual(observer.events, [.refusedMessage(plugin: "broken-missing-fields", message: "manifest")])
        XCTAssertEqual(observer.lines.map(\.message), ["refused plugin"])
        XCTAssertEqual(observer.lines.first?.level, .error)
    }
}

extension PluginHarnessObserverTests {
    /// A copy of a test plugin at a path of its own. A library is loaded and initialized once per
    /// process, and its calls report to the observer of whoever loaded it first: other tests in
    /// this process load the originals, so each test here loads a library no one else has.
    func freshCopy(_ product: String) throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("\(product)-\(UUID().uuidString).so").path
        try FileManager.default.copyItem(atPath: try BuildProducts.plugin(product), toPath: copy)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: copy) }
        return copy
    }
}

/// Keeps everything the loader reports, from any thread.
// Unchecked: every stored var is only read and written under `lock`.
private final class CollectingObserver: PluginObserver, @unchecked Sendable {
    struct Line: CustomStringConvertible {
        var level: PluginLogLevel
        var message: String
        var metadata: [String: String]
        var description: String { "\(level) \(message) \(metadata)" }
    }

    private let lock = NSLock()
    private var keptLines: [Line] = []
    private var keptEvents: [PluginEvent] = []
    private var keptCalls: [String] = []

    var lines: [Line] { lock.withLock { keptLines } }
    var events: [PluginEvent] { lock.withLock { keptEvents } }
    var calls: [String] { lock.withLock { keptCalls } }

    func log(_ level: PluginLogLevel, _ message: String, metadata: [String: String]) {
        lock.withLock { keptLines.append(Line(level: level, message: message, metadata: metadata)) }
    }

    func record(_ event: PluginEvent) {
        lock.withLock { keptEvents.append(event) }
    }

    func observeCall(_ method: PluginMethod, plugin: String, context: PluginCallContext,
                     _ run: (PluginCallContext) async -> PluginReply) async -> PluginReply {
        lock.withLock { keptCalls.append("\(method.rawValue) \(plugin)") }
        return await run(context)
    }
}
