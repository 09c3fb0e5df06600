import Foundation
public import PatchbayPlugins
public import PatchbayWire

/// Performs a plugin's HTTP request: the host's egress in production; a stub, a cassette or a
/// recorder in tests.
public typealias HTTPPerformer = @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage

/// A plugin library loaded the way the host loads it, for tests: call its methods with any
/// config and credentials, and answer its HTTP requests yourself.
///
///     let plugin = try PluginHarness(path: ".build/debug/libPatchbayAcme.so")
///     let reply = await plugin.invoke("get_item", input: ["id": "itm_1"],
///                                     http: CassettePlayer(try Cassette.load(from: "get_item.json")).performer)
public final class PluginHarness: Sendable {
    public let plugin: LoadedPlugin
    public var manifest: Manifest { plugin.manifest }

    /// Loads the library at `path`. `observer` hears the loader's log lines and the plugin's own
    /// (with its call's credentials masked) and what went wrong; by default nothing is said.
    /// As in the host, a library is initialized once per process: a second harness on the same
    /// file shares the first one's plugin, whose calls keep reporting to the first observer.
    public init(path: String, observer: any PluginObserver = Quiet()) throws {
        let registry = PluginRegistry(observer: observer)
        let status = registry.load(path: path)
        guard let id = status.id, let plugin = registry.plugin(id) else {
            throw PluginHarnessError.refused(status.reason ?? "not loaded")
        }
        self.plugin = plugin
    }

    /// Requests fail at once: for calls that must not reach the network.
    public static let offline: HTTPPerformer = { _ in
        .failure(PluginError(code: "egress_unavailable", message: "this call may not make HTTP requests"))
    }

    public func invoke(_ action: String, input: JSONValue, config: JSONValue = [:], credentials: [String: String]? = nil,
                       http: @escaping HTTPPerformer = PluginHarness.offline, timeout: Duration = .seconds(10)) async -> PluginReply {
        await call(.invoke, PluginCall(action: action, input: input, config: config, credentials: credentials), http, timeout)
    }

    public func check(config: JSONValue = [:], credentials: [String: String]? = nil,
                      http: @escaping HTTPPerformer = PluginHarness.offline, timeout: Duration = .seconds(10)) async -> PluginReply {
        await call(.check, PluginCall(config: config, credentials: credentials), http, timeout)
    }

    public func discover(config: JSONValue = [:], credentials: [String: String]? = nil,
                         http: @escaping HTTPPerformer = PluginHarness.offline, timeout: Duration = .seconds(30)) async -> PluginReply {
        await call(.discover, PluginCall(config: config, credentials: credentials), http, timeout)
    }

    private func call(_ method: PluginMethod, _ call: PluginCall, _ http: @escaping HTTPPerformer, _ timeout: Duration) async -> PluginReply {
        await plugin.call(method, call, context: PluginCallContext(secrets: Array((call.credentials ?? [:]).values), http: http),
                          timeout: timeout)
    }
}

extension PluginHarness {
    /// Hears nothing: a test asserts on replies, and the conformance suite's deliberate faults
    /// (a late completion, a malformed call) would read as problems in its output.
    public struct Quiet: PluginObserver {
        public init() {}
        public func log(_ level: PluginLogLevel, _ message: String, metadata: [String: String]) {}
        public func record(_ event: PluginEvent) {}
    }
}

public enum PluginHarnessError: Error, CustomStringConvertible {
    case refused(String)

    public var description: String {
        switch self {
        case .refused(let reason): return "the plugin did not load: \(reason)"
        }
    }
}
