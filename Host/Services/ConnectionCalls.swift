import Foundation
import PatchbayEgress
import PatchbayPlugins
import PatchbayStore
import PatchbayVault
import PatchbayWire

/// Turns a stored connection into a ready plugin call: the plugin from the registry, the
/// credentials opened from the vault for this call only, and an egress context that injects them.
struct ConnectionCalls: Sendable {
    let registry: PluginRegistry
    let vault: Vault
    let egress: Egress
    let settings: HostSettings

    struct Prepared: Sendable {
        let plugin: LoadedPlugin
        let call: PluginCall
        let context: PluginCallContext
        let exchanges: ExchangeLog
    }

    func prepare(_ connection: ConnectionRecord, action: String? = nil, input: JSONValue? = nil) throws -> Prepared {
        guard connection.status == .active else {
            throw ServiceError(.conflict, "connection_revoked", "connection \(connection.id) has been deleted")
        }
        guard let plugin = registry.plugin(connection.provider) else {
            throw ServiceError(.unavailable, "provider_unavailable", "the \(connection.provider) plugin is not loaded on this host")
        }
        let credentials = try openCredentials(connection)
        let manifest = plugin.manifest
        let exchanges = ExchangeLog()
        let context: PluginCallContext
        if manifest.auth.type == .plugin, manifest.baseURL == nil, manifest.baseURLConfigField == nil,
           settings.upstreams[manifest.id] == nil {
            // A plugin that reaches its service itself (a database) has no HTTP upstream.
            var offline = PluginCallContext.offline
            offline.secrets = Array(credentials.values)
            context = offline
        } else {
            let target: EgressTarget
            do {
                target = try EgressTarget.resolve(manifest: manifest, config: connection.config, credentials: credentials,
                                                  hostOverride: settings.upstreams[manifest.id])
            } catch {
                throw ServiceError.validation(String(describing: error), field: "config")
            }
            let egress = self.egress
            context = PluginCallContext(secrets: target.secretValues) { request in
                await egress.send(request, to: target, record: exchanges.append)
            }
        }
        let call = PluginCall(action: action, input: input, config: connection.config,
                              credentials: manifest.auth.type == .plugin ? credentials : nil)
        return Prepared(plugin: plugin, call: call, context: context, exchanges: exchanges)
    }

    func openCredentials(_ connection: ConnectionRecord) throws -> [String: String] {
        guard let sealed = connection.sealedCredentials else { return [:] }
        do {
            return try vault.openSecrets(sealed, context: Self.vaultContext(connection.id))
        } catch {
            throw ServiceError(.unavailable, "vault_error", "the connection's credentials cannot be opened: \(error)")
        }
    }

    static func vaultContext(_ connectionID: String) -> String { "connection:\(connectionID)" }
}

/// The upstream requests of one call, collected as they happen (from concurrent tasks).
final class ExchangeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [EgressExchange] = []

    @Sendable func append(_ exchange: EgressExchange) {
        lock.withLock { items.append(exchange) }
    }

    var all: [EgressExchange] { lock.withLock { items } }
}
