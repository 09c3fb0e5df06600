import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PatchbayServices

/// One log line per API request, whatever its outcome: its id, the account of the key that
/// made it, the route, the status and how long it took. Nothing the caller sent is logged but
/// the method and the route template: no header, no body, no path parameter, no query.
///
/// The id is the caller's `X-Request-Id` when it is a plain token (letters, digits, `-`, `_`,
/// `.`, at most 64), else a new one; either way the response carries it back.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Real time: the line tells how long the request really took, whatever the host's clock says.
        let started = ContinuousClock.now
        let id = request.headers[.requestID].flatMap(Self.acceptable) ?? Self.newID()
        var response = try await next(request, context)
        response.headers[ResponseHeader.requestID.name] = id
        let elapsed = (ContinuousClock.now - started) / .milliseconds(1)
        var metadata: Logger.Metadata = [
            "request_id": .string(id), "method": .string(request.method.rawValue), "route": .string(RequestRoute.label(context)),
            "status": .stringConvertible(Int(response.status.code)), "duration_ms": .stringConvertible((elapsed * 1000).rounded() / 1000),
        ]
        if let caller = context.caller.principal {
            metadata["account"] = .string(caller.accountID)
            metadata["key_id"] = .string(caller.keyID)
        }
        logger.info("request", metadata: metadata)
        return response
    }

    static func acceptable(_ value: String) -> String? {
        guard (1...64).contains(value.utf8.count),
              value.utf8.allSatisfy({ $0 < 128 && (isalnum(Int32($0)) != 0 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")) })
        else { return nil }
        return value
    }

    static func newID() -> String {
        String((0..<16).map { _ in "0123456789abcdef".randomElement()! })
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
