import Foundation
import Synchronization

/// Plaintexts the vault has already opened, by sealed value and context.
///
/// Webhook secrets and connection credentials are opened on every request that uses them.
/// The key is the sealed text itself, so new credentials, a re-seal under another key, or
/// a tampered ciphertext are all a miss and go through AES-GCM again. The memory holds the
/// same plaintexts that each request held anyway; it is bounded, and emptied when full.
final class OpenedSecrets<Value: Sendable>: Sendable {
    private struct Key: Hashable {
        let sealed: String
        let context: String
    }

    private let limit: Int
    private let values = Mutex<[Key: Value]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// What `sealed` opened to before, or what `open` makes of it now, kept for next time.
    func value(sealed: String, context: String, orOpen open: () throws -> Value) throws -> Value {
        let key = Key(sealed: sealed, context: context)
        if let value = values.withLock({ $0[key] }) { return value }
        let value = try open()
        values.withLock { values in
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = value
        }
        return value
    }
}
