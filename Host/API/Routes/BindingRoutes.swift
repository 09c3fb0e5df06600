import Hummingbird
import PatchbayServices
import PatchbayWire

/// Bindings: skills over a connection's discovered objects, by hand or proposed from a goal.
enum BindingRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let agents = patchbay.agents
        let fields = APISchema.array(APISchema.id())
        return [
            Endpoint(method: .post, path: "/v1/agents/{id}/bindings",
                     summary: "Add a skill over a discovered object (lookup, list, create or update) to the draft.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: APISchema.object([
                         "name": APISchema.merge(AgentRoutes.skillName, ["description": "Defaults to e.g. lookup_customers_by_email."]),
                         "connection_id": APISchema.id(), "object": APISchema.id(),
                         "kind": ["type": "string", "enum": ["lookup", "list", "create", "update"]],
                         "filter_fields": fields, "write_fields": fields,
                         "returned_fields": APISchema.array(APISchema.id(), description: "Default: every field."),
                         "presets": APISchema.anyObject(
                             description: "Filter values fixed for the agent (lookup, list), e.g. {\"status\": \"open\"}; may hold {{ variable }}."),
                         "description": APISchema.text(min: 1, max: 1024, trimmed: true), "requires_approval": APISchema.boolean,
                     ], required: ["connection_id", "object", "kind"]),
                     response: APISchema.ref("Skill"), successStatus: 201, errors: [409]) { _, context in
                let input = context.input
                let strings = { (key: String) in input[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
                let draft = AgentService.BindingDraft(
                    name: input["name"]?.stringValue, connectionID: input["connection_id"]?.stringValue,
                    object: input["object"]?.stringValue, kind: input["kind"]?.stringValue,
                    filterFields: strings("filter_fields"), writeFields: strings("write_fields"), returnedFields: strings("returned_fields"),
                    presets: input["presets"]?.objectValue ?? [:], description: input["description"]?.stringValue,
                    requiresApproval: input["requires_approval"]?.boolValue ?? false)
                let skill = try await agents.bind(principal: try context.requirePrincipal(),
                                                  agentID: try context.parameters.require("id"), draft)
                return JSONResponse.make(Views.skill(skill), status: .created)
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/bindings/auto-map",
                     summary: "Propose a binding for a plain-language goal; it is added to the draft with its reasoning and alternatives (201), or with dry_run only proposed (200).",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: APISchema.object([
                         "connection_id": APISchema.id(),
                         "goal": APISchema.text(min: 3, max: 500, trimmed: true, description: "e.g. look up a customer by email"),
                         "dry_run": APISchema.merge(APISchema.boolean, [
                             "description": "Only propose: the draft is left unchanged, and the proposal can be added with POST /v1/agents/{id}/bindings once reviewed.",
                         ]),
                     ], required: ["connection_id", "goal"]),
                     response: APISchema.ref("AutoMapProposal"), successStatus: 201,
                     otherResponses: [200: APISchema.ref("AutoMapProposal")],
                     errors: [409, 422]) { _, context in
                let dryRun = context.input["dry_run"]?.boolValue ?? false
                let result = try await agents.autoMap(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    connectionID: context.input["connection_id"]?.stringValue ?? "",
                    goal: context.input["goal"]?.stringValue ?? "", dryRun: dryRun)
                return JSONResponse.make([
                    "skill": Views.skill(result.skill),
                    "score": .number(result.score),
                    "reasoning": .array(result.reasoning.map(JSONValue.string)),
                    "suggested_presets": .array(result.suggestedPresets.map { suggestion in
                        ["field": .string(suggestion.field), "value": .string(suggestion.value), "reason": .string(suggestion.reason)]
                    }),
                    "alternatives": .array(result.alternatives.map { alternative in
                        ["object": .string(alternative.object), "kind": .string(alternative.kind.rawValue),
                         "filter_fields": .array(alternative.filterFields.map(JSONValue.string)),
                         "write_fields": .array(alternative.writeFields.map(JSONValue.string)),
                         "returned_fields": .array(alternative.returnedFields.map(JSONValue.string)),
                         "score": .number(alternative.score), "reasoning": .array(alternative.reasoning.map(JSONValue.string))]
                    }),
                ], status: dryRun ? .ok : .created)
            },
        ]
    }

    /// Named in the document's components, as both the 201 and a dry run's 200 answer with it.
    static let autoMapResponse: JSONValue = {
        let strings = APISchema.array(APISchema.string())
        return APISchema.view([
            "skill": APISchema.ref("Skill"), "score": APISchema.number, "reasoning": strings,
            "suggested_presets": APISchema.array(APISchema.view(["field": APISchema.string(), "value": APISchema.string(),
                                                                  "reason": APISchema.string()])),
            "alternatives": APISchema.array(APISchema.view([
                "object": APISchema.string(), "kind": APISchema.string(), "filter_fields": strings, "write_fields": strings,
                "returned_fields": strings, "score": APISchema.number, "reasoning": strings,
            ])),
        ])
    }()
}
