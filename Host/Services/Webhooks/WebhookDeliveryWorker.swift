import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PatchbayClock
import PatchbayEgress
import PatchbayModel
import PatchbayStore
import PatchbayVault
import PatchbayWire
public import ServiceLifecycle
import Tracing

/// Pushes stored events to agents' URLs. Each delivery is leased from the store, sent with
/// Standard Webhooks headers (the same `webhook-id` on every attempt), and finished with its
/// outcome: success, a retry on the backoff schedule, or a dead letter. A worker that dies
/// mid-delivery loses only its leases, which run out and are taken up again: at-least-once.
///
/// An idle worker sleeps until the notifier says deliveries are due, until the next retry it
/// scheduled itself comes due, or until the sweep interval passes: the sweep finds what no
/// notification announces, such as leases of a dead host that ran out.
public final class WebhookDeliveryWorker: Service, Sendable {
    let store: any WebhookStore
    let vault: Vault
    let settings: WebhookSettings
    let notifier: any Notifier
    let targets: WebhookTargetPolicy
    /// What leases, the retry schedule, the sweep and the delivery timeout run on.
    let clock: any HostClock
    let logger: Logger
    let owner = IDs.make("worker")

    init(store: any WebhookStore, vault: Vault, settings: WebhookSettings, notifier: any Notifier, clock: any HostClock,
         logger: Logger) {
        self.store = store
        self.vault = vault
        self.settings = settings
        self.notifier = notifier
        self.clock = clock
        self.targets = WebhookTargetPolicy(settings: settings)
        self.logger = logger
    }

