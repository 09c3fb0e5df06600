import Foundation

/// Plaintexts the vault has already opened, by sealed value and context.
///
/// Webhook secrets and connection credentials are opened on every request that uses them.
/// The key is the sealed text itself, so new credentials, a re-seal under another key, or
/// a tampered ciphertext are all a miss and go through AES-GCM again. The memory holds the
/// same plaintexts that each request held anyway; it is bounded, and emptied when full.
final class OpenedSecrets<Value: Sendable>: @unchecked Sendable {
    private struct Key: Hashable {
        let sealed: String
        let context: String
    }

    private let limit: Int
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    func value(sealed: String, context: String) -> Value? {
        lock.withLock { values[Key(sealed: sealed, context: context)] }
    }

    func store(_ value: Value, sealed: String, context: String) {
        lock.withLock {
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[Key(sealed: sealed, context: context)] = value
        }
    }
}
