import Foundation
import PatchbayModel
import PatchbayPlugins
import PatchbayStore
import PatchbayWire
import Synchronization

/// The providers an account can use: the host's plugins, and the account's own declarative
/// connectors and remote MCP servers beside them. Services look a provider up here, so a
/// connector or an MCP server is connected, invoked, provisioned and listed exactly as a plugin is.
public struct ProviderDirectory: Sendable {
    let registry: PluginRegistry
    let store: any ConnectorStore & MCPServerStore
    private let cache = ConnectorCache()
    /// Keeps each MCP server's event stream open on this replica once its provider is used.
    let listeners = MCPListeners()

    init(registry: PluginRegistry, store: any ConnectorStore & MCPServerStore) {
        self.registry = registry
        self.store = store
    }

    /// The plugin of that id, or else the account's connector of that provider id; nil when neither exists.
    func provider(_ id: String, accountID: String) async throws -> LoadedPlugin? {
        if let plugin = registry.plugin(id) { return plugin }
        if let connectionID = MCPServerRecord.connectionID(ofProvider: id) {
            return try await store.mcpServer(id: connectionID, accountID: accountID).map(provider)
        }
        guard let (namespace, name) = Self.connectorName(id),
              let record = try await store.connector(accountID: accountID, namespace: namespace, name: name)
        else { return nil }
        return try provider(record)
    }

    /// Every plugin, then the account's connectors, then its MCP servers.
    func providers(accountID: String) async throws -> [LoadedPlugin] {
        registry.plugins + (try await store.connectors(accountID: accountID).map(provider))
            + (try await store.mcpServers(accountID: accountID).map(provider))
    }

    /// A remote MCP server as a provider, whose event stream this replica listens to from now on.
    func provider(_ server: MCPServerRecord) -> LoadedPlugin {
        listeners.ensure(server)
        let manifest = MCPToolSet.manifest(server)
        let structured = Set((server.tools.arrayValue ?? []).filter { $0["outputSchema"] != nil }.compactMap { $0["name"]?.stringValue })
        return LoadedPlugin(manifest: manifest, path: server.providerID,
                            channel: MCPChannel(url: server.url, structuredTools: structured), observer: registry.observer,
                            clock: registry.clock)
    }

    /// A stored connector as a provider, built once per version of its definition.
    func provider(_ record: ConnectorRecord) throws -> LoadedPlugin {
        if let cached = cache.plugin(record) { return cached }
        let definition: ConnectorDefinition
        do {
            definition = try ConnectorDefinition(record.definition)
        } catch let error as ServiceError {
            throw ServiceError(.unavailable, "connector_invalid",
                               "the stored connector \(record.namespace)/\(record.name) is no longer valid (\(error.message)); PUT a corrected definition")
        }
        let plugin = LoadedPlugin(manifest: definition.manifest, path: "connector:\(record.namespace)/\(record.name)",
                                  channel: ConnectorChannel(definition: definition), observer: registry.observer, clock: registry.clock)
        cache.keep(plugin, for: record)
        return plugin
    }

    /// `namespace.name` split, for an id that can be a connector's.
    static func connectorName(_ id: String) -> (String, String)? {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}

/// Connectors built from their stored definitions, keyed by id and last update, so a call does
/// not parse a definition of hundreds of operations again. An update changes the key.
final class ConnectorCache: Sendable {
    private let plugins = Mutex<[String: (updatedAt: Millis, plugin: LoadedPlugin)]>([:])
    /// Beyond this many, the cache starts over rather than tracking use.
    private static let limit = 1000

    func plugin(_ record: ConnectorRecord) -> LoadedPlugin? {
        plugins.withLock { plugins in
            guard let entry = plugins[record.id], entry.updatedAt == record.updatedAt else { return nil }
            return entry.plugin
        }
    }

    func keep(_ plugin: LoadedPlugin, for record: ConnectorRecord) {
        plugins.withLock { plugins in
            if plugins.count >= Self.limit { plugins.removeAll() }
            plugins[record.id] = (record.updatedAt, plugin)
        }
    }
}
