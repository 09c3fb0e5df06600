import Foundation
public import Hummingbird
import PatchbayClock
import PatchbayWire

extension FakeShopify {
    /// The largest body the fake reads.
    static let maximumBodySize = 1024 * 1024

    /// One request as the handlers see it: the path below the API base (`orders/1.json`),
    /// the query, the body and the absolute base URL that `Link` headers point at.
    struct Call {
        var method: String
        var path: String
        var query: [String: String]
        var body: String
        var baseURL: String
    }

    /// Serves the Admin REST API at `<prefix>/admin/api/2024-10/…`.
    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {
        let api = router.group(RouterPath(prefix)).group(RouterPath(apiPath))
        let basePath = "/\(prefix)/\(apiPath)"
        api.get("**") { request, _ in try await self.respond(to: request, basePath: basePath) }
        api.post("**") { request, _ in try await self.respond(to: request, basePath: basePath) }
    }

    func respond(to request: Request, basePath: String) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodySize)
        let recorded = RecordedRequest(request, body: body)
        // Links are absolute URLs on the host the client called, as Shopify's are.
        let authority = request.head.authority ?? recorded.headers["host"] ?? "127.0.0.1"
        let call = Call(method: recorded.method, path: String(recorded.path.dropFirst(basePath.count + 1)),
                        query: recorded.query, body: recorded.body, baseURL: "http://\(authority)\(basePath)")
        let (reply, hold, callLimit, requestID) = lock.withLock { () -> (FakeShopifyReply, FakeHold, String, String) in
            requestSerial += 1
            let (reply, hold) = answer(recorded, call)
            return (reply, hold, bucket.header, String(format: "fake-%08d", requestSerial))
        }
        await hold.wait()
        return reply.response(callLimit: callLimit, requestID: requestID)
    }

    /// Decides the answer to one request. Called with the lock held.
    private func answer(_ request: RecordedRequest, _ call: Call) -> (FakeShopifyReply, FakeHold) {
        let draw = controls.record(request)
        if let retryAfter = draw.throttleRetryAfter {
            throttled += 1
            return (.throttled(retryAfter: Double(retryAfter)), draw.hold)
        }
        guard let token = request.headers["x-shopify-access-token"], controls.grant(for: token) != nil else {
            return (.failure(.invalidToken), draw.hold)
        }
        guard bucket.admit(now: clock.now) else {
            throttled += 1
            return (.throttled(retryAfter: bucket.secondsUntilRoom().rounded(.up)), draw.hold)
        }
        do {
            return (try route(call), draw.hold)
        } catch let error as FakeShopifyError {
            return (.failure(error), draw.hold)
        } catch {
            return (FakeShopifyReply(status: .internalServerError, body: ["errors": "Internal Server Error"]), draw.hold)
        }
    }

    /// Runs the endpoint `call.path` names. Called with the lock held.
    private func route(_ call: Call) throws -> FakeShopifyReply {
        let segments = call.path.split(separator: "/").map(String.init)
        switch (call.method, segments.count) {
        case ("GET", 1) where segments[0] == "shop.json":
            return FakeShopifyReply(body: ["shop": FakeShopifySeed.shop])
        case ("GET", 1) where segments[0] == "products.json":
            return try listProducts(call)
        case ("GET", 2) where segments[0] == "products":
            return FakeShopifyReply(body: ["product": try find(productList, segments[1])])
        case ("GET", 1) where segments[0] == "orders.json":
            return try listOrders(call, customerID: nil)
        case ("GET", 2) where segments[0] == "orders":
            return FakeShopifyReply(body: ["order": try find(orderList, segments[1])])
        case ("GET", 1) where segments[0] == "customers.json":
            return try listCustomers(call)
        case ("POST", 1) where segments[0] == "customers.json":
            return try createCustomer(call)
        case ("GET", 2) where segments == ["customers", "search.json"]:
            return try searchCustomers(call)
        case ("GET", 2) where segments[0] == "customers":
            return FakeShopifyReply(body: ["customer": try find(customerList, segments[1])])
        case ("GET", 3) where segments[0] == "customers" && segments[2] == "orders.json":
            let customer = try find(customerList, segments[1] + ".json")
            return try listOrders(call, customerID: customer["id"]?.intValue)
        default:
            throw FakeShopifyError.notFound
        }
    }

    /// The record whose id is `segment` without its `.json`, or 404.
    func find(_ records: [JSONValue], _ segment: String) throws -> JSONValue {
        guard segment.hasSuffix(".json"), let id = Int(segment.dropLast(5)),
              let record = records.first(where: { $0["id"]?.intValue == id })
        else { throw FakeShopifyError.notFound }
        return record
    }

    /// One page of `records` for a list endpoint, after `matches` filtered them.
    func listPage(_ call: Call, key: String, records: [JSONValue],
                  matches: ([String: String], JSONValue) throws -> Bool) throws -> FakeShopifyReply {
        let pagination = FakeShopifyPagination(baseURL: call.baseURL, path: call.path)
        let (filters, limit, cursor) = try pagination.read(call.query)
        let filtered = try records.filter { try matches(filters, $0) }
        let page = pagination.page(of: filtered, limit: limit, cursor: cursor, filters: filters)
        return FakeShopifyReply(body: [key: .array(page.items)], link: page.link)
    }
}
