import Foundation
import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayWire
import Yams

/// An account's configuration written back as a file `apply` takes: its connectors, OAuth
/// apps, shared connections and agents. Secrets are never written: each is a `${env:…}`
/// reference to a variable named after its owner and field (`ACME_TASKS_API_KEY`), to be set
/// where the file is applied. What a file cannot say is left out and named in `skipped`.
public struct ConfigExport: Sendable {
    public var yaml: String
    /// What was left out, and why (a skill renamed or bound, an end user's connection).
    public var skipped: [String]
    /// The environment variables the secret references name, in the order they appear.
    public var variables: [String]

    static func make(_ service: ConfigService, principal: Principal, accountName: String) async throws -> ConfigExport {
        var builder = Builder(service: service, principal: principal)
        var root: [(String, JSONValue)] = [("account", .string(accountName))]
        root.append(("connectors", .array(try await builder.connectors())))
        root.append(("oauth_apps", .array(try await builder.oauthApps())))
        let (connections, shared) = try await builder.connections()
        root.append(("connections", .array(connections)))
        root.append(("agents", .array(try await builder.agents(shared: shared))))
        let sections = root.filter { $0.1.arrayValue?.isEmpty != true }
        let node = Node.mapping(Node.Mapping(sections.map { (Node.scalar($0.0.represented()), Self.node($0.1)) }))
        var yaml = try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
        if !yaml.hasSuffix("\n") { yaml += "\n" }
        return ConfigExport(yaml: yaml, skipped: builder.skipped, variables: builder.variables)
    }

    private struct Builder {
        let service: ConfigService
        let principal: Principal
        var skipped: [String] = []
        var variables: [String] = []

        mutating func secret(_ owner: String, _ field: String) -> JSONValue {
            let name = SecretReference.variableName(owner, field)
            variables.append(name)
            return .string(SecretReference.environment(name))
        }

        func connectors() async throws -> [JSONValue] {
            try await service.store.connectors(accountID: principal.accountID)
                .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
                .map { record in
                    var definition = record.definition.objectValue ?? [:]
                    definition["namespace"] = .string(record.namespace)
                    definition["name"] = .string(record.name)
                    return .object(definition)
                }
        }

        mutating func oauthApps() async throws -> [JSONValue] {
            var apps: [JSONValue] = []
            for app in try await service.store.oauthApps(accountID: principal.accountID).sorted(by: { $0.provider < $1.provider }) {
                apps.append(["provider": .string(app.provider), "client_id": .string(app.clientID),
                             "client_secret": secret(app.provider, "client_secret"),
                             "scopes": .array(app.scopes.map { .string($0) }), "redirect_uri": .string(app.redirectURI)])
            }
            return apps
        }

        /// The shared connection `apply` manages for each provider, and the ids of those written.
        mutating func connections() async throws -> ([JSONValue], Set<String>) {
            var providers: Set<String> = []
            var page = PageRequest(limit: 200)
            while true {
                let found = try await service.store.connections(accountID: principal.accountID, filter: ConnectionFilter(status: .active), page: page)
                for connection in found.items {
                    if connection.endUser == nil {
                        providers.insert(connection.provider)
                    } else {
                        skipped.append("connection \(connection.id): an end user's connection (\(connection.endUser ?? "")) is theirs to make")
                    }
                }
                guard let next = found.next else { break }
                page.after = next
            }
            var written: [JSONValue] = []
            var ids: Set<String> = []
            for provider in providers.sorted() {
                guard let connection = try await service.sharedConnection(provider, principal) else { continue }
                ids.insert(connection.id)
                var item: [String: JSONValue] = ["provider": .string(provider), "label": .string(connection.label)]
                if connection.config.objectValue?.isEmpty == false { item["config"] = connection.config }
                let fields = try ConnectionCalls.openCredentials(connection, vault: service.vault).keys.sorted()
                if !fields.isEmpty {
                    var credentials: [String: JSONValue] = [:]
                    for field in fields { credentials[field] = secret(provider, field) }
                    item["credentials"] = .object(credentials)
                }
                written.append(.object(item))
            }
            return (written, ids)
        }

