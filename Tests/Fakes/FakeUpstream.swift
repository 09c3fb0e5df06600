public import Hummingbird

/// A fake provider API that `FakeUpstreams` can serve under a path prefix of its one server.
public protocol FakeUpstream: AnyObject, Sendable {
    /// Where the API's base URL sits below the mount prefix: `api` for Slack, so that
    /// mounted under `slack` its base URL is `http://127.0.0.1:<port>/slack/api`.
    var apiPath: String { get }

    /// Adds the fake's routes to `router`, each below `prefix` (e.g. `slack`).
    func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String)
}
