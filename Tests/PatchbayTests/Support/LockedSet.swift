import Foundation

/// Ids gathered from concurrent senders, such as the events a host acknowledged.
/// Unchecked because `lock` guards `items`, which the compiler cannot see.
final class LockedSet: @unchecked Sendable {
    private let lock = NSLock()
    private var items: Set<String> = []

    /// Inserts and returns the new count.
    @discardableResult
    func insert(_ item: String) -> Int {
        lock.withLock {
            items.insert(item)
            return items.count
        }
    }

    func contains(_ item: String) -> Bool { lock.withLock { items.contains(item) } }

    var count: Int { lock.withLock { items.count } }

    var all: Set<String> { lock.withLock { items } }
}
