import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayClock
import PatchbayFakes
import PatchbayPluginTelemetry
import PatchbayPlugins
import PatchbayWire
import XCTest

/// The Shopify provider end to end: HTTP API → services → dlopened plugin → host egress →
/// fake Shopify Admin API, plus the fake's own fidelity to Shopify's wire behaviour.
final class ShopifyProviderTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var connection: String!

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbayShopify"])
        key = try await host.key()
        connection = try await connect(token: FakeShopify.sandboxToken)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    // MARK: Helpers

    func connect(token: String) async throws -> String {
        let reply = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "shopify",
            "credentials": ["access_token": .string(token)],
            "config": ["shop": "acme", "api_version": "2024-10"],
        ])
        XCTAssertEqual(reply.status, 201, reply.body)
        return try XCTUnwrap(reply.json["id"]?.stringValue)
    }

    func invoke(_ action: String, _ input: JSONValue, on connection: String? = nil) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(connection ?? self.connection!)/actions/\(action)/invoke",
                               key: key, json: ["input": input])
    }

    func output(_ action: String, _ input: JSONValue) async throws -> JSONValue {
        let reply = try await invoke(action, input)
        XCTAssertEqual(reply.status, 200, "\(action): \(reply.body)")
        return reply.json["output"] ?? .null
    }

    func ids(_ records: JSONValue?) -> [Int] {
        records?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
    }

    var shopify: FakeShopify { host.fakes.shopify }

    // MARK: Auth and check

    func testGetShopSendsTheAccessTokenAndTheCheckPasses() async throws {
        let shop = try await output("get_shop", [:])
        XCTAssertEqual(shop["name"], shopify.shop["name"])
        XCTAssertEqual(shop["myshopify_domain"], "acme.myshopify.com")
        XCTAssertEqual(shop["currency"], "USD")
        let sent = try XCTUnwrap(shopify.requests.last)
        XCTAssertEqual(sent.method, "GET")
        XCTAssertEqual(sent.path, "/shopify/admin/api/2024-10/shop.json")
        XCTAssertEqual(sent.headers["x-shopify-access-token"], FakeShopify.sandboxToken)
        XCTAssertNil(sent.headers["authorization"])

        let check = try await host.request("POST", "/v1/connections/\(connection!)/test", key: key)
        XCTAssertEqual(check.json["success"], true, check.body)
        XCTAssertTrue(check.json["message"]?.stringValue?.contains("Acme Outfitters") == true, check.body)
    }

    func testAWrongTokenFailsTheCheckAndCallsWithUnauthorized() async throws {
        let revoked = "shpat_revoked0000000000000000000000"
        let bad = try await connect(token: revoked)
        let check = try await host.request("POST", "/v1/connections/\(bad)/test", key: key)
        XCTAssertEqual(check.json["success"], false, check.body)
        XCTAssertTrue(check.json["message"]?.stringValue?.contains("Invalid API key or access token") == true, check.body)

        let reply = try await invoke("get_shop", [:], on: bad)
        XCTAssertEqual(reply.status, 422, reply.body)
        XCTAssertEqual(reply.errorCode, "unauthorized")
        XCTAssertEqual(reply.json["error"]?["retryable"], false)
        XCTAssertEqual(shopify.requests.last?.headers["x-shopify-access-token"], revoked)
        XCTAssertFalse(reply.body.contains(revoked), "the token must never be echoed")

        let wrongPrefix = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "shopify", "credentials": ["access_token": "xoxb-not-shopify"],
            "config": ["shop": "acme", "api_version": "2024-10"],
        ])
        XCTAssertEqual(wrongPrefix.status, 400, wrongPrefix.body)
        let badConfig = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "shopify", "credentials": ["access_token": .string(FakeShopify.sandboxToken)],
            "config": ["shop": "Acme Store"],
        ])
        XCTAssertEqual(badConfig.status, 400, badConfig.body)
    }

    // MARK: Pagination

    func testListCustomersFollowsLinkHeadersAcrossPagesUpToTheLimit() async throws {
        let everyone = ids(.array(shopify.customers))
        XCTAssertGreaterThanOrEqual(everyone.count, 6)
        shopify.reset()

        let first = try await invoke("list_customers", ["limit": 5, "page_size": 2])
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertEqual(ids(first.json["output"]?["customers"]), Array(everyone.prefix(5)))
        let cursor = try XCTUnwrap(first.json["output"]?["next_page_info"]?.stringValue)

        let sent = shopify.requests
        XCTAssertEqual(sent.count, 3, "5 customers at 2 a page is 3 requests")
        XCTAssertEqual(sent[0].query, ["limit": "2"])
        XCTAssertNotNil(sent[1].query["page_info"])
        XCTAssertEqual(sent[1].query.keys.sorted(), ["limit", "page_info"], "a page_info request carries only limit")
        XCTAssertEqual(sent[1].query["limit"], "2")
        XCTAssertEqual(sent[2].query["limit"], "1", "the last page asks only for what is still wanted")
        XCTAssertNotEqual(sent[1].query["page_info"], sent[2].query["page_info"])
        XCTAssertTrue(sent.allSatisfy { $0.headers["x-shopify-access-token"] == FakeShopify.sandboxToken },
                      "credentials follow the absolute Link URLs")
        let urls = first.json["requests"]?.arrayValue?.compactMap { $0["url"]?.stringValue } ?? []
        XCTAssertEqual(urls.count, 3)
        XCTAssertTrue(urls.dropFirst().allSatisfy { $0.contains("/shopify/admin/api/2024-10/customers.json?") && $0.contains("page_info=") },
                      "\(urls)")

        let rest = try await invoke("list_customers", ["page_info": .string(cursor), "limit": 10])
        XCTAssertEqual(rest.status, 200, rest.body)
        XCTAssertEqual(ids(rest.json["output"]?["customers"]), Array(everyone.dropFirst(5)))
        XCTAssertEqual(rest.json["output"]?["next_page_info"], .null)
    }

    func testListOrdersDefaultsToEveryStatusAndCarriesFiltersInTheCursor() async throws {
        let all = try await output("list_orders", [:])
        XCTAssertEqual(ids(all["orders"]), ids(.array(shopify.orders)))
        XCTAssertEqual(shopify.requests.last?.query["status"], "any", "Shopify alone would list only open orders")

        let open = try await output("list_orders", ["status": "open"])
        let expectedOpen = shopify.orders.filter { $0["closed_at"] == .null && $0["cancelled_at"] == .null }
        XCTAssertEqual(ids(open["orders"]), ids(.array(expectedOpen)))
        let cancelled = try await output("list_orders", ["status": "cancelled"])
        XCTAssertEqual(cancelled["orders"]?.arrayValue?.map { $0["name"] }, ["#1004"])

        shopify.reset()
        let paid = try await output("list_orders", ["financial_status": "paid", "page_size": 1, "limit": 10])
        let expectedPaid = shopify.orders.filter { $0["financial_status"] == "paid" }
        XCTAssertEqual(ids(paid["orders"]), ids(.array(expectedPaid)))
        let sent = shopify.requests
        XCTAssertEqual(sent.count, expectedPaid.count)
        XCTAssertEqual(sent.first?.query["financial_status"], "paid")
        XCTAssertTrue(sent.dropFirst().allSatisfy { $0.query["financial_status"] == nil && $0.query["page_info"] != nil })

        let unshipped = try await output("list_orders", ["fulfillment_status": "unshipped"])
        XCTAssertTrue(unshipped["orders"]?.arrayValue?.allSatisfy { $0["fulfillment_status"] == nil } == true)
        XCTAssertEqual(unshipped["orders"]?.arrayValue?.count, shopify.orders.filter { $0["fulfillment_status"] == .null }.count)
    }

    // MARK: Order support

    func testOrderSupportFindsACustomersOrdersByEmailAndTheirStatus() async throws {
        let found = try await output("search_customers", ["email": "bob@example.com"])
        let bob = try XCTUnwrap(found["customers"]?.arrayValue?.first)
        XCTAssertEqual(found["customers"]?.arrayValue?.count, 1)
        XCTAssertEqual(bob["first_name"], "Bob")
        let search = try XCTUnwrap(shopify.requests.last)
        XCTAssertEqual(search.path, "/shopify/admin/api/2024-10/customers/search.json")
        XCTAssertEqual(search.query["query"], "email:bob@example.com")

        let orders = try await output("list_orders", ["customer_id": bob["id"] ?? .null])
        XCTAssertEqual(orders["orders"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["#1001", "#1002"])
        XCTAssertEqual(shopify.requests.last?.path, "/shopify/admin/api/2024-10/customers/\(bob["id"]?.intValue ?? 0)/orders.json")
        XCTAssertEqual(orders["orders"]?.arrayValue?.first?["customer_id"], bob["id"])

        let shipped = try await output("get_order_status", ["order_id": 450789469])
        XCTAssertEqual(shipped["name"], "#1001")
        XCTAssertEqual(shipped["state"], "open")
        XCTAssertEqual(shipped["financial_status"], "paid")
        XCTAssertEqual(shipped["fulfillment_status"], "fulfilled")
        XCTAssertEqual(shipped["tracking_numbers"], ["1Z2345E60394123456"])
        XCTAssertEqual(shipped["shipments"]?.arrayValue?.first?["shipment_status"], "in_transit")

        let pending = try await output("get_order_status", ["order_id": 450789470])
        XCTAssertEqual(pending["financial_status"], "pending")
        XCTAssertEqual(pending["fulfillment_status"], .null)
        XCTAssertEqual(pending["tracking_numbers"], [])

        let partial = try await output("get_order_status", ["order_id": 450789471])
        XCTAssertEqual(partial["fulfillment_status"], "partial")
        XCTAssertEqual(partial["tracking_numbers"], ["9400100000000000000002"], "a cancelled shipment's number is not the customer's")

        let cancelled = try await output("get_order_status", ["order_id": 450789472])
        XCTAssertEqual(cancelled["state"], "cancelled")
        XCTAssertEqual(cancelled["cancel_reason"], "customer")
        XCTAssertNotEqual(cancelled["cancelled_at"], .null)

        let order = try await output("get_order", ["order_id": 450789471])
        XCTAssertEqual(order["line_items"]?.arrayValue?.count, 2)
        XCTAssertTrue(order["line_items"]?.arrayValue?.allSatisfy { $0["order_id"] == 450789471 } == true)
        XCTAssertEqual(order["total_price"]?.stringValue, shopify.orders.first { $0["id"] == 450789471 }?["total_price"]?.stringValue)
    }

    // MARK: Writes and errors

    func testCreateCustomerPostsTheEnvelopeAndADuplicateEmailNamesTheField() async throws {
        let before = shopify.customers.count
        let created = try await output("create_customer", ["email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace",
                                                           "tags": "vip"])
        XCTAssertEqual(created["email"], "ada@example.com")
        XCTAssertNotNil(created["id"]?.intValue)
        XCTAssertEqual(shopify.customers.count, before + 1)
        let sent = try XCTUnwrap(shopify.requests.last)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertEqual(sent.path, "/shopify/admin/api/2024-10/customers.json")
        XCTAssertTrue(sent.headers["content-type"]?.hasPrefix("application/json") == true)
        let body = try WireCoding.decode(JSONValue.self, from: Data(sent.body.utf8))
        XCTAssertEqual(body["customer"]?["email"], "ada@example.com")
        XCTAssertEqual(body["customer"]?["send_email_invite"], false)

        let duplicate = try await invoke("create_customer", ["email": "Bob@example.com"])
        XCTAssertEqual(duplicate.status, 422, duplicate.body)
        XCTAssertEqual(duplicate.errorCode, "validation_failed")
        XCTAssertEqual(duplicate.errorField, "input.email")
        XCTAssertTrue(duplicate.json["error"]?["message"]?.stringValue?.contains("email has already been taken") == true, duplicate.body)
        XCTAssertEqual(shopify.customers.count, before + 1)

        let both = try await invoke("create_customer", ["email": "carol@example.com", "phone": "+16135550101"])
        XCTAssertEqual(both.status, 422)
        let message = both.json["error"]?["message"]?.stringValue ?? ""
        XCTAssertTrue(message.contains("email has already been taken") && message.contains("phone has already been taken"), message)
    }

    func testAMissingRecordIsNotFound() async throws {
        let reply = try await invoke("get_product", ["product_id": 999])
        XCTAssertEqual(reply.status, 422, reply.body)
        XCTAssertEqual(reply.errorCode, "not_found")
        XCTAssertTrue(reply.json["error"]?["message"]?.stringValue?.contains("Not Found") == true)
        let order = try await invoke("get_order_status", ["order_id": 1])
        XCTAssertEqual(order.errorCode, "not_found")
    }

    func testInvalidInputNeverReachesShopify() async throws {
        shopify.reset()
        let cases: [(String, JSONValue, String)] = [
            ("list_products", ["limit": 0], "input.limit"),
            ("list_products", ["page_size": 251], "input.page_size"),
            ("list_products", ["status": "sold_out"], "input.status"),
            ("get_product", ["product_id": "abc"], "input.product_id"),
            ("list_orders", ["status": "pending"], "input.status"),
            ("create_customer", ["first_name": "Ada"], "input.email"),
            ("create_customer", ["email": "ada@example.com", "phone": "613-555"], "input.phone"),
            ("get_order_status", ["order_id": 1, "extra": true], "input.extra"),
        ]
        for (action, input, field) in cases {
            let reply = try await invoke(action, input)
            XCTAssertEqual(reply.status, 400, "\(action) \(input): \(reply.body)")
            XCTAssertEqual(reply.errorCode, "validation_failed")
            XCTAssertEqual(reply.errorField, field, "\(action) \(input)")
        }
        let noTerms = try await invoke("search_customers", [:])
        XCTAssertEqual(noTerms.status, 400, noTerms.body)
        XCTAssertEqual(shopify.requests.count, 0, "invalid input must never reach the provider")
    }

    // MARK: Throttling

    func testThrottlingIsRetriedAfterRetryAfterThenSucceeds() async throws {
        // The host and the fake Shopify on one clock that moves only when the test moves it.
        let clock = ManualClock()
        try await host.stop()
        host = try await TestHost.start(plugins: ["PatchbayShopify"], clock: clock)
        key = try await host.key()
        connection = try await connect(token: FakeShopify.sandboxToken)
        try await host.invokeThroughOneRetryAfter(connection, "get_shop", key: key, clock: clock, upstream: shopify)

        // A full leaky bucket refuses the call until it has leaked, as a burst would: the
        // retry waits out Retry-After, then the bucket the refusal reported full, on the clock
        // the fake's bucket leaks by.
        shopify.fillBucket()
        let sent = shopify.requests.count
        // Locals, so the call's task captures no test case.
        let (running, apiKey) = (try XCTUnwrap(host), try XCTUnwrap(key))
        let path = "/v1/connections/\(connection!)/actions/list_products/invoke"
        let burst = Task { try await running.request("POST", path, key: apiKey, json: ["input": ["limit": 2]]) }
        try await clock.sleeper(dueIn: .seconds(1))
        XCTAssertEqual(shopify.requests.count, sent + 1)
        clock.advance(by: .seconds(1))
        // Beside the plugin call's deadline, the budget's wait for room in the bucket.
        try await clock.sleepers(atLeast: 2)
        let leak = try XCTUnwrap(clock.sleepersDueIn.first)
        clock.advance(by: leak - .milliseconds(1))
        XCTAssertEqual(shopify.requests.count, sent + 1, "sent again before the bucket had room")
        clock.advance(by: .milliseconds(1))
        let reply = try await burst.value
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["requests"]?.arrayValue?.compactMap { $0["status"]?.intValue }, [429, 200])
        XCTAssertEqual(shopify.throttledCount, 2, "the fake's bucket had not leaked for the retry")
    }

    func testPersistentThrottlingIsRateLimitedAndRetryable() async throws {
        shopify.throttleNext(10, retryAfter: 120)
        let reply = try await invoke("list_orders", [:])
        XCTAssertEqual(reply.status, 429, reply.body)
        XCTAssertEqual(reply.errorCode, "rate_limited")
        XCTAssertEqual(reply.json["error"]?["retryable"], true)
        shopify.clearBehaviours()
    }

    // MARK: Discovery

    func testDiscoveryDescribesExactlyWhatTheActionsReturn() async throws {
        let reply = try await host.request("POST", "/v1/connections/\(connection!)/discover", key: key)
        XCTAssertEqual(reply.status, 200, reply.body)
        let objects = reply.json["objects"]?.arrayValue ?? []
        XCTAssertEqual(objects.compactMap { $0["name"]?.stringValue }, ["product", "variant", "order", "line_item", "customer", "fulfillment"])
        XCTAssertEqual(shopify.requests.last?.path, "/shopify/admin/api/2024-10/shop.json", "discovery confirms the connection")

        let relationships = Set((reply.json["relationships"]?.arrayValue ?? []).map { relation -> String in
            let from = relation["from_fields"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? ""
            return "\(relation["from"]?.stringValue ?? "").\(from) \(relation["cardinality"]?.stringValue ?? "") \(relation["to"]?.stringValue ?? "")"
        })
        XCTAssertEqual(relationships, [
            "variant.product_id many_to_one product", "line_item.order_id many_to_one order",
            "line_item.variant_id many_to_one variant", "line_item.product_id many_to_one product",
            "order.customer_id many_to_one customer", "fulfillment.order_id many_to_one order",
        ])
        let catalog = try await host.request("GET", "/v1/catalog/shopify", key: key)
        let actions = Set(catalog.json["actions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
        for operation in reply.json["operations"]?.arrayValue ?? [] {
            XCTAssertTrue(actions.contains(operation["action"]?.stringValue ?? ""), "\(operation)")
        }

        // What the actions return for every record of the fake store, by object.
        let products = try await output("list_products", ["limit": 100])["products"]?.arrayValue ?? []
        let orders = try await output("list_orders", ["limit": 100])["orders"]?.arrayValue ?? []
        let customers = try await output("list_customers", ["limit": 100])["customers"]?.arrayValue ?? []
        let returned: [String: [JSONValue]] = [
            "product": products, "variant": products.flatMap { $0["variants"]?.arrayValue ?? [] },
            "order": orders, "line_item": orders.flatMap { $0["line_items"]?.arrayValue ?? [] },
            "customer": customers, "fulfillment": orders.flatMap { $0["fulfillments"]?.arrayValue ?? [] },
        ]
        // The fake's own records, by object and id.
        let raw: [String: [JSONValue]] = [
            "product": shopify.products, "variant": shopify.products.flatMap { $0["variants"]?.arrayValue ?? [] },
            "order": shopify.orders, "line_item": shopify.orders.flatMap { $0["line_items"]?.arrayValue ?? [] },
            "customer": shopify.customers, "fulfillment": shopify.orders.flatMap { $0["fulfillments"]?.arrayValue ?? [] },
        ]
        let nested: Set<String> = ["variants", "line_items", "fulfillments", "customer"]
        var derived: Set<String> = []
        for object in objects {
            let name = object["name"]?.stringValue ?? ""
            let fields = object["fields"]?.arrayValue ?? []
            let records = try XCTUnwrap(returned[name])
            XCTAssertEqual(records.count, raw[name]?.count, name)
            XCTAssertEqual(fields.filter { $0["primary_key"] == true }.compactMap { $0["name"]?.stringValue }, ["id"], name)
            let declared = Set(fields.compactMap { $0["name"]?.stringValue })
            for record in records {
                let original = try XCTUnwrap(raw[name]?.first { $0["id"] == record["id"] }, "\(name) \(record["id"] ?? .null)")
                XCTAssertTrue(Set(record.objectValue?.keys.map { $0 } ?? []).subtracting(nested).isSubset(of: declared),
                              "\(name) returns undeclared fields")
                for field in fields {
                    let fieldName = field["name"]?.stringValue ?? ""
                    XCTAssertNotNil(field["description"]?.stringValue, "\(name).\(fieldName) needs a description")
                    guard let value = record[fieldName] else {
                        XCTAssertEqual(field["nullable"], true, "\(name).\(fieldName) is missing but not nullable")
                        continue
                    }
                    XCTAssertEqual(value.schemaTypeName, field["type"]?.stringValue, "\(name).\(fieldName)")
                    if let originalValue = original[fieldName] {
                        XCTAssertEqual(value, originalValue, "\(name).\(fieldName) differs from the store")
                    } else {
                        derived.insert("\(name).\(fieldName)")
                    }
                }
            }
        }
        XCTAssertEqual(derived, ["line_item.order_id", "order.customer_id"], "only the join keys are added by the plugin")
        let order = objects.first { $0["name"] == "order" }
        XCTAssertEqual(order?["fields"]?.arrayValue?.first { $0["name"] == "total_price" }?["native_type"], "Money")
    }

    // MARK: Manifest and webhooks

    func testCatalogShowsPacksConfigAndTheWebhookScheme() async throws {
        let reply = try await host.request("GET", "/v1/catalog/shopify", key: key)
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["category"], "commerce")
        XCTAssertEqual(reply.json["webhook_scheme"], "shopify_base64")
        let packs = reply.json["packs"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        XCTAssertEqual(packs, ["order-support", "catalog-browser"])
        let mutating = reply.json["actions"]?.arrayValue?.filter { $0["mutating"] == true }.compactMap { $0["name"]?.stringValue }
        XCTAssertEqual(mutating, ["create_customer"])

        let registry = PluginRegistry()
        registry.load(path: try BuildProducts.plugin("PatchbayShopify"))
        let plugin = try XCTUnwrap(registry.plugin("shopify"))
        XCTAssertEqual(plugin.manifest.webhooks?.scheme, "shopify_base64")
        XCTAssertEqual(plugin.manifest.webhooks?.testVector?.headers["x-shopify-hmac-sha256"], "dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=")
        XCTAssertEqual(plugin.manifest.credentials.first { $0.name == "webhook_secret" }?.required, false)
        XCTAssertEqual(plugin.manifest.baseURL, "https://{shop}.myshopify.com/admin/api/{api_version}")
    }

    func testParseWebhookUsesShopifysHeaders() async throws {
        let registry = PluginRegistry()
        registry.load(path: try BuildProducts.plugin("PatchbayShopify"))
        let plugin = try XCTUnwrap(registry.plugin("shopify"))
        func parse(_ headers: [String: String], body: String = ##"{"id":450789469,"name":"#1001"}"##) async -> PluginReply {
            await plugin.call(.parseWebhook, PluginCall(webhook: InboundWebhook(headers: headers, body: body)),
                              context: .offline, timeout: .seconds(5))
        }

        let reply = await parse([
            "x-shopify-topic": "orders/create", "x-shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
            "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "x-shopify-triggered-at": "2024-10-01T12:00:00.000Z",
            "x-shopify-shop-domain": "acme.myshopify.com",
        ])
        guard case .success(let data) = reply else { return XCTFail("\(reply)") }
        let events = try WireCoding.decode([WebhookEvent].self, from: data)
        XCTAssertEqual(events, [.withBodyAsPayload(id: "98880550-7158-44d4-b7cd-2c97c8a091b5", type: "orders/create",
                                                   key: "shopify.orders.create", occurredAt: "2024-10-01T12:00:00.000Z")],
                       "the JSON body is the payload, stored as it came")

        let legacy = await parse(["x-shopify-topic": "customers/update", "x-shopify-webhook-id": "b54557e4"])
        guard case .success(let legacyData) = legacy else { return XCTFail("\(legacy)") }
        let legacyEvent = try XCTUnwrap(try WireCoding.decode([WebhookEvent].self, from: legacyData).first)
        XCTAssertEqual(legacyEvent.id, "b54557e4")
        XCTAssertEqual(legacyEvent.key, "shopify.customers.update")
        XCTAssertNil(legacyEvent.occurredAt)

        for broken in [["x-shopify-topic": "orders/create"], ["x-shopify-event-id": "e1"]] {
            guard case .failure(let error) = await parse(broken) else { return XCTFail("\(broken) should be refused") }
            XCTAssertEqual(error.code, "invalid_webhook")
        }
        guard case .failure(let notJSON) = await parse(["x-shopify-topic": "orders/create", "x-shopify-event-id": "e1"], body: "<xml/>")
        else { return XCTFail("a non-JSON body should be refused") }
        XCTAssertEqual(notJSON.code, "invalid_webhook")
    }

    // MARK: The fake itself

    func raw(_ method: String, _ pathOrURL: String, token: String? = FakeShopify.sandboxToken, body: String? = nil)
        async throws -> (status: Int, headers: [String: String], body: String)
    {
        let base = try XCTUnwrap(host.fakes.baseURLs["shopify"])
        var request = HTTPClientRequest(url: pathOrURL.hasPrefix("http") ? pathOrURL : base + "/" + pathOrURL)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "X-Shopify-Access-Token", value: token) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return (Int(response.status.code), headers, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    func testTheFakeAnswersLikeShopify() async throws {
        let base = try XCTUnwrap(host.fakes.baseURLs["shopify"])
        XCTAssertTrue(base.hasSuffix("/shopify/admin/api/2024-10"))

        let anonymous = try await raw("GET", "shop.json", token: nil)
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.body, #"{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}"#)
        let wrong = try await raw("GET", "shop.json", token: "shpat_wrong")
        XCTAssertEqual(wrong.status, 401)

        var url = base + "/customers.json?limit=2"
        var pages: [[Int]] = []
        var rels: [[String]] = []
        while !url.isEmpty {
            let page = try await raw("GET", url)
            XCTAssertEqual(page.status, 200, page.body)
            XCTAssertNotNil(page.headers["x-shopify-shop-api-call-limit"]?.range(of: #"^\d+/40$"#, options: .regularExpression))
            let json = try WireCoding.decode(JSONValue.self, from: Data(page.body.utf8))
            pages.append(ids(json["customers"]))
            let link = page.headers["link"] ?? ""
            rels.append(["previous", "next"].filter { link.contains("rel=\"\($0)\"") })
            let next = link.split(separator: ",").first { $0.contains("rel=\"next\"") }
            url = next.map { String($0.drop { $0 != "<" }.dropFirst().prefix { $0 != ">" }) } ?? ""
            if !url.isEmpty { XCTAssertTrue(url.hasPrefix(base + "/customers.json?limit=2&page_info="), url) }
        }
        XCTAssertEqual(pages.flatMap { $0 }, ids(.array(shopify.customers)))
        XCTAssertEqual(pages.count, 3)
        XCTAssertEqual(rels, [["next"], ["previous", "next"], ["previous"]])

        let first = try await raw("GET", "orders.json?limit=1&status=any")
        let cursorURL = String((first.headers["link"] ?? "").drop { $0 != "<" }.dropFirst().prefix { $0 != ">" })
        let mixed = try await raw("GET", cursorURL + "&status=open")
        XCTAssertEqual(mixed.status, 400, "page_info may be combined only with limit")
        let forged = try await raw("GET", "orders.json?page_info=bm9wZQ")
        XCTAssertEqual(forged.status, 400)

        let missing = try await raw("GET", "products/1.json")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.body, #"{"errors":"Not Found"}"#)
        let openOnly = try await raw("GET", "orders.json")
        let openIDs = ids(try WireCoding.decode(JSONValue.self, from: Data(openOnly.body.utf8))["orders"])
        XCTAssertFalse(openIDs.contains(450789472), "without status Shopify lists only open orders")

        let duplicate = try await raw("POST", "customers.json", body: #"{"customer":{"email":"alice@example.com"}}"#)
        XCTAssertEqual(duplicate.status, 422)
        XCTAssertEqual(duplicate.body, #"{"errors":{"email":["has already been taken"]}}"#)
        let created = try await raw("POST", "customers.json", body: #"{"customer":{"email":"zed@example.com"}}"#)
        XCTAssertEqual(created.status, 201)

        shopify.throttleNext(1, retryAfter: 2)
        let throttled = try await raw("GET", "shop.json")
        XCTAssertEqual(throttled.status, 429)
        XCTAssertEqual(throttled.headers["retry-after"], "2.0")
        XCTAssertEqual(throttled.body,
                       #"{"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}"#)
    }
}
