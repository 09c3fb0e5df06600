import Foundation
import GRDB
import PatchbayModel
import PatchbayStore
import PatchbayWire
import XCTest

/// `StoreCopier` from a real SQLite store, seeded through its own methods with rows in every
/// table, into the tests' real PostgreSQL server.
final class StoreCopyTests: XCTestCase {
    private var server: PostgresServer!
    private var directory: String!
    private var sqlitePath: String { directory + "/patchbay.sqlite" }

    /// Every table the copy moves: all of them except host instances, the storage probe and
    /// the migration histories.
    static let copiedTables: Set<String> = [
        "accounts", "api_keys", "connections", "connection_schemas", "executions", "webhook_endpoints", "webhook_events",
        "webhook_subscriptions", "webhook_deliveries", "webhook_attempts", "oauth_apps", "oauth_states", "connection_auth",
        "vault_canary", "vault_retired_keys", "agents", "agent_versions", "mcp_sessions",
        "connectors", "rate_budgets", "idempotency_keys", "audit_log", "api_request_counts", "mcp_servers",
    ]

    override func setUpWithError() throws {
        server = try PostgresServer.shared()
        directory = NSTemporaryDirectory() + "patchbay-store-copy-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testCopiesEveryTableWithItsValuesAndVerifiesCountsAndChecksums() async throws {
        let store = try SQLiteStore(path: sqlitePath)
        try await Self.seed(store)
        let database = try server.makeEmptyDatabase()

        // The SQLite store stays open, as a serving host's would.
        let report = try await copier(database).copy()

        XCTAssertTrue(report.matches, report.rendered)
        XCTAssertEqual(Set(report.tables.map(\.name)), Self.copiedTables)
        for table in report.tables {
            XCTAssertGreaterThan(table.sourceRows, 0, "\(table.name) is seeded, so the copy is seen to move it")
            XCTAssertEqual(table.sourceRows, table.targetRows, table.name)
            XCTAssertEqual(table.sourceChecksum, table.targetChecksum, table.name)
            XCTAssertEqual(table.sourceChecksum.count, 64)
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, $0.targetRows) })["executions"], 3)
        XCTAssertEqual(report.runningExecutions, 0)
        XCTAssertTrue(report.rendered.contains("webhook_attempts"), report.rendered)

        // The values, read back by PostgreSQL itself.
        XCTAssertEqual(try server.psql(database, "SELECT name FROM accounts"), "Zürich ☃ 東京")
        XCTAssertEqual(try server.psql(database, "SELECT encode(salt, 'hex') || ' ' || length(hash) FROM api_keys"), "0001feff 32")
        XCTAssertEqual(try server.psql(database, "SELECT id || '=' || coalesce(retryable::text, 'null') FROM executions ORDER BY id"),
                       "ex_false=false\nex_nil=null\nex_true=true")
        XCTAssertEqual(try server.psql(database, "SELECT pg_typeof(retryable)::text FROM executions LIMIT 1"), "boolean")
        XCTAssertEqual(try server.psql(database, "SELECT end_user IS NULL, sealed_credentials FROM connections WHERE id = 'conn_1'"),
                       "t|pbv1.k1.sealed-as-is")
        XCTAssertEqual(try server.psql(database, "SELECT end_user FROM connections WHERE id = 'conn_2'"), "ünï@example.com")
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM webhook_events WHERE endpoint_id IS NULL"), "1",
                       "the host event, which has no endpoint")
        XCTAssertEqual(try server.psql(database, "SELECT version || ':' || coalesce(note, '') FROM agent_versions ORDER BY version"),
                       "1:first\n2:")
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM host_instances"), "0", "instances of the SQLite host are not copied")

        // PostgresStore reads back what SQLiteStore reads.
        let postgres = try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database)))
        defer { postgres.close() }
        let sqliteKey = try await store.apiKey(prefix: "pb_abc")
        let postgresKey = try await postgres.apiKey(prefix: "pb_abc")
        XCTAssertEqual(postgresKey, sqliteKey)
        for id in ["ex_true", "ex_false", "ex_nil"] {
            let sqliteExecution = try await store.execution(id: id, accountID: "acct_1")
            let postgresExecution = try await postgres.execution(id: id, accountID: "acct_1")
            XCTAssertEqual(postgresExecution, sqliteExecution, id)
        }
        let sqliteEvents = try await store.webhookEvents(accountID: "acct_1", after: 0, endpointIDs: [], providers: ["slack"], limit: 10)
        let postgresEvents = try await postgres.webhookEvents(accountID: "acct_1", after: 0, endpointIDs: [], providers: ["slack"], limit: 10)
        XCTAssertEqual(postgresEvents, sqliteEvents)
        XCTAssertEqual(postgresEvents.map(\.sequence), [1, 2])
        let sqliteVersions = try await store.agentVersions(agentID: "agent_1", accountID: "acct_1")
        let postgresVersions = try await postgres.agentVersions(agentID: "agent_1", accountID: "acct_1")
        XCTAssertEqual(postgresVersions, sqliteVersions)

        // SQLite handed out sequence 3 to an event since pruned: PostgreSQL does not hand it out again.
        XCTAssertEqual(try server.psql(database, "SELECT max(sequence) FROM webhook_events"), "2")
        XCTAssertEqual(report.sequences, ["webhook_events.sequence": 4])
        XCTAssertEqual(try server.psql(database, "SELECT nextval(pg_get_serial_sequence('webhook_events', 'sequence'))"), "4")
        _ = store
    }

    func testASecondCopyIntoTheNowNonEmptyTargetIsRefusedAndWritesNothing() async throws {
        let store = try SQLiteStore(path: sqlitePath)
        try await Self.seed(store)
        let database = try server.makeEmptyDatabase()
        _ = try await copier(database).copy()
        try await store.insertAccount(Account(id: "acct_2", name: "second", createdAt: 9))
        let before = try server.psql(database, "SELECT (SELECT count(*) FROM accounts) || ' ' || (SELECT count(*) FROM executions)")

        do {
            _ = try await copier(database).copy()
            XCTFail("a copy into a database with rows must be refused")
        } catch let error as StoreCopyError {
            XCTAssertTrue(error.description.contains("is not empty"), error.description)
            XCTAssertTrue(error.description.contains("accounts"), error.description)
            XCTAssertFalse(error.description.contains(PostgresServer.password), "no password in an error")
        }
        XCTAssertEqual(try server.psql(database, "SELECT (SELECT count(*) FROM accounts) || ' ' || (SELECT count(*) FROM executions)"),
                       before)
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM accounts WHERE id = 'acct_2'"), "0")
    }

    func testATargetWhoseColumnsDifferIsRefusedWithTheColumnNamed() async throws {
        let store = try SQLiteStore(path: sqlitePath)
        try await Self.seed(store)

        let missing = try await migratedDatabase()
        try server.psql(missing, "ALTER TABLE executions DROP COLUMN tool_call_id")
        try await assertRefused(missing, mentioning: "column executions.tool_call_id exists in SQLite but not in PostgreSQL")

        let extra = try await migratedDatabase()
        try server.psql(extra, "ALTER TABLE agents ADD COLUMN colour TEXT")
        try await assertRefused(extra, mentioning: "column agents.colour exists in PostgreSQL but not in SQLite")

        let table = try await migratedDatabase()
        try server.psql(table, "CREATE TABLE agent_notes (id TEXT PRIMARY KEY)")
        try await assertRefused(table, mentioning: "table agent_notes exists in PostgreSQL but not in SQLite")
        _ = store
    }

    /// SQLite keeps whatever it is given; a value PostgreSQL's column cannot take stops the
    /// copy, named, instead of being converted into something else.
    func testAValueThatDoesNotFitItsPostgresColumnStopsTheCopy() async throws {
        let store = try SQLiteStore(path: sqlitePath)
        try await Self.seed(store)
        try await DatabaseQueue(path: sqlitePath).write { db in
            try db.execute(sql: "UPDATE executions SET retryable = 2 WHERE id = 'ex_true'")
        }
        let database = try server.makeEmptyDatabase()
        try await assertRefused(database, mentioning: "executions.retryable holds the integer 2 in SQLite")
        _ = store
    }

    /// The checksums are taken from what PostgreSQL returns: a target that changes a value on
    /// the way in (here a trigger) fails the verification, and the transaction is rolled back.
    func testACopyThatDoesNotReadBackTheSameIsRolledBack() async throws {
        let store = try SQLiteStore(path: sqlitePath)
        try await Self.seed(store)
        let database = try await migratedDatabase()
        try server.psql(database, """
            CREATE FUNCTION mangle() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := NEW.note || '!'; RETURN NEW; END $$;
            CREATE TRIGGER mangle BEFORE INSERT ON agent_versions FOR EACH ROW EXECUTE FUNCTION mangle();
            """)

        let report = try await copier(database).copy()

        XCTAssertFalse(report.matches)
        XCTAssertEqual(report.tables.filter { !$0.matches }.map(\.name), ["agent_versions"], report.rendered)
        XCTAssertTrue(report.rendered.contains("MISMATCH"), report.rendered)
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM accounts"), "0", "nothing is committed")
        _ = store
    }

    /// Batched inserts: 100,000 events (with a 300-byte payload each) copy and verify in
    /// seconds. The bound is loose for a debug build on a loaded machine; the rate is printed.
    func testAHundredThousandEventsCopyInSeconds() async throws {
        let store = try SQLiteStore(path: sqlitePath)
        try await Self.seed(store)
        try await DatabaseQueue(path: sqlitePath).write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
                INSERT INTO webhook_events (id, account_id, endpoint_id, connection_id, provider, provider_event_id, type, key,
                                            occurred_at, payload, received_at)
                SELECT 'evt_bulk_' || i, 'acct_1', 'ep_1', 'conn_1', 'slack', 'bulk-' || i, 'message', 'slack.message', NULL,
                       '{"text":"' || hex(randomblob(140)) || '"}', 1000 + i FROM n
                """)
        }
        let database = try server.makeEmptyDatabase()

        let started = ContinuousClock.now
        let report = try await copier(database).copy()
        let total = ContinuousClock.now - started

        XCTAssertTrue(report.matches, report.rendered)
        XCTAssertEqual(report.tables.first { $0.name == "webhook_events" }?.targetRows, 100_002)
        print("copied \(report.copiedRows) rows in \(report.copyDuration) (\(Int(report.rowsPerSecond)) rows/s); "
              + "with schema, verification and commit \(total)")
        XCTAssertLessThan(total, .seconds(180))
        _ = store
    }

    /// A host still serving (or stopped uncleanly) leaves executions `running`: the copy says so.
    func testExecutionsStillRunningInTheSnapshotAreCounted() async throws {
        let store = try SQLiteStore(path: sqlitePath)
        try await Self.seed(store)
        try await store.insertExecution(ExecutionRecord(id: "ex_running", accountID: "acct_1", connectionID: "conn_1", provider: "slack",
                                                        action: "send_message", status: .running, startedAt: 30), durability: .onDisk)

        let report = try await copier(try server.makeEmptyDatabase()).copy()

        XCTAssertTrue(report.matches, report.rendered)
        XCTAssertEqual(report.runningExecutions, 1)
        _ = store
    }

    func testAMissingSQLiteDatabaseIsRefusedBeforeTheTargetIsTouched() async throws {
        let database = try server.makeEmptyDatabase()
        do {
            _ = try await copier(database).copy()
            XCTFail("there is nothing to copy")
        } catch let error as StoreCopyError {
            XCTAssertTrue(error.description.contains("there is no SQLite database at \(sqlitePath)"), error.description)
        }
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0")
    }

    // MARK: Helpers

    private func copier(_ database: String) throws -> StoreCopier {
        StoreCopier(sqlitePath: sqlitePath, target: try PostgresStoreURL(server.connectionString(database: database)))
    }

    /// A database with the schema in place, for a test to alter before copying.
    private func migratedDatabase() async throws -> String {
        let database = try server.makeEmptyDatabase()
        try await PostgresStore(url: PostgresStoreURL(server.connectionString(database: database))).close()
        return database
    }

    private func assertRefused(_ database: String, mentioning message: String, line: UInt = #line) async throws {
        do {
            _ = try await copier(database).copy()
            XCTFail("the copy should be refused", line: line)
        } catch let error as StoreCopyError {
            XCTAssertTrue(error.description.contains(message), error.description, line: line)
        }
        XCTAssertEqual(try server.psql(database, "SELECT count(*) FROM accounts"), "0", "nothing is written", line: line)
    }

    /// A row in every table, through the store's own methods: unicode text, bytes, NULLs, and
    /// `retryable` true, false and unknown.
    static func seed(_ store: SQLiteStore) async throws {
        let account = "acct_1"
        try await store.insertAccount(Account(id: account, name: "Zürich ☃ 東京", createdAt: 1))
        try await store.insertAPIKey(APIKeyRecord(id: "key_1", accountID: account, prefix: "pb_abc", salt: Data([0, 1, 0xfe, 0xff]),
                                                  hash: Data(repeating: 7, count: 32), scopes: ["integrations:read"], createdAt: 2))
        try await store.insertConnection(ConnectionRecord(
            id: "conn_1", accountID: account, provider: "slack", label: "Team ☃", config: ["team": "T1"], status: .active,
            sealedCredentials: "pbv1.k1.sealed-as-is", createdAt: 3, updatedAt: 3))
        try await store.insertConnection(ConnectionRecord(
            id: "conn_2", accountID: account, provider: "github", label: "end user", config: [:], status: .active,
            sealedCredentials: nil, createdAt: 4, updatedAt: 4, endUser: "ünï@example.com"))
        try await store.saveSchema(SchemaSnapshot(connectionID: "conn_1", schema: DiscoveredSchema(objects: []), discoveredAt: 5))
        for (id, retryable) in [("ex_true", true), ("ex_false", false), ("ex_nil", nil)] as [(String, Bool?)] {
            try await store.insertExecution(ExecutionRecord(
                id: id, accountID: account, connectionID: "conn_1", provider: "slack", action: "send_message", status: .failed,
                startedAt: 6, finishedAt: 7, durationMs: 1, errorCode: "upstream_error", errorMessage: "nö", retryable: retryable,
                upstreamStatus: 502, requests: [["method": "POST"]]), durability: .onDisk)
        }

        try await store.insertWebhookEndpoint(WebhookEndpointRecord(
            id: "ep_1", accountID: account, connectionID: "conn_1", provider: "slack", status: .active, sealedSecret: "pbv1.k1.ep",
            channelID: nil, resourceID: nil, createdAt: 8, updatedAt: 8))
        try await store.countWebhookReceipt(endpointID: "ep_1", verified: true)
        try await store.insertWebhookSubscription(WebhookSubscriptionRecord(
            id: "sub_1", accountID: account, agentID: "agent_1", endpointID: "ep_1", provider: nil, patterns: ["slack.*"], mode: .push,
            url: "https://agent.example/hook", sealedSecrets: "pbv1.k1.sub", status: .active, disabledReason: nil,
            createdAt: 9, updatedAt: 9))
        func event(_ id: String, endpoint: String?, receivedAt: Millis) -> WebhookEventRecord {
            WebhookEventRecord(id: id, accountID: account, endpointID: endpoint, connectionID: "conn_1", provider: "slack",
                               providerEventID: id, type: "message", key: "slack.message", occurredAt: nil,
                               payload: ["text": "grüße"], receivedAt: receivedAt)
        }
        _ = try await store.storeInboundEvents([
            InboundEvent(event: event("evt_1", endpoint: "ep_1", receivedAt: 10), deliveries: [(id: "del_1", subscriptionID: "sub_1")]),
            InboundEvent(event: event("evt_host", endpoint: nil, receivedAt: 11), deliveries: []),
        ])
        // Handed sequence 3, then pruned: the copy must not let PostgreSQL hand out 3 again.
        _ = try await store.storeInboundEvents([InboundEvent(event: event("evt_old", endpoint: "ep_1", receivedAt: 1), deliveries: [])])
        let pruned = try await store.pruneWebhookEvents(receivedBefore: 2, limit: 10)
        precondition(pruned == 1, "the seed prunes one event")
        let delivery = WebhookDeliveryRecord(id: "del_1", accountID: account, subscriptionID: "sub_1", eventID: "evt_1",
                                             status: .succeeded, attempts: 1, nextAttemptAt: 12, lastStatusCode: 200,
                                             createdAt: 10, updatedAt: 12)
        try await store.finishWebhookAttempts([FinishedAttempt(
            delivery: delivery,
            attempt: WebhookAttemptRecord(id: "att_1", deliveryID: "del_1", attemptedAt: 12, durationMs: 3, statusCode: 200, error: nil),
            disableSubscription: nil)])

        try await store.saveOAuthApp(OAuthAppRecord(
            id: "app_1", accountID: account, provider: "github", clientID: "client", sealedClientSecret: "pbv1.k1.app",
            scopes: ["repo"], redirectURI: "https://host.example/oauth/callback", createdAt: 13, updatedAt: 13))
        try await store.insertOAuthState(OAuthStateRecord(
            id: "state_1", accountID: account, connectionID: "conn_2", sealedVerifier: nil,
            redirectURI: "https://host.example/oauth/callback", expiresAt: 99_999_999_999_999, createdAt: 14))
        _ = try await store.saveTokens(connectionID: "conn_2", accountID: account, sealedCredentials: "pbv1.k1.tokens",
                                       expiresAt: 20, at: 15, leaseOwner: nil)
        try await store.saveVaultCanary("pbv1.k1.canary", at: 16)
        try await store.retireKey("k0", at: 17)

        try await store.insertAgent(AgentRecord(
            id: "agent_1", accountID: account, name: "helper", description: "hilfreich", variables: [:],
            draft: [SkillDefinition(name: "post", description: "post", connectionID: "conn_1", provider: "slack",
                                    action: "send_message", presets: [:], inputSchema: ["type": "object"], requiresApproval: false)],
            liveVersion: nil, createdAt: 18, updatedAt: 18))
        _ = try await store.publishAgent(id: "agent_1", accountID: account, note: "first", at: 19)
        _ = try await store.publishAgent(id: "agent_1", accountID: account, note: nil, at: 20)

        let opened = try await store.openMCPSession(
            MCPSessionRecord(id: "mcp_1", accountID: account, agentID: "agent_1", initialize: ["protocolVersion": "2025-06-18"],
                             createdAt: 21, lastUsedAt: 22), limit: 10, liveSince: 0)
        precondition(opened, "the seed opens an MCP session")

        try await store.insertConnector(ConnectorRecord(
            id: "ctr_1", accountID: account, namespace: "default", name: "things",
            definition: ["base_url": "https://api.example.com", "auth": ["type": "none"]], createdAt: 23, updatedAt: 24))
        try await store.insertMCPServer(MCPServerRecord(
            id: "conn_2", accountID: account, url: "https://mcp.example.com/mcp", tools: [["name": "ünï"]],
            serverInfo: ["name": "☃"], createdAt: 28, toolsUpdatedAt: 29))
        try await store.recordRateBudget(RateBudgetRecord(key: "connection:conn_1", notBefore: 25, remaining: 0, resetAt: 26,
                                                          bucketUsed: 39, bucketMax: 40, observedAt: 27))
        _ = try await store.claimIdempotencyKey(IdempotencyRecord(accountID: account, key: "retry-1", fingerprint: "f", claimToken: "t",
                                                                  createdAt: 28, expiresAt: 29), staleBefore: 0)
        _ = try await store.completeIdempotencyKey(accountID: account, key: "retry-1", claimToken: "t",
                                                   response: StoredResponse(status: 201, headers: ["content-type": "application/json"],
                                                                            body: Data([0x7B, 0x7D])))
        try await store.appendAuditEntry(AuditEntry(id: "aud_1", accountID: account, keyID: nil, action: "connection.created",
                                                    target: "conn_1", changes: ["label": "Zürich"], createdAt: 30))
        _ = try await store.countAPIRequest(key: "key_1", windowStart: 31)

        // Not copied: the SQLite host's own heartbeat and readiness probe.
        try await store.saveHostInstance(HostInstanceRecord(id: store.instanceID, machine: "here", pid: 1, startedAt: 1, heartbeatAt: 1))
        _ = await store.storageProblem()
    }
}
