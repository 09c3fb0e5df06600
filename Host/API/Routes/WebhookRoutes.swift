import Foundation
import Hummingbird
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// Webhook endpoints, the public receiver, subscriptions with pull, and inspection.
enum WebhookRoutes {
    static let endpointBody = APISchema.object([
        "connection_id": APISchema.id(description: "The connection whose provider sends the webhooks."),
        "secret": ["type": "string", "pattern": "^[^\\s\\u0000-\\u001F\\u007F]{8,512}$",
                   "description": "The signing secret: required when the provider issues it, generated when omitted otherwise. Write-only."],
        "channel_id": APISchema.id(description: "Push channels only: the channel id notifications must carry."),
        "resource_id": APISchema.id(description: "Push channels only: the watched resource id notifications must carry."),
    ], required: ["connection_id"])

    /// Events come from one endpoint or from every endpoint of a provider: exactly one of the two.
    static let subscriptionBody = APISchema.merge(APISchema.object([
        "agent_id": APISchema.id(description: "The subscribing agent: one of the account's agents (POST /v1/agents)."),
        "endpoint_id": APISchema.id(description: "Events from this endpoint (or give provider)."),
        "provider": APISchema.id(description: "Events from every endpoint of this provider (or give endpoint_id)."),
        "events": APISchema.array(APISchema.text(min: 1, max: 200), description: "Key patterns such as crm.contact.*; all when omitted."),
        "delivery": APISchema.enumeration(WebhookSubscriptionRecord.Mode.self, description: "push when url is given, else pull."),
        "url": APISchema.text(min: 1, max: 2000, description: "Push: where events are POSTed, signed per Standard Webhooks."),
    ], required: ["agent_id"]), [
        // Each rule names the field at fault: without provider, endpoint_id is required; with
        // it, endpoint_id is not allowed. Push needs url; pull takes none.
        "allOf": [
            ["if": ["not": ["required": ["provider"]]], "then": ["required": ["endpoint_id"]],
             "else": ["properties": ["endpoint_id": false]]],
            ["if": ["required": ["delivery"], "properties": ["delivery": ["const": "push"]]], "then": ["required": ["url"]]],
            ["if": ["required": ["delivery"], "properties": ["delivery": ["const": "pull"]]], "then": ["properties": ["url": false]]],
        ],
    ])

    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        receiver(patchbay) + endpointRoutes(patchbay) + subscriptionRoutes(patchbay) + inspectionRoutes(patchbay)
    }

    private static func receiver(_ patchbay: Patchbay) -> [Endpoint] {
        let receiver = patchbay.webhooks.receiver
        let limit = patchbay.settings.webhooks.maxBodyBytes
        return [
            Endpoint(method: .post, path: "/hooks/{provider}/{id}",
                     summary: "Public receiver: verifies the provider's signature, stores the events, then answers 2xx.",
                     tag: "webhooks", access: .open,
                     response: APISchema.anyObject(description: "ok, stored and duplicates; or the provider's handshake answer."),
                     errors: [400, 401, 404, 409, 413], errorBody: APISchema.ref("ProviderError")) { request, context in
                var request = request
                let provider = try context.parameters.require("provider"), endpointID = try context.parameters.require("id")
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: limit)
                } catch {
                    try await receiver.countRefused(provider: provider, endpointID: endpointID)
                    throw APIError(status: .contentTooLarge, code: "body_too_large", message: "the body exceeds \(limit) bytes")
                }
                let reply = try await receiver.receive(provider: provider, endpointID: endpointID,
                                                       headers: RequestInput.headers(request), body: Data(body.readableBytesView))
                return JSONResponse.make(reply.body)
            },
        ]
    }

    private static func endpointRoutes(_ patchbay: Patchbay) -> [Endpoint] {
        let endpoints = patchbay.webhooks.endpoints
        return [
            Endpoint(method: .post, path: "/v1/webhooks/endpoints",
                     summary: "Create an endpoint for a connection: its public URL, and the secret (shown once).",
                     tag: "webhooks", access: .key(.integrationsWrite), requestBody: endpointBody,
                     response: APISchema.ref("WebhookEndpointCreated"), successStatus: 201, errors: [409]) { request, context in
                let input = context.input
                let draft = WebhookEndpointService.Draft(
                    connectionID: input["connection_id"]?.stringValue, secret: input["secret"]?.stringValue,
                    channelID: input["channel_id"]?.stringValue, resourceID: input["resource_id"]?.stringValue)
                let created = try await endpoints.create(principal: try context.requirePrincipal(), draft,
                                                         requestBase: RequestInput.base(request))
                var view = Views.webhookEndpoint(created.endpoint, url: created.url).objectValue ?? [:]
                if created.secretGenerated { view["secret"] = .string(created.secret) }
                return JSONResponse.make(.object(view), status: .created)
            },
            Endpoint(method: .get, path: "/v1/webhooks/endpoints", summary: "Endpoints, newest first.",
                     tag: "webhooks", access: .key(.integrationsRead), parameters: [.query("connection_id"), .limit, .cursor],
                     response: APISchema.page(of: APISchema.ref("WebhookEndpoint"))) { request, context in
                let page = try await endpoints.list(principal: try context.requirePrincipal(),
                                                    connectionID: RequestInput.query(request, "connection_id"),
                                                    page: try RequestInput.page(request))
                let base = RequestInput.base(request)
                return JSONResponse.make(Views.page(page) { Views.webhookEndpoint($0, url: endpoints.url($0, requestBase: base)) })
            },
            Endpoint(method: .get, path: "/v1/webhooks/endpoints/{id}", summary: "One endpoint (never its secret).",
                     tag: "webhooks", access: .key(.integrationsRead), response: APISchema.ref("WebhookEndpoint")) { request, context in
                let record = try await endpoints.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.webhookEndpoint(record, url: endpoints.url(record, requestBase: RequestInput.base(request))))
            },
            Endpoint(method: .post, path: "/v1/webhooks/endpoints/{id}/disable", summary: "Refuse deliveries until enabled again.",
                     tag: "webhooks", access: .key(.integrationsWrite), response: APISchema.ref("WebhookEndpoint"), errors: [409]) { request, context in
                let record = try await endpoints.setStatus(principal: try context.requirePrincipal(),
                                                           id: try context.parameters.require("id"), .disabled)
                return JSONResponse.make(Views.webhookEndpoint(record, url: endpoints.url(record, requestBase: RequestInput.base(request))))
            },
            Endpoint(method: .post, path: "/v1/webhooks/endpoints/{id}/enable", summary: "Accept deliveries again.",
                     tag: "webhooks", access: .key(.integrationsWrite), response: APISchema.ref("WebhookEndpoint"), errors: [409]) { request, context in
                let record = try await endpoints.setStatus(principal: try context.requirePrincipal(),
                                                           id: try context.parameters.require("id"), .active)
                return JSONResponse.make(Views.webhookEndpoint(record, url: endpoints.url(record, requestBase: RequestInput.base(request))))
            },
            Endpoint(method: .delete, path: "/v1/webhooks/endpoints/{id}",
                     summary: "Delete an endpoint: refuse all deliveries and purge its secret. Received events stay.",
                     tag: "webhooks", access: .key(.integrationsWrite), response: APISchema.ref("WebhookEndpoint")) { _, context in
                let record = try await endpoints.delete(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.webhookEndpoint(record, url: nil))
            },
        ]
    }

    private static func subscriptionRoutes(_ patchbay: Patchbay) -> [Endpoint] {
        let subscriptions = patchbay.webhooks.subscriptions
        return [
            Endpoint(method: .post, path: "/v1/webhooks/subscriptions",
                     summary: "Subscribe an agent to an endpoint's or a provider's events, by push (secret shown once) or pull.",
                     tag: "webhooks", access: .key(.integrationsWrite), requestBody: subscriptionBody,
                     response: APISchema.ref("WebhookSubscriptionWithSecret"), successStatus: 201, errors: [409]) { _, context in
                let input = context.input
                let draft = WebhookSubscriptionService.Draft(
                    agentID: input["agent_id"]?.stringValue, endpointID: input["endpoint_id"]?.stringValue,
                    provider: input["provider"]?.stringValue, events: input["events"]?.arrayValue?.compactMap(\.stringValue),
                    mode: input["delivery"]?.stringValue.flatMap(WebhookSubscriptionRecord.Mode.init(rawValue:)),
                    url: input["url"]?.stringValue)
                let created = try await subscriptions.create(principal: try context.requirePrincipal(), draft)
                return JSONResponse.make(withSecret(created), status: .created)
            },
            Endpoint(method: .get, path: "/v1/webhooks/subscriptions", summary: "Subscriptions, newest first.",
                     tag: "webhooks", access: .key(.integrationsRead), parameters: [.query("agent_id"), .limit, .cursor],
                     response: APISchema.page(of: APISchema.ref("WebhookSubscription"))) { request, context in
                let page = try await subscriptions.list(principal: try context.requirePrincipal(),
                                                        agentID: RequestInput.query(request, "agent_id"), page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, Views.webhookSubscription))
            },
            Endpoint(method: .get, path: "/v1/webhooks/subscriptions/{id}", summary: "One subscription (never its secret).",
                     tag: "webhooks", access: .key(.integrationsRead), response: APISchema.ref("WebhookSubscription")) { _, context in
                let record = try await subscriptions.get(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.webhookSubscription(record))
            },
            Endpoint(method: .delete, path: "/v1/webhooks/subscriptions/{id}",
                     summary: "Unsubscribe; undelivered pushes become dead letters.",
                     tag: "webhooks", access: .key(.integrationsWrite), response: APISchema.view(["deleted": ["const": true]])) { _, context in
                try await subscriptions.delete(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(["deleted": true])
            },
            Endpoint(method: .post, path: "/v1/webhooks/subscriptions/{id}/enable",
                     summary: "Resume a subscription stopped by a 410; held deliveries go out again.",
                     tag: "webhooks", access: .key(.integrationsWrite), response: APISchema.ref("WebhookSubscription"), errors: [409]) { _, context in
                let record = try await subscriptions.enable(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(Views.webhookSubscription(record))
            },
            Endpoint(method: .post, path: "/v1/webhooks/subscriptions/{id}/rotate-secret",
                     summary: "New signing secret (shown once); the old one stays valid for overlap_seconds (default 86400).",
                     tag: "webhooks", access: .key(.integrationsWrite),
                     requestBody: APISchema.object(["overlap_seconds": ["type": "integer", "minimum": 0, "maximum": 604_800]]),
                     response: APISchema.ref("WebhookSubscriptionWithSecret"), errors: [409]) { _, context in
                let overlap = context.input["overlap_seconds"]?.intValue.map { Duration.seconds($0) }
                let rotated = try await subscriptions.rotateSecret(principal: try context.requirePrincipal(),
                                                                   id: try context.parameters.require("id"), overlap: overlap)
                return JSONResponse.make(withSecret(rotated))
            },
            Endpoint(method: .get, path: "/v1/agents/{id}/events",
                     summary: "Pull: the agent's events after cursor, oldest first; wait (seconds) holds an empty answer open.",
                     tag: "webhooks", access: .key(.integrationsRead),
                     parameters: [.sequenceCursor, .limit, .query("wait", ["type": "integer", "minimum": 0, "maximum": 30, "default": 0],
                                                          description: "Seconds to hold an empty answer open for new events.")],
                     response: APISchema.view(["data": APISchema.array(APISchema.ref("WebhookEvent")), "next_cursor": APISchema.string()])) { request, context in
                let pulled = try await subscriptions.pull(
                    principal: try context.requirePrincipal(), agentID: try context.parameters.require("id"),
                    cursor: RequestInput.query(request, "cursor"), limit: RequestInput.integer(request, "limit") ?? 50,
                    wait: .seconds(RequestInput.integer(request, "wait") ?? 0))
                return JSONResponse.make(["data": .array(pulled.events.map(WebhookEventPayload.json)), "next_cursor": .string(pulled.cursor)])
            },
        ]
    }

    private static func inspectionRoutes(_ patchbay: Patchbay) -> [Endpoint] {
        let inspection = patchbay.webhooks.inspection
        return [
            Endpoint(method: .get, path: "/v1/webhooks/endpoints/{id}/stats",
                     summary: "Received, verified, rejected and duplicate counts, and the last event time.",
                     tag: "webhooks", access: .key(.admin), response: APISchema.ref("WebhookStats")) { _, context in
                let (record, stats) = try await inspection.stats(principal: try context.requirePrincipal(),
                                                                 endpointID: try context.parameters.require("id"))
                return JSONResponse.make(Views.webhookStats(record, stats))
            },
            Endpoint(method: .get, path: "/v1/webhooks/events", summary: "Stored events, newest first.",
                     tag: "webhooks", access: .key(.admin),
                     parameters: [.query("endpoint_id"), .query("provider"), .query("type"), .limit, .cursor],
                     response: APISchema.page(of: APISchema.ref("WebhookEvent"))) { request, context in
                let filter = WebhookEventFilter(endpointID: RequestInput.query(request, "endpoint_id"),
                                                provider: RequestInput.query(request, "provider"), key: RequestInput.query(request, "type"))
                let page = try await inspection.events(principal: try context.requirePrincipal(), filter: filter,
                                                       page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, WebhookEventPayload.json))
            },
            Endpoint(method: .get, path: "/v1/webhooks/events/{id}", summary: "One stored event.",
                     tag: "webhooks", access: .key(.admin), response: APISchema.ref("WebhookEvent")) { _, context in
                let event = try await inspection.event(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                return JSONResponse.make(WebhookEventPayload.json(event))
            },
            Endpoint(method: .post, path: "/v1/webhooks/events/{id}/replay",
                     summary: "Queue a stored event again (new webhook-id) for one push subscription or all that match.",
                     tag: "webhooks", access: .key(.admin),
                     requestBody: APISchema.object(["subscription_id": APISchema.id()]),
                     response: APISchema.list(of: APISchema.ref("WebhookDelivery")), successStatus: 202, errors: [409], idempotent: true) { _, context in
                let created = try await inspection.replay(principal: try context.requirePrincipal(), eventID: try context.parameters.require("id"),
                                                          subscriptionID: context.input["subscription_id"]?.stringValue)
                return JSONResponse.make(["data": .array(created.map(Views.webhookDelivery))], status: .accepted)
            },
            Endpoint(method: .get, path: "/v1/webhooks/deliveries", summary: "Push deliveries, newest first; status=dead lists dead letters.",
                     tag: "webhooks", access: .key(.admin),
                     parameters: [.query("subscription_id"), .query("event_id"), .oneOf("status", WebhookDeliveryRecord.Status.self),
                                  .limit, .cursor],
                     response: APISchema.page(of: APISchema.ref("WebhookDelivery"))) { request, context in
                let filter = WebhookDeliveryFilter(
                    subscriptionID: RequestInput.query(request, "subscription_id"), eventID: RequestInput.query(request, "event_id"),
                    status: RequestInput.filter(request, "status", as: WebhookDeliveryRecord.Status.self))
                let page = try await inspection.deliveries(principal: try context.requirePrincipal(), filter: filter,
                                                           page: try RequestInput.page(request))
                return JSONResponse.make(Views.page(page, Views.webhookDelivery))
            },
            Endpoint(method: .get, path: "/v1/webhooks/deliveries/{id}", summary: "One delivery with every attempt: status codes and timings.",
                     tag: "webhooks", access: .key(.admin), response: APISchema.ref("WebhookDeliveryDetail")) { _, context in
                let detail = try await inspection.delivery(principal: try context.requirePrincipal(), id: try context.parameters.require("id"))
                var view = Views.webhookDelivery(detail.delivery).objectValue ?? [:]
                view["attempts_detail"] = .array(detail.attempts.map(Views.webhookAttempt))
                return JSONResponse.make(.object(view))
            },
            Endpoint(method: .post, path: "/v1/webhooks/deliveries/{id}/retry",
                     summary: "Send a dead letter again now, with a fresh schedule and the same webhook-id.",
                     tag: "webhooks", access: .key(.admin), response: APISchema.ref("WebhookDelivery"), successStatus: 202,
                     errors: [409]) { _, context in
                let delivery = try await inspection.retry(principal: try context.requirePrincipal(), deliveryID: try context.parameters.require("id"))
                return JSONResponse.make(Views.webhookDelivery(delivery), status: .accepted)
            },
        ]
    }

    private static func withSecret(_ created: WebhookSubscriptionService.WithSecret) -> JSONValue {
        var view = Views.webhookSubscription(created.subscription).objectValue ?? [:]
        if let secret = created.secret { view["secret"] = .string(secret) }
        return .object(view)
    }
}
