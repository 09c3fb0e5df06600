import Foundation
import PatchbayPlugins
import PatchbayWire

/// Where a connector's calls go instead of a plugin: the host runs the operation itself,
/// in-process, sending its requests through the call's egress context like a plugin's.
final class ConnectorChannel: PluginChannel {
    let definition: ConnectorDefinition

    init(definition: ConnectorDefinition) {
        self.definition = definition
    }

    var ignoredCompletions: Int { 0 }
    var quarantineReason: String? { nil }
    /// Nothing to stop: a connector holds no library, worker or call in flight of its own.
    func shutdown() async {}

    func call(method: PluginMethod, payload: Data, context: PluginCallContext, timeout: Duration, clock: PluginClock) async -> PluginReply {
        guard let call = try? WireCoding.decode(PluginCall.self, from: payload) else {
            return .failure(PluginError(code: "invalid_call", message: "the call does not decode"))
        }
        switch method {
        case .invoke:
            guard let name = call.action, let operation = definition.operation(named: name) else {
                return .failure(PluginError(code: "invalid_call", message: "\(definition.title) has no operation \"\(call.action ?? "")\""))
            }
            let runner = ConnectorRunner(definition: definition, operation: operation)
            let outcome = await Self.within(timeout, on: clock) { await runner.run(call.input ?? [:], send: context.http) }
            switch outcome {
            case nil: return .upstreamTimedOut(after: timeout)
            case .success(let output)?:
                guard let data = try? WireCoding.encode(output) else {
                    return .failure(PluginError(code: "host_error", message: "could not encode the output"))
                }
                return .success(data)
            case .failure(let error)?: return .failure(error)
            }
        case .check:
            // A connector declares no check of its own; its operations are tried with the test endpoint.
            let result = CheckResult(ok: true, message: "\(definition.title) has no check; try an operation with POST /v1/connectors/\(definition.namespace)/\(definition.name)/test/{operation}")
            return (try? WireCoding.encode(result)).map(PluginReply.success)
                ?? .failure(PluginError(code: "host_error", message: "could not encode the check"))
        case .discover, .parseWebhook:
            return .failure(PluginError(code: "unsupported_method", message: "a connector does not support \(method.rawValue)"))
        }
    }

    /// The body's result, or nil once `timeout` of `clock` passed; the body is cancelled then,
    /// which ends its requests.
    static func within<T: Sendable>(_ timeout: Duration, on clock: PluginClock, _ body: @escaping @Sendable () async -> T) async -> T? {
        // Set before either task starts, so the deadline does not move with when the timer task runs.
        let deadline = clock.now() + timeout
        return await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await clock.sleep(deadline)
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
    }
}
