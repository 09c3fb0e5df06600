import Foundation
import PatchbayModel
import PatchbayWire

/// Builds skill definitions from provider actions, checking names and presets.
enum SkillFactory {
    /// Within both OpenAI's and Anthropic's tool-name rules, so every skill exports as it is.
    static let namePattern = "^[a-zA-Z0-9_-]{1,64}$"

    static func validName(_ name: String, field: String) throws -> String {
        guard name.range(of: namePattern, options: .regularExpression) != nil else {
            throw ServiceError.validation(
                "skill name \"\(name)\" must be 1 to 64 letters, digits, underscores or hyphens", field: field)
        }
        return name
    }

    /// A skill for `spec` on `connection`. Presets must name inputs of the action; those without
    /// templates are checked against the input's schema now, the others once filled at call time.
    static func make(name: String, description: String?, connection: ConnectionRecord, spec: ActionSpec,
                     presets: [String: JSONValue], requiresApproval: Bool, field: String = "name") throws -> SkillDefinition {
        let properties = spec.inputSchema["properties"]?.objectValue ?? [:]
        for (key, value) in presets.sorted(by: { $0.key < $1.key }) {
            guard let property = properties[key] else {
                let known = properties.keys.sorted().joined(separator: ", ")
                throw ServiceError.validation("\(spec.name) has no input \"\(key)\" to preset (its inputs: \(known))",
                                              field: "presets.\(key)")
            }
            if PresetTemplates.variables(in: value).isEmpty {
                let problems = JSONSchema.violations(of: value, against: property)
                if !problems.isEmpty { throw ServiceError.schema(problems, root: "presets.\(key)") }
            }
        }
        let text = (description ?? spec.description).trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...1024).contains(text.count) else {
            throw ServiceError.validation("description must be 1 to 1024 characters", field: "description")
        }
        return SkillDefinition(
            name: try validName(name, field: field), description: text, connectionID: connection.id,
            provider: connection.provider, action: spec.name, presets: presets,
            inputSchema: exposedSchema(spec.inputSchema, removing: Set(presets.keys)), requiresApproval: requiresApproval)
    }

    /// The action's input schema without the preset properties, so the agent never sees them.
    static func exposedSchema(_ schema: JSONValue, removing preset: Set<String>) -> JSONValue {
        guard var object = schema.objectValue else { return schema }
        if var properties = object["properties"]?.objectValue {
            for key in preset { properties[key] = nil }
            object["properties"] = .object(properties)
        }
        if let required = object["required"]?.arrayValue {
            let remaining = required.filter { !preset.contains($0.stringValue ?? "") }
            object["required"] = remaining.isEmpty ? nil : .array(remaining)
        }
        return .object(object)
    }

    /// Names already taken, for a 409 that lists every clash at once.
    static func clashes(_ adding: [SkillDefinition], with existing: [SkillDefinition]) -> [String] {
        let taken = Set(existing.map(\.name))
        var seen = Set<String>()
        var clashing: [String] = []
        for skill in adding where taken.contains(skill.name) || !seen.insert(skill.name).inserted {
            clashing.append(skill.name)
        }
        return clashing
    }

    static func clashError(_ names: [String]) -> ServiceError {
        ServiceError(.conflict, "skill_name_taken",
                     "the agent's draft already has skills named \(names.joined(separator: ", ")); nothing was added",
                     field: "name")
    }
}
