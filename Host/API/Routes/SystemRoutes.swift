import Hummingbird
import PatchbayPlugins
import PatchbayServices
import PatchbayWire

/// Liveness, readiness, the API's own description, and the plugins this host loaded or refused.
enum SystemRoutes {
    static func endpoints(_ patchbay: Patchbay, document: @escaping @Sendable () -> JSONValue,
                          metrics: PrometheusExposition?) -> [Endpoint] {
        [
            Endpoint(method: .get, path: "/healthz", summary: "Liveness: the process serves HTTP. Asks nothing of the store, so a busy or failing disk never gets a live host restarted.",
                     tag: "system", access: .open, response: APISchema.view(["status": ["const": "ok"]])) { _, _ in
                JSONResponse.make(["status": "ok"])
            },
            Endpoint(method: .get, path: "/readyz",
                     summary: "Readiness for a load balancer: the store answers and takes writes, its migrations are this build's, a SQLite data dir has room, the plugins loaded (503 naming each failing check).",
                     tag: "system", access: .open, response: readiness, otherResponses: [503: readiness]) { _, _ in
                let readiness = await patchbay.readiness.check()
                var checks: [String: JSONValue] = [:]
                for check in readiness.checks {
                    var fields: [String: JSONValue] = ["status": check.passed ? "ok" : "failing"]
                    if let detail = check.detail { fields["detail"] = .string(detail) }
                    checks[check.name] = .object(fields)
                }
                let failing = readiness.checks.filter { !$0.passed }.map { JSONValue.string($0.name) }
                let body: JSONValue = ["status": readiness.isReady ? "ready" : "not_ready", "failing": .array(failing),
                                       "checks": .object(checks)]
                return readiness.isReady ? JSONResponse.make(body)
                    : JSONResponse.make(body, status: .serviceUnavailable, headers: [ResponseHeader.retryAfter.name: "5"])
            },
            Endpoint(method: .get, path: "/openapi.json", summary: "This API as an OpenAPI 3.1 document.", tag: "system",
                     access: .open, response: APISchema.anyObject()) { _, _ in
                JSONResponse.make(document())
            },
            Endpoint(method: .get, path: "/v1/plugins",
                     summary: "Every plugin the host tried to load, enabled or disabled with the reason: where it runs, its crashes and whether it is quarantined.",
                     tag: "system", access: .key(.integrationsRead),
                     response: APISchema.list(of: APISchema.view([
                         "id": APISchema.nullableString, "name": APISchema.nullableString, "version": APISchema.nullableString,
                         "path": APISchema.string(), "status": ["type": "string", "enum": ["enabled", "disabled"]], "reason": APISchema.nullableString,
                         "isolation": ["type": "string", "enum": ["in_process", "process"],
                                       "description": "in_process: loaded into the host (a crash ends the host); process: in a worker process of its own, restarted when it crashes."],
                         "crashes": APISchema.merge(APISchema.integer, ["minimum": 0, "description": "Times its worker died since the plugin loaded."]),
                         "last_crash": APISchema.merge(APISchema.nullableString, ["description": "How the worker ended the last time, e.g. killed by signal 11."]),
                         "quarantined": APISchema.merge(APISchema.boolean, [
                             "description": "Refused calls after crashing too often (status disabled, reason says why) until the host restarts.",
                         ]),
                     ]))) { _, context in
                try context.requirePrincipal().require(.integrationsRead)
                let plugins: [JSONValue] = patchbay.catalog.plugins.map { status in
                    ["id": status.id.map(JSONValue.string) ?? .null, "name": status.name.map(JSONValue.string) ?? .null,
                     "version": status.version.map(JSONValue.string) ?? .null, "path": .string(status.path),
                     "status": .string(status.state.rawValue), "reason": status.reason.map(JSONValue.string) ?? .null,
                     "isolation": .string(status.isolation.rawValue), "crashes": .integer(Int64(status.crashes)),
                     "last_crash": status.lastCrash.map(JSONValue.string) ?? .null, "quarantined": .bool(status.quarantined)]
                }
                return JSONResponse.make(["data": .array(plugins)])
            },
            Endpoint(method: .get, path: "/metrics",
                     summary: "The host's metrics in the Prometheus text format (see docs/operations.md): requests, action calls, plugins, webhooks, deliveries, token refreshes and the store, for the whole host.",
                     tag: "system", access: .key(.metrics), response: APISchema.string(), mediaType: "text/plain") { _, _ in
                guard let metrics else {
                    throw APIError(status: .notFound, code: "metrics_disabled", message: "this host does not record metrics")
                }
                return Response(status: .ok, headers: [.contentType: PrometheusExposition.contentType],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
            },
        ]
    }

    /// The readiness answer, 200 when ready and 503 naming each failing check.
    private static let readiness = APISchema.view([
        "status": ["type": "string", "enum": ["ready", "not_ready"]],
        "failing": APISchema.array(APISchema.string()),
        "checks": ["type": "object", "additionalProperties": APISchema.object(
            ["status": ["type": "string", "enum": ["ok", "failing"]], "detail": APISchema.string()], required: ["status"])],
    ])
}
