import Hummingbird
import Metrics

/// Counts API requests and times them by route and status. The route is the endpoint table's
/// path template (`/v1/connections/{id}`), never the path a caller sent, so the series stay
/// one per route; a request that matched no route is `unmatched`.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let route = RequestRoute.label(context)
        Counter(label: "patchbay_http_requests_total",
                dimensions: [("method", request.method.rawValue), ("route", route), ("status", String(response.status.code))]).increment()
        Timer(label: "patchbay_http_request_duration_seconds",
              dimensions: [("method", request.method.rawValue), ("route", route)]).record(duration: .now - started)
        return response
    }
}
