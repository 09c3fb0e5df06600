import PostgresNIO

/// One table's columns in a row that joins several, so that one statement can read what would
/// take one per table, and each record still decodes by its own column names. The statement
/// selects the tables' columns in order with a column named `separator` between them:
/// `SELECT e.id, e.status, NULL AS "|", c.id FROM …`.
struct PostgresTableColumns: PostgresColumns {
    static let separator = "|"

    private let cells: [String: PostgresCell]

    /// The tables of `row`, in the statement's order.
    static func split(_ row: PostgresRandomAccessRow) -> [PostgresTableColumns] {
        var tables: [PostgresTableColumns] = []
        var cells: [String: PostgresCell] = [:]
        for cell in row {
            if cell.columnName == separator {
                tables.append(PostgresTableColumns(cells: cells))
                cells = [:]
            } else {
                cells[cell.columnName] = cell
            }
        }
        tables.append(PostgresTableColumns(cells: cells))
        return tables
    }

    subscript(_ column: String) -> PostgresCell {
        guard let cell = cells[column] else { fatalError("a column \"\(column)\" does not exist") }
        return cell
    }

    /// Whether the table's row is there: false for the missing side of an outer join.
    var isPresent: Bool {
        cells["id"]?.bytes != nil
    }
}
