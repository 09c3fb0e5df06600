import Foundation
import OpenAPIKit
import PatchbayWire

/// One operation of a document as a connector operation: its parameters (path, query, header)
/// and its JSON request body's properties become one input schema with where each goes; its
/// success reply's JSON schema is the output schema. What a connector cannot send makes the
/// operation skipped, with the reason; what it sends differently is noted.
struct OpenAPIOperationTranslator {
    let document: OpenAPI.Document
    let inliner: OpenAPISchemaInliner
    /// The header the connector's auth sets, which a parameter of the same name leaves to it.
    let secretHeader: String?
    /// The document's first server as a URL, which operations on it need not repeat.
    let documentServer: String?

    /// Why an operation cannot be expressed.
    struct Skip: Error {
        var reason: String
    }

    /// The operation's definition, as `POST /v1/connectors` takes it, and what was approximated.
    func translate(name: String, method: ConnectorOperation.Method, path: OpenAPI.Path, item: OpenAPI.PathItem,
                   operation: OpenAPI.Operation) -> Result<(operation: JSONValue, notes: [String]), Skip> {
        do {
            var notes: [String] = []
            // Some documents tell operations of one path apart by a fragment (`/items#archive`), which is never sent.
            var template = path.rawValue
            if let fragment = template.firstIndex(of: "#") {
                notes.append("its path \(template) has a fragment, which is not sent: the path is \(template[..<fragment])")
                template = String(template[..<fragment])
            }
            guard template.hasPrefix("/"), !template.contains("?"), !template.contains("..") else {
                throw Skip(reason: "the path \(template) holds a query or .., which an operation's path may not")
            }
            var properties: [String: JSONValue] = [:]
            var required: [String] = []
            var locations: [String: JSONValue] = [:]
            for parameter in try parameters(item, operation) {
                guard let location = try place(parameter, notes: &notes) else { continue }
                guard properties[parameter.name] == nil else {
                    throw Skip(reason: "parameter \(parameter.name) is declared in two places; a connector's input names each once")
                }
                properties[parameter.name] = try schema(of: parameter, notes: &notes)
                locations[parameter.name] = .string(location.rawValue)
                if parameter.required || location == .path { required.append(parameter.name) }
            }
            if let body = try requestBody(operation, notes: &notes) {
                for (key, schema) in body.properties.sorted(by: { $0.key < $1.key }) {
                    guard properties[key] == nil else {
                        throw Skip(reason: "body property \(key) has the name of a \(locations[key]?.stringValue ?? "") parameter; a connector's input names each once")
                    }
                    properties[key] = schema
                    locations[key] = "body"
                }
                required += body.required.filter { body.properties[$0] != nil }
            }
            var parameters: [String: JSONValue] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
            if !required.isEmpty { parameters["required"] = .array(required.map(JSONValue.string)) }
            let problems = JSONSchema.problems(in: .object(parameters))
            if let first = problems.first {
                throw Skip(reason: "its input schema cannot be enforced: \(first.path.isEmpty ? "" : first.path + " ")\(first.message)")
            }

            var definition: [String: JSONValue] = [
                "name": .string(name), "description": .string(Self.description(operation, method: method, path: template)),
                "method": .string(method.rawValue), "path": .string(template), "parameters": .object(parameters),
            ]
            if !locations.isEmpty { definition["locations"] = .object(locations) }
            if let summary = operation.summary.map(Self.oneLine), !summary.isEmpty, summary.count <= 200 {
                definition["title"] = .string(summary)
            }
            if let output = try output(operation, notes: &notes) { definition["output_schema"] = output }
            if let server = (operation.servers ?? item.servers)?.first {
                if let url = OpenAPIServerURL.resolve(server) {
                    if url != documentServer { definition["base_url"] = .string(url) }
                } else {
                    notes.append("it declares its own server \(server.urlTemplate.absoluteString), which is not an absolute http(s) URL once its variables are filled; the connector's base URL is used")
                }
            }
            notes += inliner.takeNotes()
            // The same checks as a connector written by hand, so the import never stores what a PUT would refuse.
            do {
                _ = try ConnectorOperation(.object(definition), at: "operation")
            } catch let error as ServiceError {
                throw Skip(reason: error.message)
            }
            return .success((.object(definition), notes))
        } catch let skip as Skip {
            _ = inliner.takeNotes()
            return .failure(skip)
        } catch {
            _ = inliner.takeNotes()
            return .failure(Skip(reason: "\(error)"))
        }
    }

    // MARK: Parameters

