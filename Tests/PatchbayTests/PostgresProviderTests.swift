import Foundation
import PatchbayWire
import XCTest

/// The Postgres plugin end to end against a real PostgreSQL server: HTTP API → services →
/// dlopened plugin → its own connection to the database, opened and closed per call.
final class PostgresProviderTests: XCTestCase {
    var server: PostgresServer!
    var database: String!
    var host: TestHost!
    var key: String!
    var connection: String!
    /// Every reply body the test saw, to check that no secret ever leaves the host.
    var bodies: [String] = []

    override func setUp() async throws {
        server = try PostgresServer.shared()
        database = try server.makeDatabase()
        // The test database listens on loopback, which a connection string may name only when allowed.
        host = try await TestHost.start(plugins: ["PatchbayPostgres"], allowEgress: ["127.0.0.0/8"])
        key = try await host.key()
        connection = try await connect()
    }

    override func tearDown() async throws {
        try await host.stop()
        let secrets = [server.connectionString(database: database), PostgresServer.password]
        for body in bodies {
            for secret in secrets { XCTAssertFalse(body.contains(secret), "a reply leaked a secret: \(body)") }
        }
    }

    // MARK: Helpers

    func connect(config: JSONValue = [:], connectionString: String? = nil) async throws -> String {
        let reply = try await request("POST", "/v1/connections", [
            "provider": "postgres", "config": config,
            "credentials": ["connection_string": .string(connectionString ?? server.connectionString(database: database))],
        ])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("connect postgres: \(reply.status) \(reply.body)")
        }
        return id
    }

    func request(_ method: String, _ path: String, _ json: JSONValue? = nil) async throws -> TestHost.Reply {
        let reply = json == nil ? try await host.request(method, path, key: key)
                                : try await host.request(method, path, key: key, json: json!)
        bodies.append(reply.body)
        return reply
    }

    func invoke(_ action: String, _ input: JSONValue, on connection: String? = nil) async throws -> TestHost.Reply {
        try await request("POST", "/v1/connections/\(connection ?? self.connection!)/actions/\(action)/invoke", ["input": input])
    }

    func output(_ action: String, _ input: JSONValue) async throws -> JSONValue {
        let reply = try await invoke(action, input)
        XCTAssertEqual(reply.status, 200, reply.body)
        return reply.json["output"] ?? .null
    }

    func rows(_ output: JSONValue) -> [JSONValue] { output["rows"]?.arrayValue ?? [] }

    // MARK: Connection

    func testTestConnectionReportsDatabaseAndUserAndFailsOnAWrongPassword() async throws {
        let good = try await request("POST", "/v1/connections/\(connection!)/test")
        XCTAssertEqual(good.status, 200, good.body)
        XCTAssertEqual(good.json["success"], true)
        XCTAssertEqual(good.json["message"]?.stringValue, "Connected to \(database!) as pb")

        let wrong = try await connect(connectionString: server.connectionString(database: database, password: "not-the-password"))
        let refused = try await request("POST", "/v1/connections/\(wrong)/test")
        XCTAssertEqual(refused.status, 200, refused.body)
        XCTAssertEqual(refused.json["success"], false)
        XCTAssertTrue(refused.json["message"]?.stringValue?.contains("password authentication failed") == true, refused.body)
        XCTAssertFalse(refused.body.contains("not-the-password"))

        let invoked = try await invoke("list_tables", [:], on: wrong)
        XCTAssertEqual(invoked.status, 422, invoked.body)
        XCTAssertEqual(invoked.errorCode, "invalid_credentials")
        XCTAssertFalse(invoked.body.contains("not-the-password"))
    }

    func testAConnectionStringThatIsNotAPostgresURLIsRefusedAtConnect() async throws {
        let reply = try await request("POST", "/v1/connections", [
            "provider": "postgres", "credentials": ["connection_string": "mysql://pb:x@127.0.0.1/db"],
        ])
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.errorField, "credentials.connection_string")
    }

    func testAnUnreachableServerIsARetryableConnectionFailure() async throws {
        let closedPort = try await connect(connectionString: "postgres://pb:\(PostgresServer.password)@127.0.0.1:1/\(database!)?sslmode=disable")
        let reply = try await invoke("list_tables", [:], on: closedPort)
        XCTAssertEqual(reply.status, 502, reply.body)
        XCTAssertEqual(reply.errorCode, "connection_failed")
        XCTAssertEqual(reply.json["error"]?["retryable"], true)
    }

    // MARK: TLS

    /// Whether the session that ran the query is encrypted, as the server sees it.
    func usesTLS(_ connection: String) async throws -> JSONValue? {
        let reply = try await invoke("run_query", ["sql": "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"], on: connection)
        XCTAssertEqual(reply.status, 200, reply.body)
        return rows(reply.json["output"] ?? .null).first?["ssl"]
    }

    func testSSLModesDecideWhetherTheSessionIsEncrypted() async throws {
        let plain = try await connect(connectionString: server.connectionString(database: database, sslMode: "disable"))
        let required = try await connect(connectionString: server.connectionString(database: database, sslMode: "require"))
        let preferred = try await connect(connectionString: server.connectionString(database: database, sslMode: "prefer"))
        let plainTLS = try await usesTLS(plain)
        let requiredTLS = try await usesTLS(required)
        let preferredTLS = try await usesTLS(preferred)
        XCTAssertEqual(plainTLS, false)
        XCTAssertEqual(requiredTLS, true)
        XCTAssertEqual(preferredTLS, true)
    }

    func testVerifyFullTrustsOnlyTheConfiguredCAAndChecksTheHostName() async throws {
        let trusted = try await connect(config: ["ca_certificate": .string(server.caCertificate)],
                                        connectionString: server.connectionString(database: database, sslMode: "verify-full"))
        let trustedTLS = try await usesTLS(trusted)
        XCTAssertEqual(trustedTLS, true)
        let byName = try await connect(config: ["ca_certificate": .string(server.caCertificate)],
                                       connectionString: server.connectionString(database: database, host: "localhost", sslMode: "verify-full"))
        let byNameTLS = try await usesTLS(byName)
        XCTAssertEqual(byNameTLS, true)

        // The system's roots do not know the test CA, and another CA did not sign the server.
        let systemRoots = try await connect(connectionString: server.connectionString(database: database, sslMode: "verify-full"))
        let otherCA = try await connect(config: ["ca_certificate": .string(server.unrelatedCACertificate)],
                                        connectionString: server.connectionString(database: database, sslMode: "verify-ca"))
        for refused in [systemRoots, otherCA] {
            let reply = try await invoke("list_tables", [:], on: refused)
            XCTAssertEqual(reply.status, 422, reply.body)
            XCTAssertEqual(reply.errorCode, "tls_failed", reply.body)
            XCTAssertEqual(reply.json["error"]?["retryable"], false)
        }
    }

    func testACACertificateThatIsNotPEMIsRefused() async throws {
        let reply = try await request("POST", "/v1/connections", [
            "provider": "postgres", "config": ["ca_certificate": "not a certificate"],
            "credentials": ["connection_string": .string(server.connectionString(database: database, sslMode: "verify-full"))],
        ])
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.errorField, "config.ca_certificate")

        let garbled = try await connect(config: ["ca_certificate": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
                                        connectionString: server.connectionString(database: database, sslMode: "verify-full"))
        let invoked = try await invoke("list_tables", [:], on: garbled)
        XCTAssertEqual(invoked.status, 422, invoked.body)
        XCTAssertEqual(invoked.errorCode, "invalid_config", invoked.body)
    }

    // MARK: Reading

    func testListTablesShowsTheSchemasTables() async throws {
        let tables = try await output("list_tables", [:])["tables"]?.arrayValue ?? []
        XCTAssertEqual(tables.compactMap { $0["name"]?.stringValue }, ["customers", "order_items", "orders", "products"])
        XCTAssertTrue(tables.allSatisfy { $0["schema"] == "public" && $0["type"] == "table" })

        try server.psql(database, "ANALYZE customers")
        let analyzed = try await output("list_tables", [:])["tables"]?.arrayValue ?? []
        XCTAssertEqual(analyzed.first { $0["name"] == "customers" }?["estimated_rows"], 3)

        let missing = try await connect(config: ["schema": "nowhere"])
        let reply = try await invoke("list_tables", [:], on: missing)
        XCTAssertEqual(reply.status, 422, reply.body)
        XCTAssertEqual(reply.errorCode, "invalid_schema_name")
    }

    func testSelectRowsFiltersOrdersPagesAndConvertsEveryType() async throws {
        let ada = try await output("select_rows", ["table": "customers", "filters": [["column": "id", "op": "eq", "value": 1]]])
        XCTAssertEqual(ada["count"], 1)
        XCTAssertEqual(ada["has_more"], false)
        let row = try XCTUnwrap(rows(ada).first)
        XCTAssertEqual(row["id"], 1)
        XCTAssertEqual(row["name"], "Ada Lovelace")
        XCTAssertEqual(row["external_id"], "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b")
        XCTAssertEqual(row["created_at"], "2024-01-02T03:04:05.123456Z")
        XCTAssertEqual(row["preferences"], ["newsletter": true, "lang": "en", "score": 7])
        XCTAssertEqual(row["tags"], ["vip", "early"])

        let grace = rows(try await output("select_rows", ["table": "customers", "filters": [["column": "email", "op": "is_null", "value": true]]]))
        XCTAssertEqual(grace.map { $0["name"] }, ["Grace Hopper"])
        XCTAssertEqual(grace.first?["email"], .null)
        XCTAssertEqual(grace.first?["preferences"], .null)

        let products = rows(try await output("select_rows", [
            "table": "products", "columns": ["sku", "price", "weight_kg", "active"],
            "filters": [["column": "price", "op": "gte", "value": 19.5], ["column": "title", "op": "ilike", "value": "%O%"]],
            "order_by": [["column": "price", "direction": "desc"]],
        ]))
        XCTAssertEqual(products.map { $0["sku"] }, ["SKU-3", "SKU-1", "SKU-2"])
        XCTAssertEqual(products.first?.objectValue?.keys.sorted(), ["active", "price", "sku", "weight_kg"])
        XCTAssertTrue(products[1]["price"]?.jsonEquals(49.99) == true, "\(products[1])")
        XCTAssertEqual(products[1]["weight_kg"], 0.8)
        XCTAssertEqual(products[2]["weight_kg"], .null)
        XCTAssertEqual(products[0]["active"], false)

        let page = try await output("select_rows", ["table": "orders", "order_by": [["column": "id"]], "limit": 2])
        XCTAssertEqual(rows(page).map { $0["id"] }, [1, 2])
        XCTAssertEqual(page["has_more"], true)
        let rest = try await output("select_rows", ["table": "orders", "order_by": [["column": "id"]], "limit": 2, "offset": 2])
        XCTAssertEqual(rows(rest).map { $0["id"] }, [3])
        XCTAssertEqual(rest["has_more"], false)
        XCTAssertEqual(rows(rest).first?["placed_at"], "2024-03-15T08:30:00Z")

        let some = rows(try await output("select_rows", [
            "table": "orders", "filters": [["column": "status", "op": "in", "value": ["paid", "shipped"]],
                                           ["column": "placed_at", "op": "lt", "value": "2024-03-01T00:00:00Z"]],
        ]))
        XCTAssertEqual(some.map { $0["id"] }, [1])

        let tooMany = try await invoke("select_rows", ["table": "orders", "limit": 1001])
        XCTAssertEqual(tooMany.status, 400)
        XCTAssertEqual(tooMany.errorField, "input.limit")
    }

    // MARK: Writing

    func testInsertReturnsTheStoredRowAndUpdateChangesItByPrimaryKey() async throws {
        let inserted = try await output("insert_row", ["table": "customers", "values": [
            "name": "Edsger Dijkstra", "email": "ewd@example.com", "preferences": ["lang": "nl", "shortcuts": [1, 2]],
            "tags": ["structured", "go to"],
        ]])["row"]
        XCTAssertEqual(inserted?["id"], 4, "the sequence's next id comes back through RETURNING")
        XCTAssertEqual(inserted?["preferences"], ["lang": "nl", "shortcuts": [1, 2]])
        XCTAssertEqual(inserted?["tags"], ["structured", "go to"])
        XCTAssertEqual(inserted?["external_id"]?.stringValue?.count, 36, "defaults are filled in")
        XCTAssertEqual(try server.psql(database, "SELECT tags[2] || '|' || (preferences->>'lang') FROM customers WHERE id = 4"), "go to|nl")

        let updated = try await output("update_rows", ["table": "customers", "key": ["id": 4], "values": ["email": nil, "name": "E. W. Dijkstra"]])
        XCTAssertEqual(updated["count"], 1)
        XCTAssertEqual(rows(updated).first?["name"], "E. W. Dijkstra")
        XCTAssertEqual(rows(updated).first?["email"], .null)

        let line = try await output("update_rows", ["table": "order_items", "key": ["order_id": 1, "line_no": 2], "values": ["quantity": 3]])
        XCTAssertEqual(rows(line).first?["quantity"], 3)
        XCTAssertEqual(try server.psql(database, "SELECT quantity FROM order_items WHERE order_id = 1 AND line_no = 2"), "3")
        let nobody = try await output("update_rows", ["table": "customers", "key": ["id": 999], "values": ["name": "x"]])
        XCTAssertEqual(nobody["count"], 0)
    }

    func testUpdateRefusesAKeyThatIsNotExactlyThePrimaryKey() async throws {
        let cases: [JSONValue] = [
            ["table": "order_items", "key": ["order_id": 1], "values": ["quantity": 9]],
            ["table": "order_items", "key": ["order_id": 1, "line_no": 1, "product_sku": "SKU-1"], "values": ["quantity": 9]],
            ["table": "customers", "key": ["email": "ada@example.com"], "values": ["name": "x"]],
            ["table": "customers", "key": [:], "values": ["name": "x"]],
        ]
        for input in cases {
            let reply = try await invoke("update_rows", input)
            XCTAssertEqual(reply.status, 400, reply.body)
            XCTAssertEqual(reply.errorCode, "invalid_input")
            XCTAssertEqual(reply.errorField, "input.key")
        }
        XCTAssertEqual(try server.psql(database, "SELECT sum(quantity) FROM order_items"), "3", "nothing was updated")
        XCTAssertEqual(try server.psql(database, "SELECT name FROM customers WHERE id = 1"), "Ada Lovelace")
    }

    func testConstraintViolationsCarryTheirSQLStateNames() async throws {
        let cases: [(JSONValue, String, String)] = [
            (["table": "customers", "values": ["name": "Copy", "email": "ada@example.com"]], "unique_violation", "23505"),
            (["table": "orders", "values": ["customer_id": 42]], "foreign_key_violation", "23503"),
            (["table": "products", "values": ["sku": "SKU-9", "price": 1]], "not_null_violation", "23502"),
            (["table": "order_items", "values": ["order_id": 2, "line_no": 1, "product_sku": "SKU-1", "quantity": 0]], "check_violation", "23514"),
            (["table": "orders", "values": ["customer_id": "not a number"]], "invalid_text_representation", "22P02"),
        ]
        for (input, code, state) in cases {
            let reply = try await invoke("insert_row", input)
            XCTAssertEqual(reply.status, 422, reply.body)
            XCTAssertEqual(reply.errorCode, code)
            XCTAssertEqual(reply.json["error"]?["retryable"], false)
            XCTAssertFalse(reply.json["error"]?["message"]?.stringValue?.isEmpty ?? true)
            let execution = try await request("GET", "/v1/executions/\(reply.json["error"]?["execution_id"]?.stringValue ?? "")")
            XCTAssertEqual(execution.json["error"]?["code"]?.stringValue, code, state)
        }
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM orders"), "3")
    }

    // MARK: run_query

    func testRunQueryBindsParamsAndRefusesWrites() async throws {
        let counted = try await output("run_query", [
            "sql": "SELECT status, count(*) AS n, sum(total) AS total FROM orders WHERE customer_id = $1 GROUP BY status ORDER BY status",
            "params": [1],
        ])
        XCTAssertEqual(rows(counted).map { $0["status"] }, ["paid", "pending"])
        XCTAssertEqual(rows(counted).first?["n"], 1)
        XCTAssertEqual(rows(counted).last?["total"], .null)

        let typed = try await output("run_query", [
            "sql": .string("SELECT 12345678901234567890.123::numeric AS big, -0.5::numeric AS half, 7::int2 AS small, 'x' AS a, 'y' AS a, "
                + "DATE '2024-02-29' AS day, TIMESTAMP '2024-01-01 12:00:00.5' AS local, "
                + "ARRAY[[1,2],[3,NULL]] AS grid, $1::uuid AS id, id = ANY($2) AS listed FROM customers WHERE id = 1"),
            "params": ["6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", [1, 3]],
        ])
        let values = try XCTUnwrap(rows(typed).first)
        XCTAssertEqual(values["big"], "12345678901234567890.123", "beyond double precision: exact text")
        XCTAssertEqual(values["half"], -0.5)
        XCTAssertEqual(values["small"], 7)
        XCTAssertEqual(values["a"], "x")
        XCTAssertEqual(values["a_2"], "y")
        XCTAssertEqual(values["day"], "2024-02-29")
        XCTAssertEqual(values["local"], "2024-01-01T12:00:00.5")
        XCTAssertEqual(values["grid"], [[1, 2], [3, nil]])
        XCTAssertEqual(values["id"], "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b")
        XCTAssertEqual(values["listed"], true)

        let interval = try await invoke("run_query", ["sql": "SELECT interval '1 day' AS span"])
        XCTAssertEqual(interval.status, 422, interval.body)
        XCTAssertEqual(interval.errorCode, "unsupported_type")
        let cast = try await output("run_query", ["sql": "SELECT interval '1 day'::text AS span"])
        XCTAssertEqual(rows(cast).first?["span"], "1 day")

        for sql in ["INSERT INTO customers (name) VALUES ('Mallory')", "DROP TABLE order_items", "UPDATE orders SET status = 'void'"] {
            let write = try await invoke("run_query", ["sql": .string(sql)])
            XCTAssertEqual(write.status, 422, write.body)
            XCTAssertEqual(write.errorCode, "read_only_violation", sql)
        }
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM customers"), "3")
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM order_items"), "3")

        let limited = try await output("run_query", ["sql": "SELECT generate_series(1, 50) AS n", "max_rows": 10])
        XCTAssertEqual(limited["count"], 10)
        XCTAssertEqual(limited["truncated"], true)
        let broken = try await invoke("run_query", ["sql": "SELEC 1"])
        XCTAssertEqual(broken.errorCode, "syntax_error")
        let missing = try await invoke("run_query", ["sql": "SELECT * FROM invoices"])
        XCTAssertEqual(missing.errorCode, "undefined_table")
    }

    func testTheStatementTimeoutCancelsASlowQuery() async throws {
        let impatient = try await connect(config: ["statement_timeout_ms": 200])
        let started = ContinuousClock.now
        let reply = try await invoke("run_query", ["sql": "SELECT pg_sleep(10)"], on: impatient)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
        XCTAssertEqual(reply.status, 422, reply.body)
        XCTAssertEqual(reply.errorCode, "query_canceled")
        XCTAssertTrue(reply.json["error"]?["message"]?.stringValue?.contains("statement timeout") == true, reply.body)

        let tooLong = try await request("POST", "/v1/connections", [
            "provider": "postgres", "config": ["statement_timeout_ms": 600_000],
            "credentials": ["connection_string": .string(server.connectionString(database: database))],
        ])
        XCTAssertEqual(tooLong.status, 400, tooLong.body)
    }

    // MARK: Injection

    func testSQLInValuesIsStoredVerbatim() async throws {
        let payloads = ["Robert'); DROP TABLE orders;--", "x\" OR \"1\"=\"1", "$1; DELETE FROM customers", "' OR 1=1 --"]
        for payload in payloads {
            let row = try await output("insert_row", ["table": "customers", "values": ["name": .string(payload)]])["row"]
            XCTAssertEqual(row?["name"]?.stringValue, payload)
            let found = try await output("select_rows", ["table": "customers", "filters": [["column": "name", "op": "eq", "value": .string(payload)]]])
            XCTAssertEqual(rows(found).map { $0["name"] }, [.string(payload)])
        }
        let none = try await output("select_rows", ["table": "customers", "filters": [["column": "name", "op": "eq", "value": "' OR '1'='1"]]])
        XCTAssertEqual(none["count"], 0)
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM orders"), "3")
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM customers"), "7")
    }

    func testSQLInIdentifiersIsRefusedBeforeAnyStatementRuns() async throws {
        let evil = "customers; drop table orders"
        let cases: [(String, JSONValue, String)] = [
            ("select_rows", ["table": .string(evil)], "input.table"),
            ("select_rows", ["table": "customers", "columns": [.string(evil)]], "input.columns[0]"),
            ("select_rows", ["table": "customers", "filters": [["column": .string(evil), "op": "eq", "value": 1]]], "input.filters[0].column"),
            ("select_rows", ["table": "customers", "order_by": [["column": "id\" DESC; DROP TABLE orders; --"]]], "input.order_by[0].column"),
            ("insert_row", ["table": .string(evil), "values": ["name": "x"]], "input.table"),
            ("insert_row", ["table": "customers", "values": [.init(stringLiteral: "name\") VALUES ('x'); DROP TABLE orders; --"): "x"]],
             "input.values.name\") VALUES ('x'); DROP TABLE orders; --"),
            ("update_rows", ["table": "customers", "key": ["id": 1], "values": [.init(stringLiteral: evil): "x"]], "input.values.\(evil)"),
            ("select_rows", ["table": "pg_catalog.pg_authid"], "input.table"),
        ]
        for (action, input, field) in cases {
            let reply = try await invoke(action, input)
            XCTAssertEqual(reply.status, 400, "\(action) \(reply.body)")
            XCTAssertEqual(reply.errorCode, "invalid_input")
            XCTAssertEqual(reply.errorField, field)
        }
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM orders"), "3")
        XCTAssertEqual(try server.psql(database, "SELECT name FROM customers WHERE id = 1"), "Ada Lovelace")
    }

    // MARK: Discovery

    func testDiscoveryDescribesTablesColumnsKeysAndForeignKeys() async throws {
        let reply = try await request("POST", "/v1/connections/\(connection!)/discover")
        XCTAssertEqual(reply.status, 200, reply.body)
        let stored = try await request("GET", "/v1/connections/\(connection!)/schema")
        XCTAssertEqual(stored.status, 200, stored.body)
        let schema = try stored.json.decode(DiscoveredSchema.self)

        XCTAssertEqual(schema.objects.map(\.name), ["customers", "order_items", "orders", "products"])
        func fields(_ table: String) -> [String] {
            (schema.objects.first { $0.name == table }?.fields ?? []).map { field in
                "\(field.name) \(field.type) \(field.nativeType ?? "?")\(field.nullable ? " null" : "")\(field.primaryKey ? " pk" : "")"
            }
        }
        XCTAssertEqual(fields("customers"), [
            "id integer integer pk", "name string text", "email string text null", "external_id string uuid",
            "created_at string timestamp with time zone", "preferences object jsonb null", "tags array text[] null",
        ])
        XCTAssertEqual(fields("products"), [
            "sku string text pk", "title string character varying(200)", "price number numeric(10,2)",
            "weight_kg number double precision null", "active boolean boolean",
        ])
        XCTAssertEqual(fields("orders"), [
            "id integer bigint pk", "customer_id integer integer", "status string text", "total number numeric(12,2) null",
            "placed_at string timestamp with time zone null", "note string text null",
        ])
        XCTAssertEqual(fields("order_items"), [
            "order_id integer bigint pk", "line_no integer smallint pk", "product_sku string text", "quantity integer integer",
        ])

        let relationships = schema.relationships.map { "\($0.from)(\($0.fromFields.joined(separator: ","))) → \($0.to)(\($0.toFields.joined(separator: ","))) \($0.cardinality.rawValue)" }
        XCTAssertEqual(Set(relationships), [
            "orders(customer_id) → customers(id) many_to_one",
            "order_items(order_id) → orders(id) many_to_one",
            "order_items(product_sku) → products(sku) many_to_one",
        ])
        XCTAssertEqual(relationships.count, 3)

        let operations = schema.operations.filter { $0.object == "order_items" }.map { "\($0.kind.rawValue) \($0.action)" }
        XCTAssertEqual(operations, ["list select_rows", "lookup select_rows", "create insert_row", "update update_rows"])
        XCTAssertEqual(Set(schema.operations.map(\.object)), ["customers", "order_items", "orders", "products"])
    }

    // MARK: Secrets

    func testTheConnectionStringNeverAppearsInResponses() async throws {
        let wrong = try await connect(connectionString: server.connectionString(database: "no_such_db"))
        let errors = [
            try await invoke("list_tables", [:], on: wrong),
            try await request("POST", "/v1/connections/\(wrong)/test"),
            try await request("POST", "/v1/connections/\(wrong)/discover"),
        ]
        XCTAssertEqual(errors[0].errorCode, "database_not_found", errors[0].body)
        _ = try await request("GET", "/v1/connections/\(connection!)")
        _ = try await request("GET", "/v1/connections")
        _ = try await request("GET", "/v1/executions")
        _ = try await invoke("run_query", ["sql": "SELECT current_setting('application_name') AS app"])
        let catalog = try await request("GET", "/v1/catalog/postgres")
        XCTAssertEqual(catalog.status, 200, catalog.body)
        // tearDown checks every body this test saw for the connection string and the password.
        XCTAssertGreaterThan(bodies.count, 8)
    }
}
