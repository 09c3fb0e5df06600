import Foundation

/// What a copy did: each table's rows and checksum on both sides, how fast it went, and what
/// the operator should know before switching hosts over.
public struct StoreCopyReport: Sendable {
    public struct Table: Sendable {
        public let name: String
        public let sourceRows: Int
        public let targetRows: Int
        public let sourceChecksum: String
        public let targetChecksum: String

        public var matches: Bool { sourceRows == targetRows && sourceChecksum == targetChecksum }
    }

    public let tables: [Table]
    /// Reading, converting and inserting, without the verification.
    public let copyDuration: Duration
    /// Each identity column's next value, as `table.column`.
    public let sequences: [String: Int64]
    /// Executions still `running` in the snapshot: the SQLite host was serving, or did not stop cleanly.
    public let runningExecutions: Int

    /// True when every table has the same rows and checksum on both sides; only then was the copy committed.
    public var matches: Bool { tables.allSatisfy(\.matches) }

    public var copiedRows: Int { tables.reduce(0) { $0 + $1.sourceRows } }

    public var copySeconds: Double {
        Double(copyDuration.components.seconds) + Double(copyDuration.components.attoseconds) / 1e18
    }

    public var rowsPerSecond: Double { copySeconds > 0 ? Double(copiedRows) / copySeconds : 0 }

    /// A table for the terminal, checksums shortened to 16 hex digits.
    public var rendered: String {
        let width = max(5, tables.map(\.name.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String { text.padding(toLength: count, withPad: " ", startingAt: 0) }
        func count(_ number: Int) -> String { String(repeating: " ", count: max(0, 9 - String(number).count)) + String(number) }
        var lines = [pad("table", width) + "  sqlite rows  postgres rows  sqlite sha-256    postgres sha-256"]
        for table in tables {
            lines.append(pad(table.name, width) + "  " + count(table.sourceRows) + "    " + count(table.targetRows) + "      "
                         + table.sourceChecksum.prefix(16) + " " + table.targetChecksum.prefix(16) + "  "
                         + (table.matches ? "ok" : "MISMATCH"))
        }
        return lines.joined(separator: "\n")
    }
}
