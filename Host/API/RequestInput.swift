import Foundation
import Hummingbird
import PatchbayModel
import PatchbayWire

/// Reading what a client sent, after `RequestValidation` checked it against the route's
/// declared schemas: the types, ranges and enums are already right here.
enum RequestInput {
    /// `limit` and `cursor` from the query string; the route declares `Parameter.limit`.
    static func page(_ request: Request, defaultLimit: Int = 50) throws -> PageRequest {
        let limit = integer(request, "limit") ?? defaultLimit
        var after: PageCursor?
        if let raw = query(request, "cursor") {
            // The declared pattern admits only cursors that read, so this cannot fail after validation.
            guard let cursor = PageCursor(encoded: raw) else {
                throw APIError(status: .badRequest, code: "invalid_cursor", message: "cursor is not one this API issued", field: "cursor")
            }
            after = cursor
        }
        return PageRequest(limit: limit, after: after)
    }

    /// An enum-valued query filter; the route declares it with `Parameter.oneOf`.
    static func filter<T: RawRepresentable>(_ request: Request, _ name: String, as type: T.Type) -> T? where T.RawValue == String {
        query(request, name).flatMap(T.init(rawValue:))
    }

    /// A whole-number query parameter the route declares with an integer schema.
    static func integer(_ request: Request, _ name: String) -> Int? {
        query(request, name).flatMap { Int($0) }
    }

    /// An RFC 3339 timestamp from the query string (`2026-01-31T12:00:00Z`), as milliseconds;
    /// the route declares it with `RFC3339Time.pattern`.
    static func time(_ request: Request, _ name: String) throws -> Millis? {
        guard let raw = request.uri.queryParameters.get(name) else { return nil }
        guard let millis = RFC3339Time.millis(raw) else {
            throw APIError(status: .badRequest, code: "validation_failed",
                           message: "\(name) must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z", field: name)
        }
        return millis
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
