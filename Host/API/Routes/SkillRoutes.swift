import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// What an agent runtime calls: the published skills as tools, and skill calls; and the
/// approval of paused calls.
enum SkillRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let skills = patchbay.skills
        return [
            Endpoint(method: .get, path: "/v1/agents/{id}/tools",
                     summary: "The live version's skills as tool definitions: format=openai (default) or anthropic.",
                     tag: "skills", access: .key(.skillsInvoke), parameters: [.oneOf("format", ToolExport.Format.self)],
                     response: APISchema.view(["format": APISchema.enumeration(ToolExport.Format.self), "version": APISchema.integer,
                                               "tools": APISchema.array(APISchema.anyObject())]),
                     errors: [409]) { request, context in
                let format = RequestInput.filter(request, "format", as: ToolExport.Format.self) ?? .openai
                let (_, version) = try await skills.publishedSkills(principal: try context.requirePrincipal(),
                                                                    agentID: try context.parameters.require("id"))
                return JSONResponse.make(["format": .string(format.rawValue), "version": .integer(Int64(version.version)),
                                          "tools": .array(ToolExport.tools(version.skills, format: format))])
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/skills/{name}/invoke",
                     summary: "Call a published skill. Runs now, or waits as awaiting_approval (202) when the skill needs approval.",
                     tag: "skills", access: .key(.skillsInvoke),
                     requestBody: APISchema.object([
                         "input": APISchema.anyObject(description: "Checked against the skill's input schema."),
                         "tool_call_id": APISchema.text(min: 1, max: 200, description: "The model's id for this call, kept on the execution."),
                         "end_user": APISchema.text(min: 1, max: 200, trimmed: true, description: "Use this end user's own connection when they have one."),
                     ], required: ["input"]),
                     response: APISchema.ref("Execution"), otherResponses: [202: APISchema.ref("Execution")],
                     errors: [409, 422, 429, 502], errorBody: APISchema.ref("ProviderError"), idempotent: true) { _, context in
                let input = context.input
                let call = SkillRuntime.Call(input: input["input"] ?? [:], toolCallID: input["tool_call_id"]?.stringValue,
                                             endUser: input["end_user"]?.stringValue)
                let record = try await skills.invoke(principal: try context.requirePrincipal(),
                                                     agentID: try context.parameters.require("id"),
                                                     skill: try context.parameters.require("name"), call)
                return JSONResponse.make(Views.execution(record), status: record.status == .awaitingApproval ? .accepted : .ok)
            },
            Endpoint(method: .post, path: "/v1/executions/{id}/continue",
                     summary: "Approve (optionally with edited input) or deny a skill call awaiting approval.",
                     tag: "executions", access: .key(.skillsWrite),
                     requestBody: APISchema.object([
                         "decision": APISchema.enumeration(SkillRuntime.Decision.self),
                         "input": APISchema.anyObject(description: "Replaces the paused input; approve only."),
                     ], required: ["decision"]),
                     response: APISchema.ref("Execution"), errors: [409, 422, 429, 502],
                     errorBody: APISchema.ref("ProviderError"), idempotent: true) { _, context in
                guard let decision = context.input["decision"]?.stringValue.flatMap(SkillRuntime.Decision.init(rawValue:)) else {
                    throw ServiceError.validation("decision must be approve or deny", field: "decision")
                }
                let record = try await skills.decide(principal: try context.requirePrincipal(),
                                                     executionID: try context.parameters.require("id"), decision: decision,
                                                     editedInput: context.input["input"])
                return JSONResponse.make(Views.execution(record))
            },
        ]
    }
}