    public func run() async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        do {
            try await cancelWhenGracefulShutdown { try await self.loop(client) }
        } catch is CancellationError {
            // Shutting down: leased deliveries run out their lease and go out after the restart.
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private var clientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // The client's own spans would record the agent's full URL, which may hold a token:
        // each delivery has a span of the worker's own instead.
        configuration.tracing.tracer = nil
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(Int64(settings.deliveryTimeout / .seconds(1)) + 1))
        return configuration
    }

    private func loop(_ client: HTTPClient) async throws {
        let schedule = RetrySchedule(settings: settings)
        let due = notifier.listen(.deliveriesDue)
        defer { due.cancel() }
        // The earliest retry this worker scheduled, so it wakes for it without a notification.
        var nextRetry: Millis?
        while !Task.isCancelled {
            let now = clock.wallMillis
            if let retry = nextRetry, retry <= now { nextRetry = nil }
            let leased: [WebhookDeliveryRecord]
            do {
                leased = try await store.leaseWebhookDeliveries(
                    owner: owner, now: now, leaseUntil: now + Int64(settings.lease / .milliseconds(1)), limit: settings.concurrency)
            } catch {
                logger.error("could not lease webhook deliveries", metadata: ["error": "\(error)"])
                try await clock.sleep(for: settings.sweepInterval)
                continue
            }
            if leased.isEmpty {
                var wake = clock.now + settings.sweepInterval
                if let retry = nextRetry { wake = min(wake, clock.now + .milliseconds(retry - now)) }
                _ = await due.wait(until: wake, on: clock)
                continue
            }
            // The round's outcomes are recorded together: one commit instead of one per delivery.
            let finished = await withTaskGroup(of: FinishedAttempt.self) { group in
                for delivery in leased {
                    group.addTask { await self.deliver(delivery, client: client, schedule: schedule) }
                }
                return await group.reduce(into: [FinishedAttempt]()) { $0.append($1) }
            }
            for attempt in finished where attempt.delivery.status == .pending {
                nextRetry = min(nextRetry ?? attempt.delivery.nextAttemptAt, attempt.delivery.nextAttemptAt)
            }
            do {
                try await store.finishWebhookAttempts(finished)
            } catch {
                // The leases run out and the deliveries are attempted again: at-least-once holds.
                logger.error("could not record webhook deliveries", metadata: ["error": "\(error)"])
            }
        }
        throw CancellationError()
    }

    /// One attempt in a client span of its own, which the agent's URL receives as `traceparent`;
    /// counted in the delivery series by how it ended.
    ///
    /// The span joins the trace of the request that stored the event, whichever replica took
    /// it and however long ago: it is a child of the event's stored context, and links to it.
    /// OpenTelemetry's messaging conventions make a link to the message's creation context the
    /// default, since a consumer span may account for a batch or run inside another span, and
    /// allow that context as the parent for a span that handles exactly one message. A delivery
    /// is one event, and the worker runs it inside no span of its own, so the parent is the
    /// event's: the ingest request, each attempt and what the agent does with the push read as
    /// one trace, and the `traceparent` the agent's URL receives belongs to it. The link, which
    /// the conventions ask for either way, keeps the relation where a backend shows only links.
    /// Retries are children of the same context, so every attempt is found under the ingest.
    private func deliver(_ delivery: WebhookDeliveryRecord, client: HTTPClient, schedule: RetrySchedule) async -> FinishedAttempt {
        // Read before the span starts, since its parent is in the event (these reads' spans
        // stand alone, like the lease's and the outcomes' commit).
        let target: Result<Addressed?, any Error>
        do {
            target = .success(try await address(delivery))
        } catch {
            target = .failure(error)
        }
        let traceparent = (try? target.get())?.event.traceparent
        let origin = TraceHeaders.context(traceparent: traceparent)
        return await withSpan("webhook.deliver", context: origin, ofKind: .client) { span in
            if traceparent != nil { span.addLink(SpanLink(context: origin, attributes: [:])) }
            span.attributes["patchbay.delivery.attempt"] = delivery.attempts + 1
            let started = clock.now
            let finished = await attempt(delivery, to: target, client: client, schedule: schedule)
            let outcome: String
            switch finished.delivery.status {
            case .succeeded: outcome = "succeeded"
            case .dead: outcome = "dead"
            case .pending, .delivering: outcome = "retry"
            }
            span.attributes["patchbay.delivery.outcome"] = outcome
            if let status = finished.attempt.statusCode { span.attributes["http.response.status_code"] = status }
            if outcome != "succeeded" { span.setStatus(SpanStatus(code: .error)) }
            let lag = outcome == "succeeded" ? Duration.milliseconds(max(0, clock.wallMillis - delivery.createdAt)) : nil
            ServiceMetrics.deliveryAttempted(outcome: outcome, duration: clock.now - started, lag: lag)
            return finished
        }
    }

    /// What a delivery goes out with, read from the store.
    private struct Addressed {
        let event: WebhookEventRecord
        let subscription: WebhookSubscriptionRecord
    }

    /// The delivery's event and subscription; nil when either no longer exists.
    private func address(_ delivery: WebhookDeliveryRecord) async throws -> Addressed? {
        guard let event = try await store.webhookEvent(id: delivery.eventID, accountID: delivery.accountID),
              let subscription = try await store.webhookSubscription(id: delivery.subscriptionID, accountID: delivery.accountID)
        else { return nil }
        return Addressed(event: event, subscription: subscription)
    }

    /// `target` is what `address` read, or why it could not: a failed read is retried like a failed send.
    private func attempt(_ delivery: WebhookDeliveryRecord, to target: Result<Addressed?, any Error>, client: HTTPClient,
                         schedule: RetrySchedule) async -> FinishedAttempt {
        var delivery = delivery
        let started = clock.wallMillis
        let began = clock.now
        var statusCode: Int?
        var failure: String?
        var retryAfter: Duration?
        var refused = false
        do {
            guard let addressed = try target.get(), let url = addressed.subscription.url,
                  let sealed = addressed.subscription.sealedSecrets
            else {
                delivery.status = .dead
                delivery.lastError = "the event or the subscription no longer exists"
                return finish(delivery, started: started, began: began, statusCode: nil, disable: nil)
            }
            let destination = try await targets.target(url)
            let secrets = try SubscriptionSecrets.open(sealed, vault: vault, subscriptionID: addressed.subscription.id)
                .valid(now: started)
            let body = try WireCoding.encode(WebhookEventPayload.json(addressed.event))
            let timestamp = Int(started / 1000)
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "Patchbay-Webhooks/1")
            request.headers.add(name: "webhook-id", value: delivery.id)
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(name: "webhook-signature",
                                value: StandardWebhooks.signature(id: delivery.id, timestamp: timestamp, body: body, secrets: secrets))
            request.body = .bytes(ByteBuffer(bytes: body))
            TraceHeaders.add(to: &request.headers)
            let answer = try await send(request, to: destination, client: client)
            statusCode = answer.status
            retryAfter = answer.retryAfter
        } catch WebhookTargetPolicy.Failure.refused(let reason) {
            failure = "refused: \(reason)"
            refused = true
        } catch WebhookTargetPolicy.Failure.unresolved(let reason) {
            failure = reason
        } catch {
            failure = Self.describe(error)
        }

        delivery.attempts += 1
        delivery.lastStatusCode = statusCode
        var disable: String?
        if let statusCode, (200..<300).contains(statusCode) {
            delivery.status = .succeeded
            delivery.lastError = nil
        } else if refused {
            // Sending again cannot help; the dead letter says why, and a retry after the URL or
            // the operator's settings change goes through the same check.
            delivery.status = .dead
            delivery.lastError = failure
        } else if statusCode == 410 {
            delivery.status = .dead
            delivery.lastError = "the agent's URL answered 410 Gone; the subscription is disabled"
            disable = "the agent's URL answered 410 Gone"
        } else {
            delivery.lastError = failure ?? "the agent's URL answered \(statusCode ?? 0)"
            if let delay = schedule.delay(afterAttempt: delivery.attempts, retryAfter: retryAfter) {
                delivery.status = .pending
                delivery.nextAttemptAt = clock.wallMillis + delay
            } else {
                delivery.status = .dead
            }
        }
        return finish(delivery, started: started, began: began, statusCode: statusCode, disable: disable)
    }

    /// Sends to the checked address: a literal one through the shared client, a name through a
    /// client of its own that connects to the address the name was checked at (and still
    /// presents the name for TLS), so a second lookup cannot point the connection elsewhere.
    private func send(_ request: HTTPClientRequest, to target: WebhookTargetPolicy.Target, client: HTTPClient) async throws
        -> (status: Int, retryAfter: Duration?)
    {
        guard let pinned = target.pinned else { return try await exchange(request, client) }
        var configuration = clientConfiguration
        configuration.dnsOverride = [pinned.host: pinned.address]
        let pinnedClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let outcome = try await exchange(request, pinnedClient)
            try await pinnedClient.shutdown()
            return outcome
        } catch {
            try? await pinnedClient.shutdown()
            throw error
        }
    }

    /// The answer, or `deadlineExceeded` once the delivery timeout passes on the host's clock (the
    /// client's own deadline, the same length of real time, stays as the backstop).
    private func exchange(_ request: HTTPClientRequest, _ client: HTTPClient) async throws -> (status: Int, retryAfter: Duration?) {
        let (clock, timeout) = (clock, settings.deliveryTimeout)
        return try await withThrowingTaskGroup(of: (status: Int, retryAfter: Duration?).self) { group in
            group.addTask {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
                // Read a little of the body so the connection can be reused; what it says is not kept.
                _ = try? await response.body.collect(upTo: 64 << 10)
                // An HTTP date is read against the host's clock, like the delay it becomes.
                let now = Date(timeIntervalSince1970: Double(clock.wallMillis) / 1000)
                return (Int(response.status.code), RetrySchedule.parseRetryAfter(response.headers.first(name: "retry-after"), now: now))
            }
            group.addTask {
                try await clock.sleep(for: timeout)
                throw HTTPClientError.deadlineExceeded
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private func finish(_ delivery: WebhookDeliveryRecord, started: Millis, began: ContinuousClock.Instant, statusCode: Int?,
                        disable: String?) -> FinishedAttempt {
        var delivery = delivery
        delivery.updatedAt = clock.wallMillis
        let attempt = WebhookAttemptRecord(
            id: IDs.make("att"), deliveryID: delivery.id, attemptedAt: started,
            durationMs: Int((clock.now - began) / .milliseconds(1)), statusCode: statusCode,
            error: delivery.status == .succeeded ? nil : delivery.lastError)
        return FinishedAttempt(delivery: delivery, attempt: attempt, disableSubscription: disable)
    }

    /// What went wrong, in words that name no secret: the URL is the agent's own, headers are not included.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout { return "timed out" }
            if error == .connectTimeout { return "connect timed out" }
            return "request failed: \(error)"
        }
        if error is VaultError { return "the subscription's secret cannot be opened" }
        return "request failed: \(type(of: error))"
    }
}
