import Hummingbird

/// Placeholder: the fake Shopify API is being written.
public final class FakeShopify: FakeUpstream, @unchecked Sendable {
    public let apiPath = "admin/api/2024-10"

    public init() {}

    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {}
}
