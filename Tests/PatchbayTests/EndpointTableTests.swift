import Foundation
import PatchbayFakes
import PatchbayModel
import PatchbayServices
import PatchbayStore
import PatchbayWire
import XCTest

/// Rules every route follows, checked over the whole endpoint table as `/openapi.json` serves
/// it (the router and the document are built from the same list), so a new route is covered
/// without anyone adding it here: scope before anything else, another account's ids are 404,
/// and a method a path does not serve is 405 with `Allow`.
final class EndpointTableTests: XCTestCase {
    var host: TestHost!

    override func setUp() async throws {
        host = try await TestHost.start()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    struct Route {
        var method: String
        var path: String
        /// Nil for open routes.
        var scope: Scope?
        /// The request body's schema, when the route takes one.
        var body: JSONValue?
        /// The headers the route requires, each with a made-up value.
        var requiredHeaders: [String: String] = [:]
        var takesBody: Bool { body != nil }

        /// Bodies of the right shape, so the route gets past reading them and shows what it does
        /// with the ids in the path: the required properties alone, then every property, each
        /// with a value of its type (a body schema serves for both create and change). A body
        /// with `if`/`then`/`else` kinds is made of its default kind, the `else` branch: its
        /// required properties added, those it forbids (`false`) left out.
        var wellFormedBodies: [String?] {
            guard let body else { return [nil] }
            let defaultKind = body["else"]
            let forbidden = Set((defaultKind?["properties"]?.objectValue ?? [:]).filter { $0.value == false }.keys)
            let properties = (body["properties"]?.objectValue ?? [:]).filter { !forbidden.contains($0.key) }
            let required = Set((body["required"]?.arrayValue ?? []).compactMap(\.stringValue)
                               + (defaultKind?["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            return [properties.filter { required.contains($0.key) }, properties].map { chosen in
                let object = chosen.mapValues { property -> JSONValue in
                    if let constant = property["const"] { return constant }
                    if let first = property["enum"]?.arrayValue?.first { return first }
                    switch property["type"]?.stringValue {
                    case "integer", "number": return 1
                    case "boolean": return false
                    case "array": return []
                    case "object": return [:]
                    default: return .string(String(repeating: "x", count: max(property["minLength"]?.intValue ?? 0, 8)))
                    }
                }
                return String(decoding: (try? WireCoding.encode(JSONValue.object(object))) ?? Data(), as: UTF8.self)
            }
        }
    }

    func routes() async throws -> [Route] {
        let document = try await host.request("GET", "/openapi.json")
        let paths = try XCTUnwrap(document.json["paths"]?.objectValue)
        var routes: [Route] = []
        for (path, operations) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, operation) in (operations.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                let headers = (operation["parameters"]?.arrayValue ?? []).filter { $0["in"] == "header" && $0["required"] == true }
                routes.append(Route(method: method.uppercased(), path: path,
                                    scope: operation["x-required-scope"]?.stringValue.flatMap(Scope.init(rawValue:)),
                                    body: operation["requestBody"]?["content"]?["application/json"]?["schema"],
                                    requiredHeaders: Dictionary(uniqueKeysWithValues: headers.compactMap { $0["name"]?.stringValue }
                                        .map { ($0, "x") })))
            }
        }
        XCTAssertGreaterThan(routes.count, 50, "the whole table")
        return routes
    }

    /// The path with each `{parameter}` replaced by what `values` gives for it.
    func fill(_ path: String, _ values: (String) -> String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") ? values(String(segment.dropFirst().dropLast())) : String(segment)
        }.joined(separator: "/")
    }

    // MARK: Scope

