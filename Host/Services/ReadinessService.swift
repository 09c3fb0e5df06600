import PatchbayPlugins
import PatchbayStore

/// Whether this host should be sent traffic: its store answers and takes writes, the database's
/// migrations are exactly the ones this build knows, the SQLite data directory has room, and the
/// plugins it was asked to load are enabled. Liveness (the process serves HTTP) needs none of
/// this and is not asked here.
public struct ReadinessService: Sendable {
    let store: any SchemaStore & HostInstanceStore
    let registry: PluginRegistry
    let settings: HostSettings

    public func check() async -> Readiness {
        var checks: [Readiness.Check] = []
        do {
            let migrations = try await store.migrationState()
            if let problem = await store.storageProblem() {
                checks.append(.init(name: "store", passed: false, detail: "writes fail: \(problem)"))
            } else {
                checks.append(.init(name: "store", passed: true))
            }
            checks.append(Self.migrationsCheck(migrations))
        } catch {
            checks.append(.init(name: "store", passed: false, detail: "the database does not answer: \(error)"))
            checks.append(.init(name: "migrations", passed: false, detail: "unknown while the database does not answer"))
        }
        if let disk = diskCheck() { checks.append(disk) }
        checks.append(pluginsCheck())
        return Readiness(checks: checks)
    }

    static func migrationsCheck(_ state: MigrationState) -> Readiness.Check {
        var problems: [String] = []
        if !state.unknown.isEmpty {
            problems.append("the database has migrations this host does not know (\(state.unknown.joined(separator: ", "))): "
                + "a newer patchbay migrated it; run that version here")
        }
        if !state.pending.isEmpty {
            problems.append("migrations not applied yet: \(state.pending.joined(separator: ", "))")
        }
        return .init(name: "migrations", passed: problems.isEmpty, detail: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }

    /// Room on the SQLite data directory's file system. The store check alone passes on a full
    /// disk: its probe is a small write that still fits in pages the database files already
    /// hold, while a larger write fails. The detail says how much is free and the minimum, not where.
    func diskCheck() -> Readiness.Check? {
        guard let disk = settings.dataDisk, settings.minimumFreeDisk > 0 else { return nil }
        let free: UInt64
        do {
            free = try disk.availableBytes()
        } catch {
            return .init(name: "disk", passed: false, detail: "the data directory's file system: \(error)")
        }
        guard free < settings.minimumFreeDisk else { return .init(name: "disk", passed: true) }
        return .init(name: "disk", passed: false,
                     detail: "\(free >> 20) MB free on the data directory's file system, under the minimum of "
                        + "\(settings.minimumFreeDisk >> 20) MB (serve --min-free-disk-mb)")
    }

    /// A plugin refused at load, or quarantined since, fails the check unless the operator
    /// allowed it: a replica without a provider its peers have would fail that provider's calls
    /// only when the load balancer happens to pick it.
    func pluginsCheck() -> Readiness.Check {
        let disabled = registry.statuses.filter { $0.state == .disabled }
        guard !disabled.isEmpty else { return .init(name: "plugins", passed: true) }
        // The file name, not the path: this answer needs no key.
        let names = disabled.map { $0.id ?? String($0.path.split(separator: "/").last ?? "") }
        let detail = "\(disabled.count) plugin\(disabled.count == 1 ? "" : "s") disabled: \(names.joined(separator: ", ")) "
            + "(GET /v1/plugins says why)"
        return .init(name: "plugins", passed: settings.readyWithDisabledPlugins, detail: detail)
    }
}