    /// The path item's parameters, then the operation's, which override one of the same name and place.
    private func parameters(_ item: OpenAPI.PathItem, _ operation: OpenAPI.Operation) throws -> [OpenAPI.Parameter] {
        var result: [OpenAPI.Parameter] = []
        for either in item.parameters + operation.parameters {
            let parameter: OpenAPI.Parameter
            do {
                parameter = try document.components.lookup(either)
            } catch {
                throw Skip(reason: "a parameter reference does not resolve (\(either.reference?.absoluteString ?? "?"))")
            }
            result.removeAll { $0.name == parameter.name && $0.location == parameter.location }
            result.append(parameter)
        }
        return result
    }

    /// Where a parameter goes; nil when it is left out (and noted). Throws when the operation
    /// cannot be called without it.
    private func place(_ parameter: OpenAPI.Parameter, notes: inout [String]) throws -> ConnectorOperation.Location? {
        let name = parameter.name
        func leaveOut(_ why: String) throws -> ConnectorOperation.Location? {
            if parameter.required { throw Skip(reason: "required \(why)") }
            notes.append("optional \(why): left out")
            return nil
        }
        switch parameter.location {
        case .cookie: return try leaveOut("cookie parameter \(name): connectors do not send cookies")
        case .querystring: return try leaveOut("querystring parameter \(name): connectors send named query parameters")
        case .header:
            if let secretHeader, name.lowercased() == secretHeader {
                notes.append("header \(name) is set by the connector's auth")
                return nil
            }
            do {
                try HeaderNames.check(name, field: name)
            } catch {
                return try leaveOut("header \(name): the host sets it")
            }
            return try styled(parameter, .header, allowed: [.simple], leaveOut: leaveOut)
        case .path: return try styled(parameter, .path, allowed: [.simple], leaveOut: leaveOut)
        case .query: return try styled(parameter, .query, allowed: [.form], leaveOut: leaveOut)
        }
    }

    /// The location when the parameter's style is one the connector sends.
    private func styled(_ parameter: OpenAPI.Parameter, _ location: ConnectorOperation.Location, allowed: Set<OpenAPI.Parameter.SchemaContext.Style>,
                        leaveOut: (String) throws -> ConnectorOperation.Location?) throws -> ConnectorOperation.Location? {
        guard case .a(let context) = parameter.schemaOrContent else {
            // `content` instead of `schema`: JSON text is what the connector sends for an object.
            guard parameter.schemaOrContent.contentValue?.keys.contains(where: Self.isJSON) == true else {
                return try leaveOut("\(location.rawValue) parameter \(parameter.name) in a media type other than JSON")
            }
            return location
        }
        guard allowed.contains(context.style) else {
            return try leaveOut("\(location.rawValue) parameter \(parameter.name) of style \(context.style.rawValue), which connectors do not send")
        }
        return location
    }

    /// The parameter's schema with its description, and how the value is sent when that differs
    /// from what the document says.
    private func schema(of parameter: OpenAPI.Parameter, notes: inout [String]) throws -> JSONValue {
        var schema: JSONValue
        switch parameter.schemaOrContent {
        case .a(let context):
            schema = inliner.inline(try OpenAPISchemaInliner.encode(context.schema))
            let type = Self.type(of: schema)
            if parameter.location == .query, context.explode, type == "array" {
                notes.append("query parameter \(parameter.name) is an array the document sends exploded (\(parameter.name)=a&\(parameter.name)=b); the connector sends it comma-separated (\(parameter.name)=a,b)")
            }
            if type == "object", parameter.location != .path || context.style != .simple {
                notes.append("\(parameter.location.rawValue) parameter \(parameter.name) is an object; the connector sends it as JSON text")
            }
        case .b(let content):
            let media = content.first { Self.isJSON($0.key) }?.value
            let resolved = try media.map { try document.components.lookup($0) }
            schema = try resolved?.schema.map { inliner.inline(try OpenAPISchemaInliner.encode($0)) } ?? [:]
        }
        if var members = schema.objectValue {
            if members["description"] == nil, let description = parameter.description, !description.isEmpty {
                members["description"] = .string(description)
            }
            if parameter.deprecated { members["deprecated"] = true }
            schema = .object(members)
        }
        return schema
    }

    // MARK: Bodies

