import Hummingbird
import Logging
import NIOCore
import PatchbayServices
import PatchbayWire

/// The HTTP API: builds the router from the endpoint table and serves it.
public enum APIServer {
    public static let version = "1.0.0"

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let box = DocumentBox()
        let all = SystemRoutes.endpoints(patchbay, document: { box.document })
            + CatalogRoutes.endpoints(patchbay)
            + ConnectionRoutes.endpoints(patchbay)
            + ConnectorRoutes.endpoints(patchbay) + MCPConnectionRoutes.endpoints(patchbay)
            + ExecutionRoutes.endpoints(patchbay)
            + WebhookRoutes.endpoints(patchbay)
            + APIKeyRoutes.endpoints(patchbay) + OAuthRoutes.endpoints(patchbay)
            + AgentRoutes.endpoints(patchbay) + PackRoutes.endpoints(patchbay) + BindingRoutes.endpoints(patchbay)
            + SkillRoutes.endpoints(patchbay) + MCPRoutes.endpoints(patchbay)
        box.document = OpenAPIDocument.build(all, version: version)
        return all
    }

    public static func router(_ patchbay: Patchbay, logger: Logger) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: ErrorEnvelopeMiddleware(logger: logger))
        let all = endpoints(patchbay)
        for endpoint in all {
            router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
                var context = context
                if case .key(let scope) = endpoint.access {
                    // The scope is checked here, before the handler reads the body, so a key that
                    // may not use the route learns that first, whatever it sent.
                    let principal = try await authenticate(request, patchbay: patchbay)
                    try principal.require(scope)
                    context.principal = principal
                }
                return try await endpoint.handler(request, context)
            }
        }
        addMethodNotAllowed(to: router, for: all)
        return router
    }

    /// Methods a client may plausibly try on a path; any of them the path does not serve answers
    /// 405 with `Allow` rather than 404, so the path is known to exist.
    static let methodsAnsweredWith405: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    private static func addMethodNotAllowed(to router: Router<APIRequestContext>, for endpoints: [Endpoint]) {
        var methods: [String: [HTTPRequest.Method]] = [:]
        var order: [String] = []
        for endpoint in endpoints {
            if methods[endpoint.routerPath] == nil { order.append(endpoint.routerPath) }
            methods[endpoint.routerPath, default: []].append(endpoint.method)
        }
        for path in order {
            let served = methods[path] ?? []
            let allow = served.map(\.rawValue).sorted().joined(separator: ", ")
            for method in methodsAnsweredWith405 where !served.contains(method) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw APIError(status: .methodNotAllowed, code: "method_not_allowed",
                                   message: "\(request.uri.path) does not support \(request.method.rawValue); it supports \(allow)",
                                   allow: allow)
                }
            }
        }
    }

    /// Builds the application. `onRunning` receives the bound port (useful with port 0).
    public static func application(
        _ patchbay: Patchbay, host: String, port: Int, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(patchbay, logger: logger),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Patchbay"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    private static func authenticate(_ request: Request, patchbay: Patchbay) async throws -> Principal {
        guard let header = request.headers[.authorization] else {
            throw ServiceError(.unauthenticated, "missing_api_key", "send an API key as Authorization: Bearer <key>")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw ServiceError(.unauthenticated, "invalid_api_key", "the Authorization header must be Bearer <key>")
        }
        return try await patchbay.apiKeys.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces))
    }
}

/// Lets the /openapi.json handler serve the document built from the list it is part of.
private final class DocumentBox: @unchecked Sendable {
    var document: JSONValue = [:]
}
