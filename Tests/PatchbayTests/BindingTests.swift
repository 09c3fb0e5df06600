import Foundation
import PatchbayFakes
import PatchbayWire
import XCTest

/// Bindings over discovered schemas: a real PostgreSQL table and a Google Sheet on the fake,
/// checked against the schema, called like any skill, and proposed from goals by auto-map.
final class BindingTests: BindingTestCase {
    private func connectPostgres(discover: Bool = true) async throws -> String {
        try await host.connectPostgres(key: key, discover: discover)
    }

    private func connectSheets() async throws -> String {
        try await host.connectSheets(key: key)
    }

    private func bind(_ body: JSONValue) async throws -> TestHost.Reply {
        try await host.bind(key: key, agent: agent, body)
    }

    func testLookupAndListBindingsOnARealPostgresTable() async throws {
        let connection = try await connectPostgres()
        let lookup = try await bind(["connection_id": .string(connection), "object": "customers", "kind": "lookup",
                                     "filter_fields": ["email"], "returned_fields": ["id", "name"]])
        XCTAssertEqual(lookup.status, 201, lookup.body)
        XCTAssertEqual(lookup.json["name"], "lookup_customers_by_email")
        XCTAssertEqual(lookup.json["action"], "select_rows")
        XCTAssertEqual(lookup.json["input_schema"]?["required"], ["email"])
        XCTAssertEqual(lookup.json["input_schema"]?["properties"]?["email"]?["type"], ["string", "null"])

        let list = try await bind(["connection_id": .string(connection), "object": "orders", "kind": "list",
                                   "filter_fields": ["status"], "name": "orders_by_status"])
        XCTAssertEqual(list.status, 201, list.body)
        XCTAssertNotNil(list.json["input_schema"]?["properties"]?["limit"])
        _ = try await host.publish(key: key, agent: agent)

        let found = try await host.invokeSkill(key: key, agent: agent, skill: "lookup_customers_by_email",
                                               ["input": ["email": "ada@example.com"]])
        XCTAssertEqual(found.status, 200, found.body)
        let rows = try XCTUnwrap(found.json["output"]?["rows"]?.arrayValue)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first, ["id": 1, "name": "Ada Lovelace"], "only the returned fields come back")

        let paid = try await host.invokeSkill(key: key, agent: agent, skill: "orders_by_status", ["input": ["status": "paid"]])
        XCTAssertEqual(paid.json["output"]?["rows"]?.arrayValue?.count, 1, paid.body)
        let all = try await host.invokeSkill(key: key, agent: agent, skill: "orders_by_status", ["input": ["limit": 2]])
        XCTAssertEqual(all.json["output"]?["rows"]?.arrayValue?.count, 2, all.body)

