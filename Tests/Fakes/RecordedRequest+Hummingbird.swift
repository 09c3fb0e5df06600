import Foundation
import Hummingbird

extension RecordedRequest {
    /// The request as a fake received it: percent-decoded query, lowercase header names with
    /// repeated ones joined by ", ", the body as UTF-8 text.
    init(_ request: Request, body: ByteBuffer) {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        self.init(method: request.method.rawValue, path: request.uri.path,
                  query: FormURLEncoding.lenientDictionary(request.uri.query ?? ""), headers: headers,
                  body: String(decoding: body.readableBytesView, as: UTF8.self))
    }
}
