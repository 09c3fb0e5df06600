/// How a provider signals its rate limits, as data: the host reads these signals on every
/// response and paces calls before the provider refuses them, without knowing the provider
/// (docs/abi.md, `rate_limits`). A manifest without it gets `RateLimitSpec()`: a 429 pauses
/// the connection's calls for its `Retry-After`.
public struct RateLimitSpec: Codable, Sendable, Equatable {
    /// Whose budget the signals describe.
    public enum Scope: String, Codable, Sendable, CaseIterable {
        /// Each connection's own (a token's, a shop's, a workspace's).
        case connection
        /// The OAuth app's, shared by every connection made through it (a project quota).
        case app
    }

    public var scope: Scope
    /// Statuses that may mean "slow down". 429 always does; another (GitHub's 403) does only
    /// when the answer carries `retryAfterHeader` or says no calls remain.
    public var throttleStatuses: [Int]
    /// Seconds to wait, on a throttled answer.
    public var retryAfterHeader: String
    /// A window of calls: how many remain and when it resets.
    public var window: Window?
    /// A leaky bucket the provider reports as `used/max`.
    public var bucket: Bucket?

    public init(scope: Scope = .connection, throttleStatuses: [Int] = [429], retryAfterHeader: String = "retry-after",
                window: Window? = nil, bucket: Bucket? = nil) {
        self.scope = scope
        self.throttleStatuses = throttleStatuses
        self.retryAfterHeader = retryAfterHeader
        self.window = window
        self.bucket = bucket
    }

    public struct Window: Codable, Sendable, Equatable {
        /// Calls left in the window, e.g. `x-ratelimit-remaining`.
        public var remainingHeader: String
        /// When the window resets, in Unix seconds, e.g. `x-ratelimit-reset`.
        public var resetHeader: String

        public init(remainingHeader: String, resetHeader: String) {
            self.remainingHeader = remainingHeader
            self.resetHeader = resetHeader
        }

        enum CodingKeys: String, CodingKey {
            case remainingHeader = "remaining_header"
            case resetHeader = "reset_header"
        }
    }

    public struct Bucket: Codable, Sendable, Equatable {
        /// `used/max`, e.g. `x-shopify-shop-api-call-limit: 12/40`.
        public var header: String
        /// Calls the bucket drains per second.
        public var leakPerSecond: Double
        /// The bucket's size until the provider has reported it.
        public var initialMax: Int

        public init(header: String, leakPerSecond: Double, initialMax: Int) {
            self.header = header
            self.leakPerSecond = leakPerSecond
            self.initialMax = initialMax
        }

        enum CodingKeys: String, CodingKey {
            case header
            case leakPerSecond = "leak_per_second"
            case initialMax = "initial_max"
        }
    }

    enum CodingKeys: String, CodingKey {
        case scope, window, bucket
        case throttleStatuses = "throttle_statuses"
        case retryAfterHeader = "retry_after_header"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decodeIfPresent(Scope.self, forKey: .scope) ?? .connection
        throttleStatuses = try c.decodeIfPresent([Int].self, forKey: .throttleStatuses) ?? [429]
        retryAfterHeader = try c.decodeIfPresent(String.self, forKey: .retryAfterHeader) ?? "retry-after"
        window = try c.decodeIfPresent(Window.self, forKey: .window)
        bucket = try c.decodeIfPresent(Bucket.self, forKey: .bucket)
    }
}

extension RateLimitSpec {
    /// What is wrong with the declaration, with paths under `rate_limits`.
    var problems: [SchemaViolation] {
        var problems: [SchemaViolation] = []
        func problem(_ path: String, _ message: String) { problems.append(SchemaViolation(path: "rate_limits.\(path)", message: message)) }
        if throttleStatuses.isEmpty { problem("throttle_statuses", "must name at least one status, e.g. 429") }
        for (index, status) in throttleStatuses.enumerated() where !(400...599).contains(status) {
            problem("throttle_statuses[\(index)]", "must be an HTTP error status from 400 to 599 (got \(status))")
        }
        var headers = [("retry_after_header", retryAfterHeader)]
        if let window { headers += [("window.remaining_header", window.remainingHeader), ("window.reset_header", window.resetHeader)] }
        if let bucket {
            headers.append(("bucket.header", bucket.header))
            if !(bucket.leakPerSecond > 0) { problem("bucket.leak_per_second", "must be more than 0") }
            if bucket.initialMax < 1 { problem("bucket.initial_max", "must be at least 1") }
        }
        for (path, name) in headers where name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problem(path, "must be a header name (letters, digits and '-')")
        }
        return problems
    }
}
