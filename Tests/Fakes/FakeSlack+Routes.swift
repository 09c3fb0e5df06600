import Foundation
public import Hummingbird
import PatchbayWire

extension FakeSlack {
    /// The Web API methods this fake implements; any other answers 404 `unknown_method`.
    static let methodNames: Set<String> = ["auth.test", "chat.postMessage", "conversations.list", "users.list"]

    /// The largest body the fake reads, matching the order of size Slack accepts.
    static let maximumBodySize = 4 * 1024 * 1024

    /// Serves the Web API at `<prefix>/api/<method>`, for GET with query arguments and for
    /// POST with a JSON, URL-encoded or multipart body.
    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {
        let api = router.group(RouterPath(prefix)).group(RouterPath(apiPath))
        api.get(":method") { request, context in
            try await self.respond(to: request, method: context.parameters.get("method") ?? "")
        }
        api.post(":method") { request, context in
            try await self.respond(to: request, method: context.parameters.get("method") ?? "")
        }
    }

    func respond(to request: Request, method name: String) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodySize)
        let recorded = RecordedRequest(request, body: body)
        let (reply, hold, requestID) = lock.withLock { () -> (SlackReply, FakeHold, String) in
            requestSerial += 1
            let (reply, hold) = answer(recorded, method: name)
            return (reply, hold, String(format: "fake-%08d", requestSerial))
        }
        await hold.wait()
        return reply.response(requestID: requestID)
    }

    /// Decides the answer to one request. Called with the lock held.
    private func answer(_ request: RecordedRequest, method name: String) -> (SlackReply, FakeHold) {
        let draw = controls.record(request)
        if let retryAfter = draw.throttleRetryAfter {
            return (.rateLimited(retryAfter: retryAfter), draw.hold)
        }
        if let failure = draw.failure {
            return (.failure(failure), draw.hold)
        }
        guard Self.methodNames.contains(name) else {
            let error = SlackAPIError("unknown_method", extra: ["req_method": .string(name)])
            return (.failure(error, status: .notFound), draw.hold)
        }
        do {
            try authenticate(request.headers["authorization"])
            let arguments = try SlackArguments.parse(request)
            let fields = try perform(name, arguments)
            return (.success(fields, warnings: arguments.warnings), draw.hold)
        } catch let error as SlackAPIError {
            return (.failure(error), draw.hold)
        } catch {
            return (.failure("internal_error"), draw.hold)
        }
    }

    /// Slack reads the token from `Authorization: Bearer <token>`: no token is `not_authed`,
    /// a token it does not know is `invalid_auth`. Called with the lock held.
    private func authenticate(_ header: String?) throws {
        guard let header else { throw SlackAPIError("not_authed") }
        let parts = header.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw SlackAPIError("not_authed") }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw SlackAPIError("not_authed") }
        guard controls.grant(for: token) != nil else { throw SlackAPIError("invalid_auth") }
    }

    /// Runs a known method. Called with the lock held.
    private func perform(_ name: String, _ arguments: SlackArguments) throws -> [String: JSONValue] {
        switch name {
        case "auth.test": return authTest()
        case "chat.postMessage": return try postMessage(arguments)
        case "conversations.list": return try listConversations(arguments)
        case "users.list": return try listUsers(arguments)
        default: throw SlackAPIError("unknown_method", extra: ["req_method": .string(name)])
        }
    }
}
