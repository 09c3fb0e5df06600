import Foundation
import PatchbayWire
import XCTest

/// The OpenAPI document as the contract every test's calls are held to: `TestHost.request`
/// checks each reply's status and body against the operation the document declares for the
/// request, so a view that drifts from its schema, or a status a route does not declare, fails
/// the test that saw it.
final class APIContract: Sendable {
    let document: JSONValue
    private let operations: [(method: String, template: [Substring], operation: JSONValue)]

    init(document: JSONValue) {
        self.document = document
        var operations: [(String, [Substring], JSONValue)] = []
        for (path, methods) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in methods.objectValue ?? [:] {
                operations.append((method.uppercased(), path.split(separator: "/"), operation))
            }
        }
        self.operations = operations
    }

    /// The operation serving `method path`: of the templates that match, the one with the most
    /// fixed segments, as the router picks it.
    func operation(_ method: String, _ path: String) -> JSONValue? {
        let segments = path.split(separator: "?", maxSplits: 1).first.map { $0.split(separator: "/") } ?? []
        let matching = operations.filter { candidate in
            candidate.method == method && candidate.template.count == segments.count
                && zip(candidate.template, segments).allSatisfy { template, segment in template.hasPrefix("{") || template == segment }
        }
        return matching.max { fixed($0.template) < fixed($1.template) }?.operation
    }

    private func fixed(_ template: [Substring]) -> Int {
        template.filter { !$0.hasPrefix("{") }.count
    }

    /// Every way the reply breaks the contract; empty when it keeps it. `headers` (lowercased
    /// names) are checked when given: see `headerProblems`.
    func problems(method: String, path: String, status: Int, contentType: String?, body: String,
                  headers: [String: String]? = nil) -> [String] {
        guard let operation = operation(method, path) else {
            // No such operation: the router's 404 or 405, in the error envelope; a 405 says what the path serves.
            guard status == 404 || status == 405 else { return ["\(status) for an operation the document does not have"] }
            var problems = check(body, against: ["$ref": "#/components/schemas/Error"])
            if status == 405, let headers, headers["allow"] == nil { problems.append("a 405 without Allow") }
            return problems
        }
        guard let response = operation["responses"]?[String(status)] else {
            return ["status \(status) is not declared (declared: \((operation["responses"]?.objectValue ?? [:]).keys.sorted()))"]
        }
        return (headers.map { headerProblems(response, $0) } ?? []) + bodyProblems(response, contentType: contentType, body: body)
    }

    /// The headers the document declares for its responses (`components.headers`), by lowercased name.
    private var managedHeaders: [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: (document["components"]?["headers"]?.objectValue ?? [:]).map { ($0.key.lowercased(), $0.value) })
    }

    /// Of the headers the document manages: each the response declares required is sent, none it
    /// does not declare is sent, and each sent has a value its schema allows.
    private func headerProblems(_ response: JSONValue, _ headers: [String: String]) -> [String] {
        let managed = managedHeaders
        var declared: [String: JSONValue] = [:]
        for (name, header) in response["headers"]?.objectValue ?? [:] {
            let reference = header["$ref"]?.stringValue.flatMap { $0.split(separator: "/").last.map(String.init) }
            declared[name.lowercased()] = reference.flatMap { managed[$0.lowercased()] } ?? header
        }
        var problems: [String] = []
        for (name, header) in declared.sorted(by: { $0.key < $1.key }) {
            guard let value = headers[name] else {
                if header["required"]?.boolValue == true { problems.append("the required header \(name) is missing") }
                continue
            }
            guard let schema = header["schema"] else { continue }
            let typed: JSONValue = schema["type"]?.stringValue == "integer" ? Int64(value).map(JSONValue.integer) ?? .string(value) : .string(value)
            problems += JSONSchema.violations(of: typed, against: schema, in: document).map { "header \(name): \(value): \($0)" }
        }
        for name in headers.keys.sorted() where managed[name] != nil && declared[name] == nil {
            problems.append("the header \(name) is sent but not declared for this response")
        }
        return problems
    }

    private func bodyProblems(_ response: JSONValue, contentType: String?, body: String) -> [String] {
        guard let content = response["content"]?.objectValue else {
            return body.isEmpty ? [] : ["a body where the document declares none"]
        }
        if contentType?.hasPrefix("text/event-stream") == true {
            return content["text/event-stream"] == nil ? ["an event stream where the document declares JSON"] : []
        }
        if let text = contentType?.split(separator: ";").first.map(String.init), text.hasPrefix("text/") {
            return content[text] == nil ? ["\(text) where the document declares \(content.keys.sorted())"] : []
        }
        guard let schema = content["application/json"]?["schema"] else { return ["no JSON schema declared"] }
        return check(body, against: schema)
    }

    private func check(_ body: String, against schema: JSONValue) -> [String] {
        guard let value = try? WireCoding.decode(JSONValue.self, from: Data(body.utf8)) else { return ["the body is not JSON: \(body.prefix(200))"] }
        return JSONSchema.violations(of: value, against: schema, in: document).map { "\($0)" }
    }
}
