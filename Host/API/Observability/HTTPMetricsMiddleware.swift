import Foundation
import Hummingbird
import Metrics
import Synchronization

/// Counts API requests and times them by route and status. The route is the endpoint table's
/// path template (`/v1/connections/{id}`), never the path a caller sent, so the series stay
/// one per route; a request that matched no route is `unmatched`.
///
/// The handles are kept per label set: making one costs the backend's registry lookup (name
/// checks, label hashing, a lock), which every request would pay otherwise.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private let handles = Handles()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Real time, not the host's clock: this measures the work the request took.
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let (requests, duration) = self.handles(Key(method: request.method.rawValue, route: RequestRoute.label(context),
                                                    status: Int(response.status.code)))
        requests.increment()
        duration.record(duration: .now - started)
        return response
    }

    private func handles(_ key: Key) -> (requests: Counter, duration: Timer) {
        handles.byKey.withLock { byKey in
            if let known = byKey[key] { return known }
            let made = (Counter(label: "patchbay_http_requests_total",
                                dimensions: [("method", key.method), ("route", key.route), ("status", String(key.status))]),
                        Timer(label: "patchbay_http_request_duration_seconds", dimensions: [("method", key.method), ("route", key.route)]))
            byKey[key] = made
            return made
        }
    }

    /// Bounded by the routes times the statuses they answer.
    private final class Handles: Sendable {
        let byKey = Mutex<[Key: (requests: Counter, duration: Timer)]>([:])
    }
}
