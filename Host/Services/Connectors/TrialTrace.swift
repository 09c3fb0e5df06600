import Foundation
import PatchbayEgress
import PatchbayWire
import Synchronization

/// The requests of one trial and their replies, as the test endpoint shows them: every secret
/// masked, and the header the host injects shown by name with its value masked.
final class TrialTrace: Sendable {
    private let items = Mutex<[JSONValue]>([])
    private let secrets: [String]
    private let authHeader: String?

    init(secrets: [String], authHeader scheme: AuthScheme) {
        self.secrets = secrets
        switch scheme.type {
        case .bearer, .basic: authHeader = "Authorization"
        case .header: authHeader = scheme.header
        case .none, .query, .plugin: authHeader = nil
        }
    }

    /// `sentAs` is egress's record of the last attempt: the URL as sent, with secrets masked.
    func add(_ request: HTTPRequestMessage, _ response: HTTPResponseMessage, sentAs exchange: EgressExchange?) {
        var headers = request.headers.mapValues { JSONValue.string(Redaction.redact($0, secrets: secrets)) }
        if let authHeader { headers[authHeader] = .string(Redaction.mask) }
        var sent: [String: JSONValue] = ["method": .string(request.method), "headers": .object(headers)]
        sent["url"] = .string(exchange?.url ?? Redaction.redact(request.path, secrets: secrets))
        if let body = request.body { sent["body"] = redacted(Self.json(body)) }
        var reply: [String: JSONValue]
        if let error = response.error {
            reply = ["error": .string(error.code), "message": .string(Redaction.redact(error.message, secrets: secrets))]
        } else {
            reply = ["status": .integer(Int64(response.status)),
                     "headers": .object(response.headers.mapValues { .string(Redaction.redact($0, secrets: secrets)) }),
                     "body": redacted(Self.json(response.body))]
        }
        items.withLock { $0.append(["request": .object(sent), "response": .object(reply)]) }
    }

    var all: [JSONValue] { items.withLock { $0 } }

    /// The value with each string's secrets masked, keys included.
    func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(Redaction.redact(text, secrets: secrets))
        case .array(let items): return .array(items.map(redacted))
        case .object(let members):
            return .object(Dictionary(members.map { (Redaction.redact($0.key, secrets: secrets), redacted($0.value)) },
                                      uniquingKeysWith: { first, _ in first }))
        default: return value
        }
    }

    /// A body as JSON when it is JSON, else as text.
    private static func json(_ text: String) -> JSONValue {
        if text.isEmpty { return .null }
        return (try? WireCoding.decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
    }
}
