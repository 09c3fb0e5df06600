/// A connection field whose value names a place to connect to: a base URL, a database's
/// connection string. Whoever creates a connection chooses it, so the host checks the address
/// it names against the operator's egress policy when the connection is created or changed,
/// and again on every call (a name may resolve elsewhere later), before the plugin sees it.
public struct NetworkTarget: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// An http or https URL the host's egress sends requests to.
        case url
        /// A `postgres://` URL the plugin connects to itself. With each call the plugin receives
        /// the address the host checked (`PluginCall.checkedAddresses`) and connects only there.
        case postgresDSN = "postgres_dsn"
    }

    /// `config.<property>` (a property of the config schema) or `credentials.<name>`.
    public var field: String
    public var kind: Kind

    public init(field: String, kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// The value this target names in a connection's config or credentials, if set.
    public func value(config: JSONValue, credentials: [String: String]) -> String? {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let value = parts[0] == "credentials" ? credentials[parts[1]] : parts[0] == "config" ? config[parts[1]]?.stringValue : nil
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }
}
