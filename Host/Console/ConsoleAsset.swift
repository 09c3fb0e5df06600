import HTTPTypes
import Hummingbird

/// A stylesheet or script served under `/console/assets/`, compiled into the binary.
struct ConsoleAsset: Sendable {
    var contentType: String
    var body: String

    func response() -> Response {
        Response(status: .ok,
                 headers: [.contentType: contentType, .cacheControl: "no-cache", HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