    /// The JSON request body's properties, or nil when the operation sends no body.
    private func requestBody(_ operation: OpenAPI.Operation, notes: inout [String]) throws -> (properties: [String: JSONValue], required: [String])? {
        guard let either = operation.requestBody else { return nil }
        let body: OpenAPI.Request
        do {
            body = try document.components.lookup(either)
        } catch {
            throw Skip(reason: "its request body reference does not resolve (\(either.reference?.absoluteString ?? "?"))")
        }
        func leaveOut(_ why: String) throws -> (properties: [String: JSONValue], required: [String])? {
            if body.required { throw Skip(reason: "its request body \(why)") }
            notes.append("its optional request body \(why): left out")
            return nil
        }
        guard let media = body.content.first(where: { Self.isJSON($0.key) }) else {
            let types = body.content.keys.map(\.rawValue).joined(separator: ", ")
            return try leaveOut("is \(types.isEmpty ? "of no media type" : types), not JSON")
        }
        guard let schema = try document.components.lookup(media.value).schema else {
            return try leaveOut("has no schema, so its properties are unknown")
        }
        let inlined = inliner.inline(try OpenAPISchemaInliner.encode(schema))
        guard let shape = Self.objectShape(inlined) else {
            return try leaveOut("is \(Self.type(of: inlined).map { "a JSON \($0)" } ?? "not an object of named properties"); connectors send an object of named properties")
        }
        if shape.properties.isEmpty {
            return try leaveOut("is an object without declared properties; connectors send named properties")
        }
        return (shape.properties, body.required ? shape.required : [])
    }

    /// An object schema's properties and required names, `allOf` members merged.
    static func objectShape(_ schema: JSONValue) -> (properties: [String: JSONValue], required: [String])? {
        guard let members = schema.objectValue else { return nil }
        if let type = type(of: schema), type != "object" { return nil }
        if members["oneOf"] != nil || members["anyOf"] != nil { return nil }
        var properties = members["properties"]?.objectValue ?? [:]
        var required = members["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for part in members["allOf"]?.arrayValue ?? [] {
            guard let shape = objectShape(part) else { return nil }
            properties.merge(shape.properties) { first, _ in first }
            required += shape.required
        }
        guard members["properties"] != nil || members["allOf"] != nil || members["type"]?.stringValue == "object" else { return nil }
        var seen: Set<String> = []
        return (properties, required.filter { seen.insert($0).inserted })
    }

    // MARK: Replies

    /// The JSON schema of the first success reply: 200, then the other 2xx codes, then 2XX.
    private func output(_ operation: OpenAPI.Operation, notes: inout [String]) throws -> JSONValue? {
        let successes = operation.responses.filter { $0.key.isSuccess }.sorted { lhs, rhs in
            Self.rank(lhs.key) < Self.rank(rhs.key)
        }
        guard let (status, either) = successes.first else { return nil }
        guard let response = try? document.components.lookup(either) else {
            notes.append("the \(status.rawValue) reply's reference does not resolve; the output is not checked")
            return nil
        }
        guard !response.content.isEmpty else { return nil }
        guard let media = response.content.first(where: { Self.isJSON($0.key) }) else {
            notes.append("the \(status.rawValue) reply is \(response.content.keys.map(\.rawValue).joined(separator: ", ")); the output is its text")
            return nil
        }
        guard let schema = try? document.components.lookup(media.value).schema else { return nil }
        let inlined = inliner.inline(try OpenAPISchemaInliner.encode(schema))
        if let first = JSONSchema.problems(in: inlined).first {
            notes.append("the \(status.rawValue) reply's schema cannot be enforced (\(first.path.isEmpty ? "" : first.path + " ")\(first.message)); the output is not checked")
            return nil
        }
        return inlined
    }

    private static func rank(_ status: OpenAPI.Response.StatusCode) -> Int {
        switch status.value {
        case .status(let code): return code
        default: return 1000
        }
    }

    // MARK: Helpers

    static func isJSON(_ type: OpenAPI.ContentType) -> Bool {
        let media = type.typeAndSubtype.lowercased()
        return media == "application/json" || media.hasSuffix("+json")
    }

    /// The schema's `type` when it names one besides null.
    static func type(of schema: JSONValue) -> String? {
        if let name = schema["type"]?.stringValue { return name }
        let names = schema["type"]?.arrayValue?.compactMap(\.stringValue).filter { $0 != "null" } ?? []
        return names.count == 1 ? names[0] : nil
    }

    /// The summary and the description, as a model choosing a tool reads them.
    static func description(_ operation: OpenAPI.Operation, method: ConnectorOperation.Method, path: String) -> String {
        let parts = [operation.summary, operation.description].compactMap { $0.map(oneLine) }.filter { !$0.isEmpty }
        var text = parts.count == 2 && parts[1].hasPrefix(parts[0]) ? parts[1]
            : parts.joined(separator: parts.first?.last.map { ".!?:".contains($0) } == true ? " " : ". ")
        if text.isEmpty { text = "\(method.rawValue) \(path)" }
        if operation.deprecated { text = "Deprecated. " + text }
        return text.count > maxDescription ? String(text.prefix(maxDescription - 1)) + "…" : text
    }

    static let maxDescription = 1000

    /// Descriptions are Markdown over many lines; a connector's text holds no control characters.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true })
            .joined(separator: " ")
    }
}
