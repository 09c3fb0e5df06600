import Foundation
public import PatchbayModel
import PatchbayWire
import PostgresNIO

/// Accounts, API keys, connections, schemas and executions, as `SQLiteStore` keeps them.
extension PostgresStore {
    // MARK: Accounts and keys

    public func account(named name: String) async throws -> Account? {
        try await rows("SELECT * FROM accounts WHERE name = \(name)").first.map(Self.account)
    }

    public func account(id: String) async throws -> Account? {
        try await rows("SELECT * FROM accounts WHERE id = \(id)").first.map(Self.account)
    }

    public func insertAccount(_ account: Account) async throws {
        try await write("INSERT INTO accounts (id, name, created_at) VALUES (\(account.id), \(account.name), \(account.createdAt))")
    }

    public func insertAPIKey(_ key: APIKeyRecord) async throws {
        try await write("""
            INSERT INTO api_keys (id, account_id, prefix, salt, hash, scopes, created_at, revoked_at, rate_limit)
            VALUES (\(key.id), \(key.accountID), \(key.prefix), \(key.salt), \(key.hash), \(key.scopes.joined(separator: " ")),
                \(key.createdAt), \(key.revokedAt), \(key.rateLimit))
            """)
    }

    public func apiKey(prefix: String) async throws -> APIKeyRecord? {
        try await rows("SELECT * FROM api_keys WHERE prefix = \(prefix)").first.map(Self.apiKey)
    }

    // MARK: Connections

    public func insertConnection(_ connection: ConnectionRecord) async throws {
        let config = try Self.text(connection.config)
        try await write("""
            INSERT INTO connections (id, account_id, provider, label, config, status, sealed_credentials, created_at, updated_at,
                end_user)
            VALUES (\(connection.id), \(connection.accountID), \(connection.provider), \(connection.label), \(config),
                \(connection.status.rawValue), \(connection.sealedCredentials), \(connection.createdAt), \(connection.updatedAt),
                \(connection.endUser))
            """)
    }

    public func connection(id: String, accountID: String) async throws -> ConnectionRecord? {
        try await rows("SELECT * FROM connections WHERE id = \(id) AND account_id = \(accountID)").first.map(Self.connection)
    }

