/// HTTP header names a connector definition may use: RFC 9110 tokens, and none the host sets itself.
enum HeaderNames {
    private static let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    /// Set by the host or the HTTP client; a definition setting them could break framing or smuggle credentials.
    private static let reserved: Set<String> = ["authorization", "host", "content-length", "transfer-encoding", "connection",
                                                "cookie", "proxy-authorization"]

    static func check(_ name: String, field: String) throws {
        guard !name.isEmpty, name.allSatisfy({ tokenCharacters.contains($0) }) else {
            throw ServiceError.validation("\(field) must be an HTTP header name (letters, digits and -)", field: field)
        }
        guard !reserved.contains(name.lowercased()) else {
            throw ServiceError.validation("\(field) may not be \(name): the host sets it (credentials go in auth)", field: field)
        }
    }
}