    func testEveryKeyedRouteRefusesAKeyWithoutItsScopeWhateverTheBody() async throws {
        let routes = try await routes()
        var keyed = 0
        for route in routes {
            guard let scope = route.scope else { continue }
            keyed += 1
            // Every scope but the route's, and never admin (which includes them all).
            let others = Scope.allCases.filter { $0 != scope && $0 != .admin }
            let key = try await host.key(scopes: others)
            let path = fill(route.path) { _ in "x" }
            for body in [#"{"unknown": "#, #"{"unknown_field": 1}"#] {
                let reply = try await host.request(route.method, path, key: key, body: body)
                XCTAssertEqual(reply.status, 403, "\(route.method) \(route.path) with \(body): \(reply.body)")
                XCTAssertEqual(reply.errorCode, "missing_scope", "\(route.method) \(route.path)")
                XCTAssertEqual(reply.errorField, scope.rawValue, "\(route.method) \(route.path)")
            }
        }
        XCTAssertGreaterThan(keyed, 50)
    }

    /// The table's scope is the one the route needs: a key with only that scope gets past it.
    func testAKeyWithTheRoutesScopeIsNotRefusedForScope() async throws {
        var keys: [Scope: String] = [:]
        for route in try await routes() {
            guard let scope = route.scope else { continue }
            if keys[scope] == nil { keys[scope] = try await host.key(scopes: [scope]) }
            let reply = try await host.request(route.method, fill(route.path) { _ in "x" }, key: keys[scope],
                                               body: route.takesBody ? "{}" : nil)
            XCTAssertNotEqual(reply.errorCode, "missing_scope", "\(route.method) \(route.path) needs more than \(scope.rawValue): \(reply.body)")
            XCTAssertLessThan(reply.status, 500, "\(route.method) \(route.path): \(reply.body)")
        }
    }

    // MARK: Other accounts

