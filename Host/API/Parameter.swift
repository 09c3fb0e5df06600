import PatchbayModel
import PatchbayWire

/// A query or header parameter of a route, with the schema its value must match.
struct Parameter: Sendable {
    enum Location: String, Sendable {
        case query
        case header
    }

    var name: String
    var location: Location
    var schema: JSONValue
    var description: String?
    var required = false
    /// The code of the 400 for a value its schema refuses.
    var errorCode = "validation_failed"

    static func query(_ name: String, _ schema: JSONValue = ["type": "string", "minLength": 1], description: String? = nil) -> Parameter {
        Parameter(name: name, location: .query, schema: schema, description: description)
    }

    static func header(_ name: String, required: Bool = false, description: String) -> Parameter {
        Parameter(name: name, location: .header, schema: ["type": "string", "minLength": 1], description: description, required: required)
    }

    /// A filter whose values are an enum's cases.
    static func oneOf<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, description: String? = nil) -> Parameter
    where T.RawValue == String {
        query(name, APISchema.enumeration(type), description: description)
    }

    static let limit = query("limit", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50], description: "Page size.")
    /// Every value of this shape reads as a place in the listing, so the schema says exactly which cursors work.
    static let cursor = Parameter(name: "cursor", location: .query,
                                  schema: ["type": "string", "pattern": .string(PageCursor.pattern)],
                                  description: "The next_cursor of the previous page.", errorCode: "invalid_cursor")

    /// The pull cursor: the sequence number of the last event read.
    static let sequenceCursor = Parameter(name: "cursor", location: .query, schema: ["type": "string", "pattern": "^[0-9]{1,18}$"],
                                          description: "The next_cursor of the previous pull.", errorCode: "invalid_cursor")
}
