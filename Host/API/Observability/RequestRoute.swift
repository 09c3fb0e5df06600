import Hummingbird

/// The route a request matched, as metrics and the request log name it.
enum RequestRoute {
    /// The endpoint table's path template; `unmatched` for a path no route serves (Hummingbird
    /// says "NotFound"), so a scan of random paths adds no series.
    static func label(_ context: some RequestContext) -> String {
        guard let path = context.endpointPath, path.hasPrefix("/") else { return "unmatched" }
        return path
    }
}
