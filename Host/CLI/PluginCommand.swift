import ArgumentParser
import Foundation
import PatchbayTesting
import PatchbayWebhookSchemes
import PatchbayWire

/// Tools for plugin authors.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Tools for plugin authors.", subcommands: [PluginNewCommand.self, PluginTestCommand.self, PluginRecordCommand.self, PluginSchemasCommand.self])
}

struct PluginSchemasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "Write the JSON Schema of every message between the host and a plugin, one <name>.schema.json per message.",
        discussion: "For plugin authors in any language: the manifest, each method's call and result, the error, and the HTTP request and response (docs/abi.md).")

    @Argument(help: "The directory to write them to; created if missing.")
    var directory: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, schema) in MessageSchemas.all {
            let path = (directory as NSString).appendingPathComponent("\(name).schema.json")
            try (Self.render(schema) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
            print(path)
        }
    }

    /// Indented with sorted keys, so the files read well and diff cleanly.
    static func render(_ schema: JSONValue) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(schema)
    }
}

struct PluginNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a plugin package that builds against the SDK and passes `patchbay plugin test` as generated.")

    @Argument(help: "The plugin's name, e.g. acme-notes: letters, digits, '-' and '_', starting with a letter.")
    var name: String

    @Option(help: "Directory to create. Default: ./NAME.")
    var output: String?

    @Option(help: "The Patchbay checkout whose SDK package (its SDK folder) the plugin builds against. Default: the checkout this patchbay was built from.")
    var patchbay: String?

    func run() throws {
        guard PluginScaffold.isValidName(name) else {
            throw ValidationError("\(name) is not a plugin name: use letters, digits, '-' and '_', starting with a letter (at most 40)")
        }
        guard let source = patchbay ?? Self.buildCheckout() else {
            throw ValidationError("could not tell where Patchbay is: pass --patchbay with a checkout's path")
        }
        if PluginScaffold.isGitURL(source) {
            throw ValidationError("--patchbay takes a checkout's path: a plugin depends on the SDK package in its SDK folder, which SwiftPM cannot reach through a git URL (clone it first)")
        }
        let directory = output ?? name
        if FileManager.default.fileExists(atPath: directory) {
            throw ValidationError("\(directory) already exists: choose another --output")
        }
        let scaffold = PluginScaffold(name: name, patchbay: source)
        try scaffold.write(into: directory)
        print("created \(directory)/ with the \(scaffold.id) plugin (library lib\(scaffold.product).so)")
        print("next: cd \(directory) && swift build && patchbay plugin test .build/debug/lib\(scaffold.product).so")
    }

    /// The Patchbay checkout around this executable (`<checkout>/.build/…/patchbay`), if it is one.
    private static func buildCheckout() -> String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("SDK/Package.swift").path),
               FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}

struct PluginTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check a plugin library against the ABI and the manifest rules, and call it the way the host does.",
        discussion: "Exits with status 1 when a check fails, so it can gate a plugin's CI. Makes no network calls: with --cassette, HTTP is answered from the recording.")

    @Argument(help: "The plugin's shared library, e.g. .build/release/libPatchbayAcme.so.")
    var path: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: "A cassette of recorded HTTP exchanges: the manifest's examples and discovery then run, answered from it.")
    var cassette: String?

    @Option(help: "The connection config (JSON) the calls run with: those answered from the cassette, and the cancellation check's.")
    var config: String = "{}"

    func run() async throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no file at \(path)")
        }
        guard let configValue = try? WireCoding.decode(JSONValue.self, from: Data(config.utf8)), configValue.objectValue != nil else {
            throw ValidationError("--config must be a JSON object")
        }
        let recorded: Cassette?
        do {
            recorded = try cassette.map(Cassette.load)
        } catch {
            throw ValidationError("\(cassette ?? ""): not a readable cassette (\(error))")
        }
        var suite = ConformanceSuite()
        suite.webhookVerifier = { vector, spec in try WebhookVerifier.verify(vector, spec: spec) }
        let report = await suite.run(pluginAt: path, replaying: recorded, config: configValue)
        if json {
            print(String(decoding: try WireCoding.encode(report.json), as: UTF8.self))
        } else {
            print(report.text)
        }
        if !report.passed { throw ExitCode(1) }
    }
}
