import Foundation
import Hummingbird
import PatchbayWire

/// An OpenTelemetry collector's OTLP/HTTP traces receiver, for the JSON encoding
/// (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`): it keeps every span it is sent and answers as a
/// collector does, with an empty `ExportTraceServiceResponse`.
public final class FakeCollector: @unchecked Sendable {
    /// One exported span, with its ids as lowercase hex as W3C `traceparent` writes them.
    public struct ExportedSpan: Sendable, Equatable {
        public var name: String
        public var traceID: String
        public var spanID: String
        /// Empty for a root span.
        public var parentSpanID: String
        public var attributes: [String: String]
        /// The spans this one links to, in its trace or another.
        public var links: [Link]
    }

    /// A span link: the span it points to.
    public struct Link: Sendable, Equatable {
        public var traceID: String
        public var spanID: String
    }

    private let lock = NSLock()
    private var received: [ExportedSpan] = []
    private let server: LoopbackServer
    /// The base URL, as `--otlp-endpoint` takes it.
    public let url: String

    private init(url: String, server: LoopbackServer) {
        self.url = url
        self.server = server
    }

    public static func start() async throws -> FakeCollector {
        let box = CollectorBox()
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 10 << 20)
            guard let json = try? WireCoding.decode(JSONValue.self, from: Data(body.readableBytesView)) else {
                return Response(status: .badRequest)
            }
            box.collector?.keep(Self.spans(in: json))
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        let server = try await LoopbackServer.start(router, label: "patchbay.fake-collector")
        let collector = FakeCollector(url: "http://127.0.0.1:\(server.port)", server: server)
        box.collector = collector
        return collector
    }

    public func stop() async {
        await server.stop()
    }

    public var spans: [ExportedSpan] { lock.withLock { received } }

    /// The spans of one trace, once `condition` holds on them, or what arrived by the timeout.
    public func waitForTrace(_ traceID: String, timeout: Duration = .seconds(10),
                             until condition: ([ExportedSpan]) -> Bool) async -> [ExportedSpan] {
        let deadline = ContinuousClock.now + timeout
        var trace: [ExportedSpan] = []
        while ContinuousClock.now < deadline {
            trace = spans.filter { $0.traceID == traceID }
            if condition(trace) { return trace }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return trace
    }

    private func keep(_ spans: [ExportedSpan]) {
        lock.withLock { received.append(contentsOf: spans) }
    }

    /// `resourceSpans[].scopeSpans[].spans[]` with their `links[]`; ids arrive base64-encoded
    /// (protobuf JSON's `bytes`).
    static func spans(in json: JSONValue) -> [ExportedSpan] {
        var spans: [ExportedSpan] = []
        for resource in json["resourceSpans"]?.arrayValue ?? [] {
            for scope in resource["scopeSpans"]?.arrayValue ?? [] {
                for span in scope["spans"]?.arrayValue ?? [] {
                    var attributes: [String: String] = [:]
                    for attribute in span["attributes"]?.arrayValue ?? [] {
                        guard let key = attribute["key"]?.stringValue, let value = attribute["value"]?.objectValue?.values.first else { continue }
                        attributes[key] = value.stringValue ?? "\(value)"
                    }
                    let links = (span["links"]?.arrayValue ?? []).map { Link(traceID: hex($0["traceId"]), spanID: hex($0["spanId"])) }
                    spans.append(ExportedSpan(name: span["name"]?.stringValue ?? "", traceID: hex(span["traceId"]),
                                              spanID: hex(span["spanId"]), parentSpanID: hex(span["parentSpanId"]),
                                              attributes: attributes, links: links))
                }
            }
        }
        return spans
    }

    private static func hex(_ value: JSONValue?) -> String {
        guard let text = value?.stringValue, let bytes = Data(base64Encoded: text) else { return "" }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}

private final class CollectorBox: @unchecked Sendable {
    var collector: FakeCollector?
}
