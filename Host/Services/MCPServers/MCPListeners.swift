import Foundation
import PatchbayModel
import Synchronization

/// The remote MCP servers this replica listens to, one task each holding the server's event
/// stream open so that its `notifications/tools/list_changed` refreshes the stored tools. A
/// server is listened to from the first use of its provider here (creation, a call, a listing)
/// until it is deleted or the host stops.
final class MCPListeners: Sendable {
    typealias Listen = @Sendable (MCPServerRecord) async -> Void

    private struct State {
        var tasks: [String: Task<Void, Never>] = [:]
        /// Set once the service that can refresh tools exists; until then nothing is listened to.
        var listen: Listen?
    }

    private let state = Mutex(State())

    func wire(_ listen: @escaping Listen) {
        state.withLock { $0.listen = listen }
    }

    /// Starts listening to `server` unless this replica already does.
    func ensure(_ server: MCPServerRecord) {
        state.withLock { state in
            guard state.tasks[server.id] == nil, let listen = state.listen else { return }
            state.tasks[server.id] = Task { [weak self] in
                await listen(server)
                self?.ended(server.id)
            }
        }
    }

    func stop(_ id: String) {
        state.withLock { $0.tasks.removeValue(forKey: id) }?.cancel()
    }

    func stopAll() {
        let all = state.withLock { state in
            defer { state.tasks.removeAll() }
            return Array(state.tasks.values)
        }
        for task in all { task.cancel() }
    }

    private func ended(_ id: String) {
        state.withLock { _ = $0.tasks.removeValue(forKey: id) }
    }
}
