import PostgresNIO

/// Why a copy stopped, in words for the operator. Nothing was committed to the target.
public struct StoreCopyError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }

    /// PostgreSQL's own message: the driver's description of a `PSQLError` is deliberately
    /// generic, and the server's message names the table, the constraint or the value's problem.
    init(_ error: PSQLError, while doing: String) {
        if let message = error.serverInfo?[.message] {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            description = "PostgreSQL refused \(doing): \(message)\(detail)"
        } else {
            description = "PostgreSQL failed while \(doing): \(error.code)"
        }
    }
}
