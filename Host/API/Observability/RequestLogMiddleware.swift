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
        // An argument, not a local: the logger builds it only when it writes the line.
        logger.info("request", metadata: Self.metadata(id: id, request: request, context: context, status: response.status, elapsed: elapsed))
        return response
    }

    private static func metadata(id: String, request: Request, context: Context, status: HTTPResponse.Status,
                                 elapsed: Double) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "request_id": .string(id), "method": .string(request.method.rawValue), "route": .string(RequestRoute.label(context)),
            "status": .stringConvertible(Int(status.code)), "duration_ms": .stringConvertible((elapsed * 1000).rounded() / 1000),
        ]
        if let caller = context.caller.principal {
            metadata["account"] = .string(caller.accountID)
            metadata["key_id"] = .string(caller.keyID)
        }
        return metadata
    }

    static func acceptable(_ value: String) -> String? {
        guard (1...64).contains(value.utf8.count),
              value.utf8.allSatisfy({ $0 < 128 && (isalnum(Int32($0)) != 0 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")) })
        else { return nil }
        return value
    }

    /// 16 hex digits from one 64-bit draw: a draw per digit (`randomElement`) was a system call
    /// each, on every request.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bits: UInt64 = generator.next()
        return String(unsafeUninitializedCapacity: 16) { digits in
            for position in 0..<16 { digits[position] = hexDigits[Int(bits >> UInt64(60 - 4 * position) & 0xF)] }
            return 16
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
}
