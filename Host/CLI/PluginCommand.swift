import ArgumentParser
import Foundation
import PatchbayTesting
import PatchbayWire

/// Tools for plugin authors.
struct PluginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin", abstract: "Tools for plugin authors.", subcommands: [PluginTestCommand.self])
}

struct PluginTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check a plugin library against the ABI and the manifest rules, and call it the way the host does.",
        discussion: "Exits with status 1 when a check fails, so it can gate a plugin's CI. Makes no network calls.")

    @Argument(help: "The plugin's shared library, e.g. .build/release/libPatchbayAcme.so.")
    var path: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no file at \(path)")
        }
        let report = await ConformanceSuite().run(pluginAt: path)
        if json {
            print(String(decoding: try WireCoding.encode(report.json), as: UTF8.self))
        } else {
            print(report.text)
        }
        if !report.passed { throw ExitCode(1) }
    }
}
