import Foundation
import NIOCore
import NIOSSL
import PostgresNIO

/// Where a `PostgresStore` keeps its data: a libpq-style URL,
/// `postgres://user:password@host:port/database?sslmode=verify-full&sslrootcert=/path/ca.pem`.
///
/// Beyond libpq's `sslmode` and `sslrootcert`, two parameters of the host's own:
/// `pool_size` (connections per replica, default 20) and `connect_timeout` (seconds a store
/// operation waits for a connection before it fails as unavailable, default 10).
///
/// The password never appears in `redacted` nor in an error, since both reach logs.
public struct PostgresStoreURL: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String
    public let sslMode: String
    public let poolSize: Int
    public let connectTimeout: Duration
    let rootCertificatePath: String?

    public init(_ string: String) throws {
        guard let url = URLComponents(string: string), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw PostgresStoreURLError("the database URL is not a postgres:// URL")
        }
        guard let host = url.host, !host.isEmpty else { throw PostgresStoreURLError("the database URL names no host") }
        guard let user = url.user, !user.isEmpty else { throw PostgresStoreURLError("the database URL names no user") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw PostgresStoreURLError("the database URL names no database") }
        func parameter(_ name: String) -> String? { url.queryItems?.first { $0.name == name }?.value }

        self.host = host
        port = url.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        password = url.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database
        sslMode = parameter("sslmode") ?? "prefer"
        guard Self.sslModes.contains(sslMode) else {
            throw PostgresStoreURLError("sslmode must be one of \(Self.sslModes.joined(separator: ", "))")
        }
        rootCertificatePath = parameter("sslrootcert")
        poolSize = try Self.positive(parameter("pool_size"), name: "pool_size", default: 20)
        connectTimeout = .seconds(try Self.positive(parameter("connect_timeout"), name: "connect_timeout", default: 10))
    }

    static let sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    /// The URL without its password, for logs and errors.
    public var redacted: String { "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode)" }
    public var description: String { redacted }

    /// The driver's client configuration. libpq's meaning of each sslmode: only verify-ca and
    /// verify-full check the server's certificate, against `sslrootcert` or the system's roots.
    func clientConfiguration() throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch try tlsUse() {
        case .disable: tls = .disable
        case .prefer(let configuration): tls = .prefer(configuration)
        case .require(let configuration): tls = .require(configuration)
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    /// The configuration of one connection outside the pool, with the same TLS as the pool's,
    /// named `applicationName` in `pg_stat_activity`.
    func connectionConfiguration(applicationName: String) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch try tlsUse() {
        case .disable: tls = .disable
        case .prefer(let configuration): tls = .prefer(try NIOSSLContext(configuration: configuration))
        case .require(let configuration): tls = .require(try NIOSSLContext(configuration: configuration))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tls)
        configuration.options.connectTimeout = TimeAmount(connectTimeout)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    private enum TLSUse {
        case disable
        case prefer(TLSConfiguration)
        case require(TLSConfiguration)
    }

    private func tlsUse() throws -> TLSUse {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificatePath {
            guard let roots = try? NIOSSLCertificate.fromPEMFile(rootCertificatePath), !roots.isEmpty else {
                throw PostgresStoreURLError("sslrootcert \(rootCertificatePath) is not a readable PEM certificate")
            }
            tls.trustRoots = .certificates(roots)
        }
        switch sslMode {
        case "disable":
            return .disable
        case "allow", "prefer":
            tls.certificateVerification = .none
            return .prefer(tls)
        case "require":
            tls.certificateVerification = .none
            return .require(tls)
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        default:
            return .require(tls)
        }
    }

    private static func positive(_ value: String?, name: String, default defaultValue: Int) throws -> Int {
        guard let value else { return defaultValue }
        guard let number = Int(value), number > 0 else { throw PostgresStoreURLError("\(name) must be a positive whole number") }
        return number
    }
}

public struct PostgresStoreURLError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
