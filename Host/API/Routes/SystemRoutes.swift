import Hummingbird
import PatchbayServices
import PatchbayWire

/// Health, the API's own description, and the plugins this host loaded or refused.
enum SystemRoutes {
    static func endpoints(_ patchbay: Patchbay, document: @escaping @Sendable () -> JSONValue) -> [Endpoint] {
        [
            Endpoint(method: .get, path: "/healthz", summary: "Liveness: the host is up and its store answers and takes writes (503 with the reason when not).",
                     tag: "system", access: .open) { _, _ in
                _ = try await patchbay.store.account(id: "healthz")
                if let problem = await patchbay.store.storageProblem() {
                    return JSONResponse.make(["status": "failing", "store": .string(problem.description)], status: .serviceUnavailable,
                                             headers: [.retryAfter: "5"])
                }
                return JSONResponse.make(["status": "ok"])
            },
            Endpoint(method: .get, path: "/openapi.json", summary: "This API as an OpenAPI 3.1 document.", tag: "system",
                     access: .open) { _, _ in
                JSONResponse.make(document())
            },
            Endpoint(method: .get, path: "/v1/plugins", summary: "Every plugin the host tried to load, enabled or disabled with the reason.",
                     tag: "system", access: .key(.integrationsRead)) { _, context in
                try context.requirePrincipal().require(.integrationsRead)
                let plugins: [JSONValue] = patchbay.catalog.plugins.map { status in
                    ["id": status.id.map(JSONValue.string) ?? .null, "name": status.name.map(JSONValue.string) ?? .null,
                     "version": status.version.map(JSONValue.string) ?? .null, "path": .string(status.path),
                     "status": .string(status.state.rawValue), "reason": status.reason.map(JSONValue.string) ?? .null]
                }
                return JSONResponse.make(["data": .array(plugins)])
            },
        ]
    }
}
