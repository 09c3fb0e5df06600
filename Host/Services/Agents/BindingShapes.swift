import Foundation
import PatchbayModel
import PatchbayWire

/// Turns a binding into calls of the action behind its operation. Actions are recognised by
/// the inputs they take (not by provider), so any provider whose actions take these common
/// shapes can be bound.
enum BindingShapes {
    /// The shape `spec` takes its input in for `kind`, or nil when bindings cannot drive it.
    static func shape(of spec: ActionSpec, for kind: SchemaOperation.Kind) -> SkillBinding.Shape? {
        let inputs = Set(spec.inputSchema["properties"]?.objectValue?.keys.map { $0 } ?? [])
        switch kind {
        case .lookup, .list:
            if inputs.isSuperset(of: ["table", "filters"]) { return .filters }
            if kind == .lookup, inputs.isSuperset(of: ["sheet", "column", "value"]) { return .columnValue }
            if kind == .list, inputs.isSuperset(of: ["range", "header_row"]) { return .headerRange }
        case .create:
            if inputs.isSuperset(of: ["table", "values"]) { return .values }
            if inputs.isSuperset(of: ["range", "rows"]) { return .rows }
        case .update:
            if inputs.isSuperset(of: ["table", "key", "values"]) { return .values }
            if inputs.isSuperset(of: ["sheet", "match", "values"]) { return .matchValues }
        case .delete:
            break
        }
        return nil
    }

    /// What a shape can express, checked when the binding is made.
    static func check(_ binding: SkillBinding, spec: ActionSpec) throws {
        let action = spec.name
        if let path = binding.filterFields.first(where: { binding.link(for: $0) != nil }), !followsRelationships(spec) {
            throw ServiceError.validation("\(action) cannot filter through a relationship, so \(path) cannot be matched; "
                                              + "filter on \(binding.object)'s own fields", field: "filter_fields")
        }
        switch (binding.shape, binding.kind) {
        case (.columnValue, _) where binding.filterFields.count != 1:
            throw ServiceError.validation("\(action) matches on exactly one field; give one filter field", field: "filter_fields")
        case (.headerRange, _) where !binding.filterFields.isEmpty && spec.inputSchema["properties"]?["match"] == nil:
            throw ServiceError.validation("\(action) reads the whole \(binding.object) and cannot filter; remove filter_fields",
                                          field: "filter_fields")
        case (_, .lookup) where binding.filterFields.isEmpty:
            throw ServiceError.validation("a lookup needs at least one filter field", field: "filter_fields")
        case (_, .update) where binding.filterFields.isEmpty || binding.writeFields.isEmpty:
            throw ServiceError.validation("an update needs filter_fields (the key) and write_fields", field: "filter_fields")
        case (_, .create) where binding.writeFields.isEmpty:
            throw ServiceError.validation("a create needs write_fields", field: "write_fields")
        default:
            break
        }
    }

    /// Whether the action's filters can test a related object's field (`filters[].via`).
    static func followsRelationships(_ spec: ActionSpec) -> Bool {
        spec.inputSchema["properties"]?["filters"]?["items"]?["properties"]?["via"] != nil
    }

    /// A discovered field as a JSON Schema, with null allowed when the field is nullable.
    static func fieldSchema(_ field: SchemaField) -> JSONValue {
        var schema: [String: JSONValue] = ["type": field.nullable ? [.string(field.type), "null"] : .string(field.type)]
        if let description = field.description { schema["description"] = .string(description) }
        return .object(schema)
    }

    /// The input schema the agent sees: the fields it filters or writes, typed from discovery
    /// (`fields` by filter path), less the preset ones.
    static func inputSchema(_ binding: SkillBinding, fields: [String: SchemaField], presets: Set<String>, spec: ActionSpec) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for name in binding.filterFields + binding.writeFields where !presets.contains(name) {
            guard let field = fields[name] else { continue }
            properties[name] = fieldSchema(field)
        }
        if binding.kind == .list, let limit = spec.inputSchema["properties"]?["limit"] { properties["limit"] = limit }
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        let required = binding.kind == .lookup || binding.kind == .update ? binding.filterFields.filter { !presets.contains($0) } : []
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    /// The action's input for one call of the binding.
    static func actionInput(_ binding: SkillBinding, _ input: [String: JSONValue]) -> JSONValue {
        let object = JSONValue.string(binding.object)
        switch binding.shape {
        case .filters:
            var call: [String: JSONValue] = ["table": object]
            let filters: [JSONValue] = binding.filterFields.compactMap { name in
                guard let value = input[name] else { return nil }
                guard let (link, field) = binding.link(for: name) else { return ["column": .string(name), "op": "eq", "value": value] }
                return ["column": .string(field), "op": "eq", "value": value,
                        "via": ["table": .string(link.object), "columns": .array(link.fields.map(JSONValue.string)),
                                "related_columns": .array(link.relatedFields.map(JSONValue.string))]]
            }
            if !filters.isEmpty { call["filters"] = .array(filters) }
            if !binding.returnedFields.isEmpty { call["columns"] = .array(binding.returnedFields.map(JSONValue.string)) }
            if let limit = input["limit"] { call["limit"] = limit }
            return .object(call)
        case .columnValue:
            let field = binding.filterFields[0]
            return ["sheet": object, "column": .string(field), "value": input[field] ?? .null]
        case .headerRange:
            var call: [String: JSONValue] = ["range": .string(a1SheetName(binding.object)), "header_row": true,
                                             "value_render_option": "UNFORMATTED_VALUE"]
            let match = input.filter { binding.filterFields.contains($0.key) }
            if !match.isEmpty { call["match"] = .object(match) }
            return .object(call)
        case .matchValues:
            return ["sheet": object, "match": .object(input.filter { binding.filterFields.contains($0.key) }),
                    "values": .object(input.filter { binding.writeFields.contains($0.key) })]
        case .values:
            let values = input.filter { binding.writeFields.contains($0.key) }
            guard binding.kind == .update else { return ["table": object, "values": .object(values)] }
            let key = input.filter { binding.filterFields.contains($0.key) }
            return ["table": object, "key": .object(key), "values": .object(values)]
        case .rows:
            return ["range": .string(a1SheetName(binding.object)), "rows": [.object(input)]]
        }
    }

    /// The action's output with each record of the object cut to the returned fields. A record
    /// is an object whose keys are all fields of the bound object.
    static func shapeOutput(_ binding: SkillBinding, _ output: JSONValue) -> JSONValue {
        guard !binding.returnedFields.isEmpty else { return output }
        let fields = Set(binding.objectFields)
        let kept = Set(binding.returnedFields)
        func visit(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members):
                if !members.isEmpty, Set(members.keys).isSubset(of: fields) {
                    return .object(members.filter { kept.contains($0.key) })
                }
                return .object(members.mapValues(visit))
            case .array(let items):
                return .array(items.map(visit))
            default:
                return value
            }
        }
        return visit(output)
    }

    /// A sheet name as an A1 range: quoted unless it is letters, digits and underscores.
    private static func a1SheetName(_ name: String) -> String {
        if name.range(of: "^[A-Za-z0-9_]+$", options: .regularExpression) != nil { return name }
        return "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
