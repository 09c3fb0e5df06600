import NIOSSL
import PatchbaySDK
import PostgresNIO

/// Turns driver errors into `PluginError`s whose code is derived from the SQLSTATE. Messages
/// come from the server's own fields; the driver's descriptions and the connection string
/// are never used, so no password can reach an error.
enum PostgresErrors {
    /// SQLSTATEs an agent may want to act on, by name (Postgres' own condition names, except
    /// 25006, whose name says more about what happened here).
    static let codes: [String: String] = [
        "23505": "unique_violation", "23503": "foreign_key_violation", "23502": "not_null_violation",
        "23514": "check_violation", "23P01": "exclusion_violation",
        "25006": "read_only_violation", "57014": "query_canceled",
        "42P01": "undefined_table", "42703": "undefined_column", "42883": "undefined_function",
        "42601": "syntax_error", "42501": "insufficient_privilege", "42804": "datatype_mismatch",
        "42P02": "undefined_parameter", "42P18": "indeterminate_datatype", "3F000": "invalid_schema_name",
        "22P02": "invalid_text_representation", "22001": "string_data_right_truncation",
        "22003": "numeric_value_out_of_range", "22007": "invalid_datetime_format", "22008": "datetime_field_overflow",
        "22012": "division_by_zero", "22023": "invalid_parameter_value", "22P05": "untranslatable_character",
        "40001": "serialization_failure", "40P01": "deadlock_detected", "55P03": "lock_not_available",
        "28P01": "invalid_credentials", "28000": "invalid_credentials", "3D000": "database_not_found",
        "53300": "too_many_connections", "57P01": "admin_shutdown", "57P03": "cannot_connect_now",
        "54000": "program_limit_exceeded", "0A000": "feature_not_supported",
    ]

    /// Conditions that may pass if the same call is made again later.
    static let retryable: Set<String> = ["40001", "40P01", "55P03", "53300", "57P01", "57P03"]

    static func pluginError(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let server = error.serverInfo, let state = server[.sqlState] {
            var details: [String: JSONValue] = ["sqlstate": .string(state)]
            for (name, field) in [("detail", PSQLError.ServerInfo.Field.detail), ("hint", .hint), ("table", .tableName),
                                  ("column", .columnName), ("constraint", .constraintName)] {
                if let value = server[field] { details[name] = .string(value) }
            }
            return PluginError(code: code(for: state), message: server[.message] ?? "the database refused the statement",
                               retryable: retryable.contains(state) || state.hasPrefix("08"), details: .object(details))
        }
        if error.underlying is NIOSSLError || error.underlying is BoringSSLError {
            return PluginError(code: "tls_failed",
                               message: "the TLS handshake with the database server failed: with sslmode verify-ca or verify-full, "
                                   + "the server's certificate must be signed by a trusted CA (config ca_certificate) and, "
                                   + "for verify-full, name the host")
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            return PluginError(code: "connection_failed", message: "could not reach the database server", retryable: true)
        case .authMechanismRequiresPassword:
            return PluginError(code: "invalid_credentials", message: "the server requires a password and the connection string has none")
        case .unsupportedAuthMechanism, .saslError:
            return PluginError(code: "invalid_credentials", message: "authentication with the database server failed")
        case .sslUnsupported:
            return PluginError(code: "connection_failed", message: "the server does not support TLS, which sslmode requires")
        case .queryCancelled:
            return PluginError(code: "query_canceled", message: "the query was cancelled")
        default:
            return PluginError(code: "postgres_error", message: "the database connection failed (\(error.code))")
        }
    }

    private static func code(for state: String) -> String {
        if let name = codes[state] { return name }
        switch state.prefix(2) {
        case "08": return "connection_failed"
        case "22": return "data_exception"
        case "23": return "integrity_constraint_violation"
        case "42": return "syntax_error_or_access_rule_violation"
        default: return "postgres_error"
        }
    }
}
