// The Postgres provider is being written.
