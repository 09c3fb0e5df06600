import Foundation
import PatchbayFakes
import PatchbayWire
import XCTest

/// Bindings whose filters follow a relationship of the discovered schema (`customers.email` on
/// `orders`), run as a join on a real PostgreSQL, and auto-map proposing them from goals.
final class RelationshipBindingTests: BindingTestCase {
    private func bind(_ body: JSONValue) async throws -> TestHost.Reply {
        try await host.bind(key: key, agent: agent, body)
    }

    private func ids(_ reply: TestHost.Reply) -> [Int64] {
        (reply.json["output"]?["rows"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue.map(Int64.init) }.sorted()
    }

    func testTheDefaultNameNamesTheFiltersTheModelFillsNotThePresetOnes() async throws {
        // docs/agents.md's example, to the letter.
        let connection = try await host.connectPostgres(key: key)
        let orders = try await bind(["connection_id": .string(connection), "object": "orders", "kind": "list",
                                     "filter_fields": ["customers.email"], "presets": ["status": "pending"],
                                     "returned_fields": ["id", "status", "total"]])
        XCTAssertEqual(orders.status, 201, orders.body)
        XCTAssertEqual(orders.json["name"], "list_orders_by_customers_email")
        XCTAssertEqual(orders.json["binding"]?["filter_fields"], ["customers.email", "status"], "the preset still filters")
        let byStatus = try await bind(["connection_id": .string(connection), "object": "orders", "kind": "list",
                                       "presets": ["status": "paid"]])
        XCTAssertEqual(byStatus.json["name"], "list_orders", byStatus.body)
    }

    func testAJoinBindingFindsACustomersOrdersByEmail() async throws {
        let connection = try await host.connectPostgres(key: key)
        let orders = try await bind(["connection_id": .string(connection), "object": "orders", "kind": "list",
                                     "filter_fields": ["customers.email"], "returned_fields": ["id", "status"]])
        XCTAssertEqual(orders.status, 201, orders.body)
        XCTAssertEqual(orders.json["name"], "list_orders_by_customers_email")
        XCTAssertEqual(orders.json["input_schema"]?["properties"]?["customers.email"]?["type"], ["string", "null"],
                       "typed from the related object's field")
        XCTAssertEqual(orders.json["binding"]?["links"],
                       [["name": "customers", "object": "customers", "fields": ["customer_id"], "related_fields": ["id"]]])
        let pending = try await bind(["connection_id": .string(connection), "object": "orders", "kind": "list",
                                      "filter_fields": ["customers.email"], "presets": ["status": "pending"], "name": "pending_orders"])
        XCTAssertEqual(pending.status, 201, pending.body)
        XCTAssertNil(pending.json["input_schema"]?["properties"]?["status"], "a preset is hidden from the model")
        let renamed = try await host.request("PATCH", "/v1/agents/\(agent!)/skills/pending_orders", key: key,
                                             json: ["description": "A customer's orders still waiting to be paid."])
        XCTAssertEqual(renamed.status, 200, renamed.body)
        XCTAssertEqual(renamed.json["input_schema"], pending.json["input_schema"], "editing the description keeps the binding's schema")
        XCTAssertEqual(renamed.json["presets"], ["status": "pending"])
        let represet = try await host.request("PATCH", "/v1/agents/\(agent!)/skills/pending_orders", key: key,
                                              json: ["presets": ["status": "paid"]])
        XCTAssertEqual(represet.status, 400, represet.body)
        XCTAssertEqual(represet.errorField, "presets")
        // The other direction: customers that have an order in a given status.
        let customers = try await bind(["connection_id": .string(connection), "object": "customers", "kind": "list",
                                        "filter_fields": ["orders.status"], "returned_fields": ["id", "name"]])
        XCTAssertEqual(customers.status, 201, customers.body)
        _ = try await host.publish(key: key, agent: agent)

        let ada = try await host.invokeSkill(key: key, agent: agent, skill: "list_orders_by_customers_email",
                                             ["input": ["customers.email": "ada@example.com"]])
        XCTAssertEqual(ada.status, 200, ada.body)
        XCTAssertEqual(ids(ada), [1, 2])
        XCTAssertEqual(Set(ada.json["output"]?["rows"]?.arrayValue?.first?.objectValue?.keys.map { $0 } ?? []), ["id", "status"])
        let alan = try await host.invokeSkill(key: key, agent: agent, skill: "list_orders_by_customers_email",
                                              ["input": ["customers.email": "alan@example.com"]])
        XCTAssertEqual(alan.status, 200, alan.body)
        XCTAssertEqual(ids(alan), [], "a customer without orders has none")
        let injected = try await host.invokeSkill(key: key, agent: agent, skill: "list_orders_by_customers_email",
                                                  ["input": ["customers.email": "' OR 1=1 --"]])
        XCTAssertEqual(ids(injected), [], "the value is a parameter, never SQL")

        let onlyPending = try await host.invokeSkill(key: key, agent: agent, skill: "pending_orders",
                                                     ["input": ["customers.email": "ada@example.com"]])
        XCTAssertEqual(ids(onlyPending), [2], onlyPending.body)
        let overridden = try await host.invokeSkill(key: key, agent: agent, skill: "pending_orders",
                                                    ["input": ["customers.email": "ada@example.com", "status": "paid"]])
        XCTAssertEqual(overridden.status, 400, "the model cannot change a preset")

        let shipped = try await host.invokeSkill(key: key, agent: agent, skill: "list_customers_by_orders_status",
                                                 ["input": ["orders.status": "shipped"]])
        XCTAssertEqual(shipped.json["output"]?["rows"], [["id": 2, "name": "Grace Hopper"]], shipped.body)
        let paid = try await host.invokeSkill(key: key, agent: agent, skill: "list_customers_by_orders_status",
                                              ["input": ["orders.status": "paid"]])
        XCTAssertEqual(ids(paid), [1], "a customer with several matching orders comes back once")

        // Another account sees none of it.
        let otherKey = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let otherAgent = try await host.createAgent(key: otherKey)
        let foreignCall = try await host.invokeSkill(key: otherKey, agent: agent, skill: "list_orders_by_customers_email",
                                                     ["input": ["customers.email": "ada@example.com"]])
        XCTAssertEqual(foreignCall.status, 404)
        let foreignBind = try await host.bind(key: otherKey, agent: otherAgent, [
            "connection_id": .string(connection), "object": "orders", "kind": "list", "filter_fields": ["customers.email"],
        ])
        XCTAssertEqual(foreignBind.status, 404, foreignBind.body)
        let foreignMap = try await host.autoMap(key: otherKey, agent: otherAgent, connection: connection,
                                                goal: "find a customer's open orders by email")
        XCTAssertEqual(foreignMap.status, 404, foreignMap.body)
    }

    func testRelationshipFiltersAreCheckedAgainstTheSchema() async throws {
        let connection = try await host.connectPostgres(key: key)
        let id = JSONValue.string(connection)
        let cases: [(JSONValue, String, String)] = [
            (["connection_id": id, "object": "orders", "kind": "list", "filter_fields": ["customers.mail"]],
             "filter_fields", "customers has no field mail (its fields: id, name, email"),
            (["connection_id": id, "object": "orders", "kind": "list", "filter_fields": ["products.sku"]],
             "filter_fields", "orders has no relationship to products (it relates to: customers, order_items)"),
            (["connection_id": id, "object": "orders", "kind": "list", "filter_fields": ["invoices.id"]],
             "filter_fields", "orders has no relationship to invoices"),
            (["connection_id": id, "object": "orders", "kind": "update", "filter_fields": ["customers.email"], "write_fields": ["status"]],
             "filter_fields", "update_rows cannot filter through a relationship"),
            (["connection_id": id, "object": "orders", "kind": "list", "presets": ["customers.mail": "x"]],
             "presets.customers.mail", "customers has no field mail"),
            (["connection_id": id, "object": "orders", "kind": "list", "presets": ["state": "open"]],
             "presets", "orders has no field state"),
            (["connection_id": id, "object": "orders", "kind": "list", "presets": ["status": 5]],
             "presets.status", ""),
            (["connection_id": id, "object": "orders", "kind": "create", "write_fields": ["status"], "presets": ["status": "open"]],
             "presets", "only a lookup or list"),
            (["connection_id": id, "object": "orders", "kind": "list", "presets": "status"], "presets", ""),
        ]
        for (body, field, message) in cases {
            let reply = try await bind(body)
            XCTAssertEqual(reply.status, 400, "\(body) → \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
            if !message.isEmpty { XCTAssertTrue(reply.body.contains(message), "\(message) in \(reply.body)") }
        }

        // A provider whose actions cannot join: the sheets are related, but reading a sheet cannot follow it.
        let sheets = try await host.connectSheets(key: key)
        let sheetJoin = try await bind(["connection_id": .string(sheets), "object": "Orders", "kind": "list",
                                        "filter_fields": ["Customers.email"]])
        XCTAssertEqual(sheetJoin.status, 400, sheetJoin.body)
        XCTAssertTrue(sheetJoin.body.contains("read_range cannot filter through a relationship"), sheetJoin.body)
        let draft = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        XCTAssertEqual(draft.json["data"]?.arrayValue?.count, 0, "nothing refused was added")

        // The plugin joins only along a declared foreign key, whatever a caller sends it.
        let undeclared = try await host.request("POST", "/v1/connections/\(connection)/actions/select_rows/invoke", key: key, json: [
            "input": ["table": "orders", "filters": [["column": "title", "op": "eq", "value": "Mouse",
                                                      "via": ["table": "products", "columns": ["note"], "related_columns": ["sku"]]]]],
        ])
        XCTAssertEqual(undeclared.status, 400, undeclared.body)
        XCTAssertEqual(undeclared.errorField, "input.filters[0].via")
        let badColumn = try await host.request("POST", "/v1/connections/\(connection)/actions/select_rows/invoke", key: key, json: [
            "input": ["table": "orders", "filters": [["column": "mail", "op": "eq", "value": "x",
                                                      "via": ["table": "customers", "columns": ["customer_id"], "related_columns": ["id"]]]]],
        ])
        XCTAssertEqual(badColumn.status, 400, badColumn.body)
        XCTAssertEqual(badColumn.errorField, "input.filters[0].column")
    }

    func testTwoRelationshipsToOneObjectAreToldApartByTheirLinkingField() async throws {
        let connection = try await host.connectPostgres(key: key, sql: """
            CREATE TABLE referrals (
                id serial PRIMARY KEY,
                referrer_id integer NOT NULL REFERENCES customers(id),
                referred_id integer NOT NULL REFERENCES customers(id)
            );
            INSERT INTO referrals (referrer_id, referred_id) VALUES (1, 2), (3, 1);
            """)
        let ambiguous = try await bind(["connection_id": .string(connection), "object": "referrals", "kind": "list",
                                        "filter_fields": ["customers.email"]])
        XCTAssertEqual(ambiguous.status, 400, ambiguous.body)
        XCTAssertTrue(ambiguous.body.contains("referred_id.email or referrer_id.email"), ambiguous.body)
        let byReferrer = try await bind(["connection_id": .string(connection), "object": "referrals", "kind": "list",
                                         "filter_fields": ["referrer_id.email"], "name": "referrals_by"])
        XCTAssertEqual(byReferrer.status, 201, byReferrer.body)
        let byReferred = try await bind(["connection_id": .string(connection), "object": "referrals", "kind": "list",
                                         "filter_fields": ["referred_id.email"], "name": "referrals_of"])
        XCTAssertEqual(byReferred.status, 201, byReferred.body)
        let unknownLink = try await bind(["connection_id": .string(connection), "object": "referrals", "kind": "list",
                                          "filter_fields": ["id.email"]])
        XCTAssertEqual(unknownLink.status, 400, unknownLink.body)
        _ = try await host.publish(key: key, agent: agent)

        let made = try await host.invokeSkill(key: key, agent: agent, skill: "referrals_by", ["input": ["referrer_id.email": "ada@example.com"]])
        XCTAssertEqual(ids(made), [1], made.body)
        let received = try await host.invokeSkill(key: key, agent: agent, skill: "referrals_of",
                                                  ["input": ["referred_id.email": "ada@example.com"]])
        XCTAssertEqual(ids(received), [2], received.body)
    }

    func testAutoMapFollowsRelationshipsAndSuggestsPresets() async throws {
        let connection = try await host.connectPostgres(key: key)
        let goals: [(String, String, String, [String], [String])] = [
            ("find a customer's open orders by email", "orders", "list", ["customers.email"], ["open"]),
            ("list orders by customer email", "orders", "list", ["customers.email"], []),
            ("find the order items of a product by title", "order_items", "list", ["products.title"], []),
            ("show paid orders", "orders", "list", [], ["paid"]),
            ("look up a customer by email", "customers", "lookup", ["email"], []),
        ]
        for (index, (goal, object, kind, filters, suggested)) in goals.enumerated() {
            // One agent per goal, since two goals may propose the same skill.
            let target = index == 0 ? agent! : try await host.createAgent(key: key, name: "agent-\(index)")
            let reply = try await host.autoMap(key: key, agent: target, connection: connection, goal: goal)
            XCTAssertEqual(reply.status, 201, "\(goal): \(reply.body)")
            let binding = reply.json["skill"]?["binding"]
            XCTAssertEqual(binding?["object"]?.stringValue, object, "\(goal): \(reply.body)")
            XCTAssertEqual(binding?["kind"]?.stringValue, kind, goal)
            XCTAssertEqual(binding?["filter_fields"]?.arrayValue?.compactMap(\.stringValue), filters, "\(goal): \(reply.body)")
            XCTAssertEqual(reply.json["suggested_presets"]?.arrayValue?.compactMap { $0["value"]?.stringValue }, suggested, goal)
            XCTAssertEqual(reply.json["skill"]?["presets"], [:], "\(goal): a suggestion is never applied")
        }

        let draft = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        XCTAssertEqual(draft.json["data"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["list_orders_by_customers_email"])

        let again = try await host.autoMap(key: key, agent: agent, connection: connection, goal: "find a customer's open orders by email")
        XCTAssertEqual(again.status, 409, "the same goal proposes the same skill")
        let reviewer = try await host.createAgent(key: key, name: "reviewed")
        let explained = try await host.autoMap(key: key, agent: reviewer, connection: connection,
                                               goal: "find a customer's open orders by email")
        let reasoning = explained.json["reasoning"]?.arrayValue?.compactMap(\.stringValue) ?? []
        XCTAssertTrue(reasoning.contains { $0.contains("\"orders\" names it") }, "\(reasoning)")
        XCTAssertTrue(reasoning.contains { $0.contains("\"email\" matched customers.email") }, "\(reasoning)")
        XCTAssertTrue(reasoning.contains { $0.contains("filter by customers.email") }, "\(reasoning)")
        XCTAssertTrue(reasoning.contains { $0.contains("orders.customer_id → customers.id") && $0.contains("\"customer\" names") },
                      "\(reasoning)")
        XCTAssertTrue(reasoning.contains { $0.contains("suggested preset status = \"open\"") }, "\(reasoning)")
        XCTAssertEqual(explained.json["suggested_presets"]?.arrayValue?.first?["field"], "status")
        let alternatives = explained.json["alternatives"]?.arrayValue ?? []
        XCTAssertTrue(alternatives.contains { $0["object"] == "customers" && $0["filter_fields"] == ["email"] }, explained.body)

        // The proposal runs as it stands once published.
        _ = try await host.publish(key: key, agent: agent)
        let found = try await host.invokeSkill(key: key, agent: agent, skill: "list_orders_by_customers_email",
                                               ["input": ["customers.email": "ada@example.com"]])
        XCTAssertEqual(ids(found), [1, 2], found.body)
    }
}
