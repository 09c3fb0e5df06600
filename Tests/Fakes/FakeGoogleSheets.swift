import Hummingbird

/// Placeholder: the fake GoogleSheets API is being written.
public final class FakeGoogleSheets: FakeUpstream, @unchecked Sendable {
    public let apiPath = "v4"

    public init() {}

    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {}
}
