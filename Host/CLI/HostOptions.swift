import ArgumentParser
import Foundation
import Logging
import PatchbayModel
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayServices
import PatchbayStore
import PatchbayVault

/// Where the host keeps its data. Shared by every command that opens the store.
struct DataOptions: ParsableArguments {
    @Option(help: "Data directory: the SQLite database and the master key file. Default: $PATCHBAY_DATA_DIR, else ~/.patchbay")
    var dataDir: String?

    @Option(help: """
        Keep the data in PostgreSQL instead of SQLite, e.g. postgres://patchbay:PASSWORD@db:5432/patchbay?sslmode=verify-full \
        (also PATCHBAY_DATABASE_URL). Every replica uses the same URL; the data dir still holds the master key file.
        """)
    var databaseURL: String?

    var resolvedDataDir: String {
        if let dataDir { return dataDir }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PATCHBAY_DATA_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        // $HOME first, as a shell's ~ is: NSHomeDirectory() may read the passwd entry instead.
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".patchbay")
    }

    /// The PostgreSQL database from the flag or the environment; nil for SQLite in the data dir.
    /// What is wrong with the URL is said without the URL, whose password must not reach a terminal log.
    func resolvedDatabaseURL() throws -> PostgresStoreURL? {
        let environment = ProcessInfo.processInfo.environment["PATCHBAY_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let value = databaseURL ?? environment else { return nil }
        do {
            return try PostgresStoreURL(value)
        } catch {
            throw CommandFailure(description: "invalid \(databaseURL == nil ? "PATCHBAY_DATABASE_URL" : "--database-url"): \(error)")
        }
    }

    static func databasePath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("patchbay.sqlite")
    }

    @Flag(name: .customLong("init"),
          help: "Start a new database in a data dir that has a master key but no database (also PATCHBAY_INIT=1).")
    var initialize = false

    /// A bad URL is refused before anything is created.
    func validate() throws {
        _ = try resolvedDatabaseURL()
    }

    /// Checks or creates the directory (see `DataDirectory`) and opens the store: PostgreSQL when
    /// a database URL is given, else SQLite in the directory. Returns the store, the directory,
    /// and where the data is, for the operator: the directory, or the URL without its password.
    func openStore(logger: Logger = DataOptions.commandLogger) async throws -> (store: any Store, directory: String, location: String) {
        let directory = DataDirectory(path: resolvedDataDir)
        if let url = try resolvedDatabaseURL() {
            for warning in try directory.prepareDirectory() {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            do {
                return (try await PostgresStore(url: url, logger: logger), directory.path, url.redacted)
            } catch {
                throw CommandFailure(description: "cannot open the database \(url.redacted): \(error)")
            }
        }
        let initialize = initialize || ProcessInfo.processInfo.environment["PATCHBAY_INIT"] == "1"
        for warning in try directory.prepare(initialize: initialize) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        do {
            return (try SQLiteStore(path: directory.databasePath), directory.path, directory.path)
        } catch let error as StoreError {
            throw CommandFailure(description: "cannot open the database \(directory.databasePath): \(error)")
        }
    }

    /// The store's log for commands other than `serve`: on stderr, so that stdout carries only
    /// what the command prints (`KEY=$(patchbay keys create …)`), and only what needs attention.
    static var commandLogger: Logger {
        var logger = Logger(label: "patchbay.store") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        return logger
    }
}

/// Which plugins to load.
struct PluginOptions: ParsableArguments {
    @Option(help: "Load every .so in this directory. Default: the shipped providers next to the patchbay executable.")
    var pluginsDir: String?

    @Option(name: .customLong("plugin"), help: "Also load this plugin file (repeatable).")
    var plugins: [String] = []

    @Option(name: .customLong("isolate"),
            help: "Load this plugin file in its own worker process (repeatable): a crash fails only its calls in flight.")
    var isolatedPlugins: [String] = []

    /// A plugins directory that is not there would load nothing, silently.
    func validate() throws {
        guard let pluginsDir else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: pluginsDir, isDirectory: &isDirectory) else {
            throw ValidationError("--plugins-dir \(pluginsDir) does not exist")
        }
        guard isDirectory.boolValue else {
            throw ValidationError("--plugins-dir \(pluginsDir) is not a directory")
        }
    }

    func loadRegistry(logger: Logger) -> PluginRegistry {
        let registry = PluginRegistry(logger: logger)
        if let pluginsDir {
            registry.load(paths: PluginRegistry.pluginFiles(in: pluginsDir, onlyShipped: false))
        } else {
            registry.load(paths: PluginRegistry.pluginFiles(in: Self.executableDirectory, onlyShipped: true))
        }
        registry.load(paths: plugins)
        let worker = (Self.executableDirectory as NSString).appendingPathComponent("patchbay-plugin-worker")
        for path in isolatedPlugins {
            registry.load(path: path, isolation: .process(worker: worker))
        }
        return registry
    }

    static var executableDirectory: String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        return (path as NSString).deletingLastPathComponent
    }
}
