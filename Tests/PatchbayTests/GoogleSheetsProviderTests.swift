import Foundation
import PatchbayClock
import PatchbayFakes
import PatchbayPlugins
import PatchbayServices
import PatchbayWire
import XCTest

/// The Google Sheets provider end to end: HTTP API → services → dlopened plugin → host
/// egress → fake Sheets API, checked against what the fake's spreadsheet really holds.
final class GoogleSheetsProviderTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var connection: String!
    var sheets: FakeGoogleSheets { host.fakes.google }

    override func setUp() async throws {
        host = try await TestHost.start(plugins: ["PatchbayGoogleSheets"])
        key = try await host.key()
        connection = try await connect()
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func connect(token: String = FakeGoogleSheets.sandboxToken, spreadsheet: String = FakeGoogleSheets.spreadsheetID,
                 defaultSheet: String? = "Customers") async throws -> String {
        var config: [String: JSONValue] = ["spreadsheet_id": .string(spreadsheet)]
        if let defaultSheet { config["default_sheet"] = .string(defaultSheet) }
        let reply = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "google_sheets", "credentials": ["access_token": .string(token)], "config": .object(config),
        ])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect google_sheets: \(reply.status) \(reply.body)")
        }
        return id
    }

    func invoke(_ action: String, _ input: JSONValue, on id: String? = nil) async throws -> TestHost.Reply {
        try await host.request("POST", "/v1/connections/\(id ?? connection!)/actions/\(action)/invoke", key: key, json: ["input": input])
    }

    /// The requests that read or wrote cell values, oldest first.
    var valueRequests: [RecordedRequest] { sheets.requests.filter { $0.path.contains("/values/") } }

    // MARK: Connecting

    func testCheckSendsTheBearerTokenAndNamesTheSpreadsheet() async throws {
        let test = try await host.request("POST", "/v1/connections/\(connection!)/test", key: key)
        XCTAssertEqual(test.json["success"], true, test.body)
        XCTAssertEqual(test.json["message"]?.stringValue?.contains(FakeGoogleSheets.title), true)
        let sent = try XCTUnwrap(sheets.requests.last)
        XCTAssertEqual(sent.headers["authorization"], "Bearer \(FakeGoogleSheets.sandboxToken)")
        XCTAssertEqual(sent.path, "/google_sheets/v4/spreadsheets/\(FakeGoogleSheets.spreadsheetID)")
        XCTAssertNotNil(sent.query["fields"], "metadata is asked for with a field mask, never the whole grid")

        sheets.revokeToken(FakeGoogleSheets.sandboxToken)
        let revoked = try await host.request("POST", "/v1/connections/\(connection!)/test", key: key)
        XCTAssertEqual(revoked.json["success"], false)
        XCTAssertEqual(revoked.json["message"]?.stringValue?.hasPrefix("Request had invalid authentication credentials"), true)

        let elsewhere = try await connect(spreadsheet: "1NoSuchSpreadsheet000000")
        let missing = try await host.request("POST", "/v1/connections/\(elsewhere)/test", key: key)
        XCTAssertEqual(missing.json["success"], false)
    }

    func testConfigIsValidatedAtConnectTime() async throws {
        let reply = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "google_sheets", "credentials": ["access_token": "ya29.x"], "config": ["spreadsheet_id": "short"],
        ])
        XCTAssertEqual(reply.status, 400)
        XCTAssertEqual(reply.errorField, "config.spreadsheet_id")
        let noID = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "google_sheets", "credentials": ["access_token": "ya29.x"], "config": [:],
        ])
        XCTAssertEqual(noID.errorField, "config.spreadsheet_id")
    }

    // MARK: Reading

    func testGetSpreadsheetDescribesEverySheet() async throws {
        let reply = try await invoke("get_spreadsheet", [:])
        XCTAssertEqual(reply.status, 200, reply.body)
        let output = try XCTUnwrap(reply.json["output"])
        XCTAssertEqual(output["title"]?.stringValue, FakeGoogleSheets.title)
        XCTAssertEqual(output["time_zone"]?.stringValue, FakeGoogleSheets.timeZone)
        XCTAssertEqual(output["locale"]?.stringValue, FakeGoogleSheets.locale)
        let described = output["sheets"]?.arrayValue ?? []
        XCTAssertEqual(described.count, sheets.sheets.count)
        for (index, (seen, real)) in zip(described, sheets.sheets).enumerated() {
            XCTAssertEqual(seen["title"]?.stringValue, real.title)
            XCTAssertEqual(seen["sheet_id"]?.intValue, real.sheetID)
            XCTAssertEqual(seen["index"]?.intValue, index)
            XCTAssertEqual(seen["row_count"]?.intValue, real.rowCount)
            XCTAssertEqual(seen["column_count"]?.intValue, real.columnCount)
        }
    }

    func testReadRangeEncodesQuotedSheetNamesAndNormalizesTheRange() async throws {
        let reply = try await invoke("read_range", ["range": "'Activity Log'!A:C"])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["output"]?["range"], "'Activity Log'!A1:C100")
        XCTAssertEqual(reply.json["output"]?["values"], [["at", "event", "email"], ["2025-01-02 09:00", "signup", "ada@example.com"]])
        let sent = try XCTUnwrap(valueRequests.last)
        XCTAssertTrue(sent.path.hasSuffix("/values/%27Activity%20Log%27%21A%3AC"), sent.path)
        XCTAssertEqual(sent.query["majorDimension"], "ROWS")

        let columns = try await invoke("read_range", ["range": "Orders!A1:B3", "major_dimension": "COLUMNS"])
        XCTAssertEqual(columns.json["output"]?["values"], [["id", "1001", "1002"], ["customer_id", "1", "2"]])
    }

    func testReadRangeWithHeaderRowReturnsRecordsWithNullsForEmptyCells() async throws {
        let reply = try await invoke("read_range", ["header_row": true, "value_render_option": "UNFORMATTED_VALUE"])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["output"]?["range"], "Customers!A1:Z1000", "no range means the default sheet")
        let rows = reply.json["output"]?["rows"]?.arrayValue ?? []
        let cells = try XCTUnwrap(sheets.cells(of: "Customers"))
        XCTAssertEqual(rows.count, cells.count - 1)
        XCTAssertEqual(rows.first, ["id": 1, "email": "ada@example.com", "name": "Ada Lovelace", "plan": "pro",
                                    "active": true, "signup_date": "2024-01-15"])
        XCTAssertEqual(rows[3]["plan"], .null)
        XCTAssertEqual(reply.json["output"]?["values"]?.arrayValue?[4].arrayValue?[3], "", "Google sends an empty cell inside a row as \"\"")

        let formatted = try await invoke("read_range", ["range": "Customers!A2:E2"])
        XCTAssertEqual(formatted.json["output"]?["values"], [["1", "ada@example.com", "Ada Lovelace", "pro", "TRUE"]])
    }

    func testLookupRowsFindsACustomerByEmailWhateverTheCase() async throws {
        let reply = try await invoke("lookup_rows", ["column": "Email", "value": "  barbara@example.com"])
        XCTAssertEqual(reply.status, 200, reply.body)
        let matches = reply.json["output"]?["matches"]?.arrayValue ?? []
        XCTAssertEqual(matches.count, 1)
        XCTAssertEqual(matches.first?["row_number"], 7)
        XCTAssertEqual(matches.first?["record"]?["name"], "Barbara Liskov")
        XCTAssertEqual(reply.json["output"]?["column"], "email")
        XCTAssertEqual(reply.json["output"]?["truncated"], false)

        let exact = try await invoke("lookup_rows", ["column": "email", "value": "barbara@example.com", "match_case": true])
        XCTAssertEqual(exact.json["output"]?["matches"]?.arrayValue?.count, 0)

        let byNumber = try await invoke("lookup_rows", ["sheet": "Orders", "column": "customer_id", "value": 1, "limit": 1])
        XCTAssertEqual(byNumber.json["output"]?["matches"]?.arrayValue?.compactMap { $0["record"]?["id"]?.intValue }, [1001])
        XCTAssertEqual(byNumber.json["output"]?["truncated"], true)
    }

    func testLookupRowsScansALargeSheetInBlocks() async throws {
        let rows: [[JSONValue]] = [["id", "email"]] + (1...2500).map { [.integer(Int64($0)), .string("user\($0)@example.com")] }
        sheets.addSheet("Events", cells: rows)
        let reply = try await invoke("lookup_rows", ["sheet": "Events", "column": "email", "value": "user2400@example.com"])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["output"]?["matches"]?.arrayValue?.first?["row_number"], 2401)
        XCTAssertEqual(reply.json["output"]?["matches"]?.arrayValue?.first?["record"]?["id"], 2400)
        let ranges = valueRequests.compactMap { $0.path.components(separatedBy: "/values/").last?.removingPercentEncoding }
        XCTAssertEqual(ranges, ["Events!1:1000", "Events!1001:2000", "Events!2001:2501"])
        XCTAssertTrue(valueRequests.allSatisfy { $0.query["valueRenderOption"] == "UNFORMATTED_VALUE" })
    }

    // MARK: Writing

    func testAppendRowsByHeaderLandsAfterTheTableAndReadsBack() async throws {
        let reply = try await invoke("append_rows", [
            "range": "Activity Log",
            "rows": [["email": "grace@example.com", "event": "upgrade", "at": "2025-02-01 10:30"], ["event": "ping"]],
        ])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["output"], [
            "spreadsheet_id": .string(FakeGoogleSheets.spreadsheetID), "table_range": "'Activity Log'!A1:C2",
            "updated_range": "'Activity Log'!A3:C4", "updated_rows": 2, "updated_columns": 3, "updated_cells": 4,
        ])
        let append = try XCTUnwrap(sheets.requests.last)
        XCTAssertEqual(append.method, "POST")
        XCTAssertTrue(append.path.hasSuffix("/values/Activity%20Log:append"), append.path)
        XCTAssertEqual(append.query["insertDataOption"], "INSERT_ROWS")
        XCTAssertEqual(append.query["valueInputOption"], "USER_ENTERED")
        XCTAssertEqual(sheets.cells(of: "Activity Log")?[2], ["2025-02-01 10:30", "upgrade", "grace@example.com"])

        let readBack = try await invoke("read_range", ["range": "'Activity Log'", "header_row": true])
        XCTAssertEqual(readBack.json["output"]?["rows"]?.arrayValue?.last, ["at": nil, "event": "ping", "email": nil])

        let unknown = try await invoke("append_rows", ["range": "Activity Log", "rows": [["colour": "red"]]])
        XCTAssertEqual(unknown.status, 400)
        XCTAssertEqual(unknown.errorCode, "invalid_input")
        XCTAssertEqual(unknown.errorField, "input.rows[0].colour")
    }

    func testAppendRowsAsCellsHonoursTheValueInputOption() async throws {
        let typed = try await invoke("append_rows", ["rows": [[7, "linus@example.com", "Linus", "free", "TRUE", "2025-03-01"]]])
        XCTAssertEqual(typed.status, 200, typed.body)
        XCTAssertEqual(typed.json["output"]?["updated_range"], "Customers!A8:F8", "no range means the default sheet")
        XCTAssertEqual(sheets.cells(of: "Customers")?[7][4], true, "USER_ENTERED reads TRUE as a boolean")

        let raw = try await invoke("append_rows", ["rows": [["8", "x@example.com"]], "value_input_option": "RAW"])
        XCTAssertEqual(raw.status, 200, raw.body)
        XCTAssertEqual(sheets.cells(of: "Customers")?[8][0], "8", "RAW keeps text as text")
        let found = try await invoke("lookup_rows", ["column": "email", "value": "linus@example.com"])
        XCTAssertEqual(found.json["output"]?["matches"]?.arrayValue?.first?["row_number"], 8)
    }

    func testUpdateRangeOverwritesOnlyTheGivenCells() async throws {
        let reply = try await invoke("update_range", ["range": "Customers!C5:D5", "values": [[nil, "pro"]], "value_input_option": "RAW"])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["output"]?["updated_range"], "Customers!C5:D5")
        XCTAssertEqual(reply.json["output"]?["updated_cells"], 1)
        let sent = try XCTUnwrap(sheets.requests.last)
        XCTAssertEqual(sent.method, "PUT")
        XCTAssertEqual(sent.query["valueInputOption"], "RAW")
        let row = try XCTUnwrap(sheets.cells(of: "Customers")?[4])
        XCTAssertEqual(row[2], "Katherine Johnson", "a null cell is left as it was")
        XCTAssertEqual(row[3], "pro")

        let tooWide = try await invoke("update_range", ["range": "Customers!D5", "values": [["pro", "extra"]]])
        XCTAssertEqual(tooWide.status, 422)
        XCTAssertEqual(tooWide.errorCode, "invalid_argument")
        XCTAssertEqual(tooWide.json["error"]?["message"]?.stringValue?.contains("tried writing to column [E]"), true)
    }

    // MARK: Errors

    func testGoogleErrorsSurfaceWithTheirCanonicalStatus() async throws {
        let badRange = try await invoke("read_range", ["range": "Nope!A1"])
        XCTAssertEqual(badRange.status, 422)
        XCTAssertEqual(badRange.errorCode, "invalid_argument")
        XCTAssertEqual(badRange.json["error"]?["message"], "Unable to parse range: Nope!A1")
        XCTAssertEqual(badRange.json["error"]?["retryable"], false)

        let beyond = try await invoke("read_range", ["range": "Orders!A1:AB2"])
        XCTAssertEqual(beyond.errorCode, "invalid_argument")

        let elsewhere = try await connect(spreadsheet: "1NoSuchSpreadsheet000000")
        let missing = try await invoke("get_spreadsheet", [:], on: elsewhere)
        XCTAssertEqual(missing.status, 422)
        XCTAssertEqual(missing.errorCode, "not_found")

        let readOnly = try await connect(token: FakeGoogleSheets.readOnlyToken)
        let read = try await invoke("read_range", ["range": "Orders"], on: readOnly)
        XCTAssertEqual(read.status, 200, read.body)
        let write = try await invoke("update_range", ["range": "Orders!D2", "values": [["void"]]], on: readOnly)
        XCTAssertEqual(write.errorCode, "permission_denied")
        XCTAssertEqual(sheets.cells(of: "Orders")?[1][3], "paid")

        let stranger = try await connect(token: "ya29.unknown-token")
        let refused = try await invoke("get_spreadsheet", [:], on: stranger)
        XCTAssertEqual(refused.errorCode, "unauthenticated")
        let execution = try await host.request("GET", "/v1/executions/\(refused.json["error"]?["execution_id"]?.stringValue ?? "")", key: key)
        XCTAssertEqual(execution.json["error"]?["upstream_status"], 401)

        sheets.failNext(5, status: "UNAVAILABLE")
        let down = try await invoke("get_spreadsheet", [:])
        XCTAssertEqual(down.status, 502)
        XCTAssertEqual(down.errorCode, "unavailable")
        XCTAssertEqual(down.json["error"]?["retryable"], true)
        sheets.clearBehaviours()
    }

    func testThrottlingIsRetriedAfterRetryAfterThenSucceeds() async throws {
        // On a clock only the test moves: the retry waits for exactly Retry-After of the host's time.
        let clock = ManualClock()
        try await host.stop()
        host = try await TestHost.start(plugins: ["PatchbayGoogleSheets"], clock: clock)
        key = try await host.key()
        connection = try await connect()
        try await host.invokeThroughOneRetryAfter(connection, "read_range", input: ["range": "Orders"], key: key, clock: clock,
                                                  upstream: sheets)

        sheets.throttleNext(10, retryAfter: 120)
        let throttled = try await invoke("read_range", ["range": "Orders"])
        XCTAssertEqual(throttled.status, 429)
        XCTAssertEqual(throttled.errorCode, "rate_limited")
        XCTAssertEqual(throttled.json["error"]?["retryable"], true)
        sheets.clearBehaviours()
    }

    func testBadInputIsRefusedBeforeGoogleIsAsked() async throws {
        let cases: [(String, JSONValue, String)] = [
            ("lookup_rows", ["value": "x"], "input.column"),
            ("lookup_rows", ["column": "email", "value": ["a"]], "input.value"),
            ("append_rows", ["rows": []], "input.rows"),
            ("append_rows", ["rows": [[["nested"]]]], "input.rows[0]"),
            ("update_range", ["values": [["x"]]], "input.range"),
            ("read_range", ["value_render_option": "PRETTY"], "input.value_render_option"),
            ("read_range", ["header_row": true, "major_dimension": "COLUMNS"], "input.header_row"),
        ]
        for (action, input, field) in cases {
            let reply = try await invoke(action, input)
            XCTAssertEqual(reply.status, 400, "\(action) \(input): \(reply.body)")
            XCTAssertEqual(reply.errorField, field, "\(action) \(input)")
        }
        XCTAssertTrue(sheets.requests.isEmpty, "invalid input must never reach Google")

        let noSheet = try await invoke("lookup_rows", ["sheet": "Invoices", "column": "id", "value": 1])
        XCTAssertEqual(noSheet.errorField, "input.sheet")
        let noColumn = try await invoke("lookup_rows", ["column": "phone", "value": "555"])
        XCTAssertEqual(noColumn.errorField, "input.column")
        XCTAssertEqual(noColumn.json["error"]?["message"]?.stringValue?.contains("id, email, name, plan, active, signup_date"), true)

        let bare = try await connect(defaultSheet: nil)
        let noDefault = try await invoke("read_range", [:], on: bare)
        XCTAssertEqual(noDefault.errorField, "input.range")
    }

    // MARK: Discovery and webhooks

    func testDiscoveryTypesEachSheetFromItsHeaderAndRows() async throws {
        let reply = try await host.request("POST", "/v1/connections/\(connection!)/discover", key: key)
        XCTAssertEqual(reply.status, 200, reply.body)
        let objects = reply.json["objects"]?.arrayValue ?? []
        XCTAssertEqual(objects.compactMap { $0["name"]?.stringValue }, sheets.sheets.map(\.title))

        // (name, type, nullable, primary key), as the fake's seed data implies.
        let expected: [String: [(String, String, Bool, Bool)]] = [
            "Customers": [("id", "integer", false, true), ("email", "string", false, false), ("name", "string", false, false),
                          ("plan", "string", true, false), ("active", "boolean", false, false), ("signup_date", "string", false, false)],
            "Orders": [("id", "integer", false, true), ("customer_id", "integer", false, false),
                       ("total", "number", false, false), ("status", "string", false, false)],
            "Activity Log": [("at", "string", false, false), ("event", "string", false, false), ("email", "string", false, false)],
        ]
        for object in objects {
            let name = try XCTUnwrap(object["name"]?.stringValue)
            let fields = object["fields"]?.arrayValue ?? []
            let header = sheets.cells(of: name)?.first?.compactMap(\.stringValue)
            XCTAssertEqual(fields.compactMap { $0["name"]?.stringValue }, header, name)
            for (field, want) in zip(fields, expected[name] ?? []) {
                XCTAssertEqual(field["name"]?.stringValue, want.0, name)
                XCTAssertEqual(field["type"]?.stringValue, want.1, "\(name).\(want.0)")
                XCTAssertEqual(field["nullable"]?.boolValue ?? false, want.2, "\(name).\(want.0) nullable")
                XCTAssertEqual(field["primary_key"]?.boolValue ?? false, want.3, "\(name).\(want.0) primary key")
            }
        }
        XCTAssertEqual(reply.json["relationships"], [[
            "from": "Orders", "to": "Customers", "cardinality": "many_to_one", "from_fields": ["customer_id"], "to_fields": ["id"],
        ]])
        let operations = try await host.request("GET", "/v1/connections/\(connection!)/schema/operations?object=Customers", key: key)
        XCTAssertEqual(Set(operations.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []),
                       ["read_range", "lookup_rows", "append_rows", "update_rows"])
    }

    func testDrivePushNotificationsBecomeEvents() async throws {
        let plugin = try XCTUnwrap(host.patchbay.registry.plugin("google_sheets"))
        XCTAssertEqual(plugin.manifest.webhooks?.scheme, "google_channel_token")
        func parse(_ headers: [String: String]) async -> PluginReply {
            await plugin.call(.parseWebhook, PluginCall(webhook: InboundWebhook(headers: headers, body: "")),
                              context: .offline, timeout: .seconds(5))
        }
        let headers = [
            "x-goog-channel-id": "chan-42", "x-goog-message-number": "7", "x-goog-resource-state": "update",
            "x-goog-resource-id": "res-1", "x-goog-changed": "content", "x-goog-channel-token": "shared-secret",
        ]
        guard case .success(let data) = await parse(headers) else { return XCTFail("an update must parse") }
        let events = try WireCoding.decode([WebhookEvent].self, from: data)
        XCTAssertEqual(events.map(\.id), ["chan-42:7"])
        XCTAssertEqual(events.first?.key, "google_sheets.update")
        XCTAssertEqual(events.first?.type, "update")
        XCTAssertEqual(events.first?.payload["changed"], "content")
        XCTAssertNil(events.first?.payload["channel_token"], "the channel token is a secret and stays out of events")

        var sync = headers
        sync["x-goog-resource-state"] = "sync"
        guard case .success(let syncData) = await parse(sync) else { return XCTFail("sync must parse") }
        XCTAssertEqual(try WireCoding.decode([WebhookEvent].self, from: syncData), [], "the first, sync, message is only acknowledged")

        guard case .failure(let error) = await parse(["x-goog-resource-state": "update"]) else {
            return XCTFail("a delivery without a channel id must be refused")
        }
        XCTAssertEqual(error.code, "invalid_webhook")
    }
}
