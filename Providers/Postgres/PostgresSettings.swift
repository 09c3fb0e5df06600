import PatchbaySDK

/// A connection's non-secret config, with the manifest's defaults applied.
struct PostgresSettings: Sendable {
    static let defaultTimeoutMs = 5000
    static let defaultPoolIdleTimeoutMs = 60000
    static let defaultPoolMaxIdle = 32

    let schema: String
    let statementTimeoutMs: Int
    /// PEM; when set, the only roots verify-ca and verify-full trust.
    let caCertificate: String?
    /// How long a session kept between calls may stay unused; zero keeps none.
    let poolIdleTimeout: Duration
    /// Sessions kept for one connection at most; a call beyond them still opens its own.
    let poolMaxIdle: Int

    var keepsSessions: Bool { poolIdleTimeout > .zero }

    init(_ config: JSONValue) {
        schema = config["schema"]?.stringValue ?? "public"
        statementTimeoutMs = config["statement_timeout_ms"]?.intValue ?? Self.defaultTimeoutMs
        caCertificate = config["ca_certificate"]?.stringValue
        poolIdleTimeout = .milliseconds(config["pool_idle_timeout_ms"]?.intValue ?? Self.defaultPoolIdleTimeoutMs)
        poolMaxIdle = config["pool_max_idle"]?.intValue ?? Self.defaultPoolMaxIdle
    }
}
