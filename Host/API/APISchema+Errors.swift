import PatchbayWire

/// The one error envelope, `{"error": {"code", "message", ...}}`, and the codes the host answers with.
extension APISchema {
    /// Every code the host itself puts in an error envelope. A route that runs a provider's
    /// action may also answer with the provider's own code (`ProviderError`).
    static let errorCodes = [
        "agent_deleted", "agent_name_taken", "agent_not_published", "authorization_denied", "binary_body_unsupported",
        "body_too_large", "cancelled", "cassette_miss", "code_exchange_failed", "connection_failed",
        "connection_pending", "connection_required", "connection_revoked", "connector_exists", "connector_in_use",
        "connector_invalid", "connector_limit", "csrf_token_invalid", "deleting_own_key", "delivery_in_progress",
        "delivery_succeeded", "discovery_unsupported", "egress_queue_timeout", "egress_refused", "egress_unavailable",
        "empty_draft", "endpoint_deleted", "endpoint_disabled", "endpoint_not_found", "host_error", "host_not_allowed",
        "http_error", "idempotency_answer_unreadable", "idempotency_key_in_flight", "idempotency_key_reused",
        "internal_error", "invalid_api_key", "invalid_call", "invalid_cursor", "invalid_hmac", "invalid_input",
        "invalid_openapi", "invalid_output", "invalid_plugin_output", "invalid_request", "invalid_state",
        "invalid_webhook", "malformed_json", "mcp_connection_invalid", "mcp_connection_limit", "mcp_http_error",
        "mcp_oauth_discovery_failed", "mcp_oauth_registration_failed", "mcp_oauth_registration_unsupported",
        "mcp_oauth_unsupported", "mcp_protocol_error", "mcp_session_limit", "mcp_session_not_found", "mcp_session_required", "mcp_unauthorized",
        "method_not_allowed", "metrics_disabled", "missing_api_key", "missing_scope", "needs_reauth", "no_access_token",
        "no_match", "not_awaiting_approval", "not_found", "not_push", "oauth_app_not_configured", "oauth_unsupported",
        "plugin_crashed", "plugin_error", "plugin_quarantined", "plugin_stopped", "plugin_timeout",
        "provider_unavailable", "public_url_unset", "rate_limited", "refresh_failed", "refresh_lost", "refresh_timeout",
        "response_too_large", "route_not_found", "schema_not_discovered", "session_expired", "skill_name_taken",
        "state_expired", "storage_unavailable", "subscription_deleted", "tool_error", "unknown_action", "unknown_call",
        "unknown_error", "unknown_operation", "unknown_pack", "unknown_provider", "unknown_skill", "unknown_version",
        "unreadable_response", "unsupported_method", "upstream_invalid_response", "upstream_timeout",
        "validation_failed", "variable_not_set", "vault_error", "version_already_live", "webhook_http_error",
        "webhooks_unsupported",
    ]

    /// Statuses every route may answer: a 503 when the store cannot be used; and for keyed
    /// routes, a refused key or scope, an unknown or another account's id.
    static func commonErrors(keyed: Bool, takesBody: Bool) -> [Int] {
        (keyed ? [400, 401, 403, 404] : []) + (takesBody ? [400, 413] : []) + [503]
    }

    static let errorComponents: [String: JSONValue] = [
        "ErrorCode": ["type": "string", "enum": .array(errorCodes.map(JSONValue.string))],
        "Error": envelope(code: ref("ErrorCode")),
        "ProviderError": envelope(code: ["type": "string", "description": "One of ErrorCode, or the provider's own code for a failed call."]),
    ]

    private static func envelope(code: JSONValue) -> JSONValue {
        object(["error": object([
            "code": code,
            "message": string(description: "For people; never holds a secret."),
            "field": string(description: "The request field at fault: `name`, `scopes[0]`, `input.channel`."),
            "execution_id": string(description: "The recorded run, when the call got that far."),
            "retryable": boolean,
            "record_incomplete": boolean,
            "warning": string(),
        ], required: ["code", "message"])], required: ["error"])
    }
}
