import ArgumentParser
import Foundation
import PatchbayServices

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage API keys.", subcommands: [CreateKey.self])

    struct CreateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an API key (and its account if new). The key is printed once.")

        @OptionGroup var data: DataOptions

        @Option(help: "Account name; created if it does not exist.")
        var account: String

        @Option(help: "Comma-separated scopes: integrations:read, integrations:write, skills:write, skills:invoke, metrics, admin.")
        var scopes = "integrations:read,integrations:write"

        @Option(help: "Requests this key may make per --api-rate-window, 1 to 1000000; 0 = the host's --api-rate-limit. Default: 0")
        var rateLimit = 0

        /// Unknown scopes and budgets out of range are refused before the data dir is created.
        func validate() throws {
            do {
                _ = try Scope.parse(scopes)
                _ = try APIKeyService.rateLimit(rateLimit)
            } catch let error as ServiceError {
                throw ValidationError(error.message)
            }
        }

        func run() async throws {
            let (store, _, location) = try await data.openStore()
            let issued: APIKeyService.IssuedKey
            do {
                issued = try await APIKeyService(store: store, audit: AuditLog(store: store))
                    .create(accountName: account, scopes: try Scope.parse(scopes), rateLimit: rateLimit)
            } catch let error as ServiceError {
                throw ValidationError(error.message)
            }
            // On stderr: `KEY=$(patchbay keys create …)` captures the key alone, and a key made
            // in the wrong data dir (one `serve` does not use) is seen at once.
            FileHandle.standardError.write(Data("created an API key for account \(account) in \(location)\n".utf8))
            print(issued.key)
        }
    }
}
