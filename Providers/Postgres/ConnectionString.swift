import Foundation
import NIOSSL
import PatchbaySDK
import PostgresNIO

/// Reads a `postgres://user:password@host:port/database?sslmode=…` URL into a driver
/// configuration. Errors never repeat the string: it holds the password.
enum ConnectionString {
    static func configuration(_ string: String?) throws -> PostgresConnection.Configuration {
        guard let string, let url = URLComponents(string: string), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw invalid("the connection string is not a postgres:// URL")
        }
        guard let host = url.host, !host.isEmpty else { throw invalid("the connection string names no host") }
        guard let user = url.user, !user.isEmpty else { throw invalid("the connection string names no user") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        let sslMode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        var configuration = PostgresConnection.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password,
            database: database.isEmpty ? nil : database, tls: try tls(sslMode))
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// libpq's sslmode values: `prefer` (libpq's default) uses TLS when the server offers it.
    /// Like libpq, only verify-ca and verify-full check the server's certificate.
    private static func tls(_ mode: String) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case "disable":
            return .disable
        case "allow", "prefer":
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case "require":
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case "verify-full":
            return .require(try NIOSSLContext(configuration: tls))
        default:
            throw invalid("sslmode must be disable, allow, prefer, require, verify-ca or verify-full")
        }
    }

    private static func invalid(_ message: String) -> PluginError {
        PluginError(code: "invalid_connection_string", message: message)
    }
}
