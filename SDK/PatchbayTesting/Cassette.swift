import Foundation
public import PatchbayWire

/// A plugin's HTTP exchanges, recorded once against a real or fake service and replayed
/// offline in tests. Recorded at the plugin boundary, before the host adds credentials, and
/// scrubbed of the secrets the recorder was given, so a cassette can be committed.
public struct Cassette: Codable, Sendable, Equatable {
    public struct Interaction: Codable, Sendable, Equatable {
        public var request: HTTPRequestMessage
        public var response: HTTPResponseMessage

        public init(request: HTTPRequestMessage, response: HTTPResponseMessage) {
            self.request = request
            self.response = response
        }
    }

    public var interactions: [Interaction]

    public init(interactions: [Interaction] = []) {
        self.interactions = interactions
    }

    public static func load(from path: String) throws -> Cassette {
        try WireCoding.decode(Cassette.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    public func save(to path: String) throws {
        try WireCoding.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Passes requests to another performer and keeps a scrubbed copy of every exchange.
public final class CassetteRecorder: @unchecked Sendable {
    private let upstream: HTTPPerformer
    private let secrets: [String]
    // @unchecked Sendable: `recorded` is only touched under `lock`.
    private let lock = NSLock()
    private var recorded: [Cassette.Interaction] = []

    /// Response headers that carry session state, never kept.
    static let droppedHeaders: Set<String> = ["set-cookie", "authorization", "cookie"]

    /// `secrets` are replaced by `[REDACTED]` wherever they appear in a recording.
    public init(recording upstream: @escaping HTTPPerformer, secrets: [String] = []) {
        self.upstream = upstream
        self.secrets = secrets
    }

    public var performer: HTTPPerformer {
        { [self] request in
            let response = await upstream(request)
            let interaction = Cassette.Interaction(request: scrub(request), response: scrub(response))
            lock.withLock { recorded.append(interaction) }
            return response
        }
    }

    public var cassette: Cassette {
        lock.withLock { Cassette(interactions: recorded) }
    }

    private func scrub(_ text: String) -> String { Redaction.redact(text, secrets: secrets) }

    private func scrub(_ headers: [String: String]) -> [String: String] {
        headers.filter { !Self.droppedHeaders.contains($0.key.lowercased()) }.mapValues(scrub)
    }

    private func scrub(_ request: HTTPRequestMessage) -> HTTPRequestMessage {
        HTTPRequestMessage(method: request.method, path: scrub(request.path), query: request.query.mapValues(scrub),
                           headers: scrub(request.headers), body: request.body.map(scrub), binaryBody: request.binaryBody)
    }

    private func scrub(_ response: HTTPResponseMessage) -> HTTPResponseMessage {
        // Bytes that are not text are kept as they are: secrets are masked in text only.
        HTTPResponseMessage(status: response.status, headers: scrub(response.headers), body: scrub(response.body),
                            binaryBody: response.binaryBody, error: response.error)
    }
}

/// Answers requests from a cassette: each recorded interaction once, in order among those
/// with the same method, path and query. A request with no recorded answer fails with
/// `cassette_miss`, which names it, so a test shows what the plugin asked that was not recorded.
public final class CassettePlayer: @unchecked Sendable {
    // @unchecked Sendable: `remaining` and `missed` are only touched under `lock`.
    private let lock = NSLock()
    private var remaining: [Cassette.Interaction]
    private var missed: [String] = []

    public init(_ cassette: Cassette) {
        remaining = cassette.interactions
    }

    public var performer: HTTPPerformer {
        { [self] request in
            let found: Cassette.Interaction? = lock.withLock {
                guard let index = remaining.firstIndex(where: { Self.matches($0.request, request) }) else {
                    missed.append("\(request.method) \(request.path)")
                    return nil
                }
                return remaining.remove(at: index)
            }
            return found?.response ?? .failure(PluginError(
                code: "cassette_miss", message: "the cassette has no response for \(request.method) \(request.path)"))
        }
    }

    /// Requests that found no recorded answer, as `METHOD path`.
    public var misses: [String] {
        lock.withLock { missed }
    }

    private static func matches(_ recorded: HTTPRequestMessage, _ request: HTTPRequestMessage) -> Bool {
        recorded.method.uppercased() == request.method.uppercased() && recorded.path == request.path && recorded.query == request.query
    }
}
