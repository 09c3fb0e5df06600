import Foundation
import PatchbayStore

/// The remote MCP servers this replica listens to, one task each holding the server's event
/// stream open so that its `notifications/tools/list_changed` refreshes the stored tools. A
/// server is listened to from the first use of its provider here (creation, a call, a listing)
/// until it is deleted or the host stops.
final class MCPListeners: @unchecked Sendable {
    typealias Listen = @Sendable (MCPServerRecord) async -> Void

    private let lock = NSLock()
    private var tasks: [String: Task<Void, Never>] = [:]
    /// Set once the service that can refresh tools exists; until then nothing is listened to.
    private var listen: Listen?

    func wire(_ listen: @escaping Listen) {
        lock.withLock { self.listen = listen }
    }

    /// Starts listening to `server` unless this replica already does.
    func ensure(_ server: MCPServerRecord) {
        lock.withLock {
            guard tasks[server.id] == nil, let listen else { return }
            tasks[server.id] = Task { [weak self] in
                await listen(server)
                self?.ended(server.id)
            }
        }
    }

    func stop(_ id: String) {
        lock.withLock { tasks.removeValue(forKey: id) }?.cancel()
    }

    func stopAll() {
        let all = lock.withLock {
            defer { tasks.removeAll() }
            return Array(tasks.values)
        }
        for task in all { task.cancel() }
    }

    private func ended(_ id: String) {
        lock.withLock { _ = tasks.removeValue(forKey: id) }
    }
}
