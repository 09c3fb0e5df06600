import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import PatchbayWire
import Yams

/// Reads an OpenAPI 3.0, 3.1 or 3.2 description, given as a JSON object or as JSON or YAML
/// text, with OpenAPIKit. A 3.0 document goes through OpenAPIKit's compatibility layer, so the
/// translation reads one model. A 3.1 document's schemas in their 3.0 form are rewritten first
/// (`OpenAPILegacySchemaRewriter`), each rewrite noted. Every refusal is a 400 that says where
/// the document is wrong.
enum OpenAPIDocumentReader {
    struct Read {
        var document: OpenAPIKit.OpenAPI.Document
        /// The version the document declared.
        var version: String
        /// What was rewritten before decoding, each with its JSON pointer.
        var notes: [String] = []
    }

    static func read(_ document: JSONValue) throws -> Read {
        switch document {
        case .object:
            return try decode(document)
        case .string(let text):
            let trimmed = text.drop { $0.isWhitespace }
            guard !trimmed.isEmpty else { throw invalid("document is empty", at: nil) }
            if trimmed.first == "{" {
                let parsed: JSONValue
                do {
                    parsed = try WireCoding.decode(JSONValue.self, from: Data(text.utf8))
                } catch {
                    let detail = (error as? JSONSyntaxError).map { "\($0)" } ?? "\(error)"
                    throw invalid("document is not valid JSON: \(detail)", at: nil)
                }
                return try decode(parsed)
            }
            return try yaml(text)
        default:
            throw ServiceError.validation("document must be an OpenAPI document: a JSON object, or JSON or YAML text", field: "document")
        }
    }

    private static func decode(_ document: JSONValue) throws -> Read {
        let declared = try self.version(document["openapi"]?.stringValue)
        do {
            if declared.hasPrefix("3.0.") {
                let json = try WireCoding.encode(document)
                return Read(document: try JSONDecoder().decode(OpenAPIKit30.OpenAPI.Document.self, from: json).convert(to: .v3_1_1),
                            version: declared)
            }
            let (rewritten, notes) = OpenAPILegacySchemaRewriter.rewrite(document)
            return Read(document: try JSONDecoder().decode(OpenAPIKit.OpenAPI.Document.self, from: try WireCoding.encode(rewritten)),
                        version: declared, notes: notes)
        } catch {
            let readable = OpenAPIKit.OpenAPI.Error(from: error)
            throw invalid(readable.localizedDescription, at: readable.codingPathString)
        }
    }

    /// YAML through Yams' node tree into JSON, then as JSON: OpenAPIKit's models find a quoted
    /// `'200':` response key through JSON but not through Yams' decoder, and real documents quote them.
    private static func yaml(_ text: String) throws -> Read {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw invalid("document is neither JSON nor valid YAML: \(describe(error))", at: nil)
        }
        guard let node, node.mapping != nil else { throw invalid("document must be a mapping with openapi, info and paths", at: nil) }
        return try decode(json(node))
    }

    /// A YAML node as the JSON value it stands for, by the tags Yams resolved: `200` is a
    /// number, `'200'` a string, `~` null. Keys are strings, as JSON has them.
    private static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .integer(Int64($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            // Composing resolves aliases to the nodes they name; none is left to read.
            return .null
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
