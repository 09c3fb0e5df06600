import Foundation

/// A throwaway PostgreSQL server for this test process: `initdb` and `pg_ctl` on a free
/// loopback port, in a temp directory removed at exit. Password auth over TCP (SCRAM) is
/// real, so a wrong password fails as it would in production; the Unix socket trusts local
/// users so the tests can seed and inspect databases with psql. TLS is on, with a server
/// certificate for 127.0.0.1 and localhost signed by a throwaway CA (`caCertificate`), so
/// clients may connect with or without it, as with most managed databases.
///
/// initdb refuses to run as root, so when the tests run as root the server runs as the
/// `postgres` user that the distribution package creates.
final class PostgresServer: Sendable {
    static let user = "pb"
    static let password = "s3cret-Pw_for-tests"
    /// The database every test database is copied from.
    static let templateDatabase = "patchbay_seed"

    let port: Int
    let directory: String
    let binDirectory: String
    /// PEM of the CA that signed the server's certificate.
    let caCertificate: String
    /// PEM of a CA that signed nothing here, for clients that must refuse the server.
    let unrelatedCACertificate: String

    private static let lock = NSLock()
    // Unsafe because `lock` guards it, which the compiler cannot see.
    nonisolated(unsafe) private static var started: Result<PostgresServer, any Error>?

    /// The process's server, started on first use and stopped when the process exits.
    static func shared() throws -> PostgresServer {
        try lock.withLock {
            if let started { return try started.get() }
            let result = Result { try PostgresServer.start() }
            started = result
            if case .success = result { atexit { PostgresServer.stopShared() } }
            return try result.get()
        }
    }

    private init(port: Int, directory: String, binDirectory: String) throws {
        self.port = port
        self.directory = directory
        self.binDirectory = binDirectory
        caCertificate = try String(contentsOfFile: directory + "/ca.crt", encoding: .utf8)
        unrelatedCACertificate = try String(contentsOfFile: directory + "/unrelated-ca.crt", encoding: .utf8)
    }

    /// A fresh copy of the seeded database for one test, so tests that write do not meet each other.
    func makeDatabase() throws -> String {
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try psql("postgres", "CREATE DATABASE \(name) TEMPLATE \(Self.templateDatabase)")
        return name
    }

    /// A new database with nothing in it, for a host's own store.
    func makeEmptyDatabase() throws -> String {
        let name = "store_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try psql("postgres", "CREATE DATABASE \(name) TEMPLATE template0")
        return name
    }

    func connectionString(database: String, password: String = PostgresServer.password,
                          host: String = "127.0.0.1", sslMode: String = "disable") -> String {
        "postgres://\(Self.user):\(password)@\(host):\(port)/\(database)?sslmode=\(sslMode)"
    }

    /// Runs SQL through psql over the Unix socket and returns its unaligned, tuples-only output.
    @discardableResult
    func psql(_ database: String, _ sql: String) throws -> String {
        try Self.run(binDirectory + "/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", String(port),
                                             "-U", Self.user, "-d", database, "-c", sql], asPostgres: false)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Lifecycle

    private static func start() throws -> PostgresServer {
        let bin = try findBinDirectory()
        let directory = NSTemporaryDirectory() + "patchbay-pg-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let passwordFile = directory + "/pwfile"
        try password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        try makeCertificates(in: directory)
        if getuid() == 0 { _ = try run("/bin/chown", ["-R", "postgres", directory], asPostgres: false) }

        try run(bin + "/initdb", ["-D", directory + "/db", "-U", user, "--pwfile=" + passwordFile,
                                  "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C"], asPostgres: true)
        let port = try freePort()
        let tls = "-c ssl=on -c ssl_cert_file=\(directory)/server.crt -c ssl_key_file=\(directory)/server.key"
        // The Postgres plugin keeps each connection's sessions open for a minute after its calls,
        // so the tests of one process hold more sessions at once than the default 100 allows.
        try run(bin + "/pg_ctl", ["-D", directory + "/db", "-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c max_connections=400 \(tls)",
                                  "-l", directory + "/log", "-w", "start"], asPostgres: true)
        let server = try PostgresServer(port: port, directory: directory, binDirectory: bin)
        try server.psql("postgres", "CREATE DATABASE \(templateDatabase)")
        try server.psql(templateDatabase, seedSQL)
        return server
    }

