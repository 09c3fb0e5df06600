import GRDB

/// What a decoder reads a stored row through: GRDB's `Row`, or `ColumnReader` for the rows
/// `SQLiteStore.first` and `.all` step through themselves.
protocol StoredRow {
    /// The value of the named column, with `Row`'s rules: NULL or a missing column reads as
    /// nil for an optional and is a programming error otherwise.
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ column: String) -> Value
}

extension StoredRow {
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ column: String) -> Value {
        value(column)
    }
}

extension Row: StoredRow {
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ column: String) -> Value {
        self[column]
    }
}
