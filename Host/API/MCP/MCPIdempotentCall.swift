import Foundation
import HTTPTypes
import Hummingbird
import MCP
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// `Idempotency-Key` on an MCP `tools/call`: the first call with a key runs, and its JSON-RPC
/// outcome (`result` or `error`) is kept; a repeat with the same key and the same tool name and
/// arguments gets that outcome under its own JSON-RPC id, without calling the tool again, also
/// while the first still runs (it waits). Keys are the account's and the agent's. The answer is
/// plain JSON rather than an event stream, for the first call and its repeats alike.
struct MCPIdempotentCall {
    /// The request's JSON-RPC id, which the answer carries back.
    let id: JSONValue
    /// The tool's name and arguments: what makes two calls the same, whatever their ids.
    let fingerprint: String

    /// The `tools/call` request in `body`, or nil for any other message.
    init?(_ body: Data?, agentID: String) {
        guard let json = try? WireCoding.decode(JSONValue.self, from: body ?? Data()), json["method"] == "tools/call",
              let id = json["id"], id != .null, let name = json["params"]?["name"]?.stringValue
        else { return nil }
        let call: JSONValue = ["name": .string(name), "arguments": json["params"]?["arguments"] ?? .object([:])]
        self.id = id
        fingerprint = IdempotencyService.fingerprint(method: "tools/call", path: "/v1/agents/\(agentID)/mcp",
                                                     body: (try? WireCoding.encode(call)) ?? Data())
    }

    /// Runs the call under `key` with `run`, or answers with the outcome kept for it.
    func respond(key: String, principal: Principal, agentID: String, session: String, idempotency: IdempotencyService,
                 run: () async -> MCP.HTTPResponse) async throws -> Response {
        let start: IdempotencyService.Start
        do {
            start = try await idempotency.begin(principal: principal, key: key, fingerprint: fingerprint, scope: "mcp:\(agentID)")
        } catch let error as ServiceError {
            // The client speaks JSON-RPC: a key used for another call, or still in flight, is a
            // JSON-RPC error that names the reason.
            let outcome: JSONValue = ["error": ["code": -32600, "message": .string(error.message),
                                                "data": ["code": .string(error.code), "field": "Idempotency-Key"]]]
            return try answer(outcome, session: session, replayed: false)
        }
        switch start {
        case .replay(let kept):
            return try answer(try WireCoding.decode(JSONValue.self, from: kept.body), session: session, replayed: true)
        case .run(let ticket):
            guard let outcome = await outcome(of: await run()) else {
                await idempotency.abandon(ticket)
                let failed: JSONValue = ["error": ["code": -32603, "message": "the tool call ended without an answer"]]
                return try answer(failed, session: session, replayed: false)
            }
            try await idempotency.finish(ticket, response: StoredResponse(status: 200, headers: [:], body: try WireCoding.encode(outcome)))
            return try answer(outcome, session: session, replayed: false)
        }
    }

    /// The `result` or `error` of the message answering this call, from a JSON body or an event stream.
    private func outcome(of reply: MCP.HTTPResponse) async -> JSONValue? {
        if case .stream(let events, _) = reply {
            var text = ""
            do {
                for try await chunk in events {
                    text += String(decoding: chunk, as: UTF8.self)
                    if let found = Self.events(in: text).lazy.compactMap(answerOutcome).first { return found }
                }
            } catch {
                return nil
            }
            return nil
        }
        return reply.bodyData.flatMap { try? WireCoding.decode(JSONValue.self, from: $0) }.flatMap(answerOutcome)
    }

    private func answerOutcome(_ message: JSONValue) -> JSONValue? {
        guard message["id"] == id else { return nil }
        if let result = message["result"] { return ["result": result] }
        if let error = message["error"] { return ["error": error] }
        return nil
    }

    /// The JSON messages of the complete server-sent events in `text`.
    private static func events(in text: String) -> [JSONValue] {
        text.components(separatedBy: "\n\n").dropLast().compactMap { event in
            let data = event.split(separator: "\n").filter { $0.hasPrefix("data:") }
                .map { $0.dropFirst(5).drop(while: { $0 == " " }) }.joined(separator: "\n")
            return try? WireCoding.decode(JSONValue.self, from: Data(data.utf8))
        }
    }

    private func answer(_ outcome: JSONValue, session: String, replayed: Bool) throws -> Response {
        var message = outcome.objectValue ?? [:]
        message["jsonrpc"] = "2.0"
        message["id"] = id
        var headers: HTTPFields = [.contentType: "application/json", MCPRoutes.sessionHeader: session]
        if replayed { headers[.idempotentReplayed] = "true" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try WireCoding.encode(JSONValue.object(message)))))
    }
}
