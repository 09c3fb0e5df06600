import Foundation
import HTTPTypes
public import Hummingbird
import PatchbayWire

/// An in-memory task tracker behind a small, plain JSON API: the kind of HTTP API a
/// declarative connector describes. Its documented behaviour, under `<prefix>/v1`:
///
/// - Auth: the key in the `X-Api-Key` header or the `api_key` query parameter; anything else
///   answers 401 `{"error":"unauthorized"}`.
/// - `GET /projects/{project}/tasks?status=&page=&per_page=`: `{"data":[task],"page":n}`, pages
///   counted from 1, `per_page` 2 unless given; a page past the end has no data.
/// - `GET /projects/{project}/tasks/{id}`: `{"task":task}`, or 404 `{"error":"not_found"}`.
/// - `POST /projects/{project}/tasks` with a JSON body `{"title","priority"}`: 201
///   `{"task":task}`; the `X-Request-Id` header is kept on the task; 400 without a title.
/// - `GET /notes?cursor=`: `{"items":[note],"meta":{"next_cursor":c}}`, 2 a page, null at the end.
/// - `GET /events?after=`: an array of 2 events a page, with `Link: <…>; rel="next"` while more follow.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeTasks: FakeUpstream, @unchecked Sendable {
    public static let sandboxKey = "tk-sandbox-key-0001"
    public let apiPath = "v1"

    private let lock = NSLock()
    private var keys: Set<String> = [FakeTasks.sandboxKey]
    private var tasks: [JSONValue] = (1...5).map { index in
        ["id": .string("t\(index)"), "project": "apollo", "title": .string("Task \(index)"),
         "status": index % 2 == 0 ? "done" : "open", "priority": .integer(Int64(index))]
    }
    private var log: [RecordedRequest] = []

    public init() {}

    /// Every request received, oldest first.
    public var requests: [RecordedRequest] { lock.withLock { log } }

    public func registerRoutes<Context: RequestContext>(on router: some RouterMethods<Context>, prefix: String) {
        let api = router.group(RouterPath(prefix)).group(RouterPath(apiPath))
        api.get("projects/:project/tasks") { request, context in
            try await self.serve(request) { recorded in
                let project = context.parameters.get("project") ?? ""
                let page = Int(recorded.query["page"] ?? "1") ?? 1
                let size = Int(recorded.query["per_page"] ?? "2") ?? 2
                let matching = self.tasks.filter { task in
                    task["project"]?.stringValue == project && (recorded.query["status"].map { task["status"]?.stringValue == $0 } ?? true)
                }
                let start = max(0, (page - 1) * size)
                let slice = start < matching.count ? Array(matching[start..<min(matching.count, start + size)]) : []
                return (200, [:], ["data": .array(slice), "page": .integer(Int64(page))])
            }
        }
        api.get("projects/:project/tasks/:id") { request, context in
            try await self.serve(request) { _ in
                let id = context.parameters.get("id") ?? ""
                guard let task = self.tasks.first(where: { $0["id"]?.stringValue == id }) else { return (404, [:], ["error": "not_found"]) }
                return (200, [:], ["task": task])
            }
        }
        api.post("projects/:project/tasks") { request, context in
            try await self.serve(request) { recorded in
                let body = (try? WireCoding.decode(JSONValue.self, from: Data(recorded.body.utf8))) ?? .null
                guard let title = body["title"]?.stringValue, !title.isEmpty else { return (400, [:], ["error": "title_required"]) }
                var task: [String: JSONValue] = ["id": .string("t\(self.tasks.count + 1)"), "project": .string(context.parameters.get("project") ?? ""),
                                                 "title": .string(title), "status": "open", "priority": body["priority"] ?? 3]
                if let requestID = recorded.headers["x-request-id"] { task["request_id"] = .string(requestID) }
                self.tasks.append(.object(task))
                return (201, [:], ["task": .object(task)])
            }
        }
        api.get("notes") { request, _ in
            try await self.serve(request) { recorded in
                let start = Int(recorded.query["cursor"] ?? "0") ?? 0
                let notes = (start..<min(5, start + 2)).map { JSONValue.object(["id": .string("n\($0 + 1)")]) }
                let next: JSONValue = start + 2 < 5 ? .string(String(start + 2)) : .null
                return (200, [:], ["items": .array(notes), "meta": ["next_cursor": next]])
            }
        }
        api.get("events") { request, _ in
            // HTTP/1.1 clients always send Host; it carries the port the links must point at.
            let origin = "http://\(request.head.authority ?? FakeUpstreams.host)"
            return try await self.serve(request) { recorded in
                let after = Int(recorded.query["after"] ?? "0") ?? 0
                let events = (after..<min(5, after + 2)).map { JSONValue.object(["id": .string("e\($0 + 1)")]) }
                var headers: [String: String] = [:]
                if after + 2 < 5 { headers["Link"] = "<\(origin)\(recorded.path)?after=\(after + 2)>; rel=\"next\", <\(origin)\(recorded.path)>; rel=\"first\"" }
                return (200, headers, .array(events))
            }
        }
    }

    /// Records the request, checks the key, and answers with what `answer` decides (called with the lock held).
    private func serve(_ request: Request,
                       _ answer: @escaping (RecordedRequest) -> (Int, [String: String], JSONValue)) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let recorded = RecordedRequest(request, body: body)
        let (status, headers, json) = lock.withLock { () -> (Int, [String: String], JSONValue) in
            log.append(recorded)
            let key = recorded.headers["x-api-key"] ?? recorded.query["api_key"]
            guard let key, keys.contains(key) else { return (401, [:], ["error": "unauthorized"]) }
            return answer(recorded)
        }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers { if let field = HTTPField.Name(name) { fields[field] = value } }
        let data = (try? WireCoding.encode(json)) ?? Data()
        return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
