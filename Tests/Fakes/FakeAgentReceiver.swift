import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// An agent's webhook URL on loopback: records every delivery and answers as scripted, so
/// tests can make it fail, stall, throttle (429 + Retry-After) or go away (410).
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeAgentReceiver: @unchecked Sendable {
    /// One scripted answer.
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        /// Held this long before answering, to run a sender into its timeout.
        public var delay: Duration
        /// Held until this gate is released, to keep a request in flight while a test moves the sender's clock.
        public var gate: FakeGate?
        public var body: String

        public init(status: Int, headers: [String: String] = [:], delay: Duration = .zero, gate: FakeGate? = nil, body: String = "ok") {
            self.status = status
            self.headers = headers
            self.delay = delay
            self.gate = gate
            self.body = body
        }
    }

    private let lock = NSLock()
    private var script: [Answer] = []
    private var received: [RecordedRequest] = []
    private var fallback = Answer(status: 204)
    private let server: LoopbackServer
    public let url: String

    private init(url: String, server: LoopbackServer) {
        self.url = url
        self.server = server
    }

    public static func start() async throws -> FakeAgentReceiver {
        let box = ReceiverBox()
        let router = Router()
        router.post("**") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 10 << 20)
            return try await box.receiver!.answer(request, body: String(buffer: body))
        }
        let server = try await LoopbackServer.start(router, label: "patchbay.fake-agent")
        let receiver = FakeAgentReceiver(url: "http://127.0.0.1:\(server.port)/agent/events", server: server)
        box.receiver = receiver
        return receiver
    }

    public func stop() async {
        await server.stop()
    }

    /// Answers the next requests with these, in order; afterwards with `otherwise`.
    public func script(_ answers: [Answer], otherwise: Answer = Answer(status: 204)) {
        lock.withLock {
            script = answers
            fallback = otherwise
        }
    }

    public var requests: [RecordedRequest] { lock.withLock { received } }

    /// Waits until at least `count` deliveries have arrived, or the timeout passes.
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(10)) async -> [RecordedRequest] {
        let deadline = ContinuousClock.now + timeout
        while requests.count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return requests
    }

    private func answer(_ request: Request, body: String) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let next: Answer = lock.withLock {
            received.append(RecordedRequest(method: request.method.rawValue, path: request.uri.path, query: [:],
                                            headers: headers, body: body))
            return script.isEmpty ? fallback : script.removeFirst()
        }
        if let gate = next.gate { await gate.hold() }
        if next.delay > .zero { try await Task.sleep(for: next.delay) }
        var fields = HTTPFields()
        for (name, value) in next.headers { if let field = HTTPField.Name(name) { fields[field] = value } }
        return Response(status: .init(code: next.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: next.body)))
    }
}

// Unchecked: set once before the server takes its first request, and only read after.
private final class ReceiverBox: @unchecked Sendable {
    var receiver: FakeAgentReceiver?
}
