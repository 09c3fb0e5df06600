import Foundation
import PatchbayStore
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
        case .delete:
            break
        }
        return nil
    }

    /// What a shape can express, checked when the binding is made.
    static func check(_ binding: SkillBinding, action: String) throws {
        switch (binding.shape, binding.kind) {
        case (.columnValue, _) where binding.filterFields.count != 1:
            throw ServiceError.validation("\(action) matches on exactly one field; give one filter field", field: "filter_fields")
        case (.headerRange, _) where !binding.filterFields.isEmpty:
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

    /// The input schema the agent sees: the object's fields it filters or writes, typed from discovery.
    static func inputSchema(_ binding: SkillBinding, object: SchemaObject, spec: ActionSpec) -> JSONValue {
        let fields = Dictionary(object.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var properties: [String: JSONValue] = [:]
        for name in binding.filterFields + binding.writeFields {
            guard let field = fields[name] else { continue }
            var schema: [String: JSONValue] = ["type": field.nullable ? [.string(field.type), "null"] : .string(field.type)]
            if let description = field.description { schema["description"] = .string(description) }
            properties[name] = .object(schema)
        }
        if binding.kind == .list, let limit = spec.inputSchema["properties"]?["limit"] { properties["limit"] = limit }
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        let required = binding.kind == .lookup || binding.kind == .update ? binding.filterFields : []
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
                input[name].map { ["column": .string(name), "op": "eq", "value": $0] }
            }
            if !filters.isEmpty { call["filters"] = .array(filters) }
            if !binding.returnedFields.isEmpty { call["columns"] = .array(binding.returnedFields.map(JSONValue.string)) }
            if let limit = input["limit"] { call["limit"] = limit }
            return .object(call)
        case .columnValue:
            let field = binding.filterFields[0]
            return ["sheet": object, "column": .string(field), "value": input[field] ?? .null]
        case .headerRange:
            return ["range": .string(a1SheetName(binding.object)), "header_row": true, "value_render_option": "UNFORMATTED_VALUE"]
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
