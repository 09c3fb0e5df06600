import Foundation
import Logging
import PatchbayClock
import PatchbayEgress
public import PatchbayModel
import PatchbayPlugins
import PatchbayStore
public import PatchbayWire

/// Runs actions on connections and keeps a record of every run.
public struct ExecutionService: Sendable {
    let store: any ConnectionStore & ExecutionStore
    let calls: ConnectionCalls
    let settings: HostSettings
    let logger: Logger
    let unrecorded: UnrecordedOutcomes
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    /// Validates the input, records the execution before calling out, runs the action,
    /// validates its output, and records the outcome. A failure is thrown as a `ServiceError`
    /// that carries the execution id.
    public func invoke(principal: Principal, connectionID: String, action: String, input: JSONValue) async throws -> ExecutionRecord {
        try principal.require(.integrationsWrite)
        guard let connection = try await store.connection(id: connectionID, accountID: principal.accountID) else {
            throw ServiceError.notFound("connection", connectionID)
        }
        let checked = try await check(connection, action: action, input: input)
        let execution = ExecutionRecord(
            id: IDs.make("exec"), accountID: principal.accountID, connectionID: connection.id,
            provider: connection.provider, action: action, status: .running, startedAt: clock.wallMillis)
        // The outcome is written to disk before the caller hears of it, which takes this row along.
        try await store.insertExecution(execution, durability: .outlivesProcess)
        return try await run(checked, execution)
    }

    /// An action call that passed every check and is ready to run.
    struct Checked: Sendable {
        let prepared: ConnectionCalls.Prepared
        let spec: ActionSpec
    }

    /// Everything that can refuse a call before anything is recorded: the connection is usable,
    /// the plugin has the action, and the input matches the action's schema.
    func check(_ connection: ConnectionRecord, action: String, input: JSONValue) async throws -> Checked {
        let prepared = try await calls.prepare(connection, action: action, input: input)
        guard let spec = prepared.plugin.manifest.action(named: action) else {
            throw ServiceError(.notFound, "unknown_action", "\(prepared.plugin.manifest.name) has no action \"\(action)\"", field: "action")
        }
        let violations = JSONSchema.violations(of: input, against: spec.inputSchema)
        guard violations.isEmpty else { throw ServiceError.schema(violations, root: "input") }
        return Checked(prepared: prepared, spec: spec)
    }

    /// Runs a checked call for an execution already stored as running, and records the outcome.
    /// `shaping` trims a valid output to what the caller asked for before it is kept.
    func run(_ checked: Checked, _ running: ExecutionRecord,
             shaping: (@Sendable (JSONValue) -> JSONValue)? = nil) async throws -> ExecutionRecord {
        let prepared = checked.prepared
        let started = clock.now
        let timeout = checked.spec.timeoutMs.map { Duration.milliseconds($0) } ?? settings.pluginTimeout
        let reply = await prepared.plugin.call(.invoke, prepared.call, context: prepared.context, timeout: timeout)
        var (execution, failure) = Self.outcome(of: reply, checked, running, duration: clock.now - started, finishedAt: clock.wallMillis,
                                                shaping: shaping)
        do {
            try await store.updateExecution(execution)
        } catch {
            // The call went out and this is what came back: the caller hears it, with the
            // execution id and a flag, rather than a bare error that invites a second call.
            logger.error("could not record an execution's outcome; the caller is told it", metadata: [
                "execution_id": "\(execution.id)", "status": "\(execution.status.rawValue)", "error": "\(error)",
            ])
            execution.recordIncomplete = true
            unrecorded.add(execution)
        }
        if let failure {
            var refusal = Self.serviceError(for: failure, executionID: execution.id, secrets: prepared.context.secrets)
            refusal.recordIncomplete = execution.recordIncomplete
            throw refusal
        }
        return execution
    }

