import GRDB

extension SQLiteMigrations {
    /// A rollback publishes a new version copying an earlier one, marked `rolled_back_from`.
    /// Before this, a rollback only pointed `live_version` back; each agent left that way gets the
    /// version a rollback would now have written (a copy of its live version, dated at the
    /// agent's last change) and it becomes live, so the newest version is always the live one.
    /// Executions keep the version numbers they ran with, which all still exist unchanged.
    static func agentRollbackV1(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE agent_versions ADD COLUMN rolled_back_from INTEGER;
            CREATE TEMP TABLE rolled_back AS
                SELECT agents.id AS agent_id, agents.live_version AS live, MAX(agent_versions.version) AS last,
                       agents.updated_at AS at
                FROM agents JOIN agent_versions ON agent_versions.agent_id = agents.id
                WHERE agents.live_version IS NOT NULL
                GROUP BY agents.id
                HAVING agents.live_version < MAX(agent_versions.version);
            INSERT INTO agent_versions (agent_id, version, skills, note, published_at, rolled_back_from)
                SELECT rolled_back.agent_id, rolled_back.last + 1, live.skills,
                       'rollback to version ' || rolled_back.live || ', recorded on upgrade', rolled_back.at, rolled_back.live
                FROM rolled_back JOIN agent_versions AS live
                    ON live.agent_id = rolled_back.agent_id AND live.version = rolled_back.live;
            UPDATE agents SET live_version = (SELECT last + 1 FROM rolled_back WHERE rolled_back.agent_id = agents.id)
                WHERE id IN (SELECT agent_id FROM rolled_back);
            DROP TABLE rolled_back;
            """)
    }
}
