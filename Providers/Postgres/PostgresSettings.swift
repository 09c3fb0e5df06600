import PatchbaySDK

/// A connection's non-secret config, with the manifest's defaults applied.
struct PostgresSettings: Sendable {
    static let defaultTimeoutMs = 5000

    let schema: String
    let statementTimeoutMs: Int
    /// PEM; when set, the only roots verify-ca and verify-full trust.
    let caCertificate: String?

    init(_ config: JSONValue) {
        schema = config["schema"]?.stringValue ?? "public"
        statementTimeoutMs = config["statement_timeout_ms"]?.intValue ?? Self.defaultTimeoutMs
        caCertificate = config["ca_certificate"]?.stringValue
    }
}
