import ArgumentParser
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

        @Option(help: "Comma-separated scopes: integrations:read, integrations:write, skills:write, skills:invoke, admin.")
        var scopes = "integrations:read,integrations:write"

        func run() async throws {
            let (store, _) = try data.openStore()
            let issued: APIKeyService.IssuedKey
            do {
                issued = try await APIKeyService(store: store).create(accountName: account, scopes: try Scope.parse(scopes))
            } catch let error as ServiceError {
                throw ValidationError(error.message)
            }
            print(issued.key)
        }
    }
}
