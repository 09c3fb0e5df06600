import Foundation
import Logging
import PatchbayPlugins
import PatchbayServices
import PatchbayStore
import PatchbayVault

/// A configuration file as `apply` and `serve --config` read it: parsed with this process's
/// environment (for `${env:…}` secrets), for the account `--account` names or else the file.
struct ConfigFile {
    let path: String
    let document: ConfigDocument

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(description: "cannot read the configuration file \(path)")
        }
        self.path = path
        document = try Self.refusal {
            try ConfigDocument.parse(String(decoding: data, as: UTF8.self), source: (path as NSString).lastPathComponent,
                                     environment: ProcessInfo.processInfo.environment)
        }
    }

    /// The account to configure: the flag's, or the file's; both must agree when both are given.
    func account(flag: String?) throws -> String {
        switch (flag, document.account) {
        case let (flag?, file?) where flag != file:
            throw CommandFailure(description: "--account \(flag) differs from the account \(file) that \(path) names")
        case let (name?, _), let (nil, name?):
            return name
        case (nil, nil):
            throw CommandFailure(description: "\(path) names no account: add `account: NAME` to it, or pass --account")
        }
    }

    func apply(to patchbay: Patchbay, account: String, dryRun: Bool) async throws -> ConfigPlan {
        try await Self.refusal { try await patchbay.config.apply(document, accountName: account, dryRun: dryRun) }
    }

    /// A refusal said as the service phrased it, without the usage help a wrong flag gets.
    static func refusal<T>(_ body: () async throws -> T) async rethrows -> T {
        do {
            return try await body()
        } catch let error as ServiceError {
            throw CommandFailure(description: error.message)
        }
    }

    static func refusal<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ServiceError {
            throw CommandFailure(description: error.message)
        }
    }

    /// The host's services on the data dir, without the API: what `apply` and `export` write and read through.
    /// `publicURL` is the host's, as `serve` has it: a new OAuth app without a redirect URI gets
    /// the callback under it, as it would through the API.
    static func openHost(data: DataOptions, plugins: PluginOptions, keys: KeyOptions,
                         publicURL: PublicURL? = nil) async throws -> Patchbay {
        var settings = HostSettings()
        settings.publicURL = publicURL
        // Loading each plugin is not news for a command that prints a plan; refusals still are.
        var logger = Logger(label: "patchbay.plugins")
        logger.logLevel = .warning
        let registry = plugins.loadRegistry(logger: logger)
        let (store, directory, _) = try await data.openStore()
        let vault: Vault
        do {
            (vault, _) = try await VaultKeeper.open(store: store, dataDirectory: directory, environment: keys.environment)
        } catch {
            registry.stopWorkers()
            throw CommandFailure(description: "cannot open the vault: \(error)")
        }
        return Patchbay(store: store, vault: vault, registry: registry, settings: settings, notifier: await StoreNotifier.make(for: store))
    }
}
