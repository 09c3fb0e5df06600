import PostgresNIO
import Synchronization

/// Groups concurrent requests into one statement, one group at a time, as the host's inbox does
/// on one replica: the requests that arrive while a group is being written all go into the
/// next one (at most 128, the host's bound).
final class InsertGroups: Sendable {
    private struct Pending {
        let event: EventRow
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }

    private let client: PostgresClient
    private let accountID: String
    private let connectionID: String
    private let state = Mutex(State())

    init(client: PostgresClient, accountID: String, connectionID: String) {
        self.client = client
        self.accountID = accountID
        self.connectionID = connectionID
    }

    /// Returns once the group holding `event` has been committed.
    func insert(_ event: EventRow) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { state in
                state.queue.append(Pending(event: event, continuation: continuation))
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while let group = next() {
            do {
                let statement = InsertEventsStatement(accountID: accountID, connectionID: connectionID,
                                                      events: group.map(\.event))
                for try await _ in try await client.execute(statement) {}
                for pending in group { pending.continuation.resume() }
            } catch {
                for pending in group { pending.continuation.resume(throwing: error) }
            }
        }
    }

    /// The requests waiting now, up to 128; nil (and draining ends) when there are none.
    private func next() -> [Pending]? {
        state.withLock { state in
            guard !state.queue.isEmpty else {
                state.draining = false
                return nil
            }
            let group = Array(state.queue.prefix(128))
            state.queue.removeFirst(group.count)
            return group
        }
    }
}
