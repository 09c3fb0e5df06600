import PatchbayWire

/// What makes a discovered schema usable: every name unique and every reference resolvable,
/// since field bindings and agents navigate it by name.
enum SchemaRules {
    static func problems(of schema: DiscoveredSchema, manifest: Manifest) -> [String] {
        var problems: [String] = []
        var fields: [String: Set<String>] = [:]
        for object in schema.objects {
            if object.name.isEmpty { problems.append("an object has no name") }
            if fields[object.name] != nil { problems.append("objects: \"\(object.name)\" appears twice") }
            if object.fields.isEmpty { problems.append("\(object.name): no fields") }
            var names = Set<String>()
            for field in object.fields where !names.insert(field.name).inserted || field.name.isEmpty {
                problems.append("\(object.name).\(field.name): a field name is empty or repeated")
            }
            for field in object.fields where !JSONSchema.typeNames.contains(field.type) {
                problems.append("\(object.name).\(field.name): type \"\(field.type)\" is not a JSON Schema type")
            }
            fields[object.name] = names
        }
        for relationship in schema.relationships {
            let place = "relationship \(relationship.from) → \(relationship.to)"
            guard let from = fields[relationship.from], let to = fields[relationship.to] else {
                problems.append("\(place): names an object that is not in the schema")
                continue
            }
            if relationship.fromFields.isEmpty || relationship.fromFields.count != relationship.toFields.count {
                problems.append("\(place): from_fields and to_fields must pair up")
            }
            for field in relationship.fromFields where !from.contains(field) { problems.append("\(place): no field \(relationship.from).\(field)") }
            for field in relationship.toFields where !to.contains(field) { problems.append("\(place): no field \(relationship.to).\(field)") }
        }
        for operation in schema.operations {
            if fields[operation.object] == nil { problems.append("operation \(operation.action): no object \(operation.object)") }
            if manifest.action(named: operation.action) == nil {
                problems.append("operation on \(operation.object): no action \(operation.action) in the manifest")
            }
        }
        return problems
    }
}
