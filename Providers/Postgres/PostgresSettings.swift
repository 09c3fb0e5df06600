import PatchbaySDK

/// A connection's non-secret config, with the manifest's defaults applied.
struct PostgresSettings: Sendable {
    static let defaultTimeoutMs = 5000

    let schema: String
    let statementTimeoutMs: Int

    init(_ config: JSONValue) {
        schema = config["schema"]?.stringValue ?? "public"
        statementTimeoutMs = config["statement_timeout_ms"]?.intValue ?? Self.defaultTimeoutMs
    }
}
