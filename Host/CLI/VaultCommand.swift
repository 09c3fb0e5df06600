import ArgumentParser
import Foundation
import PatchbayModel
import PatchbayServices
import PatchbayStore
import PatchbayVault

struct VaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vault", abstract: "Manage the master keys that seal every stored secret.",
        subcommands: [Rotate.self, Retire.self, Status.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Re-encrypt every secret under a new master key. Safe while the server runs.",
            discussion: """
                With the key file, a new key is generated and put first; the old one stays to open what is not yet \
                re-encrypted, until `vault retire`. With PATCHBAY_MASTER_KEY or --master-key-command, make it give new,old \
                on every host first; this then re-encrypts under the first key.
                """)

        @OptionGroup var data: DataOptions
        @OptionGroup var keys: KeyOptions

        func run() async throws {
            let (store, directory) = try await VaultCommand.openVault(data, environment: keys.environment)
            let rotation: VaultKeeper.Rotation
            do {
                rotation = try await VaultKeeper.rotate(store: store, dataDirectory: directory,
                                                        environment: keys.environment)
            } catch {
                throw CommandFailure(description: "cannot rotate: \(error)")
            }
            print("active key \(rotation.activeKeyID)\(rotation.generated ? " (new)" : ""); re-encrypted \(rotation.reencrypted) secret(s)")
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire", abstract: "Take an old key id out of service for good, once nothing is sealed with it.")

        @OptionGroup var data: DataOptions
        @OptionGroup var keys: KeyOptions

        @Argument(help: "The key id, as `vault status` shows it (k…).")
        var keyID: String

        func run() async throws {
            let (store, directory) = try await VaultCommand.openVault(data, environment: keys.environment)
            let retired: Bool
            do {
                retired = try await VaultKeeper.retire(keyID: keyID, store: store, dataDirectory: directory,
                                                       environment: keys.environment)
            } catch {
                throw CommandFailure(description: "cannot retire \(keyID): \(error)")
            }
            print(retired ? "retired \(keyID)" : "\(keyID) was already retired")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Each key id with the secrets it seals, per kind, and retired ids.")

        @OptionGroup var data: DataOptions
        @OptionGroup var keys: KeyOptions

        func run() async throws {
            let (store, directory) = try await VaultCommand.openVault(data, environment: keys.environment)
            let status: VaultStatus
            do {
                status = try await VaultKeeper.status(store: store, dataDirectory: directory,
                                                      environment: keys.environment)
            } catch {
                throw CommandFailure(description: "cannot read the vault: \(error)")
            }
            for key in status.keys {
                var labels: [String] = []
                if key.active { labels.append("active") }
                if key.retired { labels.append("retired") } else if !key.held { labels.append("not in the keyring") }
                let kinds = key.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }
                let detail = kinds.isEmpty ? "" : " (" + kinds.joined(separator: " ") + ")"
                let label = labels.isEmpty ? "" : " [" + labels.joined(separator: ", ") + "]"
                print("\(key.id)\(label)  \(key.total) secret(s)\(detail)")
            }
        }
    }

    /// The store of the vault, saying which data dir holds its key. These commands never create
    /// a vault: without a database or a master key they say so and fail.
    static func openVault(_ data: DataOptions, environment: [String: String]) async throws -> (any Store, String) {
        let directory = data.resolvedDataDir
        print("data dir \(directory)")
        let url = try data.resolvedDatabaseURL()
        let database = DataOptions.databasePath(in: directory)
        guard url != nil || FileManager.default.fileExists(atPath: database) else {
            throw CommandFailure(description: "no vault in \(directory): \(database) does not exist; pass the data dir the server uses (--data-dir or PATCHBAY_DATA_DIR)")
        }
        let fromEnvironment = [Keyring.environmentVariable, Keyring.commandVariable].contains { environment[$0].map { !$0.isEmpty } ?? false }
        let keyFile = Keyring.filePath(dataDirectory: directory)
        guard fromEnvironment || FileManager.default.fileExists(atPath: keyFile) else {
            throw CommandFailure(description: "no vault in \(directory): \(keyFile) does not exist and \(Keyring.environmentVariable) is not set")
        }
        guard url != nil else { return (try SQLiteStore(path: database), directory) }
        return (try await data.openStore().store, directory)
    }
}
