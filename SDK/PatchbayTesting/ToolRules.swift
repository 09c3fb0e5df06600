import PatchbayWire

/// What makes an action usable as a tool by an LLM: a name every vendor's tool format accepts,
/// and descriptions the model can choose and fill it by.
enum ToolRules {
    /// The OpenAI and Anthropic tool name rule: `^[a-zA-Z0-9_-]{1,64}$`.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// Shorter than this, a description rarely tells a model when to use the tool.
    static let minimumDescription = 10

    static func problems(of action: ActionSpec) -> [String] {
        var problems: [String] = []
        if !isValidName(action.name) {
            problems.append("\(action.name): the name must match ^[a-zA-Z0-9_-]{1,64}$ to be a tool name")
        }
        if action.description.count < minimumDescription {
            problems.append("\(action.name): the description is too short to tell a model when to use it")
        }
        let input = action.inputSchema
        guard input["type"]?.stringValue == "object" else {
            return problems + ["\(action.name).input_schema: must be of type object, as tool parameters are"]
        }
        let properties = input["properties"]?.objectValue ?? [:]
        for (name, schema) in properties.sorted(by: { $0.key < $1.key }) where (schema["description"]?.stringValue ?? "").isEmpty {
            problems.append("\(action.name).input_schema.properties.\(name): no description")
        }
        for required in input["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where properties[required] == nil {
            problems.append("\(action.name).input_schema.required: \"\(required)\" is not a property")
        }
        return problems
    }
}
