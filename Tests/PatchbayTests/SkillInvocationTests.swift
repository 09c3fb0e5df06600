import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Published skills in use: calls over HTTP recorded as linked executions, presets and
/// templates, end-user connections, approvals, and tool export.
final class SkillInvocationTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var slack: String!
    var agent: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key(scopes: TestHost.agentScopes)
        slack = try await host.connectSlack(key: key)
        agent = try await host.createAgent(key: key, variables: ["default_channel": "#general"])
        let pack = try await host.request("POST", "/v1/agents/\(agent!)/packs", key: key,
                                          json: ["connection_id": .string(slack), "pack": "team-notifier"])
        XCTAssertEqual(pack.status, 201, pack.body)
        let approval = try await host.request("POST", "/v1/agents/\(agent!)/skills", key: key, json: [
            "name": "post_anywhere", "connection_id": .string(slack), "action": "post_message", "requires_approval": true,
        ])
        XCTAssertEqual(approval.status, 201, approval.body)
        _ = try await host.publish(key: key, agent: agent)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testInvokeFillsTemplatesRunsThroughTheHostAndLinksTheExecution() async throws {
        let reply = try await host.invokeSkill(key: key, agent: agent, skill: "notify_team",
                                               ["input": ["text": "Release 2.1 is out"], "tool_call_id": "call_abc123"])
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertEqual(reply.json["status"], "succeeded")
        XCTAssertEqual(reply.json["output"]?["channel"], "C0GENERAL", "the preset {{ default_channel }} was filled from the agent")
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "Release 2.1 is out")

        let id = try XCTUnwrap(reply.json["id"]?.stringValue)
        let execution = try await host.request("GET", "/v1/executions/\(id)", key: key)
        XCTAssertEqual(execution.json["agent_id"]?.stringValue, agent)
        XCTAssertEqual(execution.json["skill"], "notify_team")
        XCTAssertEqual(execution.json["agent_version"], 1)
        XCTAssertEqual(execution.json["tool_call_id"], "call_abc123")
        XCTAssertEqual(execution.json["trigger"], "skill")
        XCTAssertEqual(execution.json["action"], "post_message")
        XCTAssertEqual(execution.json["connection_id"]?.stringValue, slack)

        // Changing the variable changes where the next call posts; no republish needed.
        _ = try await host.request("PATCH", "/v1/agents/\(agent!)", key: key, json: ["variables": ["default_channel": "C0RANDOM"]])
        let second = try await host.invokeSkill(key: key, agent: agent, skill: "notify_team", ["input": ["text": "again"]])
        XCTAssertEqual(second.json["output"]?["channel"], "C0RANDOM")

        let direct = try await host.request("POST", "/v1/connections/\(slack!)/actions/auth_test/invoke", key: key, json: ["input": [:]])
        XCTAssertEqual(direct.json["trigger"], "api")
        XCTAssertEqual(direct.json["agent_id"], .null)

        let byAgent = try await host.request("GET", "/v1/executions?agent_id=\(agent!)", key: key)
        XCTAssertEqual(byAgent.json["data"]?.arrayValue?.count, 2)
        let byTrigger = try await host.request("GET", "/v1/executions?trigger=api", key: key)
        XCTAssertEqual(byTrigger.json["data"]?.arrayValue?.count, 1)
        let badTrigger = try await host.request("GET", "/v1/executions?trigger=cron", key: key)
        XCTAssertEqual(badTrigger.status, 400)
        XCTAssertEqual(badTrigger.errorField, "trigger")
    }

    func testBadSkillCallsAreRefusedBeforeAnythingRuns() async throws {
        let before = host.fakes.slack.requests.count
        let cases: [(String, JSONValue, Int, String?)] = [
            ("notify_team", ["input": ["text": "x", "channel": "C0RANDOM"]], 400, "input.channel"),
            ("notify_team", ["input": [:]], 400, "input.text"),
            ("notify_team", ["input": ["text": 5]], 400, "input.text"),
            ("notify_team", ["input": "hi"], 400, "input"),
            ("notify_team", ["input": ["text": "x"], "tool_call_id": ""], 400, "tool_call_id"),
            ("notify_team", ["input": ["text": "x"], "end_user": ""], 400, "end_user"),
            ("notify_team", ["input": ["text": "x"], "extra": 1], 400, "extra"),
            ("nope", ["input": [:]], 404, nil),
        ]
        for (skill, body, status, field) in cases {
            let reply = try await host.invokeSkill(key: key, agent: agent, skill: skill, body)
            XCTAssertEqual(reply.status, status, "\(skill) \(body) → \(reply.body)")
            if let field { XCTAssertEqual(reply.errorField, field, reply.body) }
        }
        let malformed = try await host.request("POST", "/v1/agents/\(agent!)/skills/notify_team/invoke", key: key, body: "{")
        XCTAssertEqual(malformed.errorCode, "malformed_json")

        let unpublished = try await host.createAgent(key: key, name: "draft-only")
        let notLive = try await host.invokeSkill(key: key, agent: unpublished, skill: "notify_team", ["input": ["text": "x"]])
        XCTAssertEqual(notLive.status, 409)
        XCTAssertEqual(notLive.errorCode, "agent_not_published")

        // Draft skills are not callable until published.
        _ = try await host.request("POST", "/v1/agents/\(agent!)/skills", key: key,
                                   json: ["name": "whoami", "connection_id": .string(slack), "action": "auth_test"])
        let draftOnly = try await host.invokeSkill(key: key, agent: agent, skill: "whoami", ["input": [:]])
        XCTAssertEqual(draftOnly.status, 404)

        let other = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let foreign = try await host.invokeSkill(key: other, agent: agent, skill: "notify_team", ["input": ["text": "x"]])
        XCTAssertEqual(foreign.status, 404)
        let noScope = try await host.key(scopes: [.integrationsRead, .integrationsWrite])
        let refused = try await host.invokeSkill(key: noScope, agent: agent, skill: "notify_team", ["input": ["text": "x"]])
        XCTAssertEqual(refused.status, 403)

        XCTAssertEqual(host.fakes.slack.requests.count, before, "no refused call may reach Slack")
        let executions = try await host.request("GET", "/v1/executions", key: key)
        XCTAssertEqual(executions.json["data"]?.arrayValue?.count, 0)
    }

    func testAnEndUsersOwnConnectionOverridesTheSharedOne() async throws {
        let userToken = "xoxb-enduser-42"
        host.fakes.slack.addToken(userToken)
        let own = try await host.request("POST", "/v1/connections", key: key, json: [
            "provider": "slack", "credentials": ["bot_token": .string(userToken)], "end_user": "user-42",
        ])
        XCTAssertEqual(own.status, 201, own.body)
        XCTAssertEqual(own.json["end_user"], "user-42")
        let ownID = try XCTUnwrap(own.json["id"]?.stringValue)

        let asUser = try await host.invokeSkill(key: key, agent: agent, skill: "notify_team",
                                                ["input": ["text": "from user 42"], "end_user": "user-42"])
        XCTAssertEqual(asUser.status, 200, asUser.body)
        XCTAssertEqual(asUser.json["connection_id"]?.stringValue, ownID)
        XCTAssertEqual(asUser.json["end_user"], "user-42")
        XCTAssertEqual(host.fakes.slack.requests.last?.headers["authorization"], "Bearer \(userToken)")

        let otherUser = try await host.invokeSkill(key: key, agent: agent, skill: "notify_team",
                                                   ["input": ["text": "from user 7"], "end_user": "user-7"])
        XCTAssertEqual(otherUser.json["connection_id"]?.stringValue, slack, "without their own connection the shared one is used")
        XCTAssertEqual(host.fakes.slack.requests.last?.headers["authorization"], "Bearer \(FakeSlack.sandboxToken)")

        let changeOwner = try await host.request("PATCH", "/v1/connections/\(ownID)", key: key, json: ["end_user": "user-7"])
        XCTAssertEqual(changeOwner.status, 400)
        XCTAssertEqual(changeOwner.errorField, "end_user")

        // A revoked end-user connection is no longer picked.
        _ = try await host.request("DELETE", "/v1/connections/\(ownID)", key: key)
        let afterRevoke = try await host.invokeSkill(key: key, agent: agent, skill: "notify_team",
                                                     ["input": ["text": "x"], "end_user": "user-42"])
        XCTAssertEqual(afterRevoke.json["connection_id"]?.stringValue, slack)
    }

    func testApprovalPausesThenApproveWithEditedInputRunsAndDenyCancels() async throws {
        let before = host.fakes.slack.postedMessages.count
        let paused = try await host.invokeSkill(key: key, agent: agent, skill: "post_anywhere",
                                                ["input": ["channel": "C0GENERAL", "text": "Drop the prod table?"]])
        XCTAssertEqual(paused.status, 202, paused.body)
        XCTAssertEqual(paused.json["status"], "awaiting_approval")
        XCTAssertEqual(host.fakes.slack.postedMessages.count, before, "nothing runs before approval")
        let id = try XCTUnwrap(paused.json["id"]?.stringValue)

        let waiting = try await host.request("GET", "/v1/executions?status=awaiting_approval&agent_id=\(agent!)", key: key)
        XCTAssertEqual(waiting.json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(waiting.json["data"]?.arrayValue?.first?["pending_input"]?["text"], "Drop the prod table?")

        let badEdit = try await host.request("POST", "/v1/executions/\(id)/continue", key: key,
                                             json: ["decision": "approve", "input": ["channel": "C0GENERAL"]])
        XCTAssertEqual(badEdit.status, 400)
        XCTAssertEqual(badEdit.errorField, "input.text")
        for body: JSONValue in [["decision": "maybe"], [:], ["decision": "approve", "input": "x"]] {
            let reply = try await host.request("POST", "/v1/executions/\(id)/continue", key: key, json: body)
            XCTAssertEqual(reply.status, 400, "\(body) → \(reply.body)")
        }
        let invokeOnly = try await host.key(scopes: [.skillsInvoke])
        let notAllowed = try await host.request("POST", "/v1/executions/\(id)/continue", key: invokeOnly, json: ["decision": "approve"])
        XCTAssertEqual(notAllowed.status, 403, "the runtime's own key cannot approve its calls")

        let approved = try await host.request("POST", "/v1/executions/\(id)/continue", key: key,
                                              json: ["decision": "approve", "input": ["channel": "C0RANDOM", "text": "Reviewed message"]])
        XCTAssertEqual(approved.status, 200, approved.body)
        XCTAssertEqual(approved.json["status"], "succeeded")
        XCTAssertEqual(approved.json["id"]?.stringValue, id)
        XCTAssertEqual(approved.json["pending_input"], .null)
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "Reviewed message")
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.channel, "C0RANDOM")

        let twice = try await host.request("POST", "/v1/executions/\(id)/continue", key: key, json: ["decision": "approve"])
        XCTAssertEqual(twice.status, 409)
        XCTAssertEqual(twice.errorCode, "not_awaiting_approval")

        let second = try await host.invokeSkill(key: key, agent: agent, skill: "post_anywhere",
                                                ["input": ["channel": "C0GENERAL", "text": "no"]])
        let secondID = try XCTUnwrap(second.json["id"]?.stringValue)
        let denied = try await host.request("POST", "/v1/executions/\(secondID)/continue", key: key, json: ["decision": "deny"])
        XCTAssertEqual(denied.status, 200, denied.body)
        XCTAssertEqual(denied.json["status"], "denied")
        XCTAssertEqual(denied.json["error"]?["code"], "approval_denied")
        XCTAssertEqual(host.fakes.slack.postedMessages.last?.text, "Reviewed message", "a denied call never runs")
        let afterDeny = try await host.request("POST", "/v1/executions/\(secondID)/continue", key: key, json: ["decision": "approve"])
        XCTAssertEqual(afterDeny.status, 409)

        let unknown = try await host.request("POST", "/v1/executions/exec_nope/continue", key: key, json: ["decision": "deny"])
        XCTAssertEqual(unknown.status, 404)
        let other = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let third = try await host.invokeSkill(key: key, agent: agent, skill: "post_anywhere",
                                               ["input": ["channel": "C0GENERAL", "text": "x"]])
        let foreign = try await host.request("POST", "/v1/executions/\(third.json["id"]?.stringValue ?? "")/continue", key: other,
                                             json: ["decision": "approve"])
        XCTAssertEqual(foreign.status, 404)
    }

    func testConcurrentApprovalsRunAPausedCallOnce() async throws {
        let paused = try await host.invokeSkill(key: key, agent: agent, skill: "post_anywhere",
                                                ["input": ["channel": "C0GENERAL", "text": "only once"]])
        let id = try XCTUnwrap(paused.json["id"]?.stringValue)
        let host = self.host!
        let key = self.key!
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await host.request("POST", "/v1/executions/\(id)/continue", key: key, json: ["decision": "approve"]).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 1, "\(statuses)")
        XCTAssertEqual(statuses.filter { $0 == 409 }.count, 5, "\(statuses)")
        XCTAssertEqual(host.fakes.slack.postedMessages.filter { $0.text == "only once" }.count, 1)
    }

    func testToolExportInOpenAIAndAnthropicFormats() async throws {
        let openai = try await host.request("GET", "/v1/agents/\(agent!)/tools?format=openai", key: key)
        XCTAssertEqual(openai.status, 200, openai.body)
        let tools = try XCTUnwrap(openai.json["tools"]?.arrayValue)
        XCTAssertEqual(tools.count, 3)
        let notify = try XCTUnwrap(tools.first { $0["function"]?["name"] == "notify_team" })
        XCTAssertEqual(notify["type"], "function")
        XCTAssertEqual(notify["function"]?["description"], "Post an update to the team channel.")
        XCTAssertEqual(notify["function"]?["parameters"]?["type"], "object")
        XCTAssertNil(notify["function"]?["parameters"]?["properties"]?["channel"])

        let anthropic = try await host.request("GET", "/v1/agents/\(agent!)/tools?format=anthropic", key: key)
        let anthropicTools = try XCTUnwrap(anthropic.json["tools"]?.arrayValue)
        let teammate = try XCTUnwrap(anthropicTools.first { $0["name"] == "find_teammate" })
        XCTAssertEqual(teammate["input_schema"]?["type"], "object")
        XCTAssertNil(teammate["input_schema"]?["properties"]?["include_bots"])
        XCTAssertNil(teammate["function"])

        let names = anthropicTools.compactMap { $0["name"]?.stringValue } + tools.compactMap { $0["function"]?["name"]?.stringValue }
        for name in names {
            XCTAssertNotNil(name.range(of: "^[a-zA-Z0-9_-]{1,64}$", options: .regularExpression), name)
        }
        for tool in anthropicTools {
            let schema = try XCTUnwrap(tool["input_schema"])
            XCTAssertTrue(JSONSchema.problems(in: schema).isEmpty, "\(JSONSchema.problems(in: schema))")
        }

        let bad = try await host.request("GET", "/v1/agents/\(agent!)/tools?format=gemini", key: key)
        XCTAssertEqual(bad.status, 400)
        XCTAssertEqual(bad.errorField, "format")
        let reader = try await host.key(scopes: [.integrationsRead])
        let refused = try await host.request("GET", "/v1/agents/\(agent!)/tools", key: reader)
        XCTAssertEqual(refused.status, 403)
    }
}
