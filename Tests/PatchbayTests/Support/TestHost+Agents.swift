import Foundation
import PatchbayServices
import PatchbayWire

extension TestHost {
    /// Every scope an operator setting agents up and a runtime calling them need.
    static let agentScopes: [Scope] = [.integrationsRead, .integrationsWrite, .skillsWrite, .skillsInvoke]

    /// Creates an agent and returns its id.
    func createAgent(key: String, name: String = "support-bot", variables: JSONValue = [:]) async throws -> String {
        let reply = try await request("POST", "/v1/agents", key: key, json: ["name": .string(name), "variables": variables])
        guard reply.status == 201, let id = reply.json["id"]?.stringValue else {
            throw TestHostError.unexpected("create agent: \(reply.status) \(reply.body)")
        }
        return id
    }

    /// Publishes the agent's draft and returns the new version number.
    func publish(key: String, agent: String) async throws -> Int {
        let reply = try await request("POST", "/v1/agents/\(agent)/publish", key: key, json: [:])
        guard reply.status == 201, let version = reply.json["version"]?.intValue else {
            throw TestHostError.unexpected("publish: \(reply.status) \(reply.body)")
        }
        return version
    }

    /// Calls a published skill over HTTP.
    func invokeSkill(key: String, agent: String, skill: String, _ body: JSONValue) async throws -> Reply {
        try await request("POST", "/v1/agents/\(agent)/skills/\(skill)/invoke", key: key, json: body)
    }
}