    public func connections(accountID: String, filter: ConnectionFilter, page: PageRequest) async throws -> Page<ConnectionRecord> {
        var conditions = PostgresConditions("account_id = ?", accountID)
        if let provider = filter.provider { conditions.append("provider = ?", provider) }
        if let status = filter.status { conditions.append("status = ?", status.rawValue) }
        return try await self.page(table: "connections", conditions: conditions, page: page, decode: Self.connection,
                                   cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateConnection(_ connection: ConnectionRecord) async throws {
        let config = try Self.text(connection.config)
        try await write("""
            UPDATE connections SET label = \(connection.label), config = \(config), status = \(connection.status.rawValue),
                sealed_credentials = \(connection.sealedCredentials), updated_at = \(connection.updatedAt)
            WHERE id = \(connection.id) AND account_id = \(connection.accountID)
            """)
    }

    public func connectedProviders(accountID: String) async throws -> Set<String> {
        Set(try await rows("SELECT DISTINCT provider FROM connections WHERE account_id = \(accountID) AND status = 'active'")
            .map { try $0.value("provider", as: String.self) })
    }

    // MARK: Schemas

    public func saveSchema(_ snapshot: SchemaSnapshot) async throws {
        let schema = try Self.text(snapshot.schema)
        try await write("""
            INSERT INTO connection_schemas (connection_id, schema, discovered_at)
            VALUES (\(snapshot.connectionID), \(schema), \(snapshot.discoveredAt))
            ON CONFLICT (connection_id) DO UPDATE SET schema = excluded.schema, discovered_at = excluded.discovered_at
            """)
    }

    public func schema(connectionID: String, accountID: String) async throws -> SchemaSnapshot? {
        try await rows("""
            SELECT s.* FROM connection_schemas s JOIN connections c ON c.id = s.connection_id
            WHERE s.connection_id = \(connectionID) AND c.account_id = \(accountID)
            """).first.map { row in
            SchemaSnapshot(connectionID: try row.value("connection_id"),
                           schema: try Self.decode(DiscoveredSchema.self, row.value("schema")),
                           discoveredAt: try row.value("discovered_at"))
        }
    }

    // MARK: Executions

    public func insertExecution(_ execution: ExecutionRecord, durability: Durability) async throws {
        let requests = try Self.text(JSONValue.array(execution.requests))
        let output = try execution.output.map(Self.text)
        let skillCall = execution.skillCall
        let pendingInput = try skillCall?.pendingInput.map(Self.text)
        // The instance that runs it owns it: if this process dies, another marks it interrupted.
        let query: PostgresQuery = """
            INSERT INTO executions (id, account_id, connection_id, provider, action, status, started_at, finished_at,
                duration_ms, error_code, error_message, retryable, upstream_status, requests, output,
                trigger, agent_id, skill, agent_version, tool_call_id, end_user, pending_input, instance_id)
            VALUES (\(execution.id), \(execution.accountID), \(execution.connectionID), \(execution.provider),
                \(execution.action), \(execution.status.rawValue), \(execution.startedAt), \(execution.finishedAt),
                \(execution.durationMs), \(execution.errorCode), \(execution.errorMessage), \(execution.retryable),
                \(execution.upstreamStatus), \(requests), \(output), \(execution.trigger.rawValue), \(skillCall?.agentID),
                \(skillCall?.skill), \(skillCall?.agentVersion), \(skillCall?.toolCallID), \(skillCall?.endUser),
                \(pendingInput), \(instanceID))
            """
        // A call's start may be lost with the database server, never with the host: the
        // transaction commits without waiting for the WAL flush when the caller allows it.
        _ = try await transaction(durability) { connection in try await connection.rows(query, logger: self.logger) }
    }

    public func updateExecution(_ execution: ExecutionRecord) async throws {
        let requests = try Self.text(JSONValue.array(execution.requests))
        let output = try execution.output.map(Self.text)
        let pendingInput = try execution.skillCall?.pendingInput.map(Self.text)
        try await write("""
            UPDATE executions SET status = \(execution.status.rawValue), finished_at = \(execution.finishedAt),
                duration_ms = \(execution.durationMs), error_code = \(execution.errorCode),
                error_message = \(execution.errorMessage), retryable = \(execution.retryable),
                upstream_status = \(execution.upstreamStatus), requests = \(requests), output = \(output),
                pending_input = \(pendingInput)
            WHERE id = \(execution.id) AND account_id = \(execution.accountID)
            """)
    }

    public func execution(id: String, accountID: String) async throws -> ExecutionRecord? {
        try await rows("SELECT * FROM executions WHERE id = \(id) AND account_id = \(accountID)").first.map(Self.execution)
    }

    public func executions(accountID: String, filter: ExecutionFilter, page: PageRequest) async throws -> Page<ExecutionRecord> {
        var conditions = PostgresConditions("account_id = ?", accountID)
        if let connectionID = filter.connectionID { conditions.append("connection_id = ?", connectionID) }
        if let action = filter.action { conditions.append("action = ?", action) }
        if let status = filter.status { conditions.append("status = ?", status.rawValue) }
        if let agentID = filter.agentID { conditions.append("agent_id = ?", agentID) }
        if let trigger = filter.trigger { conditions.append("trigger = ?", trigger.rawValue) }
        return try await self.page(table: "executions", timeColumn: "started_at", conditions: conditions, page: page,
                                   decode: Self.execution, cursor: { PageCursor(createdAt: $0.startedAt, id: $0.id) })
    }

    // MARK: Rows

    static func account(_ row: PostgresRandomAccessRow) throws -> Account {
        Account(id: try row.value("id"), name: try row.value("name"), createdAt: try row.value("created_at"))
    }

    static func apiKey(_ row: PostgresRandomAccessRow) throws -> APIKeyRecord {
        APIKeyRecord(
            id: try row.value("id"), accountID: try row.value("account_id"), prefix: try row.value("prefix"),
            salt: try row.value("salt"), hash: try row.value("hash"),
            scopes: try row.value("scopes", as: String.self).split(separator: " ").map(String.init),
            createdAt: try row.value("created_at"), revokedAt: try row.value("revoked_at"),
            rateLimit: try row.value("rate_limit"))
    }

    static func connection(_ row: some PostgresColumns) throws -> ConnectionRecord {
        ConnectionRecord(
            id: try row.value("id"), accountID: try row.value("account_id"), provider: try row.value("provider"),
            label: try row.value("label"), config: try decode(JSONValue.self, row.value("config")),
            status: ConnectionRecord.Status(rawValue: try row.value("status")) ?? .revoked,
            sealedCredentials: try row.value("sealed_credentials"), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"), endUser: try row.value("end_user"))
    }

    static func execution(_ row: PostgresRandomAccessRow) throws -> ExecutionRecord {
        ExecutionRecord(
            id: try row.value("id"), accountID: try row.value("account_id"), connectionID: try row.value("connection_id"),
            provider: try row.value("provider"), action: try row.value("action"),
            status: ExecutionRecord.Status(rawValue: try row.value("status")) ?? .failed,
            startedAt: try row.value("started_at"), finishedAt: try row.value("finished_at"),
            durationMs: try row.value("duration_ms"), errorCode: try row.value("error_code"),
            errorMessage: try row.value("error_message"), retryable: try row.value("retryable"),
            upstreamStatus: try row.value("upstream_status"),
            requests: try decode(JSONValue.self, row.value("requests")).arrayValue ?? [],
            output: try row.value("output", as: String?.self).map { try decode(JSONValue.self, $0) },
            trigger: ExecutionRecord.Trigger(rawValue: try row.value("trigger")) ?? .api,
            skillCall: try row.value("agent_id", as: String?.self).map { agentID in
                SkillCall(agentID: agentID, skill: try row.value("skill"), agentVersion: try row.value("agent_version"),
                          toolCallID: try row.value("tool_call_id"), endUser: try row.value("end_user"),
                          pendingInput: try row.value("pending_input", as: String?.self).map { try decode(JSONValue.self, $0) })
            })
    }
}
