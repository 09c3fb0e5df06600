import Foundation
import PatchbayFakes
import PatchbayServices
import PatchbayWire
import XCTest

/// Agents and their drafts through the HTTP API: create, provision, packs, publish, versions,
/// and every way a request can be wrong.
final class AgentDraftTests: XCTestCase {
    var host: TestHost!
    var key: String!
    var slack: String!

    override func setUp() async throws {
        host = try await TestHost.start()
        key = try await host.key(scopes: TestHost.agentScopes)
        slack = try await host.connectSlack(key: key)
    }

    override func tearDown() async throws {
        try await host.stop()
    }

    func testBodiesWithARepeatedMemberAreRefusedAndBigIntegersComeBackExactly() async throws {
        let repeated = try await host.request("POST", "/v1/agents", key: key, body: #"{"name": "first", "name": "second"}"#)
        XCTAssertEqual(repeated.status, 400)
        XCTAssertEqual(repeated.errorCode, "malformed_json")
        XCTAssertTrue(repeated.json["error"]?["message"]?.stringValue?.contains(#"duplicate member name "name""#) == true, repeated.body)
        let listed = try await host.request("GET", "/v1/agents", key: key)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.count, 0)

        let created = try await host.request("POST", "/v1/agents", key: key,
                                             body: #"{"name": "big", "variables": {"order_id": 123456789012345678901234567890}}"#)
        XCTAssertEqual(created.status, 201, created.body)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let fetched = try await host.request("GET", "/v1/agents/\(id)", key: key)
        XCTAssertTrue(fetched.body.contains(#""order_id":123456789012345678901234567890"#), fetched.body)
    }

    func testAgentCRUDAndItsBadInput() async throws {
        let id = try await host.createAgent(key: key, name: "support-bot", variables: ["default_channel": "#general"])
        let fetched = try await host.request("GET", "/v1/agents/\(id)", key: key)
        XCTAssertEqual(fetched.json["name"], "support-bot")
        XCTAssertEqual(fetched.json["variables"]?["default_channel"], "#general")
        XCTAssertEqual(fetched.json["live_version"], .null)

        let duplicate = try await host.request("POST", "/v1/agents", key: key, json: ["name": "support-bot"])
        XCTAssertEqual(duplicate.status, 409)
        XCTAssertEqual(duplicate.errorCode, "agent_name_taken")

        let renamed = try await host.request("PATCH", "/v1/agents/\(id)", key: key, json: ["description": "Answers customers"])
        XCTAssertEqual(renamed.status, 200, renamed.body)
        XCTAssertEqual(renamed.json["description"], "Answers customers")
        XCTAssertEqual(renamed.json["name"], "support-bot")

        let bad: [(JSONValue, String)] = [
            (["name": 5], "name"),
            (["name": "   "], "name"),
            (["name": "x", "variables": "nope"], "variables"),
            (["name": "x", "variables": ["bad name": 1]], "variables.bad name"),
            (["name": "x", "colour": "red"], "colour"),
            ([:], "name"),
        ]
        for (body, field) in bad {
            let reply = try await host.request("POST", "/v1/agents", key: key, json: body)
            XCTAssertEqual(reply.status, 400, "\(body) → \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        let malformed = try await host.request("POST", "/v1/agents", key: key, body: #"{"name": "#)
        XCTAssertEqual(malformed.errorCode, "malformed_json")

        let list = try await host.request("GET", "/v1/agents", key: key)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 1)

        // Another account sees none of it.
        let other = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        for (method, path) in [("GET", "/v1/agents/\(id)"), ("PATCH", "/v1/agents/\(id)"), ("DELETE", "/v1/agents/\(id)"),
                               ("POST", "/v1/agents/\(id)/publish"), ("GET", "/v1/agents/\(id)/versions")] {
            let reply = try await host.request(method, path, key: other, json: [:])
            XCTAssertEqual(reply.status, 404, "\(method) \(path)")
        }
        let otherList = try await host.request("GET", "/v1/agents", key: other)
        XCTAssertEqual(otherList.json["data"]?.arrayValue?.count, 0)

        // A key without skills:write cannot change agents.
        let reader = try await host.key(scopes: [.integrationsRead])
        let refused = try await host.request("POST", "/v1/agents", key: reader, json: ["name": "y"])
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(refused.errorCode, "missing_scope")

        let deleted = try await host.request("DELETE", "/v1/agents/\(id)", key: key)
        XCTAssertEqual(deleted.status, 200)
        let gone = try await host.request("GET", "/v1/agents/\(id)", key: key)
        XCTAssertEqual(gone.status, 404)
    }

    func testProvisionAddsImportantActionsOrTheNamedOnesAndRefusesUnknownNames() async throws {
        let agent = try await host.createAgent(key: key)
        let provisioned = try await host.request("POST", "/v1/agents/\(agent)/provision", key: key, json: ["connection_id": .string(slack)])
        XCTAssertEqual(provisioned.status, 201, provisioned.body)
        let names = provisioned.json["data"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        XCTAssertEqual(names, ["post_message", "list_channels"])

        let unknown = try await host.request("POST", "/v1/agents/\(agent)/provision", key: key,
                                             json: ["connection_id": .string(slack), "actions": ["list_users", "nuke", "delete_all"]])
        XCTAssertEqual(unknown.status, 400)
        XCTAssertEqual(unknown.errorCode, "unknown_action")
        XCTAssertTrue(unknown.body.contains("nuke, delete_all"), unknown.body)

        let clash = try await host.request("POST", "/v1/agents/\(agent)/provision", key: key,
                                           json: ["connection_id": .string(slack), "actions": ["list_users", "post_message"]])
        XCTAssertEqual(clash.status, 409)
        XCTAssertEqual(clash.errorCode, "skill_name_taken")
        XCTAssertTrue(clash.body.contains("post_message"))
        let draft = try await host.request("GET", "/v1/agents/\(agent)/skills", key: key)
        XCTAssertEqual(draft.json["data"]?.arrayValue?.count, 2, "a refused provision adds nothing")

        let named = try await host.request("POST", "/v1/agents/\(agent)/provision", key: key,
                                           json: ["connection_id": .string(slack), "actions": ["list_users"], "requires_approval": true])
        XCTAssertEqual(named.status, 201)
        XCTAssertEqual(named.json["data"]?.arrayValue?.first?["requires_approval"], true)

        for (body, field) in [(["connection_id": "conn_nope"] as JSONValue, "connection_id"),
                              (["connection_id": .string(slack), "actions": "post_message"], "actions"),
                              (["connection_id": .string(slack), "actions": []], "actions"),
                              ([:], "connection_id")] {
            let reply = try await host.request("POST", "/v1/agents/\(agent)/provision", key: key, json: body)
            XCTAssertTrue([400, 404].contains(reply.status), reply.body)
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        let otherAccount = try await host.key(account: "globex", scopes: TestHost.agentScopes)
        let othersAgent = try await host.createAgent(key: otherAccount)
        let foreign = try await host.request("POST", "/v1/agents/\(othersAgent)/provision", key: otherAccount,
                                             json: ["connection_id": .string(slack)])
        XCTAssertEqual(foreign.status, 404, "another account's connection is not found")

        let removed = try await host.request("DELETE", "/v1/agents/\(agent)/provision/slack", key: key)
        XCTAssertEqual(removed.json["removed"]?.arrayValue?.count, 3)
        let empty = try await host.request("GET", "/v1/agents/\(agent)/skills", key: key)
        XCTAssertEqual(empty.json["data"]?.arrayValue?.count, 0)
    }

    func testSkillPresetsAreHiddenFromTheExposedSchemaAndChecked() async throws {
        let agent = try await host.createAgent(key: key)
        let added = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: [
            "name": "announce", "connection_id": .string(slack), "action": "post_message",
            "description": "Announce in the team channel.", "presets": ["channel": "{{ default_channel }}"],
        ])
        XCTAssertEqual(added.status, 201, added.body)
        let schema = try XCTUnwrap(added.json["input_schema"])
        XCTAssertNil(schema["properties"]?["channel"])
        XCTAssertNotNil(schema["properties"]?["text"])
        XCTAssertEqual(schema["required"], ["text"])

        let cases: [(JSONValue, String)] = [
            (["name": "bad name!", "connection_id": .string(slack), "action": "post_message"], "name"),
            (["name": String(repeating: "a", count: 65).jsonValue, "connection_id": .string(slack), "action": "post_message"], "name"),
            (["connection_id": .string(slack), "action": "nope"], "action"),
            (["connection_id": .string(slack), "action": "post_message", "presets": ["colour": "red"]], "presets.colour"),
            (["connection_id": .string(slack), "action": "post_message", "presets": ["channel": 5]], "presets.channel"),
            (["connection_id": .string(slack), "action": "post_message", "presets": "x"], "presets"),
            (["connection_id": .string(slack), "action": "post_message", "requires_approval": "yes"], "requires_approval"),
        ]
        for (body, field) in cases {
            let reply = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: body)
            XCTAssertEqual(reply.status, 400, "\(body) → \(reply.body)")
            XCTAssertEqual(reply.errorField, field, reply.body)
        }
        let duplicate = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: [
            "name": "announce", "connection_id": .string(slack), "action": "list_users",
        ])
        XCTAssertEqual(duplicate.status, 409)

        let patched = try await host.request("PATCH", "/v1/agents/\(agent)/skills/announce", key: key,
                                             json: ["presets": [:], "requires_approval": true])
        XCTAssertEqual(patched.status, 200, patched.body)
        XCTAssertNotNil(patched.json["input_schema"]?["properties"]?["channel"], "without the preset the channel is the model's to give")
        XCTAssertEqual(patched.json["requires_approval"], true)
        let changeAction = try await host.request("PATCH", "/v1/agents/\(agent)/skills/announce", key: key, json: ["action": "list_users"])
        XCTAssertEqual(changeAction.status, 400)
        let missing = try await host.request("PATCH", "/v1/agents/\(agent)/skills/nope", key: key, json: ["description": "x"])
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.errorCode, "unknown_skill")

        let deleted = try await host.request("DELETE", "/v1/agents/\(agent)/skills/announce", key: key)
        XCTAssertEqual(deleted.status, 200)
        let again = try await host.request("DELETE", "/v1/agents/\(agent)/skills/announce", key: key)
        XCTAssertEqual(again.status, 404)
    }

    func testPacksListReadAndInstallAllOrNothing() async throws {
        let packs = try await host.request("GET", "/v1/catalog/slack/packs", key: key)
        XCTAssertEqual(packs.status, 200)
        XCTAssertEqual(packs.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, ["team-notifier", "channel-scout"])
        let pack = try await host.request("GET", "/v1/catalog/slack/packs/channel-scout", key: key)
        XCTAssertEqual(pack.json["skills"]?.arrayValue?.count, 2)
        let unknownPack = try await host.request("GET", "/v1/catalog/slack/packs/nope", key: key)
        XCTAssertEqual(unknownPack.status, 404)
        let unknownProvider = try await host.request("GET", "/v1/catalog/nope/packs", key: key)
        XCTAssertEqual(unknownProvider.status, 404)

        let agent = try await host.createAgent(key: key)
        // One skill already holds a name the pack uses: the install is refused whole.
        let manual = try await host.request("POST", "/v1/agents/\(agent)/skills", key: key, json: [
            "name": "post_to_channel", "connection_id": .string(slack), "action": "auth_test",
        ])
        XCTAssertEqual(manual.status, 201)
        let clash = try await host.request("POST", "/v1/agents/\(agent)/packs", key: key,
                                           json: ["connection_id": .string(slack), "pack": "channel-scout"])
        XCTAssertEqual(clash.status, 409)
        XCTAssertEqual(clash.errorCode, "skill_name_taken")
        XCTAssertTrue(clash.body.contains("post_to_channel"))
        let draft = try await host.request("GET", "/v1/agents/\(agent)/skills", key: key)
        XCTAssertEqual(draft.json["data"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["post_to_channel"],
                       "find_channels must not have been added either")

        let installed = try await host.request("POST", "/v1/agents/\(agent)/packs", key: key,
                                               json: ["connection_id": .string(slack), "pack": "team-notifier"])
        XCTAssertEqual(installed.status, 201, installed.body)
        let notify = installed.json["data"]?.arrayValue?.first { $0["name"] == "notify_team" }
        XCTAssertEqual(notify?["presets"]?["channel"], "{{ default_channel }}")
        XCTAssertNil(notify?["input_schema"]?["properties"]?["channel"])

        let missingPack = try await host.request("POST", "/v1/agents/\(agent)/packs", key: key,
                                                 json: ["connection_id": .string(slack), "pack": "nope"])
        XCTAssertEqual(missingPack.status, 404)
        XCTAssertEqual(missingPack.errorCode, "unknown_pack")
        let noPack = try await host.request("POST", "/v1/agents/\(agent)/packs", key: key, json: ["connection_id": .string(slack)])
        XCTAssertEqual(noPack.errorField, "pack")
    }

    func testPublishMakesNumberedImmutableVersions() async throws {
        let agent = try await host.createAgent(key: key)
        let empty = try await host.request("POST", "/v1/agents/\(agent)/publish", key: key, json: [:])
        XCTAssertEqual(empty.status, 409)
        XCTAssertEqual(empty.errorCode, "empty_draft")

        _ = try await host.request("POST", "/v1/agents/\(agent)/provision", key: key, json: ["connection_id": .string(slack)])
        let first = try await host.request("POST", "/v1/agents/\(agent)/publish", key: key, json: ["note": "first"])
        XCTAssertEqual(first.status, 201, first.body)
        XCTAssertEqual(first.json["version"], 1)
        XCTAssertEqual(first.json["live"], true)

        // Editing the draft after publishing does not touch version 1.
        _ = try await host.request("DELETE", "/v1/agents/\(agent)/skills/list_channels", key: key)
        let v2 = try await host.publish(key: key, agent: agent)
        XCTAssertEqual(v2, 2)
        let one = try await host.request("GET", "/v1/agents/\(agent)/versions/1", key: key)
        XCTAssertEqual(one.json["skills"]?.arrayValue?.count, 2)
        XCTAssertEqual(one.json["live"], false)
        XCTAssertEqual(one.json["note"], "first")

        let versions = try await host.request("GET", "/v1/agents/\(agent)/versions", key: key)
        XCTAssertEqual(versions.json["data"]?.arrayValue?.compactMap { $0["version"]?.intValue }, [2, 1])

        let toolsV2 = try await host.request("GET", "/v1/agents/\(agent)/tools", key: key)
        XCTAssertEqual(toolsV2.json["tools"]?.arrayValue?.count, 1)

        let missingVersion = try await host.request("GET", "/v1/agents/\(agent)/versions/x", key: key)
        XCTAssertEqual(missingVersion.status, 404)
    }

    func testPublishRefusesSkillsWhoseTemplateVariablesAreNotSet() async throws {
        let agent = try await host.createAgent(key: key)
        _ = try await host.request("POST", "/v1/agents/\(agent)/packs", key: key,
                                   json: ["connection_id": .string(slack), "pack": "team-notifier"])
        let refused = try await host.request("POST", "/v1/agents/\(agent)/publish", key: key, json: [:])
        XCTAssertEqual(refused.status, 409)
        XCTAssertEqual(refused.errorCode, "variable_not_set")
        XCTAssertEqual(refused.errorField, "variables.default_channel")

        let set = try await host.request("PATCH", "/v1/agents/\(agent)", key: key, json: ["variables": ["default_channel": "#general"]])
        XCTAssertEqual(set.status, 200)
        let published = try await host.publish(key: key, agent: agent)
        XCTAssertEqual(published, 1)
    }
}

private extension String {
    var jsonValue: JSONValue { .string(self) }
}
