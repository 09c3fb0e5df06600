import Crypto

/// What a kept database session may be reused for: one Patchbay connection, with the same
/// credentials, the same address the host checked, the same trusted CA and statement timeout
/// as the call that opened it. Only a SHA-256 digest of them is kept, so the pool holds no
/// secret; two keys are equal only when every part is.
struct SessionKey: Hashable, Sendable {
    /// Not secret: the pool's index, so a connection's sessions under an older key can be found and closed.
    let connectionID: String
    private let digest: SHA256Digest

    /// Nil when the call is for no connection (the plugin test harness) or the host checked no
    /// address: such a call opens its own session, or is refused, as before pooling.
    init?(connectionID: String?, credentials: [String: String], address: String?, settings: PostgresSettings) {
        guard let connectionID, let address else { return nil }
        var hash = SHA256()
        // Each part is length-prefixed, so no two different sets of parts hash the same bytes.
        func add(_ part: String) {
            let bytes = Array(part.utf8)
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hash.update(bufferPointer: $0) }
            hash.update(data: bytes)
        }
        add(connectionID)
        add(String(credentials.count))
        for (name, value) in credentials.sorted(by: { $0.key < $1.key }) {
            add(name)
            add(value)
        }
        add(address)
        add(settings.caCertificate ?? "")
        add(String(settings.statementTimeoutMs))
        self.connectionID = connectionID
        digest = hash.finalize()
    }
}
