import PatchbayModel
public import PatchbayPlugins
import PatchbayStore
public import PatchbayWire

/// The providers this host offers, as an account sees them: the plugins and its own connectors.
public struct CatalogService: Sendable {
    let providers: ProviderDirectory
    let store: any ConnectionStore & CredentialStore

    public struct Entry: Sendable {
        public var manifest: Manifest
        public var connected: Bool
        /// Why OAuth cannot start for this provider on this account (no OAuth app yet); nil when it can or none is needed.
        public var notConfiguredReason: String?
    }

    public struct Listing: Sendable {
        public var entries: [Entry]
        /// Entries per category, over the whole catalog, so a client can show every tab's count.
        public var categoryCounts: [String: Int]
    }

    public enum StatusFilter: String, Sendable, CaseIterable {
        case connected, available
    }

    public func list(principal: Principal, category: String?, status: String?) async throws -> Listing {
        let statusFilter = try status.map { raw in
            guard let parsed = StatusFilter(rawValue: raw) else {
                throw ServiceError.validation("status must be connected or available", field: "status")
            }
            return parsed
        }
        let connected = try await store.connectedProviders(accountID: principal.accountID)
        let apps = Set(try await store.oauthApps(accountID: principal.accountID).map(\.provider))
        let all = try await providers.providers(accountID: principal.accountID).map { Self.entry($0.manifest, connected: connected, apps: apps) }
        var counts: [String: Int] = [:]
        for entry in all { counts[entry.manifest.category, default: 0] += 1 }
        let entries = all.filter { entry in
            (category == nil || entry.manifest.category == category)
                && (statusFilter == nil || (statusFilter == .connected) == entry.connected)
        }
        return Listing(entries: entries, categoryCounts: counts)
    }

    public func entry(principal: Principal, id: String) async throws -> Entry {
        guard let plugin = try await providers.provider(id, accountID: principal.accountID) else { throw ServiceError.notFound("provider", id) }
        let connected = try await store.connectedProviders(accountID: principal.accountID)
        let apps = Set(try await store.oauthApps(accountID: principal.accountID).map(\.provider))
        return Self.entry(plugin.manifest, connected: connected, apps: apps)
    }

    private static func entry(_ manifest: Manifest, connected: Set<String>, apps: Set<String>) -> Entry {
        let missingApp = manifest.oauth != nil && !apps.contains(manifest.id)
        return Entry(manifest: manifest, connected: connected.contains(manifest.id),
                     notConfiguredReason: missingApp ? OAuthAppService.notConfiguredReason(provider: manifest.id, name: manifest.name) : nil)
    }

    public var plugins: [PluginStatus] { providers.registry.statuses }
}