        let missing = try await host.invokeSkill(key: key, agent: agent, skill: "lookup_customers_by_email", ["input": [:]])
        XCTAssertEqual(missing.status, 400)
        XCTAssertEqual(missing.errorField, "input.email")
        let wrongField = try await host.invokeSkill(key: key, agent: agent, skill: "lookup_customers_by_email",
                                                    ["input": ["email": "x", "name": "Ada"]])
        XCTAssertEqual(wrongField.status, 400)
    }

    func testBindingsAreCheckedAgainstTheDiscoveredSchema() async throws {
        let undiscovered = try await connectPostgres(discover: false)
        let early = try await bind(["connection_id": .string(undiscovered), "object": "customers", "kind": "lookup",
                                    "filter_fields": ["email"]])
        XCTAssertEqual(early.status, 409)
        XCTAssertEqual(early.errorCode, "schema_not_discovered")

        let connection = try await connectPostgres()
        let cases: [(JSONValue, String)] = [
            (["connection_id": .string(connection), "object": "invoices", "kind": "lookup", "filter_fields": ["id"]], "object"),
            (["connection_id": .string(connection), "object": "customers", "kind": "lookup", "filter_fields": ["mail"]], "filter_fields"),
            (["connection_id": .string(connection), "object": "customers", "kind": "list", "returned_fields": ["id", "age"]], "returned_fields"),
            (["connection_id": .string(connection), "object": "customers", "kind": "fetch"], "kind"),
            (["connection_id": .string(connection), "object": "customers", "kind": "lookup"], "filter_fields"),
            (["connection_id": .string(connection), "object": "customers", "kind": "create"], "write_fields"),
            (["connection_id": .string(connection), "object": "customers", "kind": "lookup", "filter_fields": "email"], "filter_fields"),
            (["connection_id": .string(connection), "object": "customers"], "kind"),
            (["object": "customers", "kind": "lookup"], "connection_id"),
        ]
        for (body, field) in cases {
            let reply = try await bind(body)
            XCTAssertEqual(reply.status, 400, "\(body) → \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        let unknown = try await bind(["connection_id": .string(connection), "object": "customers", "kind": "lookup",
                                      "filter_fields": ["mail", "phone"]])
        XCTAssertTrue(unknown.body.contains("mail, phone"), unknown.body)
        let draft = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        XCTAssertEqual(draft.json["data"]?.arrayValue?.count, 0, "nothing refused was added")
    }

    func testCreateAndUpdateBindingsWriteRowsAndNeedApprovalWhenAsked() async throws {
        let connection = try await connectPostgres()
        let create = try await bind(["connection_id": .string(connection), "object": "customers", "kind": "create",
                                     "write_fields": ["name", "email"], "name": "add_customer"])
        XCTAssertEqual(create.status, 201, create.body)
        let update = try await bind(["connection_id": .string(connection), "object": "customers", "kind": "update",
                                     "filter_fields": ["id"], "write_fields": ["name"], "name": "rename_customer",
                                     "requires_approval": true])
        XCTAssertEqual(update.status, 201, update.body)
        _ = try await host.publish(key: key, agent: agent)

        let added = try await host.invokeSkill(key: key, agent: agent, skill: "add_customer",
                                               ["input": ["name": "Katherine Johnson", "email": "kj@example.com"]])
        XCTAssertEqual(added.status, 200, added.body)
        XCTAssertEqual(added.json["output"]?["row"]?["email"], "kj@example.com")

        let paused = try await host.invokeSkill(key: key, agent: agent, skill: "rename_customer",
                                                ["input": ["id": 1, "name": "Augusta Ada King"]])
        XCTAssertEqual(paused.status, 202, paused.body)
        let id = try XCTUnwrap(paused.json["id"]?.stringValue)
        let approved = try await host.request("POST", "/v1/executions/\(id)/continue", key: key, json: ["decision": "approve"])
        XCTAssertEqual(approved.json["output"]?["rows"]?.arrayValue?.first?["name"], "Augusta Ada King", approved.body)
    }

    func testLookupAndListBindingsOnASheet() async throws {
        let connection = try await connectSheets()
        let lookup = try await bind(["connection_id": .string(connection), "object": "Customers", "kind": "lookup",
                                     "filter_fields": ["email"], "returned_fields": ["name", "plan"]])
        XCTAssertEqual(lookup.status, 201, lookup.body)
        XCTAssertEqual(lookup.json["action"], "lookup_rows")
        let twoFields = try await bind(["connection_id": .string(connection), "object": "Customers", "kind": "lookup",
                                        "filter_fields": ["email", "name"], "name": "two"])
        XCTAssertEqual(twoFields.status, 400, "a sheet lookup matches one column")
        let list = try await bind(["connection_id": .string(connection), "object": "Orders", "kind": "list", "name": "all_orders"])
        XCTAssertEqual(list.status, 201, list.body)
        _ = try await host.publish(key: key, agent: agent)

        let found = try await host.invokeSkill(key: key, agent: agent, skill: "lookup_customers_by_email",
                                               ["input": ["email": "grace@example.com"]])
        XCTAssertEqual(found.status, 200, found.body)
        let match = try XCTUnwrap(found.json["output"]?["matches"]?.arrayValue?.first)
        XCTAssertEqual(match["record"], ["name": "Grace Hopper", "plan": "team"])
        XCTAssertEqual(host.fakes.google.requests.last?.headers["authorization"], "Bearer \(FakeGoogleSheets.sandboxToken)")

        let orders = try await host.invokeSkill(key: key, agent: agent, skill: "all_orders", ["input": [:]])
        XCTAssertEqual(orders.status, 200, orders.body)
        XCTAssertEqual(orders.json["output"]?["rows"]?.arrayValue?.count, 4)
    }

    func testAutoMapPicksObjectKindAndFieldsAndExplains() async throws {
        let connection = try await connectPostgres()
        let goals: [(String, String, String, [String], [String])] = [
            ("look up a customer by email", "customers", "lookup", ["email"], []),
            ("list orders by status", "orders", "list", ["status"], []),
            ("find a customer's orders", "orders", "list", [], []),
            ("get the title and price of a product by sku", "products", "lookup", ["sku"], ["title", "price"]),
            ("add a new product", "products", "create", [], []),
        ]
        for (goal, object, kind, filters, returned) in goals {
            let reply = try await host.request("POST", "/v1/agents/\(agent!)/bindings/auto-map", key: key,
                                               json: ["connection_id": .string(connection), "goal": .string(goal)])
            XCTAssertEqual(reply.status, 201, "\(goal): \(reply.body)")
            let binding = reply.json["skill"]?["binding"]
            XCTAssertEqual(binding?["object"]?.stringValue, object, goal)
            XCTAssertEqual(binding?["kind"]?.stringValue, kind, goal)
            XCTAssertEqual(binding?["filter_fields"]?.arrayValue?.compactMap(\.stringValue), filters, goal)
            XCTAssertEqual(binding?["returned_fields"]?.arrayValue?.compactMap(\.stringValue), returned, goal)
            XCTAssertFalse(reply.json["reasoning"]?.arrayValue?.isEmpty ?? true, goal)
            XCTAssertFalse(reply.json["alternatives"]?.arrayValue?.isEmpty ?? true, goal)
        }
        // The same goal maps the same way every time.
        let again = try await host.request("POST", "/v1/agents/\(agent!)/bindings/auto-map", key: key,
                                           json: ["connection_id": .string(connection), "goal": "look up a customer by email"])
        XCTAssertEqual(again.status, 409, "the same proposal again clashes with the draft's skill of that name")

        let agentDetails = try await host.request("GET", "/v1/agents/\(agent!)", key: key)
        XCTAssertEqual(agentDetails.json["live_version"], .null, "auto-map never publishes")

        let nothing = try await host.request("POST", "/v1/agents/\(agent!)/bindings/auto-map", key: key,
                                             json: ["connection_id": .string(connection), "goal": "book a flight to Lisbon"])
        XCTAssertEqual(nothing.status, 422)
        XCTAssertEqual(nothing.errorCode, "no_match")
        let short = try await host.request("POST", "/v1/agents/\(agent!)/bindings/auto-map", key: key,
                                           json: ["connection_id": .string(connection), "goal": "x"])
        XCTAssertEqual(short.status, 400)
        XCTAssertEqual(short.errorField, "goal")
    }

    func testAutoMapDryRunProposesWithoutSavingAndTheProposalCanBeAdded() async throws {
        let connection = try await connectPostgres()
        let goal: JSONValue = "look up a customer by email"
        let path = "/v1/agents/\(agent!)/bindings/auto-map"
        let proposal = try await host.request("POST", path, key: key,
                                              json: ["connection_id": .string(connection), "goal": goal, "dry_run": true])
        XCTAssertEqual(proposal.status, 200, proposal.body)
        let skill = try XCTUnwrap(proposal.json["skill"])
        XCTAssertEqual(skill["name"], "lookup_customers_by_email")
        XCTAssertFalse(proposal.json["reasoning"]?.arrayValue?.isEmpty ?? true)
        let draft = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        XCTAssertEqual(draft.json["data"]?.arrayValue?.count, 0, "a dry run leaves the draft as it was")

        // The reviewed proposal, added as a binding, is the skill auto-map would have added.
        let binding = try XCTUnwrap(skill["binding"])
        let added = try await bind([
            "connection_id": .string(connection), "name": skill["name"]!, "object": binding["object"]!, "kind": binding["kind"]!,
            "filter_fields": binding["filter_fields"]!, "write_fields": binding["write_fields"]!,
            "returned_fields": binding["returned_fields"]!, "requires_approval": skill["requires_approval"]!,
        ])
        XCTAssertEqual(added.status, 201, added.body)
        XCTAssertEqual(added.json, skill)

        // Now the name is taken: a dry run says so as adding would, and leaves the draft alone.
        let clash = try await host.request("POST", path, key: key,
                                           json: ["connection_id": .string(connection), "goal": goal, "dry_run": true])
        XCTAssertEqual(clash.status, 409, clash.body)
        let wrongType = try await host.request("POST", path, key: key,
                                               json: ["connection_id": .string(connection), "goal": goal, "dry_run": "yes"])
        XCTAssertEqual(wrongType.status, 400)
        XCTAssertEqual(wrongType.errorField, "dry_run")
        let unknownAgent = try await host.request("POST", "/v1/agents/agent_missing/bindings/auto-map", key: key,
                                                  json: ["connection_id": .string(connection), "goal": goal, "dry_run": true])
        XCTAssertEqual(unknownAgent.status, 404, unknownAgent.body)
        let after = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        XCTAssertEqual(after.json["data"]?.arrayValue?.count, 1)
    }

    func testAutoMapOnASheet() async throws {
        let connection = try await connectSheets()
        let reply = try await host.request("POST", "/v1/agents/\(agent!)/bindings/auto-map", key: key,
                                           json: ["connection_id": .string(connection), "goal": "find a customer's plan by email"])
        XCTAssertEqual(reply.status, 201, reply.body)
        XCTAssertEqual(reply.json["skill"]?["binding"]?["object"], "Customers")
        XCTAssertEqual(reply.json["skill"]?["binding"]?["filter_fields"], ["email"])
        XCTAssertEqual(reply.json["skill"]?["binding"]?["returned_fields"], ["plan"])
    }
}
