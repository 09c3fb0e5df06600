extension PostgresMigrations {
    /// The webhook routes of a group of deliveries (`PostgresWebhookRoutesStatement`), read through a
    /// function so that the server plans the read once per session instead of on every group.
    ///
    /// As a prepared statement of its own, the join was planned again on every execution: the
    /// server keeps choosing a plan for the bound ids (a custom plan) over the one it keeps (a
    /// generic plan), because it prices the generic plan for an array of unknown length above the
    /// custom plan for the one id it is usually given. The planning took about 0.23 ms of the
    /// server's CPU per group, a fifth of what it spent per ingested event. A PL/pgSQL function
    /// keeps the plans of its statements for the session, and `force_generic_plan` makes it keep
    /// the generic one; the function's own call is a function scan, which costs nothing to plan.
    ///
    /// The columns are fixed by the function's definition, so a later migration that adds a column
    /// to one of the tables does not change what running replicas read; a route that needs more
    /// columns is a new function. Additive: replicas of the previous release keep their statement.
    static let webhookRoutes = Migration(name: "v1_webhook_routes", statements: [
        """
        CREATE FUNCTION patchbay_webhook_routes(endpoint_ids TEXT[])
        RETURNS TABLE (
            e_id TEXT, e_account_id TEXT, e_connection_id TEXT, e_provider TEXT, e_status TEXT, e_sealed_secret TEXT,
            e_channel_id TEXT, e_resource_id TEXT, e_created_at BIGINT, e_updated_at BIGINT,
            c_id TEXT, c_account_id TEXT, c_provider TEXT, c_label TEXT, c_config TEXT, c_status TEXT,
            c_sealed_credentials TEXT, c_created_at BIGINT, c_updated_at BIGINT, c_end_user TEXT,
            s_id TEXT, s_account_id TEXT, s_agent_id TEXT, s_endpoint_id TEXT, s_provider TEXT, s_patterns TEXT, s_mode TEXT,
            s_url TEXT, s_sealed_secrets TEXT, s_status TEXT, s_disabled_reason TEXT, s_created_at BIGINT, s_updated_at BIGINT)
        LANGUAGE plpgsql STABLE
        SET plan_cache_mode = force_generic_plan
        AS $$
        BEGIN
            RETURN QUERY
            SELECT e.id, e.account_id, e.connection_id, e.provider, e.status, e.sealed_secret, e.channel_id, e.resource_id,
                e.created_at, e.updated_at,
                c.id, c.account_id, c.provider, c.label, c.config, c.status, c.sealed_credentials, c.created_at,
                c.updated_at, c.end_user,
                s.id, s.account_id, s.agent_id, s.endpoint_id, s.provider, s.patterns, s.mode, s.url,
                s.sealed_secrets, s.status, s.disabled_reason, s.created_at, s.updated_at
            FROM webhook_endpoints e
            LEFT JOIN connections c ON c.id = e.connection_id AND c.account_id = e.account_id
            LEFT JOIN webhook_subscriptions s ON s.account_id = e.account_id AND s.status = 'active'
                AND (s.endpoint_id = e.id OR s.provider = e.provider)
            WHERE e.id = ANY(endpoint_ids);
        END
        $$
        """,
    ])
}
