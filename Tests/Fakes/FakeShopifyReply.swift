import Foundation
import HTTPTypes
import Hummingbird
import PatchbayWire

/// An answer from the fake Shopify API, before it becomes an HTTP response.
struct FakeShopifyReply: Sendable {
    var status: HTTPResponse.Status = .ok
    var body: JSONValue
    /// The `Link` header of a list page.
    var link: String?
    /// Seconds, sent the way Shopify does: `2.0`.
    var retryAfter: Double?

    static func failure(_ error: FakeShopifyError) -> FakeShopifyReply {
        FakeShopifyReply(status: error.status, body: ["errors": error.errors])
    }

    static func throttled(retryAfter: Double) -> FakeShopifyReply {
        var reply = failure(.throttled)
        reply.retryAfter = retryAfter
        return reply
    }

    func response(callLimit: String, requestID: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter { headers[.retryAfter] = String(format: "%.1f", retryAfter) }
        if let link, let name = HTTPField.Name("Link") { headers[name] = link }
        if let name = HTTPField.Name("X-Shopify-Shop-Api-Call-Limit") { headers[name] = callLimit }
        if let name = HTTPField.Name("X-Shopify-API-Version") { headers[name] = "2024-10" }
        if let name = HTTPField.Name("X-Request-Id") { headers[name] = requestID }
        let data = (try? WireCoding.encode(body)) ?? Data(#"{"errors":"Internal Server Error"}"#.utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
