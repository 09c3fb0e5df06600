import Hummingbird
import PatchbayServices
import PatchbayStore
import PatchbayWire

/// What an agent runtime calls: the published skills as tools, and skill calls; and the
/// approval of paused calls.
enum SkillRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let skills = patchbay.skills
        return [
            Endpoint(method: .get, path: "/v1/agents/{id}/tools",
                     summary: "The live version's skills as tool definitions: format=openai (default) or anthropic.",
                     tag: "skills", access: .key(.skillsInvoke), queryParameters: ["format"]) { request, context in
                let format = try RequestInput.filter(request, "format", as: ToolExport.Format.self) ?? .openai
                let (_, version) = try await skills.publishedSkills(principal: try context.requirePrincipal(),
                                                                    agentID: try context.parameters.require("id"))
                return JSONResponse.make(["format": .string(format.rawValue), "version": .integer(Int64(version.version)),
                                          "tools": .array(ToolExport.tools(version.skills, format: format))])
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/skills/{name}/invoke",
                     summary: "Call a published skill. Runs now, or waits as awaiting_approval (202) when the skill needs approval.",
                     tag: "skills", access: .key(.skillsInvoke),
                     requestBody: ["type": "object", "required": ["input"], "properties": [
                         "input": ["type": "object", "description": "Checked against the skill's input schema."],
                         "tool_call_id": ["type": "string", "description": "The model's id for this call, kept on the execution."],
                         "end_user": ["type": "string", "description": "Use this end user's own connection when they have one."],
                     ]], idempotent: true) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["input", "tool_call_id", "end_user"])
                let call = SkillRuntime.Call(input: try RequestInput.objectField(object, "input") ?? [:],
                                             toolCallID: try RequestInput.string(object, "tool_call_id"),
                                             endUser: try RequestInput.string(object, "end_user"))
                let record = try await skills.invoke(principal: try context.requirePrincipal(),
                                                     agentID: try context.parameters.require("id"),
                                                     skill: try context.parameters.require("name"), call)
                return JSONResponse.make(Views.execution(record), status: record.status == .awaitingApproval ? .accepted : .ok)
            },
            Endpoint(method: .post, path: "/v1/executions/{id}/continue",
                     summary: "Approve (optionally with edited input) or deny a skill call awaiting approval.",
                     tag: "executions", access: .key(.skillsWrite),
                     requestBody: ["type": "object", "required": ["decision"], "properties": [
                         "decision": ["type": "string", "enum": ["approve", "deny"]],
                         "input": ["type": "object", "description": "Replaces the paused input; approve only."],
                     ]], idempotent: true) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["decision", "input"])
                let raw = try RequestInput.requiredString(object, "decision")
                guard let decision = SkillRuntime.Decision(rawValue: raw) else {
                    throw ServiceError.validation("decision must be approve or deny", field: "decision")
                }
                let record = try await skills.decide(principal: try context.requirePrincipal(),
                                                     executionID: try context.parameters.require("id"), decision: decision,
                                                     editedInput: try RequestInput.objectField(object, "input"))
                return JSONResponse.make(Views.execution(record))
            },
        ]
    }
}
