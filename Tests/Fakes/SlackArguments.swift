import Foundation
import PatchbayWire

/// The arguments of one Web API call, gathered the way Slack gathers them: from the query
/// string, then from a POST body in any of the encodings Slack accepts. Body values win.
struct SlackArguments: Sendable {
    var values: [String: JSONValue]
    /// Non-fatal remarks Slack adds to the answer, such as `missing_charset`.
    var warnings: [String] = []

    subscript(name: String) -> JSONValue? {
        guard let value = values[name], value != .null else { return nil }
        return value
    }

    /// The argument as text: strings as they are, numbers and booleans as they print.
    func string(_ name: String) -> String? {
        switch self[name] {
        case .string(let value): return value
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    /// A boolean flag the way Slack reads one: `true` or `1` is set, anything else is not.
    func flag(_ name: String) -> Bool {
        guard let text = string(name)?.lowercased() else { return false }
        return text == "true" || text == "1"
    }

    /// Reads the arguments of `request`, throwing the error Slack gives for a body it cannot read.
    static func parse(_ request: RecordedRequest) throws -> SlackArguments {
        var arguments = SlackArguments(values: request.query.mapValues(JSONValue.string))
        guard request.method == "POST", !request.body.isEmpty else { return arguments }

        guard let contentType = request.headers["content-type"], !contentType.isEmpty else {
            throw SlackAPIError("missing_post_type")
        }
        let (mediaType, parameters) = parseContentType(contentType)
        switch mediaType {
        case "application/json":
            if let charset = parameters["charset"] {
                guard ["utf-8", "utf8"].contains(charset.lowercased()) else { throw SlackAPIError("invalid_charset") }
            } else {
                arguments.warnings.append("missing_charset")
            }
            guard let value = try? WireCoding.decode(JSONValue.self, from: Data(request.body.utf8)) else {
                throw SlackAPIError("invalid_json")
            }
            guard case .object(let object) = value else { throw SlackAPIError("json_not_object") }
            arguments.values.merge(object) { _, body in body }
        case "application/x-www-form-urlencoded", "text/plain":
            guard let fields = FormURLEncoding.dictionary(request.body) else { throw SlackAPIError("invalid_form_data") }
            arguments.values.merge(fields.mapValues(JSONValue.string)) { _, body in body }
        case "multipart/form-data":
            guard let fields = MultipartFormData.fields(request.body, boundary: parameters["boundary"] ?? "") else {
                throw SlackAPIError("invalid_form_data")
            }
            arguments.values.merge(fields.mapValues(JSONValue.string)) { _, body in body }
        default:
            throw SlackAPIError("invalid_post_type")
        }
        return arguments
    }

    /// Splits `type/subtype; name=value` into the lowercased media type and its parameters.
    static func parseContentType(_ header: String) -> (mediaType: String, parameters: [String: String]) {
        let pieces = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let mediaType = pieces.first?.lowercased() ?? ""
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            let parts = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            parameters[parts[0].lowercased()] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return (mediaType, parameters)
    }
}