    /// A CA, a server certificate it signs for 127.0.0.1 and localhost, and an unrelated CA.
    /// P-256 keys: quick to generate.
    private static func makeCertificates(in directory: String) throws {
        let openssl = ["/usr/bin/openssl", "/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let openssl else { throw PostgresServerError.failed("openssl is needed to make the test server's certificates") }
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for ca in ["ca", "unrelated-ca"] {
            try run(openssl, ["req", "-x509"] + key + ["-days", "2", "-subj", "/CN=Patchbay test \(ca)",
                              "-keyout", "\(directory)/\(ca).key", "-out", "\(directory)/\(ca).crt"], asPostgres: false)
        }
        try run(openssl, ["req"] + key + ["-subj", "/CN=127.0.0.1", "-keyout", directory + "/server.key",
                          "-out", directory + "/server.csr"], asPostgres: false)
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        try run(openssl, ["x509", "-req", "-in", directory + "/server.csr", "-CA", directory + "/ca.crt",
                          "-CAkey", directory + "/ca.key", "-CAcreateserial", "-days", "2",
                          "-extfile", directory + "/server.ext", "-out", directory + "/server.crt"], asPostgres: false)
        // The server refuses a key file others can read.
        chmod(directory + "/server.key", 0o600)
    }

    private static func stopShared() {
        guard case .success(let server)? = started else { return }
        _ = try? run(server.binDirectory + "/pg_ctl", ["-D", server.directory + "/db", "-m", "fast", "-w", "stop"], asPostgres: true)
        try? FileManager.default.removeItem(atPath: server.directory)
    }

    /// The newest installed major version's binaries, e.g. /usr/lib/postgresql/15/bin.
    private static func findBinDirectory() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions.compactMap(Int.init).sorted().last { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
        guard let newest else { throw PostgresServerError.failed("no PostgreSQL server binaries under \(root): install postgresql") }
        return "\(root)/\(newest)/bin"
    }

    /// A port nothing listens on right now, found by binding port 0 and reading what was picked.
    static func freePort() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw PostgresServerError.failed("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a command to completion and returns its output; as `postgres` when root and `asPostgres`.
    /// posix_spawn and waitpid rather than Process: Process.waitUntilExit can miss the exit of
    /// pg_ctl, whose server child lives on, and hang the test run.
    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], asPostgres: Bool) throws -> String {
        let command = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments
                                                  : [executable] + arguments
        let outputPath = NSTemporaryDirectory() + "patchbay-pg-output-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outputPath) }

        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { throw PostgresServerError.failed("could not start \(command[0]): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}

        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out because the C macros are not imported.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw PostgresServerError.failed("\((executable as NSString).lastPathComponent) failed (status \(status)): \(output)")
        }
        return output
    }
}

extension PostgresServer {
    /// A small shop: foreign keys (a composite primary key on order_items), NULLs, numeric,
    /// jsonb, timestamptz, uuid and an array column. The tests compare discovery with it.
    static let seedSQL = """
        CREATE TABLE customers (
            id serial PRIMARY KEY,
            name text NOT NULL,
            email text UNIQUE,
            external_id uuid NOT NULL DEFAULT gen_random_uuid(),
            created_at timestamptz NOT NULL DEFAULT now(),
            preferences jsonb,
            tags text[]
        );
        CREATE TABLE products (
            sku text PRIMARY KEY,
            title varchar(200) NOT NULL,
            price numeric(10,2) NOT NULL,
            weight_kg double precision,
            active boolean NOT NULL DEFAULT true
        );
        CREATE TABLE orders (
            id bigserial PRIMARY KEY,
            customer_id integer NOT NULL REFERENCES customers(id),
            status text NOT NULL DEFAULT 'pending',
            total numeric(12,2),
            placed_at timestamptz,
            note text
        );
        CREATE TABLE order_items (
            order_id bigint NOT NULL REFERENCES orders(id),
            line_no smallint NOT NULL,
            product_sku text NOT NULL REFERENCES products(sku),
            quantity integer NOT NULL CHECK (quantity > 0),
            PRIMARY KEY (order_id, line_no)
        );
        INSERT INTO customers (id, name, email, external_id, created_at, preferences, tags) VALUES
            (1, 'Ada Lovelace', 'ada@example.com', '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b', '2024-01-02 03:04:05.123456+00',
             '{"newsletter": true, "lang": "en", "score": 7}', '{vip,early}'),
            (2, 'Grace Hopper', NULL, 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', '2024-02-03 04:05:06+00', NULL, NULL),
            (3, 'Alan Turing', 'alan@example.com', '0f0e0d0c-0b0a-4909-8807-060504030201', '2024-03-04 05:06:07+00',
             '{"lang": "en"}', '{}');
        SELECT setval('customers_id_seq', 3);
        INSERT INTO products (sku, title, price, weight_kg, active) VALUES
            ('SKU-1', 'Keyboard', 49.99, 0.8, true),
            ('SKU-2', 'Mouse', 19.50, NULL, true),
            ('SKU-3', 'Monitor', 249.00, 5.25, false);
        INSERT INTO orders (id, customer_id, status, total, placed_at, note) VALUES
            (1, 1, 'paid', 69.49, '2024-02-01 10:00:00+00', NULL),
            (2, 1, 'pending', NULL, NULL, 'leave at the door'),
            (3, 2, 'shipped', 19.50, '2024-03-15 08:30:00+00', NULL);
        SELECT setval('orders_id_seq', 3);
        INSERT INTO order_items (order_id, line_no, product_sku, quantity) VALUES
            (1, 1, 'SKU-1', 1), (1, 2, 'SKU-2', 1), (3, 1, 'SKU-2', 1);
        """
}

enum PostgresServerError: Error {
    case failed(String)
}
