import Foundation
import PatchbayClock
public import PatchbayModel
import PatchbayWire
import PostgresNIO

/// Agents, their drafts and published versions, skill-call transitions and end-user connections.
///
/// Every change to an agent takes its row with `SELECT … FOR UPDATE` first, so replicas editing,
/// publishing or rolling back one agent take turns: a draft edit sees the one before it, and
/// version numbers follow each other without gaps or duplicates.
extension PostgresStore {
    public func insertAgent(_ agent: AgentRecord) async throws {
        let variables = try Self.text(JSONValue.object(agent.variables))
        let draft = try Self.text(agent.draft)
        try await write("""
            INSERT INTO agents (id, account_id, name, description, variables, draft, live_version, created_at, updated_at)
            VALUES (\(agent.id), \(agent.accountID), \(agent.name), \(agent.description), \(variables), \(draft),
                \(agent.liveVersion), \(agent.createdAt), \(agent.updatedAt))
            """)
    }

    public func agent(id: String, accountID: String) async throws -> AgentRecord? {
        try await rows("SELECT * FROM agents WHERE id = \(id) AND account_id = \(accountID)").first.map(Self.agent)
    }

    public func agents(accountID: String, page: PageRequest) async throws -> Page<AgentRecord> {
        try await self.page(table: "agents", conditions: PostgresConditions("account_id = ?", accountID), page: page,
                            decode: Self.agent, cursor: { PageCursor(createdAt: $0.createdAt, id: $0.id) })
    }

    public func updateAgent(id: String, accountID: String,
                            _ change: @escaping @Sendable (inout AgentRecord) throws -> Void) async throws -> AgentRecord? {
        try await transaction { connection in
            guard var agent = try await self.lockedAgent(connection, id: id, accountID: accountID) else { return nil }
            try change(&agent)
            let variables = try Self.text(JSONValue.object(agent.variables))
            let draft = try Self.text(agent.draft)
            try await connection.rows("""
                UPDATE agents SET name = \(agent.name), description = \(agent.description), variables = \(variables),
                    draft = \(draft), live_version = \(agent.liveVersion), updated_at = \(agent.updatedAt)
                WHERE id = \(id) AND account_id = \(accountID)
                """, logger: self.logger)
            return agent
        }
    }

    public func deleteAgent(id: String, accountID: String) async throws -> Bool {
        let now = clock.wallMillis
        return try await transaction { connection in
            let deleted = try await connection.rows(
                "DELETE FROM agents WHERE id = \(id) AND account_id = \(accountID) RETURNING id", logger: self.logger)
            guard !deleted.isEmpty else { return false }
            // The subscriptions go with the agent; what they still owed is dead-lettered, not
            // delivered to an agent that no longer exists. A worker holding such a lease finds
            // the delivery dead when it reports back. Subscriptions are locked before their
            // deliveries, as `deleteWebhookSubscription` takes them, so the two cannot deadlock.
            try await connection.rows("""
                WITH gone AS (DELETE FROM webhook_subscriptions WHERE agent_id = \(id) AND account_id = \(accountID) RETURNING id)
                UPDATE webhook_deliveries SET status = 'dead', lease_owner = NULL, lease_expires_at = NULL,
                    last_error = 'the agent was deleted', updated_at = \(now)
                WHERE account_id = \(accountID) AND status IN ('pending', 'delivering') AND subscription_id IN (SELECT id FROM gone)
                """, logger: self.logger)
            return true
        }
    }

    public func publishAgent(id: String, accountID: String, note: String?, at time: Millis) async throws -> AgentVersionRecord? {
        try await transaction { connection in
            guard let agent = try await self.lockedAgent(connection, id: id, accountID: accountID) else { return nil }
            return try await self.appendVersion(connection, agentID: id, skills: agent.draft, note: note, at: time, rolledBackFrom: nil)
        }
    }

    public func rollbackAgent(id: String, accountID: String, to version: Int, note: String?,
                              at time: Millis) async throws -> AgentVersionRecord? {
        try await transaction { connection in
            guard let agent = try await self.lockedAgent(connection, id: id, accountID: accountID),
                  let earlier = try await connection.rows(
                      "SELECT * FROM agent_versions WHERE agent_id = \(id) AND version = \(version)", logger: self.logger
                  ).first.map(Self.version)
            else { return nil }
            guard agent.liveVersion != version else { throw StoreError.conflict("version \(version) is already live") }
            return try await self.appendVersion(connection, agentID: id, skills: earlier.skills, note: note, at: time,
                                                rolledBackFrom: version)
        }
    }

