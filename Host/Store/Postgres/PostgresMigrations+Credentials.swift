extension PostgresMigrations {
    /// OAuth apps, authorizations in flight, token lifecycle with the refresh lease, and the
    /// vault's canary and retired keys.
    static let credentials = Migration(name: "v1_credentials", statements: [
        """
        CREATE TABLE oauth_apps (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            provider TEXT NOT NULL,
            client_id TEXT NOT NULL,
            sealed_client_secret TEXT NOT NULL,
            scopes TEXT NOT NULL,
            redirect_uri TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (account_id, provider)
        )
        """,
        """
        CREATE TABLE oauth_states (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            connection_id TEXT NOT NULL REFERENCES connections(id),
            sealed_verifier TEXT,
            redirect_uri TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX oauth_states_by_expiry ON oauth_states (expires_at)",
        """
        CREATE TABLE connection_auth (
            connection_id TEXT PRIMARY KEY REFERENCES connections(id),
            expires_at BIGINT,
            refreshed_at BIGINT,
            status_reason TEXT,
            lease_owner TEXT,
            lease_until BIGINT
        )
        """,
        """
        CREATE TABLE vault_canary (
            id TEXT PRIMARY KEY,
            sealed TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE vault_retired_keys (
            key_id TEXT PRIMARY KEY,
            retired_at BIGINT NOT NULL
        )
        """,
    ])
}
