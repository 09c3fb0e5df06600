import Foundation
import HTTPTypes
import Hummingbird
import PatchbayWire

/// An answer from the fake Slack Web API, before it becomes an HTTP response.
struct SlackReply: Sendable {
    var status: HTTPResponse.Status
    var body: JSONValue
    var retryAfter: Int?

    /// A success envelope: `ok:true` plus the method's fields and any request warnings.
    static func success(_ fields: [String: JSONValue], warnings: [String] = []) -> SlackReply {
        var object = fields
        object["ok"] = true
        if !warnings.isEmpty {
            object["warning"] = .string(warnings.joined(separator: ","))
            var metadata = object["response_metadata"]?.objectValue ?? [:]
            metadata["warnings"] = .array(warnings.map(JSONValue.string))
            object["response_metadata"] = .object(metadata)
        }
        return SlackReply(status: .ok, body: .object(object))
    }

    /// An error envelope. Slack answers errors with HTTP 200 unless told otherwise.
    static func failure(_ error: SlackAPIError, status: HTTPResponse.Status = .ok) -> SlackReply {
        var object = error.extra
        object["ok"] = false
        object["error"] = .string(error.code)
        return SlackReply(status: status, body: .object(object))
    }

    static func failure(_ code: String, status: HTTPResponse.Status = .ok) -> SlackReply {
        failure(SlackAPIError(code), status: status)
    }

    static func rateLimited(retryAfter: Int) -> SlackReply {
        var reply = failure("ratelimited", status: .tooManyRequests)
        reply.retryAfter = retryAfter
        return reply
    }

    func response(requestID: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let name = HTTPField.Name("x-slack-req-id") { headers[name] = requestID }
        let data = (try? WireCoding.encode(body)) ?? Data(#"{"ok":false,"error":"internal_error"}"#.utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
