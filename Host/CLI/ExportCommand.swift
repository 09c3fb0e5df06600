import ArgumentParser
import Foundation
import PatchbayServices

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an account's configuration as YAML that `patchbay apply` takes.",
        discussion: """
            Secrets are written as ${env:NAME} references, never as values; the variables they name are listed on stderr. \
            What a file cannot declare (a skill renamed or bound, an end user's connection) is left out and named on stderr.
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var keyOptions: KeyOptions

    @Option(help: "The account to export.")
    var account: String

    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of stdout.")
    var output: String?

    func run() async throws {
        let patchbay = try await ConfigFile.openHost(data: data, plugins: pluginOptions, keys: keyOptions)
        let exported: ConfigExport
        do {
            exported = try await ConfigFile.refusal { try await patchbay.config.export(accountName: account) }
        } catch {
            try? await patchbay.shutdown()
            throw error
        }
        try await patchbay.shutdown()
        for reason in exported.skipped {
            FileHandle.standardError.write(Data("skipped: \(reason)\n".utf8))
        }
        if !exported.variables.isEmpty {
            FileHandle.standardError.write(Data("set before applying: \(exported.variables.joined(separator: " "))\n".utf8))
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(exported.yaml.utf8)) else {
                throw CommandFailure(description: "cannot write \(output)")
            }
        } else {
            print(exported.yaml, terminator: "")
        }
    }
}
