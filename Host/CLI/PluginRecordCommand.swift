import ArgumentParser
import Foundation
import Logging
import PatchbayEgress
import PatchbayTesting
import PatchbayWire

/// Records a cassette from the command line, so an author in any language can test offline
/// with `patchbay plugin test --cassette`.
struct PluginRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run a plugin's calls against a real or fake service and save every HTTP exchange as a cassette.",
        discussion: """
            Without --action, records every example of every action in the manifest, then discovery: the cassette \
            `patchbay plugin test --cassette` replays. Requests go out as the host sends them, with the credentials \
            added by the manifest's auth scheme; the cassette keeps them without credentials, and any credential value \
            that appears in a request or a reply is replaced by [REDACTED]. Nothing is written if a call fails.
            """)

    @Option(help: "The plugin's shared library, e.g. .build/debug/libPatchbayAcme.so.")
    var plugin: String

    @Option(help: "The connection config (JSON object) the calls run with.")
    var config: String = "{}"

    @Option(help: "A JSON file holding the credentials as an object of strings, e.g. {\"api_key\": \"…\"}. Kept off the command line, where other users could read them.")
    var credentialsFile: String?

    @Option(help: "Record only this action (with --input, or else its examples from the manifest).")
    var action: String?

    @Option(help: "The action's input (JSON object). Needs --action.")
    var input: String?

    @Option(help: "Send requests to this base URL instead of the provider's, e.g. a local fake: http://127.0.0.1:9000.")
    var upstream: String?

    @Option(help: "Where to write the cassette.")
    var output = "cassette.json"

    @Flag(help: "Add to the cassette at --output instead of replacing it.")
    var append = false

    @OptionGroup var egress: EgressOptions

    func validate() throws {
        if input != nil, action == nil { throw ValidationError("--input needs --action") }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: plugin) else { throw ValidationError("no file at \(plugin)") }
        let configValue = try Self.jsonObject(config, "--config")
        let credentials = try readCredentials()
        let harness: PluginHarness
        do {
            harness = try PluginHarness(path: plugin)
        } catch {
            throw CommandFailure(description: "\(plugin): \(error)")
        }
        let manifest = harness.manifest
        let recording = try calls(for: manifest)
        guard !recording.calls.isEmpty else {
            throw CommandFailure(description: "\(manifest.id) declares no examples and no discovery: name a call with --action and --input")
        }
        var previous = Cassette()
        if append, FileManager.default.fileExists(atPath: output) {
            do {
                previous = try Cassette.load(from: output)
            } catch {
                throw CommandFailure(description: "\(output): not a readable cassette (\(error))")
            }
        }

        var settings = EgressSettings()
        settings.addresses = try egress.policy(environment: ProcessInfo.processInfo.environment)
        let override = try upstream.map(Self.upstreamURL)
        if let override { settings.addresses.trust(override) }
        var logger = Logger(label: "patchbay.plugin-record")
        logger.logLevel = .critical
        let client = Egress(settings: settings, logger: logger)
        if manifest.auth.type == .plugin, manifest.baseURL == nil, manifest.baseURLConfigField == nil, override == nil {
            try? await client.shutdown()
            throw CommandFailure(description: "\(manifest.id) reaches its service itself, not through the host: it sends no HTTP to record")
        }
        let target: EgressTarget
        do {
            target = try EgressTarget.resolve(manifest: manifest, config: configValue, credentials: credentials, hostOverride: override)
        } catch {
            try? await client.shutdown()
            throw CommandFailure(description: "cannot tell where \(manifest.id)'s requests go: \(error)")
        }
        let http: HTTPPerformer = { await client.send($0, to: target) }
        let result = await recording.record(harness, config: configValue, credentials: credentials, http: http)
        try? await client.shutdown()

        guard result.failures.isEmpty else {
            throw CommandFailure(description: "nothing written: \(result.failures.count) of \(recording.calls.count) call(s) failed\n  "
                                 + result.failures.joined(separator: "\n  "))
        }
        let cassette = Cassette(interactions: previous.interactions + result.cassette.interactions)
        do {
            try cassette.save(to: output)
        } catch {
            throw CommandFailure(description: "cannot write \(output): \(error)")
        }
        let names = recording.calls.map(\.description).joined(separator: ", ")
        print("recorded \(result.cassette.interactions.count) exchange(s) from \(recording.calls.count) call(s) (\(names)) to \(output)")
    }

    private func calls(for manifest: Manifest) throws -> CassetteRecording {
        guard let action else { return CassetteRecording(everythingIn: manifest) }
        guard let spec = manifest.actions.first(where: { $0.name == action }) else {
            let known = manifest.actions.map(\.name).joined(separator: ", ")
            throw ValidationError("\(manifest.id) has no action \(action) (it has: \(known))")
        }
        if let input {
            return CassetteRecording(calls: [.invoke(action: action, input: try Self.jsonObject(input, "--input"))])
        }
        guard !spec.examples.isEmpty else { throw ValidationError("\(action) declares no examples: give its input with --input") }
        return CassetteRecording(calls: spec.examples.map { .invoke(action: action, input: $0.input) })
    }

    private func readCredentials() throws -> [String: String] {
        guard let credentialsFile else { return [:] }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: credentialsFile))
        } catch {
            throw ValidationError("cannot read --credentials-file \(credentialsFile)")
        }
        // The file's text is never echoed: it holds secrets.
        guard let object = try? WireCoding.decode([String: String].self, from: data) else {
            throw ValidationError("--credentials-file \(credentialsFile) must hold a JSON object of strings")
        }
        return object
    }

    private static func jsonObject(_ text: String, _ option: String) throws -> JSONValue {
        guard let value = try? WireCoding.decode(JSONValue.self, from: Data(text.utf8)), value.objectValue != nil else {
            throw ValidationError("\(option) must be a JSON object")
        }
        return value
    }

    private static func upstreamURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("--upstream must be an http or https URL (got \(text))")
        }
        return url
    }
}
