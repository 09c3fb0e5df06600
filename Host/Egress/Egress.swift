import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import PatchbayClock
public import PatchbayStore
public import PatchbayWire
import Tracing

public struct EgressSettings: Sendable {
    /// One deadline per attempt once it is let through the host's queue, covering the wait for
    /// a connection, connecting, the response head and the whole body: an upstream that stalls
    /// mid-body cannot hold its connection.
    public var requestTimeout: Duration = .seconds(30)
    /// How long to keep trying to open a connection (a refused port is retried until then).
    public var connectTimeout: Duration = .seconds(5)
    /// Requests in flight at once to one upstream (scheme, host and port), and so HTTP/1.1
    /// connections kept to it. High, because agents' calls to a slow provider mostly wait: at
    /// 1 s upstream latency, each slot carries one call per second.
    public var connectionsPerHost = 8192
    /// `connectionsPerHost` for one provider's upstreams instead (`--egress-limit crm=256`),
    /// keyed by provider id: such a provider's requests get a queue of their own per upstream.
    public var connectionsPerProvider: [String: Int] = [:]
    /// How long a request waits in the host's queue when all `connectionsPerHost` are busy
    /// before it fails with `egress_queue_timeout`, unsent.
    public var queueWait: Duration = .seconds(5)
    /// Retries after a 429 or 503, on top of the first attempt (see `RetryRule`).
    public var maxRetries = 2
    /// The longest `Retry-After` the host waits out itself; a longer one goes back to the caller.
    public var maxRetryAfter: Duration = .seconds(10)
    public var maxResponseBytes = 10 * 1024 * 1024
    /// Which addresses requests may reach: public ones, and what the operator allows.
    public var addresses = AddressPolicy()
    /// Where requests to an origin go instead (the operator's `--upstream` entries keyed by origin).
    public var origins = OriginOverrides()

    public init() {}

    /// The requests in flight allowed at once to one upstream of `provider`.
    public func connectionLimit(for provider: String) -> Int {
        connectionsPerProvider[provider] ?? connectionsPerHost
    }
}

/// What one upstream attempt did, with secrets removed; kept on the execution record.
public struct EgressExchange: Sendable, Equatable {
    public var method: String
    public var url: String
    public var status: Int?
    public var error: String?
    public var durationMs: Int

    public var json: JSONValue {
        var object: [String: JSONValue] = ["method": .string(method), "url": .string(url), "duration_ms": .integer(Int64(durationMs))]
        if let status { object["status"] = .integer(Int64(status)) }
        if let error { object["error"] = .string(error) }
        return .object(object)
    }
}

/// Sends plugins' HTTP requests: the only place the host talks to providers.
public final class Egress: Sendable {
    private let client: HTTPClient
    let pinned: PinnedClients
    /// Vets every address a request goes to, and every network target in a connection's config.
    public let gate: EgressGate
    let settings: EgressSettings
    /// What retries, rate-budget waits, the queue wait and the request deadline wait on.
    public let clock: any HostClock
    private let queue: EgressQueue
    private let budgets: RateBudgets
    let logger: Logger

    /// `budgets` is where replicas share providers' rate budgets; without it each host paces on its own.
    public init(settings: EgressSettings = EgressSettings(), budgets store: (any RateBudgetStore)? = nil,
                clock: any HostClock = SystemClock(), logger: Logger = Logger(label: "patchbay.egress")) {
        var configuration = HTTPClient.Configuration()
        // Never follow redirects: a redirect could carry injected credentials to another host.
        configuration.redirectConfiguration = .disallow
        configuration.timeout.connect = .milliseconds(Int64(settings.connectTimeout / .milliseconds(1)))
        // `queue` keeps requests within the limit, so the client's pool never queues them
        // itself (its pool wait fails as the last connect error, not as a wait). HTTP/2 is
        // used when a TLS upstream offers it; cleartext stays HTTP/1.1.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit =
            max(settings.connectionsPerHost, settings.connectionsPerProvider.values.max() ?? 0)
        configuration.httpVersion = .automatic
        // The client's own spans would record the full URL, whose query may hold a credential:
        // each attempt has a span of egress's own instead (`tracedAttempt`).
        configuration.tracing.tracer = nil
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        gate = EgressGate(policy: settings.addresses, clock: clock)
        pinned = PinnedClients(gate: gate, shared: client, configuration: configuration,
                               retireAfter: (settings.queueWait + settings.requestTimeout + settings.maxRetryAfter) * (settings.maxRetries + 1),
                               clock: clock)
        self.settings = settings
        self.clock = clock
        queue = EgressQueue(clock: clock)
        budgets = RateBudgets(store: store, clock: clock, logger: logger)
        self.logger = logger
    }

    public func shutdown() async throws {
        await pinned.shutdown()
        try await client.shutdown()
    }

