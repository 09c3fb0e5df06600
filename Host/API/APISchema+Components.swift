import PatchbayModel
import PatchbayServices
import PatchbayWire

/// The shapes of the views (`Views`, `AgentViews`, `WebhookViews`) as the document names them.
/// The contract tests check every response the suite sees against these.
extension APISchema {
    static var components: [String: JSONValue] {
        errorComponents.merging(viewComponents) { first, _ in first }
    }

    private static var viewComponents: [String: JSONValue] {
        [
            "Connection": connection,
            "Authorization": view(connectionProperties.merging(["oauth_url": nullableString]) { first, _ in first }),
            "ConnectionAuth": view([
                "connection_id": string(), "status": enumeration(ConnectionRecord.Status.self), "reason": nullableString,
                "expires_at": nullableTimestamp, "refreshed_at": nullableTimestamp,
            ]),
            "Execution": execution,
            "AuditEntry": view([
                "id": string(), "account_id": nullableString, "key_id": nullableString, "action": string(),
                "target": string(), "changes": anyValue, "created_at": timestamp,
            ]),
            "Agent": view([
                "id": string(), "name": string(), "description": string(), "variables": anyObject(),
                "draft_skill_count": integer, "live_version": nullableInteger,
                "created_at": timestamp, "updated_at": timestamp,
            ]),
            "Skill": view([
                "name": string(), "description": string(), "connection_id": string(), "provider": string(),
                "action": string(), "presets": anyObject(), "input_schema": anyValue, "requires_approval": boolean,
                "binding": anyObject(description: "Set when the skill was made from a binding over a discovered object."),
                "webhook": object(["url": string(), "output_schema": anyValue, "timeout_ms": integer], required: ["url", "output_schema", "timeout_ms"],
                                  description: "Set for an http_webhook skill: the owner's endpoint the host calls."),
                "secret": string(description: "An http_webhook skill's signing secret (whsec_…), in the answer that created it only."),
            ], optional: ["binding", "webhook", "secret"]),
            "AutoMapProposal": BindingRoutes.autoMapResponse,
            "AgentVersion": view(versionProperties),
            "AgentVersionDetail": view(versionProperties.merging(["skills": array(ref("Skill"))]) { first, _ in first }),
            "APIKey": view(apiKeyProperties),
            "APIKeyCreated": view(apiKeyProperties.merging(["key": string(description: "The key itself, shown in this response only.")]) { first, _ in first }),
            "OAuthApp": view([
                "provider": string(), "client_id": string(), "has_client_secret": boolean, "scopes": array(string()),
                "redirect_uri": string(), "created_at": timestamp, "updated_at": timestamp,
            ]),
            "CatalogEntry": view(catalogProperties),
            "CatalogEntryDetail": view(catalogProperties.merging([
                "credential_fields": array(view(["name": string(), "label": string(), "description": string(), "required": boolean])),
                "config_schema": anyValue, "webhook_scheme": nullableString,
                "actions": array(view([
                    "name": string(), "title": string(), "description": string(), "important": boolean, "mutating": boolean,
                    "input_schema": anyValue, "output_schema": anyValue,
                ])),
                "packs": array(ref("Pack")),
            ]) { first, _ in first }),
            "Pack": view([
                "id": string(), "name": string(), "description": string(),
                "skills": array(view(["name": string(), "action": string(), "description": string(), "presets": anyObject()])),
            ]),
            "DiscoveredSchema": ["type": "object", "required": ["connection_id", "discovered_at", "objects"], "properties": [
                "connection_id": string(), "discovered_at": timestamp, "objects": array(anyObject()),
                "relationships": array(anyObject()), "operations": array(anyObject()),
            ]],
            "Connector": view([
                "id": string(), "namespace": string(), "name": string(), "provider": string(), "definition": anyObject(),
                "created_at": timestamp, "updated_at": timestamp,
            ]),
            "WebhookEndpoint": view(webhookEndpointProperties),
            "WebhookEndpointCreated": view(webhookEndpointProperties.merging([
                "secret": string(description: "The signing secret when the host generated it; shown in this response only."),
            ]) { first, _ in first }, optional: ["secret"]),
            "WebhookStats": view([
                "endpoint_id": string(), "status": enumeration(WebhookEndpointRecord.Status.self), "received": integer,
                "verified": integer, "rejected": integer, "duplicates": integer, "last_event_at": nullableTimestamp,
            ]),
            "WebhookSubscription": view(subscriptionProperties),
            "WebhookSubscriptionWithSecret": view(subscriptionProperties.merging([
                "secret": string(description: "Push only: the signing secret, shown in this response only."),
            ]) { first, _ in first }, optional: ["secret"]),
            "WebhookEvent": view([
                "id": string(), "type": string(), "provider": string(), "provider_event_type": string(),
                "provider_event_id": string(), "endpoint_id": nullableString, "connection_id": string(),
                "occurred_at": nullableString, "received_at": timestamp, "sequence": integer, "data": anyValue,
            ]),
            "WebhookDelivery": view(deliveryProperties),
            "WebhookDeliveryDetail": view(deliveryProperties.merging([
                "attempts_detail": array(view([
                    "id": string(), "attempted_at": timestamp, "duration_ms": integer, "status_code": nullableInteger,
                    "error": nullableString,
                ])),
            ]) { first, _ in first }),
        ]
    }

