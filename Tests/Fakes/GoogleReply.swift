import Foundation
import HTTPTypes
import Hummingbird
import PatchbayWire

/// An answer from the fake Google Sheets API, before it becomes an HTTP response.
struct GoogleReply: Sendable {
    var status: HTTPResponse.Status
    var body: JSONValue
    var retryAfter: Int?
    /// Set on 401s, as Google does: `Bearer realm="https://accounts.google.com/", error="invalid_token"`.
    var wwwAuthenticate: String?
    /// Google's front end answers unknown URLs with an HTML page, not a JSON error.
    var html: String?

    static func success(_ body: JSONValue) -> GoogleReply {
        GoogleReply(status: .ok, body: body)
    }

    static func failure(_ error: GoogleAPIError) -> GoogleReply {
        var reply = GoogleReply(status: error.httpStatus, body: [
            "error": ["code": .integer(Int64(error.httpStatus.code)), "message": .string(error.message), "status": .string(error.status)],
        ])
        if error.status == "UNAUTHENTICATED" {
            reply.wwwAuthenticate = #"Bearer realm="https://accounts.google.com/", error="invalid_token""#
        }
        return reply
    }

    static func rateLimited(retryAfter: Int) -> GoogleReply {
        var reply = failure(.quotaExceeded)
        reply.retryAfter = retryAfter
        return reply
    }

    static func unknownURL(_ path: String) -> GoogleReply {
        GoogleReply(status: .notFound, body: .null,
                    html: "<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> That’s an error.<p>The requested URL <code>\(path)</code> was not found on this server. That’s all we know.</html>")
    }

    func response() -> Response {
        var headers = HTTPFields()
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let wwwAuthenticate { headers[.wwwAuthenticate] = wwwAuthenticate }
        let data: Data
        if let html {
            headers[.contentType] = "text/html; charset=UTF-8"
            data = Data(html.utf8)
        } else {
            headers[.contentType] = "application/json; charset=UTF-8"
            data = (try? WireCoding.encode(body)) ?? Data(#"{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}"#.utf8)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