    func testAnotherAccountsRealIdsAnswer404OnEveryRoute() async throws {
        let seeded = try await seedOtherAccount()
        let intruder = try await host.key(scopes: [.admin])
        var checked = 0
        for route in try await routes() where route.scope != nil && route.path.contains("{id}") {
            guard let kind = seeded.ids.first(where: { route.path.hasPrefix($0.key) }) else {
                XCTFail("\(route.path): seed an object of this kind in the other account")
                continue
            }
            let path = fill(route.path) { name in
                switch name {
                case "id": return kind.value
                case "name": return seeded.skill
                case "version": return "1"
                case "provider": return "slack"
                case "action": return "auth_test"
                default: return "x"
                }
            }
            var replies: [TestHost.Reply] = []
            for body in route.wellFormedBodies {
                replies.append(try await host.request(route.method, path, key: intruder, body: body, headers: route.requiredHeaders))
            }
            XCTAssertTrue(replies.contains { $0.status == 404 }, "\(route.method) \(path): \(replies.map(\.body))")
            XCTAssertTrue(replies.allSatisfy { $0.status == 404 || $0.status == 400 }, "\(route.method) \(path): \(replies.map(\.body))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 30)
        // Nothing the intruder sent changed the other account's objects.
        let owner = try await host.request("GET", "/v1/agents/\(seeded.ids["/v1/agents/"]!)", key: seeded.key)
        XCTAssertEqual(owner.status, 200)
        let connection = try await host.request("GET", "/v1/connections/\(seeded.ids["/v1/connections/"]!)", key: seeded.key)
        XCTAssertEqual(connection.json["status"], "active")
    }

    /// One object of every kind a route's `{id}` names, in account "globex", keyed by the path
    /// prefix that names it.
    private func seedOtherAccount() async throws -> (key: String, ids: [String: String], skill: String) {
        let issued = try await host.patchbay.apiKeys.create(accountName: "globex", scopes: [.admin])
        let key = issued.key
        let connection = try await host.connectSlack(key: key)
        let agent = try await host.createAgent(key: key, name: "globex-bot")
        let skill = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key,
                                           json: ["connection_id": .string(connection), "action": "post_message"])
        XCTAssertEqual(skill.status, 201, skill.body)
        _ = try await host.publish(key: key, agent: agent)
        let execution = try await host.request("POST", "/v1/connections/\(connection)/actions/post_message/invoke", key: key,
                                               json: ["input": ["channel": "#general", "text": "hello"]])
        let executionID = try XCTUnwrap(execution.json["id"]?.stringValue ?? execution.json["error"]?["execution_id"]?.stringValue,
                                        execution.body)

        let secret = "8f742231b10e8888abcd99yyyzzz85a5"
        let endpoint = try await host.createEndpoint(key: key, connection: connection, extra: ["secret": .string(secret)])
        let endpointID = try XCTUnwrap(endpoint["id"]?.stringValue)
        let subscription = try await host.request("POST", "/v1/webhooks/subscriptions", key: key, json: [
            "agent_id": .string(agent), "endpoint_id": .string(endpointID), "url": "http://127.0.0.1:9/events",
        ])
        let subscriptionID = try XCTUnwrap(subscription.json["id"]?.stringValue, subscription.body)
        let event = #"{"type":"event_callback","event_id":"Ev0PV52K21","event_time":1700000000,"event":{"type":"app_mention","text":"hi"}}"#
        let now = Int(Date().timeIntervalSince1970)
        let received = try await host.send("/hooks/slack/\(endpointID)", headers: ProviderWebhooks.slack(secret: secret, timestamp: now, body: event),
                                           body: event)
        XCTAssertEqual(received.json["stored"], 1, received.body)
        let events = try await host.request("GET", "/v1/webhooks/events", key: key)
        let eventID = try XCTUnwrap(events.json["data"]?.arrayValue?.first?["id"]?.stringValue, events.body)
        let deliveries = try await host.request("GET", "/v1/webhooks/deliveries", key: key)
        let deliveryID = try XCTUnwrap(deliveries.json["data"]?.arrayValue?.first?["id"]?.stringValue, deliveries.body)

        // An MCP connection straight into the store: this host has no MCP server to reach.
        let mcp = "conn_globexmcp"
        let account = issued.record.accountID
        try await host.patchbay.store.insertMCPServer(MCPServerRecord(id: mcp, accountID: account, url: "https://mcp.example.com/mcp",
                                                                      tools: [], serverInfo: [:], createdAt: 1, toolsUpdatedAt: 1))
        try await host.patchbay.store.insertConnection(ConnectionRecord(
            id: mcp, accountID: account, provider: MCPServerRecord.providerID(mcp), label: "MCP", config: [:], status: .active,
            sealedCredentials: nil, createdAt: 1, updatedAt: 1))

        return (key, [
            "/v1/mcp-connections/": mcp, "/v1/api-keys/": issued.record.id, "/v1/agents/": agent, "/v1/connections/": connection, "/v1/executions/": executionID,
            "/v1/webhooks/endpoints/": endpointID, "/v1/webhooks/subscriptions/": subscriptionID,
            "/v1/webhooks/events/": eventID, "/v1/webhooks/deliveries/": deliveryID,
        ], "post_message")
    }

    // MARK: Methods

    func testAMethodAPathDoesNotServeAnswers405WithAllow() async throws {
        let routes = try await routes()
        let served = Dictionary(grouping: routes, by: \.path).mapValues { Set($0.map(\.method)) }
        var checked = 0
        for (path, methods) in served.sorted(by: { $0.key < $1.key }) {
            let allow = methods.sorted().joined(separator: ", ")
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] where !methods.contains(method) {
                let reply = try await host.request(method, fill(path) { _ in "x" }, body: "{}")
                XCTAssertEqual(reply.status, 405, "\(method) \(path): \(reply.body)")
                XCTAssertEqual(reply.errorCode, "method_not_allowed", "\(method) \(path)")
                XCTAssertEqual(reply.headers["allow"], allow, "\(method) \(path)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
        let unknown = try await host.request("GET", "/v1/nothing-here")
        XCTAssertEqual(unknown.status, 404, "a path that does not exist is still 404")
        XCTAssertEqual(unknown.errorCode, "route_not_found")
    }
}