    /// Sends `message` for a connection, retrying throttled attempts as `RetryRule` allows.
    /// Never throws: failures are answered as `HTTPResponseMessage.failure`. Each attempt is
    /// reported to `record`. Cancelling the calling task (its plugin call ended) ends the
    /// request at once and closes its connection.
    public func send(_ message: HTTPRequestMessage, to target: EgressTarget,
                     record: @Sendable (EgressExchange) -> Void = { _ in }) async -> HTTPResponseMessage {
        let url: URL
        switch requestURL(message, target: target) {
        case .success(let built): url = built
        case .failure(let error): return .failure(error)
        }
        let shownURL = Self.displayURL(url, target: target)
        let client: HTTPClient
        switch await pinned.client(for: url) {
        case .success(let chosen): client = chosen
        case .failure(let refusal):
            record(EgressExchange(method: message.method, url: shownURL, status: nil, error: refusal.code, durationMs: 0))
            EgressMetrics.attempted(provider: target.provider, response: .failure(refusal), duration: nil)
            return .failure(refusal)
        }

        var attempt = 0
        while true {
            if Task.isCancelled { return .failure(EgressFailure.cancelled) }
            if let key = target.budgetKey,
               let refusal = await budgets.admit(key, spec: target.rateLimits, provider: target.provider,
                                                 deadline: target.deadline ?? clock.now + settings.maxRetryAfter) {
                record(EgressExchange(method: message.method, url: shownURL, status: nil, error: refusal.code, durationMs: 0))
                EgressMetrics.attempted(provider: target.provider, response: .failure(refusal), duration: nil)
                return .failure(refusal)
            }
            let started = clock.now
            let response = await tracedAttempt(message, url: url, target: target, client: client)
            if let key = target.budgetKey { budgets.observe(key, spec: target.rateLimits, response: response) }
            EgressMetrics.attempted(provider: target.provider, response: response, duration: clock.now - started)
            let elapsed = Int((clock.now - started) / .milliseconds(1))
            record(EgressExchange(method: message.method, url: shownURL, status: response.error == nil ? response.status : nil,
                                  error: response.error?.code, durationMs: elapsed))
            logger.debug("egress", metadata: ["method": "\(message.method)", "url": "\(shownURL)",
                                              "status": "\(response.status)", "ms": "\(elapsed)"])

            guard attempt < settings.maxRetries, RetryRule.allowsRetry(of: message.method, after: response) else { return response }
            let wait = retryDelay(response, attempt: attempt)
            guard wait <= settings.maxRetryAfter else { return response }
            attempt += 1
            do {
                try await clock.sleep(for: wait)
            } catch {
                return response
            }
        }
    }

    /// One attempt in a client span of its own, whose context the upstream receives as `traceparent`.
    /// The span names the host only: a path or a query may carry a credential.
    private func tracedAttempt(_ message: HTTPRequestMessage, url: URL, target: EgressTarget, client: HTTPClient) async -> HTTPResponseMessage {
        await withSpan("HTTP \(message.method.uppercased())", ofKind: .client) { span in
            span.attributes["http.request.method"] = message.method.uppercased()
            span.attributes["server.address"] = url.host
            span.attributes["patchbay.provider"] = target.provider
            let response = await attemptOnce(message, url: url, target: target, client: client)
            if let error = response.error {
                span.attributes["error.type"] = error.code
                span.setStatus(SpanStatus(code: .error))
            } else {
                span.attributes["http.response.status_code"] = response.status
            }
            return response
        }
    }

    private func attemptOnce(_ message: HTTPRequestMessage, url: URL, target: EgressTarget, client: HTTPClient) async -> HTTPResponseMessage {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: message.method.uppercased())
        let authHeader = target.auth.header?.lowercased()
        for (name, value) in message.headers {
            // A plugin may not set credentials itself, nor smuggle them past the host's injection.
            let lowered = name.lowercased()
            if lowered == "authorization" || lowered == authHeader || lowered == "host" { continue }
            request.headers.add(name: name, value: value)
        }
        if !request.headers.contains(name: "user-agent") { request.headers.add(name: "User-Agent", value: "Patchbay/1.0") }
        injectHeaders(into: &request.headers, target: target)
        TraceHeaders.add(to: &request.headers)
        if let body = message.bodyBytes {
            request.body = .bytes(ByteBuffer(bytes: body))
        }

