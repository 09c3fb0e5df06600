public import Hummingbird
public import PatchbayServices
public import PatchbayWire

/// Per-request state: Hummingbird's core storage plus the authenticated caller.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal? {
        didSet { caller.principal = principal }
    }
    /// The caller as the request log sees it, set with `principal`.
    public let caller = RequestCaller()
    /// The request body, already checked against the route's declared schema; empty for routes without one.
    public var input: [String: JSONValue] = [:]

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The caller, for endpoints that run only after authentication.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw ServiceError(.unauthenticated, "missing_api_key", "an API key is required") }
        return principal
    }
}
