import PatchbaySDK

/// One Shopify REST resource as Patchbay shows it to agents: the fields kept from Shopify's
/// answer, their JSON types and what they mean. The same list produces the action output
/// schemas, trims raw answers to match them, and describes the objects for discovery, so the
/// three cannot drift apart.
struct ShopifyShape: Sendable {
    indirect enum Kind: Sendable {
        case scalar(String)
        case scalarList(String)
        case object(ShopifyShape)
        case list(ShopifyShape)
    }

    struct Field: Sendable {
        var name: String
        var kind: Kind
        var description: String
        /// Shopify may send null; the trimmed output leaves the field out instead.
        var nullable: Bool
        /// Shopify's own type where it says more than the JSON type (money, timestamps).
        var nativeType: String?
    }

    var fields: [Field]

    /// A JSON Schema for trimmed records. Null values are dropped by `trim`, so no field
    /// needs a null type; only `id` is always present.
    var schema: JSONValue {
        var properties: [String: JSONValue] = [:]
        for field in fields { properties[field.name] = Self.schema(of: field.kind, description: field.description) }
        let required: [JSONValue] = fields.contains { $0.name == "id" } ? ["id"] : []
        return ["type": "object", "required": .array(required), "properties": .object(properties)]
    }

    /// Keeps the declared fields of a raw Shopify record, recursively, leaving out nulls.
    func trim(_ raw: JSONValue) -> [String: JSONValue] {
        var trimmed: [String: JSONValue] = [:]
        for field in fields {
            guard let value = raw[field.name], !value.isNull else { continue }
            switch field.kind {
            case .scalar, .scalarList: trimmed[field.name] = value
            case .object(let shape): trimmed[field.name] = .object(shape.trim(value))
            case .list(let shape): trimmed[field.name] = .array((value.arrayValue ?? []).map { .object(shape.trim($0)) })
            }
        }
        return trimmed
    }

    /// The fields discovery reports: scalars and lists of scalars. Nested records are objects
    /// of their own, joined by relationships.
    var discoveredFields: [SchemaField] {
        fields.compactMap { field in
            let type: String
            switch field.kind {
            case .scalar(let name): type = name
            case .scalarList: type = "array"
            case .object, .list: return nil
            }
            return SchemaField(name: field.name, type: type, nullable: field.nullable, description: field.description,
                               nativeType: field.nativeType, primaryKey: field.name == "id")
        }
    }

    private static func schema(of kind: Kind, description: String) -> JSONValue {
        switch kind {
        case .scalar(let type):
            return ["type": .string(type), "description": .string(description)]
        case .scalarList(let type):
            return ["type": "array", "items": ["type": .string(type)], "description": .string(description)]
        case .object(let shape):
            var schema = shape.schema.objectValue ?? [:]
            schema["description"] = .string(description)
            return .object(schema)
        case .list(let shape):
            return ["type": "array", "items": shape.schema, "description": .string(description)]
        }
    }
}

extension ShopifyShape.Field {
    static func string(_ name: String, _ description: String, nullable: Bool = false, native: String? = nil) -> Self {
        Self(name: name, kind: .scalar("string"), description: description, nullable: nullable, nativeType: native)
    }

    static func integer(_ name: String, _ description: String, nullable: Bool = false) -> Self {
        Self(name: name, kind: .scalar("integer"), description: description, nullable: nullable)
    }

    static func boolean(_ name: String, _ description: String) -> Self {
        Self(name: name, kind: .scalar("boolean"), description: description, nullable: false)
    }

    /// Shopify sends money as a decimal string ("19.99") in the shop's or order's currency.
    static func money(_ name: String, _ description: String, nullable: Bool = false) -> Self {
        string(name, description, nullable: nullable, native: "Money")
    }

    /// ISO 8601 with the shop's offset, e.g. 2024-10-01T09:30:00-04:00.
    static func timestamp(_ name: String, _ description: String, nullable: Bool = false) -> Self {
        string(name, description, nullable: nullable, native: "DateTime")
    }
}
