/// A provider's live schema, normalized so the host and agents read every provider alike.
public struct DiscoveredSchema: Codable, Sendable, Equatable {
    /// The things the provider holds (tables, channels, sheets), each with its fields.
    public var objects: [SchemaObject]
    /// How objects refer to each other, by field.
    public var relationships: [SchemaRelationship]
    /// What an agent can do with each object, and the action that does it.
    public var operations: [SchemaOperation]

    public init(objects: [SchemaObject], relationships: [SchemaRelationship] = [], operations: [SchemaOperation] = []) {
        self.objects = objects
        self.relationships = relationships
        self.operations = operations
    }
}

/// One thing a provider holds: a table, a channel, a sheet.
public struct SchemaObject: Codable, Sendable, Equatable {
    /// Unique within the schema; relationships and operations name the object by it.
    public var name: String
    /// For the person or agent reading the schema.
    public var description: String?
    public var fields: [SchemaField]

    public init(name: String, description: String? = nil, fields: [SchemaField]) {
        self.name = name
        self.description = description
        self.fields = fields
    }
}

/// One field of a ``SchemaObject``: a column, a property.
public struct SchemaField: Codable, Sendable, Equatable {
    public var name: String
    /// A JSON Schema type name (`string`, `integer`, `number`, `boolean`, `object`, `array`),
    /// so bindings can build tool schemas from it.
    public var type: String
    /// Whether the field may be `null`.
    public var nullable: Bool
    public var description: String?
    /// The provider's own type when it says more (`timestamptz`, `uuid`).
    public var nativeType: String?
    /// Whether the field is (part of) what identifies a record.
    public var primaryKey: Bool

    public init(name: String, type: String, nullable: Bool = false, description: String? = nil,
                nativeType: String? = nil, primaryKey: Bool = false) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.description = description
        self.nativeType = nativeType
        self.primaryKey = primaryKey
    }

    enum CodingKeys: String, CodingKey {
        case name, type, nullable, description
        case nativeType = "native_type"
        case primaryKey = "primary_key"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(String.self, forKey: .type)
        nullable = try c.decodeIfPresent(Bool.self, forKey: .nullable) ?? false
        description = try c.decodeIfPresent(String.self, forKey: .description)
        nativeType = try c.decodeIfPresent(String.self, forKey: .nativeType)
        primaryKey = try c.decodeIfPresent(Bool.self, forKey: .primaryKey) ?? false
    }
}

/// A reference from one object to another: `orders.customer_id` → `customers.id`.
public struct SchemaRelationship: Codable, Sendable, Equatable {
    /// How many records on each side one record on the other relates to.
    public enum Cardinality: String, Codable, Sendable {
        case oneToOne = "one_to_one"
        case oneToMany = "one_to_many"
        case manyToOne = "many_to_one"
        case manyToMany = "many_to_many"
    }

    /// The referring object's name.
    public var from: String
    /// The referred-to object's name.
    public var to: String
    public var cardinality: Cardinality
    /// The referring fields, in the same order as ``toFields``.
    public var fromFields: [String]
    /// The fields they refer to.
    public var toFields: [String]

    public init(from: String, to: String, cardinality: Cardinality, fromFields: [String], toFields: [String]) {
        self.from = from
        self.to = to
        self.cardinality = cardinality
        self.fromFields = fromFields
        self.toFields = toFields
    }

    enum CodingKeys: String, CodingKey {
        case from, to, cardinality
        case fromFields = "from_fields"
        case toFields = "to_fields"
    }
}

/// Something an agent can do with an object, and the action that does it.
public struct SchemaOperation: Codable, Sendable, Equatable {
    /// What the operation does to records of its object.
    public enum Kind: String, Codable, Sendable {
        case lookup, list, create, update, delete
    }

    /// The ``SchemaObject`` it works on, by name.
    public var object: String
    public var kind: Kind
    /// The manifest's action that performs it.
    public var action: String
    public var description: String

    public init(object: String, kind: Kind, action: String, description: String) {
        self.object = object
        self.kind = kind
        self.action = action
        self.description = description
    }
}
