import GRDB
import PatchbayClock
public import PatchbayModel
import PatchbayWire

extension SQLiteStore {
    public func insertAgent(_ agent: AgentRecord) async throws {
        let arguments = try Self.arguments(agent)
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO agents (id, account_id, name, description, variables, draft, live_version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: arguments)
        }
    }

    public func agent(id: String, accountID: String) async throws -> AgentRecord? {
        try lookup { db in try Self.agent(db, id: id, accountID: accountID) }
    }

    public func agents(accountID: String, page: PageRequest) async throws -> Page<AgentRecord> {
        try await self.page(table: "agents", conditions: ["account_id = ?"], arguments: [accountID], page: page,
                            decode: Self.agent, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateAgent(id: String, accountID: String,
                            _ change: @escaping @Sendable (inout AgentRecord) throws -> Void) async throws -> AgentRecord? {
        try await write { db in
            guard var agent = try Self.agent(db, id: id, accountID: accountID) else { return nil }
            try change(&agent)
            try db.execute(
                sql: """
                    UPDATE agents SET name = ?, description = ?, variables = ?, draft = ?, live_version = ?, updated_at = ?
                    WHERE id = ? AND account_id = ?
                    """,
                arguments: [agent.name, agent.description, try Self.text(JSONValue.object(agent.variables)),
                            try Self.text(agent.draft), agent.liveVersion, agent.updatedAt, agent.id, agent.accountID])
            return agent
        }
    }

    public func deleteAgent(id: String, accountID: String) async throws -> Bool {
        let now = clock.wallMillis
        return try await write { db in
            try db.execute(sql: "DELETE FROM agents WHERE id = ? AND account_id = ?", arguments: [id, accountID])
            guard db.changesCount > 0 else { return false }
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = 'dead', lease_owner = NULL, lease_expires_at = NULL,
                        last_error = 'the agent was deleted', updated_at = ?
                    WHERE account_id = ? AND status IN ('pending', 'delivering') AND subscription_id IN
                        (SELECT id FROM webhook_subscriptions WHERE agent_id = ? AND account_id = ?)
                    """,
                arguments: [now, accountID, id, accountID])
            try db.execute(sql: "DELETE FROM webhook_subscriptions WHERE agent_id = ? AND account_id = ?", arguments: [id, accountID])
            return true
        }
    }

    public func publishAgent(id: String, accountID: String, note: String?, at time: Millis) async throws -> AgentVersionRecord? {
        try await write { db in
            guard let agent = try Self.agent(db, id: id, accountID: accountID) else { return nil }
            return try Self.appendVersion(db, agentID: id, skills: agent.draft, note: note, at: time, rolledBackFrom: nil)
        }
    }

    public func rollbackAgent(id: String, accountID: String, to version: Int, note: String?,
                              at time: Millis) async throws -> AgentVersionRecord? {
        try await write { db in
            guard let agent = try Self.agent(db, id: id, accountID: accountID),
                  let earlier = try Self.version(db, agentID: id, version: version) else { return nil }
            guard agent.liveVersion != version else { throw StoreError.conflict("version \(version) is already live") }
            return try Self.appendVersion(db, agentID: id, skills: earlier.skills, note: note, at: time, rolledBackFrom: version)
        }
    }

    /// Writes the next version number and makes it live; the caller holds the transaction.
    private static func appendVersion(_ db: Database, agentID: String, skills: [SkillDefinition], note: String?, at time: Millis,
                                      rolledBackFrom: Int?) throws -> AgentVersionRecord {
        let last = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM agent_versions WHERE agent_id = ?", arguments: [agentID])
        let version = AgentVersionRecord(agentID: agentID, version: (last ?? 0) + 1, skills: skills, note: note, publishedAt: time,
                                         rolledBackFrom: rolledBackFrom)
        try db.execute(
            sql: """
                INSERT INTO agent_versions (agent_id, version, skills, note, published_at, rolled_back_from)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [agentID, version.version, try text(skills), note, time, rolledBackFrom])
        try db.execute(sql: "UPDATE agents SET live_version = ?, updated_at = ? WHERE id = ?",
                       arguments: [version.version, time, agentID])
        return version
    }

    public func agentVersions(agentID: String, accountID: String) async throws -> [AgentVersionRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.* FROM agent_versions v JOIN agents a ON a.id = v.agent_id
                    WHERE v.agent_id = ? AND a.account_id = ? ORDER BY v.version DESC
                    """,
                arguments: [agentID, accountID]
            ).map(Self.version)
        }
    }

    public func agentVersion(agentID: String, accountID: String, version: Int) async throws -> AgentVersionRecord? {
        try lookup { db in
            try Self.first(
                db.cachedStatement(
                    sql: """
                        SELECT v.* FROM agent_versions v JOIN agents a ON a.id = v.agent_id
                        WHERE v.agent_id = ? AND a.account_id = ? AND v.version = ?
                        """), [agentID, accountID, version], Self.version)
        }
    }

    public func transitionExecution(id: String, accountID: String, from: ExecutionRecord.Status,
                                    to: ExecutionRecord.Status) async throws -> Bool {
        // A call that starts running here belongs to this instance, as in `insertExecution`.
        let owner = to == .running ? instanceID : nil
        return try await write { db in
            try db.execute(sql: "UPDATE executions SET status = ?, instance_id = COALESCE(?, instance_id) WHERE id = ? AND account_id = ? AND status = ?",
                           arguments: [to.rawValue, owner, id, accountID, from.rawValue])
            return db.changesCount > 0
        }
    }

    public func endUserConnection(accountID: String, provider: String, endUser: String) async throws -> ConnectionRecord? {
        try lookup { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM connections WHERE account_id = ? AND provider = ? AND end_user = ? AND status = 'active'
                    ORDER BY created_at DESC, id DESC LIMIT 1
                    """,
                arguments: [accountID, provider, endUser]
            ).map(Self.connection)
        }
    }

    private static func agent(_ db: Database, id: String, accountID: String) throws -> AgentRecord? {
        try first(db.cachedStatement(sql: "SELECT * FROM agents WHERE id = ? AND account_id = ?"), [id, accountID], agent)
    }

    private static func agent<Stored: StoredRow>(_ row: Stored) throws -> AgentRecord {
        AgentRecord(
            id: row["id"], accountID: row["account_id"], name: row["name"], description: row["description"],
            variables: try decode(JSONValue.self, row["variables"]).objectValue ?? [:],
            draft: try decode([SkillDefinition].self, row["draft"]), liveVersion: row["live_version"],
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    private static func version(_ db: Database, agentID: String, version: Int) throws -> AgentVersionRecord? {
        try first(db.cachedStatement(sql: "SELECT * FROM agent_versions WHERE agent_id = ? AND version = ?"), [agentID, version],
                  Self.version)
    }

    private static func version<Stored: StoredRow>(_ row: Stored) throws -> AgentVersionRecord {
        AgentVersionRecord(agentID: row["agent_id"], version: row["version"],
                           skills: try decode([SkillDefinition].self, row["skills"]), note: row["note"],
                           publishedAt: row["published_at"], rolledBackFrom: row["rolled_back_from"])
    }

    private static func arguments(_ agent: AgentRecord) throws -> StatementArguments {
        [agent.id, agent.accountID, agent.name, agent.description, try text(JSONValue.object(agent.variables)),
         try text(agent.draft), agent.liveVersion, agent.createdAt, agent.updatedAt]
    }
}
