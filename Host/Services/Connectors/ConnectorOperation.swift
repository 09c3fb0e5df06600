import Foundation
import PatchbayWire

/// One typed operation of a connector: an action agents call. Its parameters are a JSON
/// Schema object; each property goes to the path, the query, a header or the JSON body.
struct ConnectorOperation: Sendable, Equatable {
    enum Method: String, CaseIterable, Sendable { case GET, POST, PUT, PATCH, DELETE }
    enum Location: String, CaseIterable, Sendable { case path, query, header, body }

    var name: String
    var title: String
    var description: String
    var method: Method
    /// Relative to the base URL, with `{parameter}` placeholders: `/tasks/{id}`.
    var path: String
    /// The operation's own server, when it is not the connector's (an upload host): the path is
    /// relative to it. The connector's auth and the egress policy apply all the same.
    var baseURL: URL?
    var parameters: JSONValue
    /// Where each parameter goes. Placeholders of the path are path parameters; the others go
    /// to the query of a GET or DELETE and to the body of the rest, unless said otherwise.
    var locations: [String: Location]
    var outputSchema: JSONValue
    /// The part of the reply that is the output.
    var extract: JSONPointer?
    var pagination: ConnectorPagination?
    var mutating: Bool
    var important: Bool
    var timeoutMs: Int?

    static let known: Set<String> = ["name", "title", "description", "method", "path", "base_url", "parameters", "locations", "output_schema",
                                     "extract", "pagination", "mutating", "important", "timeout_ms"]

    init(_ value: JSONValue, at path: String) throws {
        let reader = try DefinitionReader(value, at: path, known: Self.known)
        name = try reader.requiredString("name")
        guard name.count <= 64, name.first?.isLowercase == true,
              name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" })
        else {
            throw ServiceError.validation("\(reader.field("name")) must match ^[a-z][a-z0-9_]*$ and be at most 64 characters",
                                          field: reader.field("name"))
        }
        title = try reader.string("title") ?? name
        description = try reader.requiredString("description")
        guard let method = try reader.oneOf("method", Method.self) else {
            throw ServiceError.validation("\(reader.field("method")) is required", field: reader.field("method"))
        }
        self.method = method
        self.path = try reader.requiredString("path")
        guard self.path.hasPrefix("/"), !self.path.contains("?"), !self.path.contains("#"), !self.path.contains("..") else {
            throw ServiceError.validation("\(reader.field("path")) must start with / and hold no query, fragment or ..",
                                          field: reader.field("path"))
        }
        baseURL = try reader.string("base_url").map { raw in
            // The path's placeholders are filled in the whole URL, so the server may hold none.
            guard !raw.contains("{") else {
                throw ServiceError.validation("\(reader.field("base_url")) may hold no {placeholder}", field: reader.field("base_url"))
            }
            return try ConnectorDefinition.baseURL(raw, field: reader.field("base_url"))
        }
        parameters = try reader.schema("parameters") ?? ["type": "object", "properties": [:]]
        guard parameters["type"]?.stringValue == "object" else {
            throw ServiceError.validation("\(reader.field("parameters")) must be a schema of type object", field: reader.field("parameters"))
        }
        let properties = parameters["properties"]?.objectValue ?? [:]
        let required = Set((parameters["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        outputSchema = try reader.schema("output_schema") ?? [:]
        extract = try reader.pointer("extract")
        pagination = try reader.has("pagination") ? ConnectorPagination(reader.object["pagination"]!, at: reader.field("pagination")) : nil
        if extract != nil, pagination != nil {
            throw ServiceError.validation("\(reader.field("extract")) and pagination cannot both be set: pagination.items says where each page's items are",
                                          field: reader.field("extract"))
        }
        mutating = try reader.bool("mutating") ?? (method != .GET)
        important = try reader.bool("important") ?? false
        timeoutMs = try reader.integer("timeout_ms", in: 1...ActionSpec.maxTimeoutMs)

        var locations: [String: Location] = [:]
        let locationsField = reader.field("locations")
        if reader.has("locations") {
            let given = try DefinitionReader(reader.object["locations"], at: locationsField, known: Set(properties.keys))
            for key in given.object.keys.sorted() {
                locations[key] = try given.oneOf(key, Location.self)
            }
        }
        let placeholders = Self.placeholders(in: self.path)
        for placeholder in placeholders {
            guard properties[placeholder] != nil else {
                throw ServiceError.validation("\(reader.field("path")) uses {\(placeholder)}, which is not among the parameters' properties",
                                              field: reader.field("path"))
            }
            guard required.contains(placeholder) else {
                throw ServiceError.validation("\(reader.field("parameters")).required must list \(placeholder), a path parameter",
                                              field: "\(reader.field("parameters")).required")
            }
            if let declared = locations[placeholder], declared != .path {
                throw ServiceError.validation("\(locationsField).\(placeholder) must be path: the path uses it", field: "\(locationsField).\(placeholder)")
            }
            locations[placeholder] = .path
        }
        for (key, location) in locations.sorted(by: { $0.key < $1.key }) {
            if location == .path, !placeholders.contains(key) {
                throw ServiceError.validation("\(locationsField).\(key) is path, but the path has no {\(key)}", field: "\(locationsField).\(key)")
            }
            if location == .header { try HeaderNames.check(key, field: "\(locationsField).\(key)") }
        }
        for key in properties.keys where locations[key] == nil {
            locations[key] = method == .GET || method == .DELETE ? .query : .body
        }
        self.locations = locations
    }

    /// The `{name}` placeholders of a path template.
    static func placeholders(in path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    var action: ActionSpec {
        ActionSpec(name: name, title: title, description: description, inputSchema: parameters, outputSchema: outputSchema,
                   important: important, mutating: mutating, timeoutMs: timeoutMs)
    }
}
