import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayClock
import PatchbayModel
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Runs an `http_webhook` skill: POSTs the call to the owner's URL signed per Standard Webhooks
/// (`webhook-id` is the execution id) under the push side's target policy and deadline, checks
/// the JSON reply against the skill's output schema, and records the outcome on the execution.
/// Its timeout, its durations and its signature's timestamp are on the host's clock.
struct WebhookSkillCall: Sendable {
    let store: any ExecutionStore
    let vault: Vault
    let settings: WebhookSettings
    /// The host's clock: what records are stamped with.
    let clock: any HostClock

    /// The credential field of the skill's connection that holds its signing secret.
    static let secretField = "signing_secret"
    /// The most of a reply that is read.
    static let maxReplyBytes = 1 << 20

    func run(_ webhook: SkillWebhook, connection: ConnectionRecord, input: JSONValue, skill: String,
             _ running: ExecutionRecord) async throws -> ExecutionRecord {
        var execution = running
        let started = clock.now
        let secret: String
        do {
            secret = try vault.openSecrets(connection.sealedCredentials ?? "", context: ConnectionCalls.vaultContext(connection.id))[Self.secretField] ?? ""
        } catch {
            throw ServiceError(.unavailable, "vault_error", "the skill's signing secret cannot be opened")
        }
        let outcome = await send(webhook, input: input, skill: skill, execution: execution, secret: secret)
        execution.finishedAt = clock.wallMillis
        execution.durationMs = Int((clock.now - started) / .milliseconds(1))
        execution.requests = [outcome.exchange]
        var failure = outcome.failure
        if let output = outcome.output {
            let problems = JSONSchema.violations(of: output, against: webhook.outputSchema)
            if problems.isEmpty {
                execution.status = .succeeded
                execution.output = output
            } else {
                failure = PluginError(code: "invalid_output", message: "the endpoint's reply does not match \(skill)'s output schema: \(problems[0])")
            }
        }
        if let failure {
            execution.status = .failed
            execution.errorCode = failure.code
            execution.errorMessage = Redaction.redact(failure.message, secrets: [secret])
            execution.retryable = failure.retryable
            execution.upstreamStatus = failure.upstreamStatus
        }
        try await store.updateExecution(execution)
        if let failure { throw ExecutionService.serviceError(for: failure, executionID: execution.id, secrets: [secret]) }
        return execution
    }

    private struct Outcome {
        var output: JSONValue?
        var failure: PluginError?
        var exchange: JSONValue
    }

    private func send(_ webhook: SkillWebhook, input: JSONValue, skill: String, execution: ExecutionRecord, secret: String) async -> Outcome {
        let started = clock.now
        func outcome(status: Int? = nil, output: JSONValue? = nil, failure: PluginError? = nil) -> Outcome {
            var exchange: [String: JSONValue] = ["method": "POST", "url": .string(webhook.url),
                                                 "duration_ms": .integer(Int64((clock.now - started) / .milliseconds(1)))]
            if let status { exchange["status"] = .integer(Int64(status)) }
            if let failure, status == nil { exchange["error"] = .string(failure.code) }
            return Outcome(output: output, failure: failure, exchange: .object(exchange))
        }
        let target: WebhookTargetPolicy.Target
        do {
            target = try await WebhookTargetPolicy(settings: settings).target(webhook.url)
        } catch WebhookTargetPolicy.Failure.refused(let reason) {
            return outcome(failure: PluginError(code: "egress_refused", message: reason))
        } catch {
            return outcome(failure: PluginError(code: "connection_failed", message: "\(error)", retryable: true))
        }
        let body: Data
        do {
            body = try WireCoding.encode(JSONValue.object([
                "type": "skill.invoked", "timestamp": .string(Self.iso(execution.startedAt)),
                "data": ["execution_id": .string(execution.id), "agent_id": .string(execution.skillCall?.agentID ?? ""),
                         "skill": .string(skill), "tool_call_id": execution.skillCall?.toolCallID.map(JSONValue.string) ?? .null,
                         "end_user": execution.skillCall?.endUser.map(JSONValue.string) ?? .null, "input": input],
            ]))
        } catch {
            return outcome(failure: PluginError(code: "host_error", message: "could not encode the call"))
        }
        let timestamp = Int(clock.wallMillis / 1000)
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Patchbay/1.0")
        request.headers.add(name: "webhook-id", value: execution.id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(name: "webhook-signature",
                            value: StandardWebhooks.signature(id: execution.id, timestamp: timestamp, body: body, secrets: [secret]))
        request.body = .bytes(ByteBuffer(bytes: body))

        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(5))
        if let pinned = target.pinned { configuration.dnsOverride = [pinned.host: pinned.address] }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let result: Outcome
        do {
            let (status, reply) = try await exchange(request, client, timeout: .milliseconds(webhook.timeoutMs))
            if !(200..<300).contains(status) {
                result = outcome(status: status, failure: PluginError(code: "webhook_http_error", message: "the skill's endpoint answered HTTP \(status)",
                                                                    retryable: status >= 500 || status == 429, upstreamStatus: status))
            } else if let output = try? WireCoding.decode(JSONValue.self, from: reply) {
                result = outcome(status: status, output: output)
            } else {
                result = outcome(status: status, failure: PluginError(code: "invalid_output", message: "the skill's endpoint did not answer JSON"))
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            result = outcome(failure: PluginError(code: "upstream_timeout", message: "the skill's endpoint did not answer within \(webhook.timeoutMs) ms",
                                                retryable: true))
        } catch {
            result = outcome(failure: PluginError(code: "connection_failed", message: "the skill's endpoint could not be reached: \(error)", retryable: true))
        }
        try? await client.shutdown()
        return result
    }

    /// The status and the reply, or `deadlineExceeded` once `timeout` passes on the host's clock
    /// (the client's own deadline, the same length of real time, stays as the backstop). The
    /// request is cancelled when the timeout wins.
    private func exchange(_ request: HTTPClientRequest, _ client: HTTPClient, timeout: Duration) async throws -> (status: Int, reply: Data) {
        let deadline = clock.now + timeout
        return try await withThrowingTaskGroup(of: (status: Int, reply: Data).self) { [clock] group in
            group.addTask {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
                let reply = try await response.body.collect(upTo: Self.maxReplyBytes)
                return (Int(response.status.code), Data(reply.readableBytesView))
            }
            group.addTask {
                try await clock.sleep(until: deadline)
                throw HTTPClientError.deadlineExceeded
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private static func iso(_ millis: Millis) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
