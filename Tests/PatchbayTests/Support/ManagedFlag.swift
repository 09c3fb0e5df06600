import Foundation

/// A flag one task sets and another polls. Unchecked because `lock` guards `value`, which the
/// compiler cannot see.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
