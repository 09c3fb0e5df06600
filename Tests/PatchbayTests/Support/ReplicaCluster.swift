import Foundation

/// Replicas of one host as docs/deployment.md runs them: `count` real `patchbay serve`
/// processes, each with its own port and data dir, all on one PostgreSQL database (a fresh,
/// empty one on the tests' server) and one master keyring given by `PATCHBAY_MASTER_KEY`.
/// Unchecked for `urls`, which `start` sets once before the test reads it; the compiler cannot see that.
final class ReplicaCluster: @unchecked Sendable {
    let directory: String
    let database: String
    let databaseURL: String
    let replicas: [ServedHost]
    /// Each replica's base URL, once started.
    private(set) var urls: [String] = []

    init(count: Int) throws {
        let postgres = try PostgresServer.shared()
        database = try postgres.makeEmptyDatabase()
        databaseURL = postgres.connectionString(database: database)
        directory = NSTemporaryDirectory() + "patchbay-replicas-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        // The URL by the variable for the CLI; `serve` gets the flag too (see `start`).
        let environment = ["PATCHBAY_MASTER_KEY": key, "PATCHBAY_DATABASE_URL": databaseURL]
        let root = directory
        replicas = (0..<count).map { ServedHost(directory: "\(root)/replica-\($0)", environment: environment) }
    }

    /// Starts every replica at once, as a fleet restarted together would (they race to migrate
    /// the empty database), with `arguments` added, and returns their base URLs.
    @discardableResult
    func start(arguments: [String] = []) throws -> [String] {
        let results = LockedResults(count: replicas.count)
        DispatchQueue.concurrentPerform(iterations: replicas.count) { index in
            results[index] = Result {
                try replicas[index].start(log: log(index), arguments: ["--database-url", databaseURL] + arguments)
            }
        }
        urls = try results.all.enumerated().map { index, result in
            do {
                return try result.get()
            } catch {
                throw TestHostError.unexpected("replica \(index) did not start: \(error)\n\(logText(index))")
            }
        }
        return urls
    }

    /// `127.0.0.1:port` of each replica, as a load balancer names its backends.
    var backends: [String] { urls.map { String($0.dropFirst("http://".count)) } }

    func log(_ index: Int) -> String { "\(directory)/replica-\(index).log" }

    func logText(_ index: Int) -> String { (try? String(contentsOfFile: log(index), encoding: .utf8)) ?? "" }

    /// Runs SQL on the replicas' database, to check what they stored.
    func psql(_ sql: String) throws -> String {
        try PostgresServer.shared().psql(database, sql)
    }

    /// An admin key for `account`, made by `patchbay keys create` on the shared database.
    func adminKey(account: String) throws -> String {
        try replicas[0].adminKey(account: account)
    }

    /// Kills every replica still running and removes the data dirs (the database stays on the
    /// tests' server until it stops).
    func stop() {
        for replica in replicas { replica.kill() }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// One result per replica, filled from concurrent starts.
/// Unchecked because `lock` guards `results`, which the compiler cannot see.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<String, any Error>?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Result<String, any Error>? {
        get { lock.withLock { results[index] } }
        set { lock.withLock { results[index] = newValue } }
    }

    var all: [Result<String, any Error>] {
        lock.withLock { results.map { $0 ?? .failure(TestHostError.unexpected("never started")) } }
    }
}
