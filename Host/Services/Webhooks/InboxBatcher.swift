import PatchbayStore

/// Group commit for the inbox: requests that arrive while a commit is running wait for the
/// next one, which takes all of them in a single transaction. Each sender still gets its 2xx
/// only after the transaction holding its event is on disk; many senders share one fsync.
actor InboxBatcher {
    private let store: any Store
    private let signal: InboxSignal
    private var waiting: [(event: InboundEvent, continuation: CheckedContinuation<InboundOutcome, Error>)] = []
    private var committing = false
    static let maxBatch = 512

    init(store: any Store, signal: InboxSignal) {
        self.store = store
        self.signal = signal
    }

    func store(_ event: InboundEvent) async throws -> InboundOutcome {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((event, continuation))
            if !committing {
                committing = true
                Task { await self.commitWaiting() }
            }
        }
    }

    private func commitWaiting() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.maxBatch))
            waiting.removeFirst(batch.count)
            do {
                let outcomes = try await store.storeInboundEvents(batch.map(\.event))
                signal.notify()
                for (index, item) in batch.enumerated() { item.continuation.resume(returning: outcomes[index]) }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        committing = false
    }
}
