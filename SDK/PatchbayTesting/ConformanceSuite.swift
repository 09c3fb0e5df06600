import Foundation
import PatchbayPlugins
public import PatchbayWire

/// The checks `patchbay plugin test` runs on a plugin file: the same loader the host uses,
/// the manifest read as agents will read it, and calls made the way the host makes them,
/// with no network.
public struct ConformanceSuite: Sendable {
    /// How long an ordinary call may take before it counts as hanging.
    public var callTimeout: Duration = .seconds(5)
    /// How long the cancellation check lets a stalled call run before giving up on it.
    public var cancellationDeadline: Duration = .milliseconds(300)
    /// How long to wait for a completion that must still come, or for one that must not.
    public var settleTime: Duration = .seconds(2)
    /// Verifies a manifest's webhook test vector with the host's implementation of its scheme,
    /// throwing why it does not verify. `patchbay plugin test` passes the host's own; without
    /// one the check is skipped, which keeps HMAC (and so swift-crypto) out of this library.
    public var webhookVerifier: (@Sendable (WebhookTestVector, WebhookSpec) throws -> Void)?

    public init() {}

    /// Runs every check on the library at `path`. With a `cassette`, the manifest's examples
    /// and discovery also run, their HTTP answered from it, with `config` as the connection's.
    public func run(pluginAt path: String, replaying cassette: Cassette? = nil, config: JSONValue = [:]) async -> ConformanceReport {
        var report = ConformanceReport(path: path, plugin: nil, checks: [])
        let harness: PluginHarness
        do {
            harness = try PluginHarness(path: path)
        } catch PluginHarnessError.refused(let reason) {
            report.checks.append(.judged("ABI handshake and manifest", problems: [reason]))
            return report
        } catch {
            report.checks.append(.judged("ABI handshake and manifest", problems: ["\(error)"]))
            return report
        }
        let plugin = harness.plugin
        let manifest = plugin.manifest
        report.plugin = "\(manifest.id) \(manifest.version)"
        report.checks.append(.passed("ABI handshake and manifest"))
        report.checks.append(.judged("actions are usable as LLM tools", problems: manifest.actions.flatMap(ToolRules.problems)))
        report.checks.append(.judged("packs use real actions with valid presets", problems: packProblems(manifest)))
        report.checks.append(examplesCheck(manifest))
        let player = cassette.map(CassettePlayer.init)
        report.checks.append(await examplesRunCheck(harness, player: player, config: config))
        if manifest.supportsDiscovery {
            report.checks.append(await discoveryCheck(harness, player: player, config: config))
        }
        if let webhooks = manifest.webhooks {
            report.checks.append(webhookCheck(spec: webhooks))
        }
        report.checks.append(await malformedCallCheck(plugin))
        report.checks.append(await unknownActionCheck(plugin))
        report.checks.append(await cancellationCheck(plugin, config: config))
        return report
    }

    // MARK: The manifest

    private func packProblems(_ manifest: Manifest) -> [String] {
        var problems: [String] = []
        for pack in manifest.packs {
            for skill in pack.skills {
                let place = "packs.\(pack.id).\(skill.name)"
                if !ToolRules.isValidName(skill.name) { problems.append("\(place): the skill name is not a valid tool name") }
                if skill.description.isEmpty { problems.append("\(place): no description") }
                guard let action = manifest.action(named: skill.action) else {
                    problems.append("\(place): no action named \(skill.action)")
                    continue
                }
                let properties = action.inputSchema["properties"]?.objectValue ?? [:]
                for (name, value) in skill.presets.sorted(by: { $0.key < $1.key }) {
                    guard let schema = properties[name] else {
                        problems.append("\(place).presets.\(name): \(action.name) has no such input")
                        continue
                    }
                    // A template is filled from the agent's variables at call time, so only then can it be checked.
                    if value.stringValue?.contains("{{") == true { continue }
                    problems += JSONSchema.violations(of: value, against: schema).map { "\(place).presets.\(name): \($0)" }
                }
            }
        }
        return problems
    }

    private func examplesCheck(_ manifest: Manifest) -> ConformanceCheck {
        let name = "examples match their action's input schema"
        let examples = manifest.actions.flatMap { action in action.examples.map { (action, $0) } }
        guard !examples.isEmpty else { return .skipped(name, "the manifest declares no examples") }
        return .judged(name, problems: examples.flatMap { action, example in
            JSONSchema.violations(of: example.input, against: action.inputSchema)
                .map { "\(action.name) example \"\(example.description)\": \($0)" }
        })
    }

    // MARK: Recorded calls

    private static let needsCassette = "needs recorded HTTP: pass a cassette"

    private func examplesRunCheck(_ harness: PluginHarness, player: CassettePlayer?, config: JSONValue) async -> ConformanceCheck {
        let name = "examples run and their outputs match the output schema"
        let examples = harness.manifest.actions.flatMap { action in action.examples.map { (action, $0) } }
        guard !examples.isEmpty else { return .skipped(name, "the manifest declares no examples") }
        guard let player else { return .skipped(name, Self.needsCassette) }
        var problems: [String] = []
        for (action, example) in examples {
            let place = "\(action.name) example \"\(example.description)\""
            switch await harness.invoke(action.name, input: example.input, config: config, http: player.performer, timeout: callTimeout) {
            case .success(let data):
                guard let output = try? WireCoding.decode(JSONValue.self, from: data) else {
                    problems.append("\(place): the output is not JSON")
                    continue
                }
                problems += JSONSchema.violations(of: output, against: action.outputSchema).map { "\(place): \($0)" }
            case .failure(let error):
                problems.append("\(place): failed with \(error.code): \(error.message)")
            }
        }
        return .judged(name, problems: problems)
    }

