import Foundation
import GRDB

/// The current row of a statement, read by column name through a table of column indexes built
/// once per statement. GRDB's `Row` builds that table anew for every query it runs, lowercasing
/// and hashing every column name, which on a cached statement costs more than reading the row.
struct ColumnReader: StoredRow {
    private let statement: SQLiteStatement
    private let indexes: [String: CInt]

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
        indexes = Self.tables.indexes(of: statement)
    }

    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ column: String) -> Value {
        guard let index = indexes[column] else {
            guard let missing = Value.fromDatabaseValue(.null) else { preconditionFailure("no column \(column) in the row") }
            return missing
        }
        // An optional reads NULL as nil here; anything else reads NULL as no value.
        guard let value = Value.fromStatement(statement, atUncheckedIndex: index) else {
            preconditionFailure("column \(column) holds NULL, not \(Value.self)")
        }
        return value
    }

    private static let tables = IndexTables()

    /// Column indexes by name, per statement. A statement is known by its identity, and only as
    /// long as it lives: a new one at the same address is looked at afresh.
    // @unchecked: GRDB's `Statement` is not Sendable, so neither is a table that refers to one;
    // the tables are only touched under `lock`, and a statement is held weakly and only compared
    // by identity, never used, from here.
    private final class IndexTables: @unchecked Sendable {
        private struct Table {
            weak var statement: Statement?
            let indexes: [String: CInt]
        }

        private let lock = NSLock()
        private var tables: [ObjectIdentifier: Table] = [:]

        func indexes(of statement: Statement) -> [String: CInt] {
            let id = ObjectIdentifier(statement)
            if let known = lock.withLock({ tables[id] }), known.statement === statement { return known.indexes }
            var indexes: [String: CInt] = [:]
            // Lowercased and leftmost first, as `Row` finds them.
            for (index, name) in statement.columnNames.enumerated() where indexes[name.lowercased()] == nil {
                indexes[name.lowercased()] = CInt(index)
            }
            lock.withLock {
                tables = tables.filter { $0.value.statement != nil }
                tables[id] = Table(statement: statement, indexes: indexes)
            }
            return indexes
        }
    }
}