    /// The agent, its row locked until the transaction ends: changes to one agent take turns.
    private func lockedAgent(_ connection: PostgresConnection, id: String, accountID: String) async throws -> AgentRecord? {
        try await connection.rows("SELECT * FROM agents WHERE id = \(id) AND account_id = \(accountID) FOR UPDATE", logger: logger)
            .first.map(Self.agent)
    }

    /// Writes the next version number and makes it live; the caller holds the agent's row lock,
    /// so no other transaction reads the same last number.
    private func appendVersion(_ connection: PostgresConnection, agentID: String, skills: [SkillDefinition], note: String?,
                               at time: Millis, rolledBackFrom: Int?) async throws -> AgentVersionRecord {
        let last = try await connection.rows(
            "SELECT MAX(version) AS last FROM agent_versions WHERE agent_id = \(agentID)", logger: logger
        ).first?.value("last", as: Int?.self)
        let version = AgentVersionRecord(agentID: agentID, version: (last ?? 0) + 1, skills: skills, note: note, publishedAt: time,
                                         rolledBackFrom: rolledBackFrom)
        let skillsText = try Self.text(skills)
        try await connection.rows("""
            INSERT INTO agent_versions (agent_id, version, skills, note, published_at, rolled_back_from)
            VALUES (\(agentID), \(version.version), \(skillsText), \(note), \(time), \(rolledBackFrom))
            """, logger: logger)
        try await connection.rows("UPDATE agents SET live_version = \(version.version), updated_at = \(time) WHERE id = \(agentID)",
                                  logger: logger)
        return version
    }

    public func agentVersions(agentID: String, accountID: String) async throws -> [AgentVersionRecord] {
        try await rows("""
            SELECT v.* FROM agent_versions v JOIN agents a ON a.id = v.agent_id
            WHERE v.agent_id = \(agentID) AND a.account_id = \(accountID) ORDER BY v.version DESC
            """).map(Self.version)
    }

    public func agentVersion(agentID: String, accountID: String, version: Int) async throws -> AgentVersionRecord? {
        try await rows("""
            SELECT v.* FROM agent_versions v JOIN agents a ON a.id = v.agent_id
            WHERE v.agent_id = \(agentID) AND a.account_id = \(accountID) AND v.version = \(version)
            """).first.map(Self.version)
    }

    public func transitionExecution(id: String, accountID: String, from: ExecutionRecord.Status,
                                    to: ExecutionRecord.Status) async throws -> Bool {
        // A call that starts running here belongs to this instance, as in `insertExecution`.
        // Of concurrent transitions from one status, the first to commit changes the row; the
        // others wait for it and their re-checked `status` no longer matches.
        let owner = to == .running ? instanceID : nil
        return !(try await write("""
            UPDATE executions SET status = \(to.rawValue), instance_id = COALESCE(\(owner), instance_id)
            WHERE id = \(id) AND account_id = \(accountID) AND status = \(from.rawValue)
            RETURNING id
            """).isEmpty)
    }

    public func endUserConnection(accountID: String, provider: String, endUser: String) async throws -> ConnectionRecord? {
        try await rows("""
            SELECT * FROM connections WHERE account_id = \(accountID) AND provider = \(provider) AND end_user = \(endUser)
                AND status = 'active'
            ORDER BY created_at DESC, id DESC LIMIT 1
            """).first.map(Self.connection)
    }

    private static func agent(_ row: PostgresRandomAccessRow) throws -> AgentRecord {
        AgentRecord(
            id: try row.value("id"), accountID: try row.value("account_id"), name: try row.value("name"),
            description: try row.value("description"),
            variables: try decode(JSONValue.self, row.value("variables")).objectValue ?? [:],
            draft: try decode([SkillDefinition].self, row.value("draft")), liveVersion: try row.value("live_version"),
            createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }

    private static func version(_ row: PostgresRandomAccessRow) throws -> AgentVersionRecord {
        AgentVersionRecord(agentID: try row.value("agent_id"), version: try row.value("version"),
                           skills: try decode([SkillDefinition].self, row.value("skills")), note: try row.value("note"),
                           publishedAt: try row.value("published_at"), rolledBackFrom: try row.value("rolled_back_from"))
    }
}
