import ArgumentParser
import Foundation
import Logging
import PatchbayPlugins

struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the plugins the host would load, and why any is disabled; exits 1 when any is, unless --allow-disabled.")

    @OptionGroup var pluginOptions: PluginOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Exit 0 even when a plugin is disabled (by default a disabled plugin fails the command, as a CI check).")
    var allowDisabled = false

    func run() async throws {
        var logger = Logger(label: "patchbay.plugins")
        logger.logLevel = .critical
        let statuses = pluginOptions.loadRegistry(logger: logger).statuses
        if json {
            let rows = statuses.map { status -> [String: String] in
                var row = ["path": status.path, "status": status.state.rawValue]
                row["id"] = status.id
                row["version"] = status.version
                row["reason"] = status.reason
                return row
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            if statuses.isEmpty { print("no plugins found") }
            for status in statuses {
                let name = (status.path as NSString).lastPathComponent
                switch status.state {
                case .enabled:
                    print("enabled   \(status.id ?? "?") \(status.version ?? "")  (\(name))")
                case .disabled:
                    print("disabled  \(name): \(status.reason ?? "")")
                }
            }
        }
        let disabled = statuses.filter { $0.state == .disabled }.count
        if disabled > 0, !allowDisabled {
            throw CommandFailure(description: "\(disabled) of \(statuses.count) plugins disabled (--allow-disabled to exit 0 anyway)")
        }
    }
}
