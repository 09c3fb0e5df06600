import Hummingbird
import PatchbayServices
import PatchbayWire

/// Bindings: skills over a connection's discovered objects, by hand or proposed from a goal.
enum BindingRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let agents = patchbay.agents
        let fields: JSONValue = ["type": "array", "items": ["type": "string"]]
        return [
            Endpoint(method: .post, path: "/v1/agents/{id}/bindings",
                     summary: "Add a skill over a discovered object (lookup, list, create or update) to the draft.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: ["type": "object", "required": ["connection_id", "object", "kind"], "properties": [
                         "name": ["type": "string", "description": "Defaults to e.g. lookup_customers_by_email."],
                         "connection_id": ["type": "string"], "object": ["type": "string"],
                         "kind": ["type": "string", "enum": ["lookup", "list", "create", "update"]],
                         "filter_fields": fields, "write_fields": fields,
                         "returned_fields": ["type": "array", "items": ["type": "string"], "description": "Default: every field."],
                         "presets": ["type": "object",
                                     "description": "Filter values fixed for the agent (lookup, list), e.g. {\"status\": \"open\"}; may hold {{ variable }}."],
                         "description": ["type": "string"], "requires_approval": ["type": "boolean"],
                     ]], successStatus: 201) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["name", "connection_id", "object", "kind", "filter_fields", "write_fields",
                                                    "returned_fields", "presets", "description", "requires_approval"])
                let draft = AgentService.BindingDraft(
                    name: try RequestInput.string(object, "name"), connectionID: try RequestInput.string(object, "connection_id"),
                    object: try RequestInput.string(object, "object"), kind: try RequestInput.string(object, "kind"),
                    filterFields: try RequestInput.strings(object, "filter_fields") ?? [],
                    writeFields: try RequestInput.strings(object, "write_fields") ?? [],
                    returnedFields: try RequestInput.strings(object, "returned_fields") ?? [],
                    presets: try RequestInput.objectField(object, "presets")?.objectValue ?? [:],
                    description: try RequestInput.string(object, "description"),
                    requiresApproval: try RequestInput.bool(object, "requires_approval") ?? false)
                let skill = try await agents.bind(principal: try context.requirePrincipal(),
                                                  agentID: try context.parameters.require("id"), draft)
                return JSONResponse.make(Views.skill(skill), status: .created)
            },
            Endpoint(method: .post, path: "/v1/agents/{id}/bindings/auto-map",
                     summary: "Propose a binding for a plain-language goal; it is added to the draft with its reasoning and alternatives.",
                     tag: "agents", access: .key(.skillsWrite),
                     requestBody: ["type": "object", "required": ["connection_id", "goal"], "properties": [
                         "connection_id": ["type": "string"],
                         "goal": ["type": "string", "description": "e.g. look up a customer by email"],
                     ]], successStatus: 201) { request, context in
                let object = try await RequestInput.object(request)
                try RequestInput.onlyKnown(object, ["connection_id", "goal"])
                let result = try await agents.autoMap(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    connectionID: try RequestInput.requiredString(object, "connection_id"),
                    goal: try RequestInput.requiredString(object, "goal"))
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
                ], status: .created)
            },
        ]
    }
}
