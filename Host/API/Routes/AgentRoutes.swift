import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// Agents, their drafts (skills by hand, provisioned, from packs), publishing and versions.
enum AgentRoutes {
    static let agentBody = APISchema.object([
        "name": APISchema.text(min: 1, max: 100, trimmed: true, description: "Unique in the account. Required on create."),
        "description": APISchema.text(max: 2000),
        "variables": ["type": "object", "propertyNames": ["pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$"],
                      "description": "Values for {{ name }} templates in skill presets; replaced whole."],
    ])

    static let skillName = ["type": "string", "pattern": "^[a-zA-Z0-9_-]{1,64}$"] as JSONValue

    /// One action of a connection (`type` action, the default), or an `http_webhook` the host
    /// calls instead: each kind requires its own fields and refuses the other's.
    static let skillBody = APISchema.merge(APISchema.object([
        "type": ["type": "string", "enum": ["action", .string(SkillWebhook.provider)], "default": "action",
                 "description": "http_webhook: the host POSTs each call to url, signed per Standard Webhooks; the answer carries the signing secret once."],
        "name": APISchema.merge(skillName, ["description": "Unique in the agent; defaults to the action's name."]),
        "connection_id": APISchema.id(),
        "action": APISchema.id(),
        "description": APISchema.text(min: 1, max: 1024, trimmed: true, description: "What the model reads; defaults to the action's."),
        "presets": APISchema.anyObject(description: "Fixed inputs, hidden from the model; strings may hold {{ variable }}."),
        "requires_approval": APISchema.boolean,
        "url": APISchema.text(min: 1, max: 2048, description: "http_webhook: the owner's endpoint, under the push side's target policy."),
        "input_schema": APISchema.anyObject(description: "http_webhook: JSON Schema of what the model sends."),
        "output_schema": APISchema.anyObject(description: "http_webhook: JSON Schema the endpoint's JSON reply must match."),
        "timeout_ms": ["type": "integer", "minimum": 1, "description": "http_webhook: at most the host's webhook delivery timeout (its default)."],
    ]), [
        "if": ["properties": ["type": ["const": .string(SkillWebhook.provider)]], "required": ["type"]],
        "then": ["required": ["url"],
                 "properties": ["connection_id": false, "action": false, "presets": false, "requires_approval": false]],
        "else": ["required": ["connection_id", "action"],
                 "properties": ["url": false, "input_schema": false, "output_schema": false, "timeout_ms": false]],
    ])

