public import Foundation
import PatchbayABI

/// Everything a provider method may use for the call in progress.
public struct ProviderContext: Sendable {
    /// The connection's non-secret config, as validated against the manifest's config schema.
    public let config: JSONValue
    /// Only for auth type `plugin`: the connection's credentials for this call. Use them
    /// and let them go; never store them beyond the call.
    public let credentials: [String: String]
    /// The address the host checked for each network target the plugin connects to itself,
    /// by field (`credentials.connection_string`): connect there, not to the name in the value.
    public let checkedAddresses: [String: String]
    /// The Patchbay connection the call is for (`conn_…`); nil for a call outside one (the
    /// plugin test harness). Key anything kept between a connection's calls by it.
    public let connectionID: String?
    /// HTTP through the host, which adds the connection's credentials.
    public let http: HostHTTP
    /// The host's log, tagged with this call.
    public let log: HostLog

    init(call: PluginCall, requestID: UInt64, host: HostServices) {
        config = call.config
        credentials = call.credentials ?? [:]
        checkedAddresses = call.checkedAddresses ?? [:]
        connectionID = call.connectionID
        http = HostHTTP(requestID: requestID, host: host)
        log = HostLog(requestID: requestID, host: host)
    }

    /// A config value as a string, if set.
    public func configString(_ name: String) -> String? {
        config[name]?.stringValue
    }

    /// The host's clock, which tests may control.
    public var now: Date { Date(timeIntervalSince1970: Double(log.host.nowMilliseconds()) / 1000) }
}

/// The plugin's log, written through the host so it lands in the host's log with the call id.
public struct HostLog: Sendable {
    let requestID: UInt64
    let host: HostServices

    public func debug(_ message: String) { host.log(requestID: requestID, level: PB_LOG_DEBUG, message) }
    public func info(_ message: String) { host.log(requestID: requestID, level: PB_LOG_INFO, message) }
    public func warning(_ message: String) { host.log(requestID: requestID, level: PB_LOG_WARNING, message) }
    public func error(_ message: String) { host.log(requestID: requestID, level: PB_LOG_ERROR, message) }
}
