import Foundation
import PatchbayPlugins
public import PatchbayWire

/// Makes the cassette that `patchbay plugin test --cassette` replays: runs a plugin's calls
/// against a real or fake service and keeps every HTTP exchange, scrubbed of the secrets.
/// By default one cassette holds every example of every action, then discovery, which is
/// exactly what the conformance suite replays.
public struct CassetteRecording: Sendable {
    /// One call to record: an action with its input, or discovery.
    public enum Call: Sendable, Equatable, CustomStringConvertible {
        case invoke(action: String, input: JSONValue)
        case discover

        public var description: String {
            switch self {
            case .invoke(let action, _): return action
            case .discover: return "discovery"
            }
        }
    }

    public let calls: [Call]

    public init(calls: [Call]) {
        self.calls = calls
    }

    /// Every example of every action in the manifest, then discovery if the plugin discovers.
    public init(everythingIn manifest: Manifest) {
        var calls = manifest.actions.flatMap { action in action.examples.map { Call.invoke(action: action.name, input: $0.input) } }
        if manifest.supportsDiscovery { calls.append(.discover) }
        self.init(calls: calls)
    }

    /// The outcome: the cassette, and each call that did not succeed with why. A cassette with
    /// failed calls holds error replies, which is rarely what a test should replay.
    public struct Result: Sendable {
        public var cassette: Cassette
        public var failures: [String]
    }

    /// Runs the calls one after another. `http` sends a request to the service (with the
    /// credentials added, as the host's egress does); `credentials` reach the plugin only if it
    /// authenticates itself, and are scrubbed from the recording either way.
    public func record(_ harness: PluginHarness, config: JSONValue = [:], credentials: [String: String] = [:],
                       http: @escaping HTTPPerformer, timeout: Duration = .seconds(30)) async -> Result {
        let recorder = CassetteRecorder(recording: http, secrets: Array(credentials.values))
        let passed = harness.manifest.auth.type == .plugin ? credentials : nil
        var failures: [String] = []
        for call in calls {
            let reply: PluginReply
            switch call {
            case .invoke(let action, let input):
                reply = await harness.invoke(action, input: input, config: config, credentials: passed,
                                             http: recorder.performer, timeout: timeout)
            case .discover:
                reply = await harness.discover(config: config, credentials: passed, http: recorder.performer, timeout: timeout)
            }
            if case .failure(let error) = reply {
                failures.append(Redaction.redact("\(call): \(error.code): \(error.message)", secrets: Array(credentials.values)))
            }
        }
        return Result(cassette: recorder.cassette, failures: failures)
    }
}
