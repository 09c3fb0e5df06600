import ArgumentParser
import Foundation
import PatchbayServices

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
                re-encrypted, until `vault retire`. With PATCHBAY_MASTER_KEY, set it to new,old on every host first; \
                this then re-encrypts under the first key.
                """)

        @OptionGroup var data: DataOptions

        func run() async throws {
            let (store, directory) = try data.openStore()
            let rotation: VaultKeeper.Rotation
            do {
                rotation = try await VaultKeeper.rotate(store: store, dataDirectory: directory,
                                                        environment: ProcessInfo.processInfo.environment)
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

        @Argument(help: "The key id, as `vault status` shows it (k…).")
        var keyID: String

        func run() async throws {
            let (store, directory) = try data.openStore()
            do {
                try await VaultKeeper.retire(keyID: keyID, store: store, dataDirectory: directory,
                                             environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CommandFailure(description: "cannot retire \(keyID): \(error)")
            }
            print("retired \(keyID)")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Sealed secrets per key id, and retired ids.")

        @OptionGroup var data: DataOptions

        func run() async throws {
            let (store, _) = try data.openStore()
            let (counts, retired) = try await VaultKeeper.status(store: store)
            for (id, count) in counts.sorted(by: { $0.key < $1.key }) { print("\(id)  \(count) secret(s)") }
            for id in retired.sorted() { print("\(id)  retired") }
        }
    }
}