        var upstream = "\(url.scheme ?? "http")://\(url.host ?? ""):\(url.port ?? AddressPolicy.defaultPort(url.scheme))"
        // A provider with a limit of its own queues apart from others that share its host.
        if settings.connectionsPerProvider[target.provider] != nil { upstream = target.provider + " " + upstream }
        let limit = settings.connectionLimit(for: target.provider)
        guard await queue.acquire(upstream, caller: target.caller, limit: limit, wait: settings.queueWait) else {
            if Task.isCancelled { return .failure(EgressFailure.cancelled) }
            return .failure(EgressFailure.queueTimeout(host: url.host ?? "the provider", provider: target.provider, settings: settings))
        }
        defer { queue.release(upstream) }
        let timeout = settings.requestTimeout
        let clock = clock
        do {
            // The response is read in a child task racing the deadline: whichever ends first
            // cancels the other, and cancelling the read closes the connection mid-body.
            return try await withThrowingTaskGroup(of: HTTPResponseMessage.self) { group in
                group.addTask { [request] in try await self.exchange(request, client: client) }
                group.addTask {
                    try await clock.sleep(for: timeout)
                    throw EgressFailure.deadline
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch {
            return .failure(EgressFailure.pluginError(for: error, host: url.host ?? "the provider", settings: settings))
        }
    }

    /// The response with its whole body; a failure after the head is an `EgressFailure.incompleteBody`.
    private func exchange(_ request: HTTPClientRequest, client: HTTPClient) async throws -> HTTPResponseMessage {
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(settings.requestTimeout / .nanoseconds(1))))
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: settings.maxResponseBytes)
        } catch let error as NIOTooManyBytesError {
            throw error
        } catch {
            throw Task.isCancelled ? error : EgressFailure.incompleteBody
        }
        var headers: [String: String] = [:]
        for header in response.headers {
            let name = header.name.lowercased()
            headers[name] = headers[name].map { "\($0), \(header.value)" } ?? header.value
        }
        return HTTPResponseMessage(status: Int(response.status.code), headers: headers, bytes: Data(body.readableBytesView))
    }

    /// The URL `message` goes to, or why it cannot be sent.
    func requestURL(_ message: HTTPRequestMessage, target: EgressTarget) -> Result<URL, PluginError> {
        do {
            return .success(try buildURL(message, target: target))
        } catch let error as PluginError {
            return .failure(error)
        } catch {
            return .failure(PluginError(code: "invalid_request", message: String(describing: error)))
        }
    }

    private func buildURL(_ message: HTTPRequestMessage, target: EgressTarget) throws -> URL {
        let path = message.path
        var components: URLComponents
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            guard let absolute = URLComponents(string: path) else { throw PluginError(code: "invalid_request", message: "invalid URL") }
            components = absolute
        } else {
            guard var base = URLComponents(url: target.baseURL, resolvingAgainstBaseURL: false) else {
                throw PluginError(code: "invalid_request", message: "invalid base URL")
            }
            let relative = URLComponents(string: path.hasPrefix("/") ? path : "/" + path)
            let basePath = base.path.hasSuffix("/") ? String(base.path.dropLast()) : base.path
            base.percentEncodedPath = basePath + (relative?.percentEncodedPath ?? "")
            base.percentEncodedQuery = relative?.percentEncodedQuery
            components = base
        }
        guard let host = components.host, target.allows(host: host) else {
            throw PluginError(code: "host_not_allowed",
                              message: "\(components.host ?? "?") is not among the provider's allowed hosts")
        }
        // The provider's own hosts are what it may reach; the operator decides where they are.
        components = settings.origins.redirect(components)
        var items = components.queryItems ?? []
        for (name, value) in message.query.sorted(by: { $0.key < $1.key }) { items.append(URLQueryItem(name: name, value: value)) }
        if target.auth.type == .query, let param = target.auth.param, let credential = target.auth.credential {
            items.removeAll { $0.name == param }
            items.append(URLQueryItem(name: param, value: target.credentials[credential] ?? ""))
        }
        components.queryItems = items.isEmpty ? nil : items
        // URLComponents leaves '+' alone in queries, but servers read it as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url else { throw PluginError(code: "invalid_request", message: "invalid URL") }
        return url
    }

    func injectHeaders(into headers: inout HTTPHeaders, target: EgressTarget) {
        let auth = target.auth
        switch auth.type {
        case .bearer:
            if let value = auth.credential.flatMap({ target.credentials[$0] }) {
                headers.replaceOrAdd(name: "Authorization", value: "Bearer \(value)")
            }
        case .header:
            if let name = auth.header, let value = auth.credential.flatMap({ target.credentials[$0] }) {
                headers.replaceOrAdd(name: name, value: value)
            }
        case .basic:
            let user = auth.username.flatMap { target.credentials[$0] } ?? ""
            let password = auth.password.flatMap { target.credentials[$0] } ?? ""
            headers.replaceOrAdd(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        case .query, .none, .plugin:
            break
        }
    }

    private func retryDelay(_ response: HTTPResponseMessage, attempt: Int) -> Duration {
        if let header = response.headers["retry-after"], let seconds = Double(header.trimmingCharacters(in: .whitespaces)) {
            return .milliseconds(Int(max(0, seconds) * 1000))
        }
        return .milliseconds(500 << attempt)
    }

    /// The URL as records and logs show it: the auth query parameter masked by name (its
    /// encoded form varies), and any other secret value masked wherever it appears.
    static func displayURL(_ url: URL, target: EgressTarget) -> String {
        guard target.auth.type == .query else { return Redaction.redact(url.absoluteString, secrets: target.secretValues) }
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return Redaction.mask }
        if let param = target.auth.param {
            components.queryItems = components.queryItems?.map { item in
                item.name == param ? URLQueryItem(name: item.name, value: Redaction.mask) : item
            }
        }
        return Redaction.redact(components.string ?? Redaction.mask, secrets: target.secretValues)
    }
}
