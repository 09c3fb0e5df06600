import Foundation
import PatchbayFakes
import PatchbayWire
import XCTest

/// Sheet bindings that filter a list on several columns and update the rows a key matches,
/// through the API against the fake Google Sheets upstream.
final class SheetBindingTests: BindingTestCase {
    var connection: String!

    override func setUp() async throws {
        try await super.setUp()
        connection = try await host.connectSheets(key: key)
    }

    private func bind(_ body: [String: JSONValue]) async throws -> TestHost.Reply {
        var body = body
        body["connection_id"] = .string(connection)
        return try await host.bind(key: key, agent: agent, .object(body))
    }

    private var writes: [RecordedRequest] {
        host.fakes.google.requests.filter { $0.method != "GET" }
    }

    private func names(_ reply: TestHost.Reply) -> [String] {
        (reply.json["output"]?["rows"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    func testAListBindingFiltersOnSeveralColumns() async throws {
        let list = try await bind(["object": "Customers", "kind": "list", "filter_fields": ["plan", "active"],
                                   "returned_fields": ["name"]])
        XCTAssertEqual(list.status, 201, list.body)
        XCTAssertEqual(list.json["action"], "read_range")
        XCTAssertEqual(list.json["input_schema"]?["properties"]?["active"]?["type"], "boolean")
        _ = try await host.publish(key: key, agent: agent)

        let team = try await host.invokeSkill(key: key, agent: agent, skill: "list_customers_by_plan_and_active",
                                              ["input": ["plan": "team", "active": true]])
        XCTAssertEqual(team.status, 200, team.body)
        XCTAssertEqual(names(team), ["Grace Hopper"], "Barbara is on team too, but inactive")
        let pro = try await host.invokeSkill(key: key, agent: agent, skill: "list_customers_by_plan_and_active", ["input": ["plan": "PRO"]])
        XCTAssertEqual(names(pro), ["Ada Lovelace", "Edsger Dijkstra"], "compared ignoring case, like lookup_rows")
        let everyone = try await host.invokeSkill(key: key, agent: agent, skill: "list_customers_by_plan_and_active", ["input": [:]])
        XCTAssertEqual(names(everyone).count, 6, "no filter given reads the whole sheet")
        let none = try await host.invokeSkill(key: key, agent: agent, skill: "list_customers_by_plan_and_active",
                                              ["input": ["plan": "enterprise"]])
        XCTAssertEqual(none.status, 200)
        XCTAssertEqual(names(none), [])

        let unknown = try await host.request("POST", "/v1/connections/\(connection!)/actions/read_range/invoke", key: key, json: [
            "input": ["range": "Customers", "header_row": true, "match": ["tier": "pro"]],
        ])
        XCTAssertEqual(unknown.status, 400, unknown.body)
        XCTAssertEqual(unknown.errorField, "input.match.tier")
        let noHeader = try await host.request("POST", "/v1/connections/\(connection!)/actions/read_range/invoke", key: key, json: [
            "input": ["range": "Customers", "match": ["plan": "pro"]],
        ])
        XCTAssertEqual(noHeader.status, 400, noHeader.body)
        XCTAssertEqual(noHeader.errorField, "input.match")
    }

    func testAnUpdateBindingWritesTheRowItsKeyMatches() async throws {
        let update = try await bind(["object": "Customers", "kind": "update", "filter_fields": ["email"], "write_fields": ["plan"],
                                     "name": "change_plan"])
        XCTAssertEqual(update.status, 201, update.body)
        XCTAssertEqual(update.json["action"], "update_rows")
        XCTAssertEqual(update.json["binding"]?["shape"], "match_values")
        XCTAssertEqual(update.json["input_schema"]?["required"], ["email"])
        let byPlan = try await bind(["object": "Customers", "kind": "update", "filter_fields": ["plan"], "write_fields": ["active"],
                                     "name": "deactivate_plan"])
        XCTAssertEqual(byPlan.status, 201, byPlan.body)
        _ = try await host.publish(key: key, agent: agent)

        let changed = try await host.invokeSkill(key: key, agent: agent, skill: "change_plan",
                                                 ["input": ["email": "GRACE@example.com", "plan": "pro"]])
        XCTAssertEqual(changed.status, 200, changed.body)
        XCTAssertEqual(changed.json["output"]?["matched"], 1)
        XCTAssertEqual(changed.json["output"]?["row_numbers"], [3])
        XCTAssertEqual(changed.json["output"]?["updated_cells"], 1)
        XCTAssertEqual(host.fakes.google.cells(of: "Customers")?[2][3], "pro")
        XCTAssertEqual(host.fakes.google.cells(of: "Customers")?[2][2], "Grace Hopper", "other cells stay")
        XCTAssertEqual(writes.count, 1)
        XCTAssertTrue(writes.last?.path.hasSuffix("/values:batchUpdate") ?? false, "\(writes.map(\.path))")

        // No match: a clear answer, nothing written.
        let before = host.fakes.google.cells(of: "Customers")
        let nobody = try await host.invokeSkill(key: key, agent: agent, skill: "change_plan",
                                                ["input": ["email": "nobody@example.com", "plan": "pro"]])
        XCTAssertEqual(nobody.status, 200, nobody.body)
        XCTAssertEqual(nobody.json["output"]?["matched"], 0)
        XCTAssertEqual(nobody.json["output"]?["row_numbers"], [])
        XCTAssertEqual(writes.count, 1, "no write request was sent")

        // Several matches: refused, nothing written; the action itself can update them all when told to.
        let ambiguous = try await host.invokeSkill(key: key, agent: agent, skill: "deactivate_plan",
                                                   ["input": ["plan": "pro", "active": false]])
        XCTAssertEqual(ambiguous.status, 422, ambiguous.body)
        XCTAssertEqual(ambiguous.errorCode, "multiple_matches")
        XCTAssertTrue(ambiguous.body.contains("rows 2, 3, 6"), ambiguous.body)
        XCTAssertEqual(host.fakes.google.cells(of: "Customers"), before)
        XCTAssertEqual(writes.count, 1)
        let all = try await host.request("POST", "/v1/connections/\(connection!)/actions/update_rows/invoke", key: key, json: [
            "input": ["sheet": "Customers", "match": ["plan": "pro"], "values": ["active": false, "plan": "legacy"],
                      "all_matches": true, "value_input_option": "RAW"],
        ])
        XCTAssertEqual(all.status, 200, all.body)
        XCTAssertEqual(all.json["output"]?["row_numbers"], [2, 3, 6])
        XCTAssertEqual(all.json["output"]?["updated_cells"], 6)
        let rows = host.fakes.google.cells(of: "Customers") ?? []
        XCTAssertEqual([2, 3, 6].map { rows[$0 - 1][3] }, ["legacy", "legacy", "legacy"])
        XCTAssertEqual([2, 3, 6].map { rows[$0 - 1][4] }, [false, false, false])
        XCTAssertEqual(writes.count, 2, "every matching row in one batch")
    }

    func testUnknownColumnsAreRefused() async throws {
        let cases: [([String: JSONValue], String)] = [
            (["object": "Customers", "kind": "update", "filter_fields": ["email"], "write_fields": ["tier"]], "write_fields"),
            (["object": "Customers", "kind": "update", "filter_fields": ["mail"], "write_fields": ["plan"]], "filter_fields"),
            (["object": "Customers", "kind": "list", "filter_fields": ["tier"]], "filter_fields"),
            (["object": "Customers", "kind": "update", "write_fields": ["plan"]], "filter_fields"),
        ]
        for (body, field) in cases {
            let reply = try await bind(body)
            XCTAssertEqual(reply.status, 400, "\(body) → \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        for (input, field) in [
            (["sheet": "Customers", "match": ["email": "ada@example.com"], "values": ["tier": "pro"]] as JSONValue, "input.values.tier"),
            (["sheet": "Customers", "match": ["mail": "ada@example.com"], "values": ["plan": "pro"]], "input.match.mail"),
            (["sheet": "Customers", "match": [:], "values": ["plan": "pro"]], "input.match"),
            (["sheet": "Nope", "match": ["email": "x"], "values": ["plan": "pro"]], "input.sheet"),
        ] {
            let reply = try await host.request("POST", "/v1/connections/\(connection!)/actions/update_rows/invoke", key: key,
                                               json: ["input": input])
            XCTAssertEqual(reply.status, 400, "\(input) → \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        XCTAssertEqual(writes.count, 0, "nothing was written")
        let draft = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        XCTAssertEqual(draft.json["data"]?.arrayValue?.count, 0)
    }
}
