import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PatchbayModel
import PatchbayServices

/// Runs an idempotent endpoint's handler under the request's `Idempotency-Key`, if it sent one:
/// the first request runs and its whole answer (status, headers, body; an error's envelope too)
/// is kept; a repeat gets that answer again, marked `Idempotent-Replayed: true`.
enum IdempotentRoute {
    static func respond(_ endpoint: Endpoint, _ request: Request, _ context: APIRequestContext, idempotency: IdempotencyService,
                        logger: Logger) async throws -> Response {
        guard endpoint.idempotent, let key = request.headers[.idempotencyKey] else { return try await endpoint.handler(request, context) }
        let principal = try context.requirePrincipal()
        var request = request
        // Collected once for the fingerprint; the handler reads it again from the request.
        let body = try await RequestValidation.collectBody(&request, upTo: endpoint.maxBodyBytes)
        let fingerprint = IdempotencyService.fingerprint(method: request.method.rawValue, path: request.uri.path,
                                                         body: Data(body.readableBytesView))
        switch try await idempotency.begin(principal: principal, key: key, fingerprint: fingerprint) {
        case .replay(let kept):
            var response = Self.response(kept)
            response.headers[ResponseHeader.idempotentReplayed.name] = "true"
            return response
        case .run(let ticket):
            let answer: Response
            do {
                answer = try await endpoint.handler(request, context)
            } catch {
                answer = try ErrorEnvelopeMiddleware<APIRequestContext>.response(for: error, request: request, context: context, logger: logger)
            }
            let kept = try await Self.stored(answer)
            do {
                try await idempotency.finish(ticket, response: kept)
            } catch {
                // The work is done and the caller hears of it; a repeat waits until the claim is stale.
                logger.error("could not keep an idempotent request's answer", metadata: ["error": "\(error)"])
                await idempotency.abandon(ticket)
            }
            return Self.response(kept)
        }
    }

    private static func stored(_ response: Response) async throws -> StoredResponse {
        let collector = BodyCollector()
        try await response.body.write(collector)
        var headers: [String: String] = [:]
        for field in response.headers { headers[field.name.canonicalName] = field.value }
        return StoredResponse(status: Int(response.status.code), headers: headers, body: Data(collector.buffer.readableBytesView))
    }

    private static func response(_ stored: StoredResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in stored.headers.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name(name) { headers.append(HTTPField(name: name, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: stored.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: stored.body)))
    }
}

/// Takes a response body as it is written, to keep it.
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
