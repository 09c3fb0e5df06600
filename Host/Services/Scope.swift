/// What an API key may do. `admin` includes every other scope.
public enum Scope: String, CaseIterable, Sendable {
    case integrationsRead = "integrations:read"
    case integrationsWrite = "integrations:write"
    case skillsWrite = "skills:write"
    /// Lets an agent runtime list and call an agent's published skills (HTTP and MCP).
    case skillsInvoke = "skills:invoke"
    /// Lets a Prometheus scraper read `GET /metrics`, which counts the whole host's traffic
    /// (no account or id is in it). Nothing else.
    case metrics
    case admin

    /// Parses a comma- or space-separated list, naming the first unknown scope.
    public static func parse(_ text: String) throws -> [Scope] {
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !names.isEmpty else { throw ServiceError.validation("at least one scope is required", field: "scopes") }
        return try names.map { name in
            guard let scope = Scope(rawValue: name) else {
                let known = Scope.allCases.map(\.rawValue).joined(separator: ", ")
                throw ServiceError.validation("unknown scope \"\(name)\"; known scopes: \(known)", field: "scopes")
            }
            return scope
        }
    }
}

/// Who is calling: the account an API key belongs to, and what the key may do.
public struct Principal: Sendable, Equatable {
    public var accountID: String
    public var keyID: String
    public var scopes: Set<Scope>
    /// The key's own request budget per rate-limit window; nil for the host's setting.
    public var rateLimit: Int?

    public init(accountID: String, keyID: String, scopes: Set<Scope>, rateLimit: Int? = nil) {
        self.accountID = accountID
        self.keyID = keyID
        self.scopes = scopes
        self.rateLimit = rateLimit
    }

    public func require(_ scope: Scope) throws {
        guard scopes.contains(scope) || scopes.contains(.admin) else {
            throw ServiceError(.forbidden, "missing_scope", "this API key lacks the \(scope.rawValue) scope", field: scope.rawValue)
        }
    }
}
