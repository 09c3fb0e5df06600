import PostgresNIO

/// The webhook routes of a group of deliveries (`PostgresStore.webhookRoute`): each endpoint
/// with its connection and its active subscriptions, one row per subscription (or one without
/// any), the three tables apart in each row (`PostgresTableColumns`). Read on every delivery,
/// so it is prepared once per pooled connection instead of parsed and planned per group.
///
/// The columns are named rather than `*`: a prepared statement whose result gains a column
/// fails until it is prepared again, and a replica of the next release may add one while this
/// one runs (`PostgresMigrations`). They are the columns the records decode.
struct PostgresWebhookRoutesStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT e.id, e.account_id, e.connection_id, e.provider, e.status, e.sealed_secret, e.channel_id, e.resource_id,
            e.created_at, e.updated_at,
            NULL AS "|", c.id, c.account_id, c.provider, c.label, c.config, c.status, c.sealed_credentials, c.created_at,
            c.updated_at, c.end_user,
            NULL AS "|", s.id, s.account_id, s.agent_id, s.endpoint_id, s.provider, s.patterns, s.mode, s.url,
            s.sealed_secrets, s.status, s.disabled_reason, s.created_at, s.updated_at
        FROM webhook_endpoints e
        LEFT JOIN connections c ON c.id = e.connection_id AND c.account_id = e.account_id
        LEFT JOIN webhook_subscriptions s ON s.account_id = e.account_id AND s.status = 'active'
            AND (s.endpoint_id = e.id OR s.provider = e.provider)
        WHERE e.id = ANY($1::text[])
        ORDER BY e.id, s.created_at, s.id
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
