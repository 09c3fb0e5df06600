import Hummingbird

/// Placeholder: the fake GitHub API is being written.
public final class FakeGitHub: FakeUpstream, @unchecked Sendable {
    public let apiPath = "api"

    public init() {}

    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {}
}