    /// The finished record of a call from the plugin's reply after `duration` of the host's
    /// clock, and the failure to report if it failed. Synchronous and not inlined: every call waiting on its provider keeps `run`'s
    /// suspended frame, which would otherwise hold room for all of this work's locals (the
    /// decoded output, the schema check, the metrics) while it waits.
    @inline(never)
    static func outcome(of reply: PluginReply, _ checked: Checked, _ running: ExecutionRecord, duration: Duration,
                        finishedAt: Millis, shaping: (@Sendable (JSONValue) -> JSONValue)?) -> (ExecutionRecord, PluginError?) {
        let spec = checked.spec
        let action = spec.name
        var execution = running
        execution.finishedAt = finishedAt
        execution.durationMs = Int(duration / .milliseconds(1))
        execution.requests = checked.prepared.exchanges.all.map(\.json)

        var failure: PluginError?
        switch reply {
        case .success(let data):
            if let output = try? WireCoding.decode(JSONValue.self, from: data) {
                let problems = JSONSchema.violations(of: output, against: spec.outputSchema)
                if problems.isEmpty {
                    execution.status = .succeeded
                    execution.output = shaping?(output) ?? output
                } else {
                    failure = PluginError(code: "invalid_output",
                                          message: "the plugin's output does not match \(action)'s output schema: \(problems[0])")
                }
            } else {
                failure = PluginError(code: "invalid_output", message: "the plugin's output is not JSON")
            }
        case .failure(let error):
            failure = error
        }
        if let failure {
            execution.status = .failed
            execution.errorCode = failure.code
            execution.errorMessage = Redaction.redact(failure.message, secrets: checked.prepared.context.secrets)
            execution.retryable = failure.retryable
            execution.upstreamStatus = failure.upstreamStatus
        }
        ServiceMetrics.actionCalled(provider: execution.provider, action: action, failure: failure, duration: duration)
        return (execution, failure)
    }

    /// Said beside an outcome whose record could not be written.
    public static let recordIncompleteWarning =
        "the host could not record this call's outcome (its storage failed); the outcome above is what the upstream answered, and the stored execution may still say running"


    public func get(principal: Principal, id: String) async throws -> ExecutionRecord {
        try principal.require(.integrationsRead)
        guard let record = try await store.execution(id: id, accountID: principal.accountID) else {
            throw ServiceError.notFound("execution", id)
        }
        return record
    }

    public func list(principal: Principal, filter: ExecutionFilter, page: PageRequest) async throws -> Page<ExecutionRecord> {
        try principal.require(.integrationsRead)
        return try await store.executions(accountID: principal.accountID, filter: filter, page: page)
    }

    /// How a plugin's failure reads to an API caller: throttling is 429, a provider's refusal
    /// is 422, anything that broke on the way (plugin, network, timeout, a reply that could
    /// not be read) is 502, and this host's own connections to the provider all being busy is 503.
    static func serviceError(for error: PluginError, executionID: String?, secrets: [String]) -> ServiceError {
        let kind: ServiceError.Kind
        switch error.code {
        case "rate_limited":
            kind = .throttled
        case "invalid_input":
            kind = .badRequest
        case "egress_refused":
            // The connection's target is one the operator's egress policy forbids: a state to fix, not a fault.
            kind = .conflict
        case "egress_queue_timeout":
            kind = .unavailable
        case "plugin_timeout", "upstream_timeout", "upstream_invalid_response", "connection_failed", "plugin_error", "plugin_crashed", "plugin_quarantined", "host_error",
             "invalid_output", "invalid_call", "unsupported_method", "response_too_large", "host_not_allowed", "cancelled",
             "mcp_protocol_error":
            kind = .upstreamFailed
        default:
            if error.upstreamStatus == 429 {
                kind = .throttled
            } else if let status = error.upstreamStatus, status >= 500 {
                kind = .upstreamFailed
            } else {
                kind = .upstreamRejected
            }
        }
        var refusal = ServiceError(kind, error.code, Redaction.redact(error.message, secrets: secrets), field: error.field.map { "input.\($0)" },
                                   executionID: executionID, retryable: error.retryable)
        // A call the host's rate budget refused says when the provider will take it; only as a
        // 429 or 503, the statuses the API declares Retry-After on.
        if kind == .throttled || kind == .unavailable, let wait = error.details?["retry_after_ms"]?.intValue {
            refusal.retryAfter = (wait + 999) / 1000
        }
        return refusal
    }
}
