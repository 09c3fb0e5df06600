import Foundation
import NIOSSL
import PatchbaySDK
import PostgresNIO

/// Reads a `postgres://user:password@host:port/database?sslmode=…` URL into a driver
/// configuration. Errors never repeat the string: it holds the password.
enum ConnectionString {
    /// The connection goes to `address`, the one the host checked the string's host at (the
    /// manifest declares the string a network target), never to a fresh lookup of the name;
    /// TLS still presents and verifies the name. The settings' CA (PEM) replaces the system's
    /// trust roots for verify-ca and verify-full, and their statement timeout is the session's
    /// own, so no call spends a round trip setting it.
    static func configuration(_ string: String?, address: String?, settings: PostgresSettings) throws
        -> PostgresConnection.Configuration
    {
        guard let string, let url = URLComponents(string: string), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw invalid("the connection string is not a postgres:// URL")
        }
        guard let host = url.host, !host.isEmpty else { throw invalid("the connection string names no host") }
        guard let user = url.user, !user.isEmpty else { throw invalid("the connection string names no user") }
        guard let address, !address.isEmpty else {
            throw PluginError(code: "egress_refused", message: "the host checked no address for the connection string; "
                              + "this provider connects only to an address the host checked")
        }
        let database = String(url.path.drop(while: { $0 == "/" }))
        let sslMode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        var configuration = PostgresConnection.Configuration(
            host: address, port: url.port ?? 5432, username: user, password: url.password,
            database: database.isEmpty ? nil : database, tls: try tls(sslMode, trusting: settings.caCertificate))
        configuration.options.connectTimeout = .seconds(5)
        // A startup parameter is also what RESET ALL and DISCARD ALL return the setting to.
        configuration.options.additionalStartupParameters = [("statement_timeout", String(settings.statementTimeoutMs))]
        // Pinned to the address a name resolved to; a literal or a trusted name comes back as written.
        if address != host { configuration.options.tlsServerName = host }
        return configuration
    }

    /// libpq's sslmode values: `prefer` (libpq's default) uses TLS when the server offers it.
    /// Like libpq, only verify-ca and verify-full check the server's certificate.
    private static func tls(_ mode: String, trusting caCertificate: String?) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caCertificate {
            guard let roots = try? NIOSSLCertificate.fromPEMBytes(Array(caCertificate.utf8)), !roots.isEmpty else {
                throw PluginError(code: "invalid_config", message: "ca_certificate is not a PEM certificate", field: "ca_certificate")
            }
            tls.trustRoots = .certificates(roots)
        }
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
