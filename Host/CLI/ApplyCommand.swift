import ArgumentParser
import Foundation
import PatchbayServices

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a YAML configuration file to an account: connectors, OAuth apps, connections and agents.",
        discussion: """
            Writes through the host's services on the data dir, with the API's validation; a running host sees the \
            changes at once. Idempotent: objects that already match are left alone. Secrets are named, never written: \
            ${env:NAME} or ${file:/path}. See docs/connectors.md, "A YAML file".
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var keyOptions: KeyOptions

    @Option(name: [.customShort("f"), .long], help: "The configuration file.")
    var file: String

    @Option(help: "The account to configure (created if new). Default: the file's `account`.")
    var account: String?

    @Flag(help: "Print the plan (create, update or unchanged for each object) and write nothing.")
    var dryRun = false

    @Option(help: "The URL the host is reached at, as `serve --public-url` (also PATCHBAY_PUBLIC_URL): an OAuth app without a redirect_uri gets <URL>/oauth/callback.")
    var publicURL: String?

    func run() async throws {
        let config = try ConfigFile(path: file)
        let name = try config.account(flag: account)
        let publicURL = try PublicURL.fromCommandLine(flag: publicURL, environment: ProcessInfo.processInfo.environment)
        let patchbay = try await ConfigFile.openHost(data: data, plugins: pluginOptions, keys: keyOptions, publicURL: publicURL)
        let plan: ConfigPlan
        do {
            plan = try await config.apply(to: patchbay, account: name, dryRun: dryRun)
        } catch {
            try? await patchbay.shutdown()
            throw error
        }
        try await patchbay.shutdown()
        print(plan.rendered)
    }
}
