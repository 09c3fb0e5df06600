import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import PatchbayWire
import Yams

/// Reads an OpenAPI 3.0, 3.1 or 3.2 description, given as a JSON object or as JSON or YAML
/// text, with OpenAPIKit. A 3.0 document goes through OpenAPIKit's compatibility layer, so the
/// translation reads one model. Every refusal is a 400 that says where the document is wrong.
enum OpenAPIDocumentReader {
    /// The document, and the version it declared.
    static func read(_ document: JSONValue) throws -> (document: OpenAPIKit.OpenAPI.Document, version: String) {
        switch document {
        case .object:
            return try decode(version: document["openapi"], json: try WireCoding.encode(document))
        case .string(let text):
            let trimmed = text.drop { $0.isWhitespace }
            guard !trimmed.isEmpty else { throw invalid("document is empty", at: nil) }
            if trimmed.first == "{" {
                let data = Data(text.utf8)
                let parsed: JSONValue
                do {
                    parsed = try WireCoding.decode(JSONValue.self, from: data)
                } catch {
                    let detail = (error as? JSONSyntaxError).map { "\($0)" } ?? "\(error)"
                    throw invalid("document is not valid JSON: \(detail)", at: nil)
                }
                return try decode(version: parsed["openapi"], json: data)
            }
            return try yaml(text)
        default:
            throw ServiceError.validation("document must be an OpenAPI document: a JSON object, or JSON or YAML text", field: "document")
        }
    }

    /// The text a document was read from, ready for a decoder.
    private enum Source {
        case json(Data)
        case yaml(Node)

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            switch self {
            case .json(let data): return try JSONDecoder().decode(type, from: data)
            case .yaml(let node): return try YAMLDecoder().decode(type, from: node)
            }
        }
    }

    private static func decode(version: JSONValue?, json: Data) throws -> (document: OpenAPIKit.OpenAPI.Document, version: String) {
        let declared = try self.version(version?.stringValue)
        return (try openAPI(declared, .json(json)), declared)
    }

    private static func yaml(_ text: String) throws -> (document: OpenAPIKit.OpenAPI.Document, version: String) {
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw invalid("document is empty", at: nil) }
            node = composed
        } catch let error as YamlError {
            throw invalid("document is neither JSON nor valid YAML: \(Self.describe(error))", at: nil)
        }
        guard node.mapping != nil else { throw invalid("document must be a mapping with openapi, info and paths", at: nil) }
        let declared = try version(node["openapi"]?.string)
        return (try openAPI(declared, .yaml(node)), declared)
    }

    /// Decodes with the model of the declared version; a 3.0 document is converted to 3.1.
    private static func openAPI(_ version: String, _ source: Source) throws -> OpenAPIKit.OpenAPI.Document {
        do {
            if version.hasPrefix("3.0.") {
                return try source.decode(OpenAPIKit30.OpenAPI.Document.self).convert(to: .v3_1_1)
            }
            return try source.decode(OpenAPIKit.OpenAPI.Document.self)
        } catch let error as ServiceError {
            throw error
        } catch {
            let readable = OpenAPIKit.OpenAPI.Error(from: error)
            throw invalid(readable.localizedDescription, at: readable.codingPathString)
        }
    }

    /// 3.0.x, 3.1.x or 3.2.x; Swagger 2.0 and anything else is refused with what to do.
    private static func version(_ declared: String?) throws -> String {
        guard let declared else {
            throw invalid("document has no openapi version: it must be an OpenAPI 3.0 or 3.1 document (Swagger 2.0 has swagger: \"2.0\"; convert it first)",
                          at: ".openapi")
        }
        guard ["3.0.", "3.1.", "3.2."].contains(where: declared.hasPrefix) else {
            throw invalid("openapi \(declared) is not supported: OpenAPI 3.0, 3.1 and 3.2 are", at: ".openapi")
        }
        return declared
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        default:
            return "\(error)"
        }
    }

    /// `at` is OpenAPIKit's coding path of the problem, such as `.paths['/pets'].get.responses`.
    private static func invalid(_ message: String, at location: String?) -> ServiceError {
        let place = location.flatMap { $0.isEmpty ? nil : $0 }
        return ServiceError(.badRequest, "invalid_openapi", place.map { "\(message) (at \($0))" } ?? message,
                            field: place.map { "document\($0)" } ?? "document")
    }
}
