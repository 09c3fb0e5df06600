import Foundation
import Hummingbird

/// How many requests the fakes are answering at once, and the most so far; with a latency,
/// every answer is held back that long first. A held request is a suspended task, not a
/// thread, so thousands can wait at once, as at a slow real provider.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeLoad: @unchecked Sendable {
    /// Added before every answer; zero answers at once.
    public let latency: Duration
    private let lock = NSLock()
    private var counts = (inFlight: 0, peak: 0)

    init(latency: Duration) {
        self.latency = latency
    }

    public var inFlight: Int { lock.withLock { counts.inFlight } }
    public var peak: Int { lock.withLock { counts.peak } }

    /// What `GET /_sandbox/load` answers, for load generators in another process.
    var json: String { lock.withLock { #"{"in_flight":\#(counts.inFlight),"peak_in_flight":\#(counts.peak)}"# } }

    /// Starts the peak over from the requests in flight now, for the next measurement
    /// (`DELETE /_sandbox/load`).
    public func resetPeak() {
        lock.withLock { counts.peak = counts.inFlight }
    }

    func enter() {
        lock.withLock {
            counts.inFlight += 1
            counts.peak = max(counts.peak, counts.inFlight)
        }
    }

    func leave() {
        lock.withLock { counts.inFlight -= 1 }
    }
}

/// Counts each request in `FakeLoad` and holds its answer back by the load's latency.
struct FakeLoadMiddleware<Context: RequestContext>: RouterMiddleware {
    let load: FakeLoad

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        load.enter()
        defer { load.leave() }
        if load.latency > .zero { try await Task.sleep(for: load.latency) }
        return try await next(request, context)
    }
}