    private static var connectionProperties: [String: JSONValue] {
        [
            "id": string(), "provider": string(), "label": string(), "config": anyObject(),
            "status": enumeration(ConnectionRecord.Status.self), "has_credentials": boolean, "end_user": nullableString,
            "created_at": timestamp, "updated_at": timestamp,
        ]
    }

    private static var connection: JSONValue { view(connectionProperties) }

    private static var execution: JSONValue {
        view([
            "id": string(), "connection_id": string(), "provider": string(), "action": string(),
            "status": enumeration(ExecutionRecord.Status.self), "started_at": timestamp, "finished_at": nullableTimestamp,
            "duration_ms": nullableInteger, "requests": array(anyObject()), "output": anyValue,
            "error": nullable(object([
                "code": string(), "message": string(), "retryable": boolean, "upstream_status": integer,
            ], required: ["code", "message"])),
            "trigger": enumeration(ExecutionRecord.Trigger.self),
            "agent_id": nullableString, "skill": nullableString, "agent_version": nullableInteger,
            "tool_call_id": nullableString, "end_user": nullableString, "pending_input": anyValue,
            "record_incomplete": boolean, "warning": string(),
        ], optional: ["record_incomplete", "warning"])
    }

    private static var versionProperties: [String: JSONValue] {
        [
            "agent_id": string(), "version": integer, "live": boolean, "note": nullableString,
            "rolled_back_from": nullableInteger, "skill_count": integer, "published_at": timestamp,
        ]
    }

    private static var apiKeyProperties: [String: JSONValue] {
        [
            "id": string(), "prefix": string(), "scopes": array(enumeration(Scope.self)),
            "created_at": timestamp, "revoked_at": nullableTimestamp,
            "rate_limit": ["type": ["integer", "null"], "description": "Requests per window for this key; null: the host's limit."],
        ]
    }

    private static var catalogProperties: [String: JSONValue] {
        [
            "id": string(), "name": string(), "description": string(), "category": string(), "version": string(),
            "auth_type": string(), "supports_discovery": boolean, "supports_webhooks": boolean, "connected": boolean,
            "oauth": boolean, "configured": boolean, "configured_reason": nullableString,
            "status": enumeration(CatalogService.StatusFilter.self), "action_count": integer, "pack_count": integer,
        ]
    }

    private static var webhookEndpointProperties: [String: JSONValue] {
        [
            "id": string(), "connection_id": string(), "provider": string(), "status": enumeration(WebhookEndpointRecord.Status.self),
            "url": nullableString, "channel_id": nullableString, "resource_id": nullableString,
            "created_at": timestamp, "updated_at": timestamp,
        ]
    }

    private static var subscriptionProperties: [String: JSONValue] {
        [
            "id": string(), "agent_id": string(), "endpoint_id": nullableString, "provider": nullableString,
            "events": array(string()), "delivery": enumeration(WebhookSubscriptionRecord.Mode.self), "url": nullableString,
            "status": enumeration(WebhookSubscriptionRecord.Status.self), "disabled_reason": nullableString,
            "created_at": timestamp, "updated_at": timestamp,
        ]
    }

    private static var deliveryProperties: [String: JSONValue] {
        [
            "id": string(), "subscription_id": string(), "event_id": string(),
            "status": enumeration(WebhookDeliveryRecord.Status.self), "attempts": integer,
            "next_attempt_at": nullableTimestamp, "last_status_code": nullableInteger, "last_error": nullableString,
            "created_at": timestamp, "updated_at": timestamp,
        ]
    }
}
