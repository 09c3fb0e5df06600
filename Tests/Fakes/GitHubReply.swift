import Foundation
import HTTPTypes
import Hummingbird
import PatchbayWire

/// An answer from the fake GitHub REST API, before it becomes an HTTP response.
struct GitHubReply: Sendable {
    var status: Int
    var body: JSONValue
    /// Extra headers such as `link`, `location` and `retry-after`.
    var headers: [(String, String)] = []

    static func ok(_ body: JSONValue, link: String? = nil) -> GitHubReply {
        GitHubReply(status: 200, body: body, headers: link.map { [("link", $0)] } ?? [])
    }

    static func created(_ body: JSONValue) -> GitHubReply {
        GitHubReply(status: 201, body: body, headers: body["url"]?.stringValue.map { [("location", $0)] } ?? [])
    }

    static func failure(_ error: GitHubAPIError) -> GitHubReply {
        GitHubReply(status: error.status, body: error.body)
    }

    func response(rate: GitHubRateLimit, requestID: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        let named = [("x-github-media-type", "github.v3; format=json"), ("x-github-api-version-selected", "2022-11-28"),
                     ("x-github-request-id", requestID)] + rate.headers + headers
        for (name, value) in named {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        let data = (try? WireCoding.encode(body)) ?? Data(#"{"message":"Server Error"}"#.utf8)
        return Response(status: HTTPResponse.Status(code: status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
