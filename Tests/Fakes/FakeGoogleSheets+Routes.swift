import Foundation
import HTTPTypes
public import Hummingbird
import PatchbayWire

extension FakeGoogleSheets {
    /// The largest body the fake reads.
    static let maximumBodySize = 10 * 1024 * 1024

    /// One call, as the routes see it before the spreadsheet is touched.
    struct Call {
        var request: RecordedRequest
        var spreadsheetID: String
        /// The `{range}` path segment, percent-decoded, with any `:verb` split off.
        var range: String?
        var verb: String?
    }

    /// Serves `<prefix>/v4/spreadsheets/{id}`, `<prefix>/v4/spreadsheets/{id}/values/{range}`
    /// (GET to read, PUT to update, POST `{range}:append` to append) and
    /// `<prefix>/v4/spreadsheets/{id}/values:batchUpdate`.
    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {
        let spreadsheets = router.group(RouterPath(prefix)).group(RouterPath(apiPath)).group("spreadsheets")
        spreadsheets.get(":id") { request, context in
            try await self.respond(to: request, id: context.parameters.get("id") ?? "", rangeSegment: nil)
        }
        spreadsheets.post(":id/values:batchUpdate") { request, context in
            try await self.respond(to: request, id: context.parameters.get("id") ?? "", rangeSegment: nil, verb: "batchUpdate")
        }
        for method in [HTTPRequest.Method.get, .put, .post] {
            spreadsheets.on(":id/values/:range", method: method) { request, context in
                try await self.respond(to: request, id: context.parameters.get("id") ?? "",
                                       rangeSegment: context.parameters.get("range") ?? "")
            }
        }
    }

    func respond(to request: Request, id: String, rangeSegment: String?, verb: String? = nil) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodySize)
        let recorded = RecordedRequest(request, body: body)
        var call = Call(request: recorded, spreadsheetID: id, verb: verb)
        if var segment = rangeSegment {
            if let colon = segment.lastIndex(of: ":"), segment[segment.index(after: colon)...] == "append" {
                call.verb = "append"
                segment = String(segment[..<colon])
            }
            call.range = segment.removingPercentEncoding
        }
        let (reply, hold) = lock.withLock { answer(call) }
        await hold.wait()
        return reply.response()
    }

    /// Decides the answer to one call. Called with the lock held.
    private func answer(_ call: Call) -> (GoogleReply, FakeHold) {
        let draw = controls.record(call.request)
        if let retryAfter = draw.throttleRetryAfter {
            return (.rateLimited(retryAfter: retryAfter), draw.hold)
        }
        if let failure = draw.failure {
            return (.failure(.queued(failure)), draw.hold)
        }
        do {
            let canWrite = try authenticate(call.request.headers["authorization"])
            return (try perform(call, canWrite: canWrite), draw.hold)
        } catch let error as GoogleAPIError {
            return (.failure(error), draw.hold)
        } catch {
            return (.failure(GoogleAPIError("INTERNAL", "Internal error encountered.")), draw.hold)
        }
    }

    /// Google reads `Authorization: Bearer <token>`. With no credentials at all it asks for an
    /// API key (403); a token it does not know is 401. Returns whether the token may write.
    /// Called with the lock held.
    private func authenticate(_ header: String?) throws -> Bool {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else { throw GoogleAPIError.missingCredentials }
        let parts = header.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let canWrite = controls.grant(for: parts[1].trimmingCharacters(in: .whitespaces))
        else { throw GoogleAPIError.invalidCredentials }
        return canWrite
    }

    /// Routes an authenticated call. Called with the lock held.
    private func perform(_ call: Call, canWrite: Bool) throws -> GoogleReply {
        let method = call.request.method
        if method != "GET", !canWrite { throw GoogleAPIError.insufficientScopes }
        guard call.spreadsheetID == Self.spreadsheetID else { throw GoogleAPIError.notFound }
        if call.verb == "batchUpdate" { return .success(try batchUpdateValues(call.request)) }
        guard let range = call.range else { return .success(try spreadsheet(call.request.query)) }
        switch (method, call.verb) {
        case ("GET", nil): return .success(try readValues(range, call.request.query))
        case ("PUT", nil): return .success(try updateValues(range, call.request))
        case ("POST", "append"): return .success(try appendValues(range, call.request))
        default: return .unknownURL(call.request.path)
        }
    }
}
