import Foundation

/// Tells listeners when an agent's live version changes (a publish or a rollback), so that
/// connected runtimes, such as the MCP server's open sessions, hear of it at once. Listeners
/// run on the publishing task and must only hand the news on.
public final class LiveVersionFeed: @unchecked Sendable {
    public typealias Listener = @Sendable (_ agentID: String, _ version: Int) -> Void

    private let lock = NSLock()
    private var listeners: [UUID: Listener] = [:]

    public init() {}

    /// Adds a listener until `cancel` is called with the returned token.
    public func listen(_ listener: @escaping Listener) -> UUID {
        let token = UUID()
        lock.withLock { listeners[token] = listener }
        return token
    }

    public func cancel(_ token: UUID) {
        _ = lock.withLock { listeners.removeValue(forKey: token) }
    }

    func announce(agentID: String, version: Int) {
        for listener in lock.withLock({ Array(listeners.values) }) { listener(agentID, version) }
    }
}
