public import PatchbayModel
public import PatchbayWire

/// Published skills as LLM vendors' tool definitions. Skill names already satisfy both vendors'
/// rule (`^[a-zA-Z0-9_-]{1,64}$`), and input schemas are JSON Schema objects, so nothing is renamed.
public enum ToolExport {
    public enum Format: String, Sendable, CaseIterable {
        /// Chat Completions `tools`: `{"type": "function", "function": {name, description, parameters}}`.
        case openai
        /// Messages API `tools`: `{name, description, input_schema}`.
        case anthropic
    }

    public static func tools(_ skills: [SkillDefinition], format: Format) -> [JSONValue] {
        skills.map { skill in
            let schema = objectSchema(skill.inputSchema)
            switch format {
            case .openai:
                return ["type": "function",
                        "function": ["name": .string(skill.name), "description": .string(skill.description), "parameters": schema]]
            case .anthropic:
                return ["name": .string(skill.name), "description": .string(skill.description), "input_schema": schema]
            }
        }
    }

    /// Both vendors want an object schema at the top, with `properties` present.
    public static func objectSchema(_ schema: JSONValue) -> JSONValue {
        var object = schema.objectValue ?? [:]
        object["type"] = "object"
        if object["properties"] == nil { object["properties"] = [:] }
        return .object(object)
    }
}
