import PatchbayModel
import PostgresNIO

extension StorageFault {
    /// The one place where the driver's errors for a database that cannot take work become a
    /// cause in words; nil for every other error (a bad statement is a bug, not a fault).
    init?(_ error: PSQLError) {
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
             .sslUnsupported, .failedToAddSSLHandler:
            // The socket's own error says which: refused, no route, unknown host.
            self.init(.unreachable, detail: error.underlying.map { "\($0)" } ?? "\(error.code)")
        case .server:
            guard let state = error.serverInfo?[.sqlState] else { return nil }
            switch state {
            case "53100": self.init(.diskFull, detail: message)                   // disk_full
            case "25006": self.init(.readOnly, detail: message)                   // read_only_sql_transaction
            case "58030": self.init(.ioError, detail: message)                    // io_error
            // Class 08 (connection exception), 57P (operator intervention: shutdown, crash
            // recovery) and 53300 (too many connections): the server is not taking work now.
            case _ where state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300":
                self.init(.unreachable, detail: message)
            // 28xxx: the server refused the login, 3D000: the database does not exist; the
            // operator fixes the URL, the role or the database.
            case _ where state.hasPrefix("28") || state == "3D000":
                self.init(.cannotOpen, detail: message)
            default:
                return nil
            }
        default:
            return nil
        }
    }
}
