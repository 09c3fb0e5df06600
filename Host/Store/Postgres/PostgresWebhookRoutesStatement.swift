import PostgresNIO

/// The webhook routes of a group of deliveries (`PostgresStore.webhookRoute`): each endpoint
/// with its connection and its active subscriptions, one row per subscription (or one without
/// any), the three tables apart in each row (`PostgresTableColumns`). Read on every group of
/// deliveries, so it is prepared once per pooled connection, and it reads through
/// `patchbay_webhook_routes` (`PostgresMigrations.webhookRoutes`), whose plan the server keeps:
/// the same join as a statement of its own was planned again on every execution.
///
/// The columns are named rather than `*`: a prepared statement whose result gains a column
/// fails until it is prepared again. They are the columns the records decode.
struct PostgresWebhookRoutesStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT e_id AS id, e_account_id AS account_id, e_connection_id AS connection_id, e_provider AS provider,
            e_status AS status, e_sealed_secret AS sealed_secret, e_channel_id AS channel_id, e_resource_id AS resource_id,
            e_created_at AS created_at, e_updated_at AS updated_at,
            NULL AS "|", c_id AS id, c_account_id AS account_id, c_provider AS provider, c_label AS label, c_config AS config,
            c_status AS status, c_sealed_credentials AS sealed_credentials, c_created_at AS created_at,
            c_updated_at AS updated_at, c_end_user AS end_user,
            NULL AS "|", s_id AS id, s_account_id AS account_id, s_agent_id AS agent_id, s_endpoint_id AS endpoint_id,
            s_provider AS provider, s_patterns AS patterns, s_mode AS mode, s_url AS url, s_sealed_secrets AS sealed_secrets,
            s_status AS status, s_disabled_reason AS disabled_reason, s_created_at AS created_at, s_updated_at AS updated_at
        FROM patchbay_webhook_routes($1::text[])
        ORDER BY e_id, s_created_at, s_id
        """

    let endpointIDs: [String]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(endpointIDs)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) -> PostgresRandomAccessRow {
        row.makeRandomAccess()
    }
}
