import Tracing

/// The client spans of a store's operations (`store.read`, `store.write`, `store.lookup`), made
/// only when a tracer is bootstrapped. Without one (no OTLP endpoint), `withSpan` would still
/// look the tracer up and start a no-op span on every operation, two of them per webhook
/// delivery. `serve` bootstraps tracing before it opens the store, so the store decides once.
struct StoreSpans: Sendable {
    /// The `db.system` attribute: `sqlite` or `postgresql`.
    let system: String
    private let enabled = !(InstrumentationSystem.tracer is NoOpTracer)

    init(system: String) {
        self.system = system
    }

    func run<T>(_ name: String, _ operation: () async throws -> T) async throws -> T {
        guard enabled else { return try await operation() }
        return try await withSpan(name, ofKind: .client) { span in
            span.attributes["db.system"] = system
            return try await operation()
        }
    }

    func run<T>(_ name: String, _ operation: () throws -> T) throws -> T {
        guard enabled else { return try operation() }
        return try withSpan(name, ofKind: .client) { span in
            span.attributes["db.system"] = system
            return try operation()
        }
    }
}