        /// Each agent with its draft's skills as enabled connectors. A skill the file cannot
        /// declare (renamed, bound, needing approval, described by hand, or on another
        /// connection than the shared one) is skipped.
        mutating func agents(shared: Set<String>) async throws -> [JSONValue] {
            var written: [JSONValue] = []
            for agent in try await service.allAgents(principal).sorted(by: { $0.createdAt < $1.createdAt }) {
                var order: [String] = []
                var operations: [String: [JSONValue]] = [:]
                var parameters: [String: [String: JSONValue]] = [:]
                for skill in agent.draft {
                    if let reason = try await reasonToSkip(skill, shared: shared) {
                        skipped.append("agent \(agent.name), skill \(skill.name): \(reason)")
                        continue
                    }
                    if operations[skill.provider] == nil { order.append(skill.provider) }
                    operations[skill.provider, default: []].append(.string(skill.action))
                    if !skill.presets.isEmpty { parameters[skill.provider, default: [:]][skill.action] = .object(skill.presets) }
                }
                var item: [String: JSONValue] = ["name": .string(agent.name)]
                if !agent.description.isEmpty { item["description"] = .string(agent.description) }
                if !agent.variables.isEmpty { item["variables"] = .object(agent.variables) }
                item["enabled_connectors"] = .array(order.map { provider in
                    var entry: [String: JSONValue] = ["connector": .string(provider), "operations": .array(operations[provider] ?? [])]
                    if let presets = parameters[provider] { entry["parameters"] = .object(presets) }
                    return .object(entry)
                })
                item["publish"] = .bool(agent.liveVersion != nil)
                written.append(.object(item))
            }
            return written
        }

        private func reasonToSkip(_ skill: SkillDefinition, shared: Set<String>) async throws -> String? {
            if skill.binding != nil { return "made from a binding" }
            if skill.name != skill.action { return "named \(skill.name) rather than after its operation \(skill.action)" }
            if skill.requiresApproval { return "requires approval" }
            if !shared.contains(skill.connectionID) { return "uses connection \(skill.connectionID), not the shared one of \(skill.provider)" }
            let spec = try await service.providers.provider(skill.provider, accountID: principal.accountID)?.manifest.action(named: skill.action)
            if spec?.description.trimmingCharacters(in: .whitespacesAndNewlines) != skill.description { return "has a description of its own" }
            return nil
        }
    }

    // MARK: YAML

    /// The order members are written in, where they appear: names first, then what a reader
    /// looks for next. Others follow in alphabetical order.
    private static let order = ["account", "type", "namespace", "name", "provider", "connector", "id", "title", "label", "description", "category",
                                "base_url", "auth", "in", "client_id", "client_secret", "scopes", "redirect_uri", "headers",
                                "method", "path", "operations", "parameters", "locations", "packs", "config", "credentials",
                                "variables", "enabled_connectors", "publish"]

    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node.scalar(Node.Scalar("null"))
        case .bool(let flag): return Node.scalar(Node.Scalar(flag ? "true" : "false"))
        case .integer(let number): return Node.scalar(Node.Scalar(String(number)))
        case .bigInteger(let digits): return Node.scalar(Node.Scalar(digits))
        case .number(let number):
            let text = String(number)
            return Node.scalar(Node.Scalar(text.contains(where: { $0 == "." || $0 == "e" }) ? text : text + ".0"))
        case .string(let text): return Node.scalar(text.represented())
        case .array(let items): return Node.sequence(Node.Sequence(items.map(node)))
        case .object(let object):
            let keys = object.keys.sorted { left, right in
                switch (order.firstIndex(of: left), order.firstIndex(of: right)) {
                case let (l?, r?): return l < r
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return left < right
                }
            }
            return Node.mapping(Node.Mapping(keys.map { (Node.scalar($0.represented()), node(object[$0] ?? .null)) }))
        }
    }
}
