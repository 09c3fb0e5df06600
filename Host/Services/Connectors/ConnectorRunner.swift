import Foundation
import PatchbayWire

/// Runs one operation of a connector: fills the path template, places each parameter, sends
/// the requests through `send` (the host's egress, which adds the credentials), follows the
/// pagination and extracts the output. In-process: no plugin and no worker is involved.
struct ConnectorRunner: Sendable {
    let definition: ConnectorDefinition
    let operation: ConnectorOperation

    typealias Send = @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage

    func run(_ input: JSONValue, send: Send) async -> Result<JSONValue, PluginError> {
        var request = firstRequest(input)
        guard let pagination = operation.pagination else {
            return await reply(to: request, send: send).flatMap { page in
                guard let extract = operation.extract else { return .success(page.json) }
                guard let value = extract.resolve(in: page.json) else {
                    return .failure(PluginError(code: "upstream_invalid_response",
                                                message: "the reply has nothing at \(extract.text) (the operation's extract)"))
                }
                return .success(value)
            }
        }
        var items: [JSONValue] = []
        var pageNumber = pagination.startPage
        if pagination.style == .pageNumber { place(.string(String(pageNumber)), named: pagination.pageParam, in: &request) }
        for _ in 0..<pagination.maxPages {
            let page: Page
            switch await reply(to: request, send: send) {
            case .success(let answered): page = answered
            case .failure(let error): return .failure(error)
            }
            guard let found = pagination.items.resolve(in: page.json)?.arrayValue else {
                return .failure(PluginError(code: "upstream_invalid_response",
                                            message: "the reply has no array at \(pagination.items.text) (the pagination's items)"))
            }
            items += found
            switch pagination.style {
            case .cursor:
                guard let cursor = pagination.nextCursor.resolve(in: page.json), let text = Self.text(cursor), !text.isEmpty else {
                    return .success(.array(items))
                }
                place(.string(text), named: pagination.cursorParam, in: &request)
            case .linkHeader:
                guard let next = Self.nextLink(page.headers["link"]) else { return .success(.array(items)) }
                request.path = next
                request.query = [:]
            case .pageNumber:
                guard !found.isEmpty else { return .success(.array(items)) }
                pageNumber += 1
                place(.string(String(pageNumber)), named: pagination.pageParam, in: &request)
            }
        }
        return .success(.array(items))
    }

    /// A reply read as JSON, with the headers pagination needs.
    private struct Page {
        var json: JSONValue
        var headers: [String: String]
    }

    private func reply(to request: HTTPRequestMessage, send: Send) async -> Result<Page, PluginError> {
        let response = await send(request)
        if let error = response.error { return .failure(error) }
        guard (200..<300).contains(response.status) else {
            let throttled = response.status == 429
            return .failure(PluginError(
                code: throttled ? "rate_limited" : "upstream_error",
                message: "\(definition.title) answered \(response.status) to \(operation.name): \(String(response.body.prefix(300)))",
                retryable: throttled || response.status >= 500, upstreamStatus: response.status))
        }
        if response.body.isEmpty { return .success(Page(json: .null, headers: response.headers)) }
        // A reply that is not JSON (text, HTML) is the output as it is.
        let json = (try? WireCoding.decode(JSONValue.self, from: Data(response.body.utf8))) ?? .string(response.body)
        return .success(Page(json: json, headers: response.headers))
    }

    /// The first request: the path filled in, each parameter where it goes, the default headers.
    func firstRequest(_ input: JSONValue) -> HTTPRequestMessage {
        // An operation on a server of its own sends an absolute URL, which the egress checks against the allowed hosts.
        let path = operation.baseURL.map { base in
            (base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString) + operation.path
        } ?? operation.path
        var request = HTTPRequestMessage(method: operation.method.rawValue, path: path, headers: definition.headers)
        if request.headers.keys.allSatisfy({ $0.lowercased() != "accept" }) { request.headers["Accept"] = "application/json" }
        for (name, value) in (input.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where !value.isNull {
            place(value, named: name, in: &request)
        }
        return request
    }

    /// Puts one parameter where the operation says it goes; a body parameter keeps its JSON type.
    private func place(_ value: JSONValue, named name: String, in request: inout HTTPRequestMessage) {
        let location = operation.locations[name] ?? (operation.method == .GET || operation.method == .DELETE ? .query : .body)
        switch location {
        case .path:
            var segment = (Self.text(value) ?? "").addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? ""
            // A whole segment of dots would climb the path; encoded, it is a name.
            if segment == "." || segment == ".." { segment = segment.replacingOccurrences(of: ".", with: "%2E") }
            request.path = request.path.replacingOccurrences(of: "{\(name)}", with: segment)
        case .query:
            request.query[name] = Self.text(value)
        case .header:
            request.headers[name] = Self.text(value)
        case .body:
            var body: [String: JSONValue] = [:]
            if let existing = request.body, let object = try? WireCoding.decode(JSONValue.self, from: Data(existing.utf8)).objectValue {
                body = object
            }
            body[name] = value
            request.body = (try? WireCoding.encode(JSONValue.object(body))).map { String(decoding: $0, as: UTF8.self) }
            request.headers["Content-Type"] = "application/json"
        }
    }

    /// RFC 3986 unreserved characters: a path parameter cannot add a segment or a query.
    private static let segmentCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// A scalar as it reads in a URL or a header; arrays as comma-separated values; objects as JSON.
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .bigInteger(let digits): return digits
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .array(let items): return items.compactMap(text).joined(separator: ",")
        case .object: return (try? WireCoding.encode(value)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The target of `rel="next"` in an RFC 8288 Link header.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for link in header.split(separator: ",") {
            let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let isNext = parts.dropFirst().contains { parameter in
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { return false }
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ").contains("next")
            }
            if isNext { return String(target.dropFirst().dropLast()) }
        }
        return nil
    }
}
