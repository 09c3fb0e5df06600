import Foundation
import GRDB
import PatchbayClock
import PatchbayServices
@testable import PatchbayStore
import PatchbayWire
import XCTest

/// Rollback publishes a new version copying an earlier one: versions never change, the history
/// reads truthfully, and the runtime sees the copy. Also the upgrade of a database in which a
/// rollback only pointed the live version back.
final class AgentRollbackTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var agent: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key(scopes: TestHost.agentScopes)
        let slack = try await host.connectSlack(key: key)
        agent = try await host.createAgent(key: key)
        _ = try await host.request("POST", "/v1/agents/\(agent!)/provision", key: key, json: ["connection_id": .string(slack)])
        _ = try await host.publish(key: key, agent: agent)
        _ = try await host.request("DELETE", "/v1/agents/\(agent!)/skills/list_channels", key: key)
        _ = try await host.publish(key: key, agent: agent)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    private func version(_ number: Int) async throws -> TestHost.Reply {
        try await host.request("GET", "/v1/agents/\(agent!)/versions/\(number)", key: key)
    }

    func testRollbackPublishesACopyOfTheEarlierVersionAndLeavesTheOthersAndTheDraft() async throws {
        let v1Before = try await version(1)
        let v2Before = try await version(2)
        let draftBefore = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        let fromV2 = try await host.invokeSkill(key: key, agent: agent, skill: "post_message",
                                                ["input": ["channel": "C0GENERAL", "text": "from v2"]])
        XCTAssertEqual(fromV2.json["agent_version"], 2, fromV2.body)

        let rolledBack = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key,
                                                json: ["version": 1, "note": "v2 broke the digest"])
        XCTAssertEqual(rolledBack.status, 201, rolledBack.body)
        XCTAssertEqual(rolledBack.json["version"], 3)
        XCTAssertEqual(rolledBack.json["rolled_back_from"], 1)
        XCTAssertEqual(rolledBack.json["live"], true)
        XCTAssertEqual(rolledBack.json["note"], "v2 broke the digest")
        XCTAssertEqual(rolledBack.json["skills"], v1Before.json["skills"], "the new version copies version 1's skills")

        let v1After = try await version(1)
        let v2After = try await version(2)
        XCTAssertEqual(v1After.json["skills"], v1Before.json["skills"])
        XCTAssertEqual(v1After.json["published_at"], v1Before.json["published_at"])
        XCTAssertEqual(v2After.json["skills"], v2Before.json["skills"])
        XCTAssertEqual(v2After.json["rolled_back_from"], .null)
        XCTAssertEqual(v2After.json["live"], false)
        let draftAfter = try await host.request("GET", "/v1/agents/\(agent!)/skills", key: key)
        XCTAssertEqual(draftAfter.json, draftBefore.json, "the draft is left alone")

        let versions = try await host.request("GET", "/v1/agents/\(agent!)/versions", key: key)
        XCTAssertEqual(versions.json["data"]?.arrayValue?.compactMap { $0["version"]?.intValue }, [3, 2, 1])
        XCTAssertEqual(versions.json["data"]?.arrayValue?.first?["rolled_back_from"], 1)
        let fetched = try await host.request("GET", "/v1/agents/\(agent!)", key: key)
        XCTAssertEqual(fetched.json["live_version"], 3)

        let tools = try await host.request("GET", "/v1/agents/\(agent!)/tools", key: key)
        XCTAssertEqual(tools.json["version"], 3)
        XCTAssertEqual(tools.json["tools"]?.arrayValue?.count, 2)
        let fromV3 = try await host.invokeSkill(key: key, agent: agent, skill: "list_channels", ["input": ["limit": 2]])
        XCTAssertEqual(fromV3.status, 200, fromV3.body)
        XCTAssertEqual(fromV3.json["agent_version"], 3)
        let earlier = try await host.request("GET", "/v1/executions/\(fromV2.json["id"]?.stringValue ?? "")", key: key)
        XCTAssertEqual(earlier.json["agent_version"], 2, "executions keep the version they ran")

        // Rolling forward again is a rollback too: version 4 copies version 2.
        let forward = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key, json: ["version": 2])
        XCTAssertEqual(forward.status, 201, forward.body)
        XCTAssertEqual(forward.json["version"], 4)
        XCTAssertEqual(forward.json["skills"], v2Before.json["skills"])
        XCTAssertEqual(forward.json["note"], .null)
    }

    func testRollbackRefusesTheLiveVersionUnknownVersionsForeignAgentsAndBadBodies() async throws {
        let live = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key, json: ["version": 2])
        XCTAssertEqual(live.status, 409, live.body)
        XCTAssertEqual(live.errorCode, "version_already_live")
        XCTAssertEqual(live.errorField, "version")

        let unknown = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key, json: ["version": 9])
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(unknown.errorCode, "unknown_version")
        let missingAgent = try await host.request("POST", "/v1/agents/agent_nope/rollback", key: key, json: ["version": 1])
        XCTAssertEqual(missingAgent.status, 404)
        let other = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let foreign = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: other, json: ["version": 1])
        XCTAssertEqual(foreign.status, 404)
        let reader = try await host.key(scopes: [.integrationsRead])
        let unscoped = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: reader, json: ["version": 1])
        XCTAssertEqual(unscoped.status, 403)

        let bad: [(JSONValue, String)] = [
            (["version": "1"], "version"), ([:], "version"), (["version": 1.5], "version"),
            (["version": 1, "note": .string(String(repeating: "x", count: 501))], "note"), (["version": 1, "extra": true], "extra"),
        ]
        for (body, field) in bad {
            let reply = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key, json: body)
            XCTAssertEqual(reply.status, 400, "\(body) → \(reply.body)")
            XCTAssertEqual(reply.errorField, field, "\(body) → \(reply.body)")
        }
        let garbage = try await host.request("POST", "/v1/agents/\(agent!)/rollback", key: key, body: "{not json")
        XCTAssertEqual(garbage.status, 400)

        let versions = try await host.request("GET", "/v1/agents/\(agent!)/versions", key: key)
        XCTAssertEqual(versions.json["data"]?.arrayValue?.count, 2, "nothing refused wrote a version")
    }

    /// A database written before rollbacks made versions: agent A was rolled back from 2 to 1,
    /// agent B is on its newest version. The upgrade records A's rollback as version 3.
    func testUpgradeRecordsEarlierRollbacksAsNewVersions() throws {
        let path = NSTemporaryDirectory() + "patchbay-upgrade-" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let queue = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator(clock: ManualClock()).migrate(queue, upTo: "host_events_v1")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO accounts (id, name, created_at) VALUES ('acct_1', 'acme', 1)")
            for (agent, live) in [("agent_a", 1), ("agent_b", 2)] {
                try db.execute(sql: """
                    INSERT INTO agents (id, account_id, name, description, variables, draft, live_version, created_at, updated_at)
                    VALUES (?, 'acct_1', ?, '', '{}', '[]', ?, 1, 500)
                    """, arguments: [agent, agent, live])
                for version in [1, 2] {
                    try db.execute(sql: """
                        INSERT INTO agent_versions (agent_id, version, skills, note, published_at) VALUES (?, ?, ?, NULL, ?)
                        """, arguments: [agent, version, "[{\"skills_of\": \(version)}]", version * 100])
                }
            }
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        try store.pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM agent_versions ORDER BY agent_id, version")
            let summary = rows.map { row -> String in
                let agent: String = row["agent_id"]
                let version: Int = row["version"]
                let skills: String = row["skills"]
                let from: Int? = row["rolled_back_from"]
                let published: Int = row["published_at"]
                return "\(agent) v\(version) \(skills) from=\(from.map(String.init) ?? "-") at=\(published)"
            }
            XCTAssertEqual(summary, [
                "agent_a v1 [{\"skills_of\": 1}] from=- at=100",
                "agent_a v2 [{\"skills_of\": 2}] from=- at=200",
                "agent_a v3 [{\"skills_of\": 1}] from=1 at=500",
                "agent_b v1 [{\"skills_of\": 1}] from=- at=100",
                "agent_b v2 [{\"skills_of\": 2}] from=- at=200",
            ])
            let note = try String.fetchOne(db, sql: "SELECT note FROM agent_versions WHERE agent_id = 'agent_a' AND version = 3")
            XCTAssertEqual(note, "rollback to version 1, recorded on upgrade")
            let live = try Row.fetchAll(db, sql: "SELECT id, live_version FROM agents ORDER BY id").map { "\($0["id"] as String)=\($0["live_version"] as Int)" }
            XCTAssertEqual(live, ["agent_a=3", "agent_b=2"])
        }
    }
}
