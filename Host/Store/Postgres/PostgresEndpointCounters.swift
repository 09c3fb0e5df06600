import Logging
import PostgresNIO

/// What a batch of inbound events adds to each endpoint's counters, written with one update per
/// endpoint in the batch's transaction rather than one per event: the inbox lock is held until
/// commit, so every round trip saved there is saved for every writer waiting on it.
struct PostgresEndpointCounters {
    private var received: [String: Int] = [:]
    private var duplicates: [String: Int] = [:]
    private var lastEventAt: [String: Millis] = [:]

    /// Counts `event` on its endpoint; a host event has none and counts nowhere.
    mutating func add(_ event: WebhookEventRecord, _ outcome: InboundOutcome) {
        guard let endpointID = event.endpointID else { return }
        received[endpointID, default: 0] += 1
        switch outcome {
        case .stored: lastEventAt[endpointID] = event.receivedAt
        case .duplicate: duplicates[endpointID, default: 0] += 1
        }
    }

    /// Endpoints in id order, so that concurrent batches lock their rows in the same order.
    func write(_ connection: PostgresConnection, logger: Logger) async throws {
        for (endpointID, count) in received.sorted(by: { $0.key < $1.key }) {
            try await connection.rows("""
                UPDATE webhook_endpoints SET received = received + \(count), verified = verified + \(count),
                    duplicates = duplicates + \(duplicates[endpointID] ?? 0),
                    last_event_at = COALESCE(\(lastEventAt[endpointID]), last_event_at)
                WHERE id = \(endpointID)
                """, logger: logger)
        }
    }
}
