import PatchbayModel
import PostgresNIO

/// What a record is decoded from: a whole row, or one table's part of a row that joins several
/// (`PostgresTableColumns`).
protocol PostgresColumns {
    subscript(_ column: String) -> PostgresCell { get }
}

extension PostgresColumns {
    /// The named column's value; a column whose value does not fit `T` is `StoreError.corrupt`.
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try self[column].decode(T.self)
        } catch {
            throw StoreError.corrupt("column \(column) does not read as \(T.self)")
        }
    }
}

extension PostgresRandomAccessRow: PostgresColumns {}