    private func discoveryCheck(_ harness: PluginHarness, player: CassettePlayer?, config: JSONValue) async -> ConformanceCheck {
        let name = "discovery returns a well-formed schema"
        guard let player else { return .skipped(name, Self.needsCassette) }
        switch await harness.discover(config: config, http: player.performer, timeout: callTimeout) {
        case .success(let data):
            let violations = MessageSchemas.violations(in: data, against: MessageSchemas.discoveredSchema)
            guard violations.isEmpty, let schema = try? WireCoding.decode(DiscoveredSchema.self, from: data) else {
                return .judged(name, problems: violations.isEmpty ? ["the result does not decode as a discovered schema"]
                                                                  : violations.map { "result.discover \($0)" })
            }
            return .judged(name, problems: SchemaRules.problems(of: schema, manifest: harness.manifest))
        case .failure(let error):
            return .judged(name, problems: ["failed with \(error.code): \(error.message)"])
        }
    }

    // MARK: Webhooks

    /// The declared known-answer vector must verify with the host's own implementation of the
    /// scheme: otherwise the host would refuse every real delivery, or the vector is wrong.
    private func webhookCheck(spec: WebhookSpec) -> ConformanceCheck {
        let name = "the webhook test vector verifies"
        guard let vector = spec.testVector else { return .skipped(name, "the manifest declares no test_vector for \(spec.scheme)") }
        guard let webhookVerifier else {
            return .skipped(name, "no webhook verifier was given: `patchbay plugin test` checks the vector with the host's")
        }
        do {
            try webhookVerifier(vector, spec)
            return .passed(name)
        } catch {
            return .judged(name, problems: ["the vector does not verify with \(spec.scheme): \(error)"])
        }
    }

    // MARK: Calls

    private func malformedCallCheck(_ plugin: LoadedPlugin) async -> ConformanceCheck {
        let before = plugin.ignoredCompletions
        let reply = await plugin.call(.invoke, payload: Data("{not json".utf8), context: .offline, timeout: callTimeout)
        return .judged("a malformed call completes once, with an error",
                       problems: await completedOnceWithError(reply, plugin, ignoredBefore: before))
    }

    private func unknownActionCheck(_ plugin: LoadedPlugin) async -> ConformanceCheck {
        let before = plugin.ignoredCompletions
        let reply = await plugin.call(.invoke, PluginCall(action: "conformance_no_such_action", input: [:]),
                                      context: .offline, timeout: callTimeout)
        return .judged("an unknown action completes once, with an error",
                       problems: await completedOnceWithError(reply, plugin, ignoredBefore: before))
    }

    private func completedOnceWithError(_ reply: PluginReply, _ plugin: LoadedPlugin, ignoredBefore: Int) async -> [String] {
        var problems: [String] = []
        switch reply {
        case .success:
            problems.append("it succeeded")
        case .failure(let error) where error.code == "plugin_timeout":
            problems.append("it did not complete within \(callTimeout)")
        case .failure(let error) where error.code == "plugin_error" && error.message.contains("unreadable error"):
            problems.append("its error does not match the error message schema: \(error.message)")
        case .failure:
            break
        }
        try? await Task.sleep(for: settleTime / 4)
        let extra = plugin.ignoredCompletions - ignoredBefore
        if extra > 0 { problems.append("it completed \(extra + 1) times") }
        return problems
    }

    /// The host gives up on a call whose HTTP request never answers; the plugin must still
    /// complete that call, once, when the request finally fails.
    private func cancellationCheck(_ plugin: LoadedPlugin, config: JSONValue) async -> ConformanceCheck {
        let name = "a call the host gives up on still completes exactly once"
        guard let (action, input) = plugin.manifest.actions.lazy.compactMap({ action in
            SampleInput.make(for: action).map { (action, $0) }
        }).first else {
            return .skipped(name, "no action has an example or a schema simple enough to call")
        }
        let gate = Gate()
        let context = PluginCallContext { _ in
            await gate.wait()
            return .failure(PluginError(code: "connection_failed", message: "the test harness failed the request"))
        }
        let before = plugin.ignoredCompletions
        let reply = await plugin.call(.invoke, PluginCall(action: action.name, input: input, config: config), context: context,
                                      timeout: cancellationDeadline)
        await gate.open()
        // Timed out waiting on the request (`upstream_timeout`), or not even waiting on it.
        guard case .failure(let error) = reply, ["upstream_timeout", "plugin_timeout"].contains(error.code) else {
            // Most often the call was refused before any request: give the config it needs.
            let refusal = if case .failure(let error) = reply { " (it answered \(error.code): \(error.message); does it need --config?)" } else { "" }
            return .skipped(name, "\(action.name) completed before the deadline without waiting on HTTP, so nothing was cancelled\(refusal)")
        }
        let deadline = ContinuousClock.now + settleTime
        while plugin.ignoredCompletions == before, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        try? await Task.sleep(for: settleTime / 4)
        let late = plugin.ignoredCompletions - before
        if late == 0 {
            return .judged(name, problems: ["\(action.name) never completed after the host cancelled it; every call must complete exactly once"])
        }
        return .judged(name, problems: late > 1 ? ["\(action.name) completed \(late) times after it was cancelled"] : [])
    }
}

/// Holds HTTP requests until the check lets them go.
private actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters.removeAll()
    }
}
