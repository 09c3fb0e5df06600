import Hummingbird
import PatchbayServices
import PatchbayStore
import PatchbayWire

/// Agents, their drafts (skills by hand, provisioned, from packs), publishing and versions.
enum AgentRoutes {
    static let agentBody: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string", "description": "Unique in the account. Required on create."],
            "description": ["type": "string"],
            "variables": ["type": "object", "description": "Values for {{ name }} templates in skill presets; replaced whole."],
        ],
    ]

    static let skillBody: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string", "description": "^[a-zA-Z0-9_-]{1,64}$, unique in the agent; defaults to the action's name."],
            "connection_id": ["type": "string"],
            "action": ["type": "string"],
            "description": ["type": "string", "description": "What the model reads; defaults to the action's."],
            "presets": ["type": "object", "description": "Fixed inputs, hidden from the model; strings may hold {{ variable }}."],
            "requires_approval": ["type": "boolean"],
            "type": ["type": "string", "enum": ["http_webhook", "action"],
                     "description": "http_webhook: the host POSTs each call to url, signed per Standard Webhooks; the answer carries the signing secret once."],
            "url": ["type": "string", "description": "http_webhook: the owner's endpoint, under the push side's target policy."],
            "input_schema": ["type": "object", "description": "http_webhook: JSON Schema of what the model sends."],
            "output_schema": ["type": "object", "description": "http_webhook: JSON Schema the endpoint's JSON reply must match."],
            "timeout_ms": ["type": "integer", "description": "http_webhook: at most the host's webhook delivery timeout (its default)."],
        ],
    ]

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let agents = patchbay.agents
        return [
            Endpoint(method: .post, path: "/v1/agents", summary: "Create an agent with an empty draft.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: agentBody, successStatus: 201) { request, context in
                let agent = try await agents.create(principal: try context.requirePrincipal(), try await agentDraft(request))
                return JSONResponse.make(Views.agent(agent), status: .created)
            },
            Endpoint(method: .get, path: "/v1/agents", summary: "Agents, newest first.",
                     tag: "agents", access: .key(.integrationsRead), queryParameters: ["limit", "cursor"]) { request, context in
                let page = try await agents.list(principal: try context.requirePrincipal(), page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, Views.agent))
            },
            Endpoint(method: .get, path: "/v1/agents/{id}", summary: "One agent.",
                     tag: "agents", access: .key(.integrationsRead)) { _, context in
                let agent = try await agents.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.agent(agent))
            },
            Endpoint(method: .patch, path: "/v1/agents/{id}", summary: "Change name, description or variables.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: agentBody) { request, context in
                let agent = try await agents.update(principal: try context.requirePrincipal(), id: try context.parameters.require("id"),
                                                    try await agentDraft(request))
                return JSONResponse.make(Views.agent(agent))
            },
            Endpoint(method: .delete, path: "/v1/agents/{id}", summary: "Delete an agent and its versions; its executions stay.",
                     tag: "agents", access: .key(.skillsWrite)) { _, context in
                let id = try context.parameters.require("id")
                try await agents.delete(principal: try context.requirePrincipal(), id: id)
                return JSONResponse.make(["id": .string(id), "deleted": true])
            },
            Endpoint(method: .get, path: "/v1/agents/{id}/skills", summary: "The draft's skills.",
                     tag: "agents", access: .key(.integrationsRead)) { _, context in
                let agent = try await agents.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.skills(agent.draft))
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/skills", summary: "Add a skill to the draft: one action of a connection, or an http_webhook.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: skillBody, successStatus: 201) { request, context in
                let object = try await RequestInput.object(request)
                if try RequestInput.string(object, "type") == SkillWebhook.provider {
                    try RequestInput.onlyKnown(object, ["type", "name", "description", "url", "input_schema", "output_schema", "timeout_ms",
                                                        "connection_id", "action", "presets", "requires_approval"])
                    let (skill, secret) = try await agents.addWebhookSkill(
                        principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                        AgentService.WebhookSkillDraft(
                            name: try RequestInput.string(object, "name"), description: try RequestInput.string(object, "description"),
                            url: try RequestInput.string(object, "url"), inputSchema: try RequestInput.objectField(object, "input_schema"),
                            outputSchema: try RequestInput.objectField(object, "output_schema"),
                            timeoutMs: try RequestInput.integer(object, "timeout_ms"),
                            actionFields: ["connection_id", "action", "presets", "requires_approval"].filter { object[$0] != nil }))
                    // The signing secret is in this response only.
                    var view = Views.skill(skill).objectValue ?? [:]
                    view["secret"] = .string(secret)
                    return JSONResponse.make(.object(view), status: .created)
                }
                let skill = try await agents.addSkill(principal: try context.requirePrincipal(),
                                                      agentID: try context.parameters.require("id"), try skillDraft(object))
                return JSONResponse.make(Views.skill(skill), status: .created)
            },
            Endpoint(method: .patch, path: "/v1/agents/{id}/skills/{name}",
                     summary: "Change a draft skill's description, presets or approval.",
                     tag: "agents", access: .key(.skillsWrite), requestBody: skillBody) { request, context in
                let skill = try await agents.updateSkill(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    name: try context.parameters.require("name"), try await skillDraft(request))
                return JSONResponse.make(Views.skill(skill))
            },
            Endpoint(method: .delete, path: "/v1/agents/{id}/skills/{name}", summary: "Remove a skill from the draft.",
                     tag: "agents", access: .key(.skillsWrite)) { _, context in
                let name = try context.parameters.require("name")
                try await agents.removeSkill(principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                                             name: name)
                return JSONResponse.make(["name": .string(name), "deleted": true])
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/provision",
                     summary: "Add one skill per action of a connection: the named actions, or every important one.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: ["type": "object", "required": ["connection_id"], "properties": [
                         "connection_id": ["type": "string"],
                         "actions": ["type": "array", "items": ["type": "string"], "description": "Defaults to the important actions."],
                         "requires_approval": ["type": "boolean"],
                     ]], successStatus: 201) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["connection_id", "actions", "requires_approval"])
                let skills = try await agents.provision(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    connectionID: try RequestInput.requiredString(object, "connection_id"),
                    actions: try RequestInput.strings(object, "actions"),
                    requiresApproval: try RequestInput.bool(object, "requires_approval") ?? false)
                return JSONResponse.make(Views.skills(skills), status: .created)
            },
            Endpoint(method: .delete, path: "/v1/agents/{id}/provision/{provider}",
                     summary: "Remove every draft skill of a provider.",
                     tag: "agents", access: .key(.skillsWrite)) { _, context in
                let removed = try await agents.unprovision(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    provider: try context.parameters.require("provider"))
                return JSONResponse.make(["removed": .array(removed.map(JSONValue.string))])
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/packs", summary: "Install a provider pack's skills onto the draft, all or none.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: ["type": "object", "required": ["connection_id", "pack"], "properties": [
                         "connection_id": ["type": "string"], "pack": ["type": "string", "description": "A pack id from the catalog."],
                     ]], successStatus: 201) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["connection_id", "pack"])
                let skills = try await agents.installPack(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    connectionID: try RequestInput.requiredString(object, "connection_id"),
                    packID: try RequestInput.requiredString(object, "pack"))
                return JSONResponse.make(Views.skills(skills), status: .created)
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/publish",
                     summary: "Publish the draft as the next numbered version and make it live.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: ["type": "object", "properties": ["note": ["type": "string"]]], successStatus: 201) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["note"])
                let version = try await agents.publish(principal: try context.requirePrincipal(),
                                                       agentID: try context.parameters.require("id"),
                                                       note: try RequestInput.string(object, "note"))
                return JSONResponse.make(Views.version(version, live: version.version, detailed: true), status: .created)
            },
            Endpoint(method: .get, path: "/v1/agents/{id}/versions", summary: "Published versions, newest first.",
                     tag: "agents", access: .key(.integrationsRead)) { _, context in
                let (agent, versions) = try await agents.versions(principal: try context.requirePrincipal(),
                                                                  agentID: try context.parameters.require("id"))
                return JSONResponse.make(["data": .array(versions.map { Views.version($0, live: agent.liveVersion, detailed: false) })])
            },
            Endpoint(method: .get, path: "/v1/agents/{id}/versions/{version}", summary: "One published version with its skills.",
                     tag: "agents", access: .key(.integrationsRead)) { _, context in
                let raw = try context.parameters.require("version")
                guard let number = Int(raw) else { throw ServiceError.notFound("version", raw) }
                let (agent, version) = try await agents.version(principal: try context.requirePrincipal(),
                                                                agentID: try context.parameters.require("id"), version: number)
                return JSONResponse.make(Views.version(version, live: agent.liveVersion, detailed: true))
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/rollback",
                     summary: "Publish a copy of an earlier version as the next version and make it live; the draft stays.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: ["type": "object", "required": ["version"], "properties": [
                         "version": ["type": "integer"], "note": ["type": "string"],
                     ]], successStatus: 201) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["version", "note"])
                guard let version = try RequestInput.integer(object, "version") else {
                    throw ServiceError.validation("version is required", field: "version")
                }
                let rolledBack = try await agents.rollback(principal: try context.requirePrincipal(),
                                                           agentID: try context.parameters.require("id"), to: version,
                                                           note: try RequestInput.string(object, "note"))
                return JSONResponse.make(Views.version(rolledBack, live: rolledBack.version, detailed: true), status: .created)
            },
        ]
    }

    private static func agentDraft(_ request: Request) async throws -> AgentService.Draft {
        let object = try await RequestInput.object(request)
        try RequestInput.onlyKnown(object, ["name", "description", "variables"])
        return AgentService.Draft(name: try RequestInput.string(object, "name"),
                                  description: try RequestInput.string(object, "description"),
                                  variables: try RequestInput.objectField(object, "variables"))
    }

    private static func skillDraft(_ request: Request) async throws -> AgentService.SkillDraft {
        try skillDraft(try await RequestInput.object(request))
    }

    private static func skillDraft(_ object: [String: JSONValue]) throws -> AgentService.SkillDraft {
        try RequestInput.onlyKnown(object, ["name", "connection_id", "action", "description", "presets", "requires_approval", "type"])
        if let type = try RequestInput.string(object, "type"), type != "action" {
            throw APIError(status: .badRequest, code: "validation_failed", message: "type must be action or http_webhook", field: "type")
        }
        return AgentService.SkillDraft(
            name: try RequestInput.string(object, "name"), connectionID: try RequestInput.string(object, "connection_id"),
            action: try RequestInput.string(object, "action"), description: try RequestInput.string(object, "description"),
            presets: try RequestInput.objectField(object, "presets"),
            requiresApproval: try RequestInput.bool(object, "requires_approval"))
    }
}
