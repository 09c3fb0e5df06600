import Crypto
import Foundation

/// A row count and a SHA-256 over the rows in primary-key order, each value rendered
/// canonically (`CopiedValue.render`), built a row at a time so a table of any size is
/// checked in constant memory.
struct TableChecksum {
    private(set) var rows = 0
    private var hash = SHA256()

    mutating func add(_ row: [CopiedValue]) {
        rows += 1
        for value in row { value.render(into: &hash) }
    }

    func finalized() -> String {
        hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
