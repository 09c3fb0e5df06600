import Foundation
public import Hummingbird
public import Logging
import NIOCore
import PatchbayConsole
public import PatchbayServices
import PatchbayWire
import Synchronization
import Tracing

/// The HTTP API: builds the router from the endpoint table and serves it.
public enum APIServer {
    public static let version = "1.0.0"

    static func endpoints(_ patchbay: Patchbay, metrics: PrometheusExposition? = nil) -> [Endpoint] {
        let box = DocumentBox()
        let all = SystemRoutes.endpoints(patchbay, document: { box.document.withLock { $0 } }, metrics: metrics)
            + CatalogRoutes.endpoints(patchbay)
            + ConnectionRoutes.endpoints(patchbay)
            + ConnectorRoutes.endpoints(patchbay) + MCPConnectionRoutes.endpoints(patchbay)
            + ExecutionRoutes.endpoints(patchbay)
            + WebhookRoutes.endpoints(patchbay)
            + APIKeyRoutes.endpoints(patchbay) + OAuthRoutes.endpoints(patchbay)
            + AgentRoutes.endpoints(patchbay) + PackRoutes.endpoints(patchbay) + BindingRoutes.endpoints(patchbay)
            + SkillRoutes.endpoints(patchbay) + MCPRoutes.endpoints(patchbay) + AuditRoutes.endpoints(patchbay)
        box.document.withLock { $0 = OpenAPIDocument.build(all, version: version) }
        return all
    }

    /// `metrics` is what `GET /metrics` renders; without it the route answers 404.
    public static func router(_ patchbay: Patchbay, logger: Logger, metrics: PrometheusExposition? = nil) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        // Outermost first: the trace's server span (a caller's `traceparent` continued), then the
        // request line and the metrics, which see the status the error envelope chose.
        // The OAuth callback's query carries an authorization code: spans show it redacted.
        // Without a tracer (no OTLP endpoint) the span is a no-op whose attributes were still
        // built on every request, and there is no context to continue: no middleware then.
        if !(InstrumentationSystem.tracer is NoOpTracer) {
            router.add(middleware: TracingMiddleware(redactingQueryParameters: ["code", "state"]))
        }
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: HTTPMetricsMiddleware())
        router.add(middleware: ErrorEnvelopeMiddleware(logger: logger))
        ConsoleRoutes.add(to: router, patchbay: patchbay)
        let all = endpoints(patchbay, metrics: metrics)
        for endpoint in all {
            router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
                var context = context
                var request = request
                var limit: APIRateLimit?
                if case .key(let scope) = endpoint.access {
                    let principal = try await authenticate(request, patchbay: patchbay)
                    // Set first, so the request log names the account of a key refused for scope or rate.
                    context.principal = principal
                    // Every request of a key counts against its budget, refused ones included.
                    limit = await patchbay.apiRateLimits.charge(principal)
                    if let limit, !limit.allowed { throw RateLimitHeaders.refusal(limit) }
                    // The scope is checked here, before the handler reads the body, so a key that
                    // may not use the route learns that first, whatever it sent.
                    try principal.require(scope)
                }
                // What the client sent is checked against the declared schemas before the handler sees it.
                try RequestValidation.parameters(request, endpoint.parameters)
                if let schema = endpoint.requestBody {
                    context.input = try await RequestValidation.body(&request, schema: schema, upTo: endpoint.maxBodyBytes)
                }
                var response = try await IdempotentRoute.respond(endpoint, request, context, idempotency: patchbay.idempotency,
                                                                 logger: logger)
                if let limit { response.headers.append(contentsOf: RateLimitHeaders.fields(limit)) }
                return response
            }
        }
        addMethodNotAllowed(to: router, for: all)
        return router
    }

    /// Methods that only read, which a session cookie may use without the CSRF token.
    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head]

    /// Methods a client may plausibly try on a path; any of them the path does not serve answers
    /// 405 with `Allow` rather than 404, so the path is known to exist.
    static let methodsAnsweredWith405: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace, query]
    /// The safe method with a body, being standardised; clients and fuzzers already send it.
    private static let query = HTTPRequest.Method("QUERY")!

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
        _ patchbay: Patchbay, host: String, port: Int, logger: Logger, metrics: PrometheusExposition? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(patchbay, logger: logger, metrics: metrics),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Patchbay"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    private static func authenticate(_ request: Request, patchbay: Patchbay) async throws -> Principal {
        guard let header = request.headers[.authorization] else {
            // The console's scripts call the API with the browser's session cookie instead of a
            // header; a request that may change state must also repeat the session's CSRF token.
            if let cookie = request.cookies[ConsoleCookies.session] {
                return try await patchbay.consoleSessions.authenticate(
                    cookie.value, stateChanging: !safeMethods.contains(request.method),
                    csrfToken: request.headers[ConsoleCookies.csrfHeader])
            }
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
private final class DocumentBox: Sendable {
    let document = Mutex<JSONValue>([:])
}
