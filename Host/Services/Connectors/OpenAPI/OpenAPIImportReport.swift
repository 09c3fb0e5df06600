import PatchbayWire

/// What an import did with each operation of the document: imported, left out by the filter,
/// or skipped with the reason; and everything it had to approximate.
struct OpenAPIImportReport: Sendable {
    struct Skipped: Sendable {
        /// The operation's id in the document, or the name it would have had.
        var operation: String
        var method: String
        var path: String
        var reason: String
    }

    struct Approximation: Sendable {
        /// Nil for the document as a whole (its servers, its security).
        var operation: String?
        var note: String
    }

    var version: String
    var operationsInDocument = 0
    var filteredOut = 0
    var imported: [String] = []
    /// Operations of the connector that an import replaced, by name.
    var replaced: [String] = []
    var skipped: [Skipped] = []
    var approximated: [Approximation] = []

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "openapi": .string(version),
            "operations_in_document": .integer(Int64(operationsInDocument)),
            "filtered_out": .integer(Int64(filteredOut)),
            "imported": .integer(Int64(imported.count)),
            "operations": .array(imported.map(JSONValue.string)),
            "skipped": .array(skipped.map { item in
                ["operation": .string(item.operation), "method": .string(item.method), "path": .string(item.path),
                 "reason": .string(item.reason)]
            }),
            "approximated": .array(approximated.map { item in
                ["operation": item.operation.map(JSONValue.string) ?? .null, "note": .string(item.note)]
            }),
        ]
        object["replaced"] = .array(replaced.map(JSONValue.string))
        return .object(object)
    }
}