    /// A draft skill can change only these; its name, connection and action make a new skill.
    static let skillChange = APISchema.object([
        "description": APISchema.text(min: 1, max: 1024, trimmed: true, description: "What the model reads."),
        "presets": APISchema.anyObject(description: "Fixed inputs, hidden from the model; strings may hold {{ variable }}."),
        "requires_approval": APISchema.boolean,
    ])

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let agents = patchbay.agents
        return [
            Endpoint(method: .post, path: "/v1/agents", summary: "Create an agent with an empty draft.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: APISchema.merge(agentBody, ["required": ["name"]]),
                     response: APISchema.ref("Agent"), successStatus: 201, errors: [409]) { _, context in
                let agent = try await agents.create(principal: try context.requirePrincipal(), agentDraft(context.input))
                return JSONResponse.make(Views.agent(agent), status: .created)
            },
            Endpoint(method: .get, path: "/v1/agents", summary: "Agents, newest first.",
                     tag: "agents", access: .key(.integrationsRead), parameters: [.limit, .cursor],
                     response: APISchema.page(of: APISchema.ref("Agent"))) { request, context in
                let page = try await agents.list(principal: try context.requirePrincipal(), page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, Views.agent))
            },
            Endpoint(method: .get, path: "/v1/agents/{id}", summary: "One agent.",
                     tag: "agents", access: .key(.integrationsRead), response: APISchema.ref("Agent")) { _, context in
                let agent = try await agents.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.agent(agent))
            },
            Endpoint(method: .patch, path: "/v1/agents/{id}", summary: "Change name, description or variables.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: agentBody, response: APISchema.ref("Agent"),
                     errors: [409]) { _, context in
                let agent = try await agents.update(principal: try context.requirePrincipal(), id: try context.parameters.require("id"),
                                                    agentDraft(context.input))
                return JSONResponse.make(Views.agent(agent))
            },
            Endpoint(method: .delete, path: "/v1/agents/{id}", summary: "Delete an agent and its versions; its executions stay.",
                     tag: "agents", access: .key(.skillsWrite),
                     response: APISchema.view(["id": APISchema.string(), "deleted": ["const": true]])) { _, context in
                let id = try context.parameters.require("id")
                try await agents.delete(principal: try context.requirePrincipal(), id: id)
                return JSONResponse.make(["id": .string(id), "deleted": true])
            },
            Endpoint(method: .get, path: "/v1/agents/{id}/skills", summary: "The draft's skills.",
                     tag: "agents", access: .key(.integrationsRead), response: APISchema.list(of: APISchema.ref("Skill"))) { _, context in
                let agent = try await agents.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.skills(agent.draft))
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/skills",
                     summary: "Add a skill to the draft: one action of a connection, or an http_webhook.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: skillBody,
                     response: APISchema.ref("Skill"), successStatus: 201, errors: [409]) { _, context in
                let input = context.input
                if input["type"]?.stringValue == SkillWebhook.provider {
                    let (skill, secret) = try await agents.addWebhookSkill(
                        principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                        AgentService.WebhookSkillDraft(
                            name: input["name"]?.stringValue, description: input["description"]?.stringValue,
                            url: input["url"]?.stringValue, inputSchema: input["input_schema"], outputSchema: input["output_schema"],
                            timeoutMs: input["timeout_ms"]?.intValue,
                            actionFields: ["connection_id", "action", "presets", "requires_approval"].filter { input[$0] != nil }))
                    // The signing secret is in this response only.
                    var view = Views.skill(skill).objectValue ?? [:]
                    view["secret"] = .string(secret)
                    return JSONResponse.make(.object(view), status: .created)
                }
                let skill = try await agents.addSkill(principal: try context.requirePrincipal(),
                                                      agentID: try context.parameters.require("id"), skillDraft(input))
                return JSONResponse.make(Views.skill(skill), status: .created)
            },
            Endpoint(method: .patch, path: "/v1/agents/{id}/skills/{name}",
                     summary: "Change a draft skill's description, presets or approval.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: skillChange, response: APISchema.ref("Skill"),
                     errors: [409]) { _, context in
                let skill = try await agents.updateSkill(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    name: try context.parameters.require("name"), skillDraft(context.input))
                return JSONResponse.make(Views.skill(skill))
            },
            Endpoint(method: .delete, path: "/v1/agents/{id}/skills/{name}", summary: "Remove a skill from the draft.",
                     tag: "agents", access: .key(.skillsWrite),
                     response: APISchema.view(["name": APISchema.string(), "deleted": ["const": true]])) { _, context in
                let name = try context.parameters.require("name")
                try await agents.removeSkill(principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                                             name: name)
                return JSONResponse.make(["name": .string(name), "deleted": true])
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/provision",
                     summary: "Add one skill per action of a connection: the named actions, or every important one.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: APISchema.object([
                         "connection_id": APISchema.id(),
                         "actions": APISchema.array(APISchema.id(), description: "Defaults to the important actions."),
                         "requires_approval": APISchema.boolean,
                     ], required: ["connection_id"]),
                     response: APISchema.list(of: APISchema.ref("Skill")), successStatus: 201, errors: [409]) { _, context in
                let input = context.input
                let skills = try await agents.provision(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    connectionID: input["connection_id"]?.stringValue ?? "",
                    actions: input["actions"]?.arrayValue?.compactMap(\.stringValue),
                    requiresApproval: input["requires_approval"]?.boolValue ?? false)
                return JSONResponse.make(Views.skills(skills), status: .created)
            },
            Endpoint(method: .delete, path: "/v1/agents/{id}/provision/{provider}",
                     summary: "Remove every draft skill of a provider.",
                     tag: "agents", access: .key(.skillsWrite),
                     response: APISchema.view(["removed": APISchema.array(APISchema.string())])) { _, context in
                let removed = try await agents.unprovision(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    provider: try context.parameters.require("provider"))
                return JSONResponse.make(["removed": .array(removed.map(JSONValue.string))])
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/packs", summary: "Install a provider pack's skills onto the draft, all or none.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: APISchema.object([
                         "connection_id": APISchema.id(), "pack": APISchema.id(description: "A pack id from the catalog."),
                     ], required: ["connection_id", "pack"]),
                     response: APISchema.list(of: APISchema.ref("Skill")), successStatus: 201, errors: [409]) { _, context in
                let skills = try await agents.installPack(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    connectionID: context.input["connection_id"]?.stringValue ?? "",
                    packID: context.input["pack"]?.stringValue ?? "")
                return JSONResponse.make(Views.skills(skills), status: .created)
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/publish",
                     summary: "Publish the draft as the next numbered version and make it live.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: APISchema.object(["note": APISchema.text(max: 500)]),
                     response: APISchema.ref("AgentVersionDetail"), successStatus: 201, errors: [409]) { _, context in
                let version = try await agents.publish(principal: try context.requirePrincipal(),
                                                       agentID: try context.parameters.require("id"),
                                                       note: context.input["note"]?.stringValue)
                return JSONResponse.make(Views.version(version, live: version.version, detailed: true), status: .created)
            },
            Endpoint(method: .get, path: "/v1/agents/{id}/versions", summary: "Published versions, newest first.",
                     tag: "agents", access: .key(.integrationsRead), response: APISchema.list(of: APISchema.ref("AgentVersion"))) { _, context in
                let (agent, versions) = try await agents.versions(principal: try context.requirePrincipal(),
                                                                  agentID: try context.parameters.require("id"))
                return JSONResponse.make(["data": .array(versions.map { Views.version($0, live: agent.liveVersion, detailed: false) })])
            },
            Endpoint(method: .get, path: "/v1/agents/{id}/versions/{version}", summary: "One published version with its skills.",
                     tag: "agents", access: .key(.integrationsRead), response: APISchema.ref("AgentVersionDetail")) { _, context in
                let raw = try context.parameters.require("version")
                guard let number = Int(raw) else { throw ServiceError.notFound("version", raw) }
                let (agent, version) = try await agents.version(principal: try context.requirePrincipal(),
                                                                agentID: try context.parameters.require("id"), version: number)
                return JSONResponse.make(Views.version(version, live: agent.liveVersion, detailed: true))
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/rollback",
                     summary: "Publish a copy of an earlier version as the next version and make it live; the draft stays.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: APISchema.object([
                         "version": ["type": "integer", "minimum": 1, "maximum": 2_147_483_647], "note": APISchema.text(max: 500),
                     ], required: ["version"]),
                     response: APISchema.ref("AgentVersionDetail"), successStatus: 201, errors: [409]) { _, context in
                let rolledBack = try await agents.rollback(principal: try context.requirePrincipal(),
                                                           agentID: try context.parameters.require("id"),
                                                           to: context.input["version"]?.intValue ?? 0,
                                                           note: context.input["note"]?.stringValue)
                return JSONResponse.make(Views.version(rolledBack, live: rolledBack.version, detailed: true), status: .created)
            },
        ]
    }

    private static func agentDraft(_ input: [String: JSONValue]) -> AgentService.Draft {
        AgentService.Draft(name: input["name"]?.stringValue, description: input["description"]?.stringValue,
                           variables: input["variables"])
    }

    private static func skillDraft(_ input: [String: JSONValue]) -> AgentService.SkillDraft {
        AgentService.SkillDraft(
            name: input["name"]?.stringValue, connectionID: input["connection_id"]?.stringValue,
            action: input["action"]?.stringValue, description: input["description"]?.stringValue,
            presets: input["presets"], requiresApproval: input["requires_approval"]?.boolValue)
    }
}
