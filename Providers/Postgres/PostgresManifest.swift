public import PatchbaySDK

extension PostgresProvider {
    public static let manifest = Manifest(
        id: "postgres",
        name: "PostgreSQL",
        version: "1.0.0",
        category: "data",
        description: "Read and write rows in a PostgreSQL database: list tables, query with filters, insert and update by primary key, and run read-only SQL.",
        // The plugin talks to the database itself; the host hands it the connection string with each call.
        auth: AuthScheme(type: .plugin),
        credentials: [
            CredentialField(
                name: "connection_string", label: "Connection string",
                description: "A libpq-style URL with the password, e.g. postgres://user:password@db.example.com:5432/app?sslmode=require.",
                pattern: "^postgres(ql)?://"),
        ],
        configSchema: [
            "type": "object",
            "properties": [
                "schema": ["type": "string", "minLength": 1, "description": "The schema whose tables the actions and discovery use. Default: public."],
                "statement_timeout_ms": ["type": "integer", "minimum": 1, "maximum": 60000,
                                         "description": "Milliseconds after which a statement is cancelled. Default: 5000."],
                "ca_certificate": ["type": "string", "pattern": "-----BEGIN CERTIFICATE-----",
                                   "description": "PEM of the certificate authority that signed the server's certificate, trusted instead of the system's roots with sslmode=verify-ca or verify-full (for a private CA or a cloud provider's RDS bundle)."],
                "pool_idle_timeout_ms": ["type": "integer", "minimum": 0, "maximum": 3_600_000,
                                         "description": "Milliseconds a database session kept open between this connection's calls may stay unused before it is closed; 0 opens a session per call. Default: 60000."],
                "pool_max_idle": ["type": "integer", "minimum": 1, "maximum": 1000,
                                  "description": "Database sessions kept open between this connection's calls, at most; calls beyond them open their own. Default: 32."],
            ],
            "additionalProperties": false,
        ],
        // The host checks the database's address and hands it over with each call.
        networkTargets: [NetworkTarget(field: "credentials.connection_string", kind: .postgresDSN)],
        actions: [listTables, selectRows, insertRow, updateRows, runQuery],
        packs: [
            PackSpec(
                id: "db-explorer", name: "Database explorer",
                description: "Find tables and read rows without changing anything.",
                skills: [
                    PackSkill(name: "find_tables", action: "list_tables", description: "List the tables in the database."),
                    PackSkill(name: "read_rows", action: "select_rows", description: "Read rows of a table with filters and ordering."),
                    PackSkill(name: "ask_sql", action: "run_query", description: "Answer a question with a read-only SQL query.",
                              presets: ["max_rows": 200]),
                ]),
            PackSpec(
                id: "record-keeper", name: "Record keeper",
                description: "Look up records, add new ones and correct existing ones by primary key.",
                skills: [
                    PackSkill(name: "look_up_records", action: "select_rows", description: "Find the records to change.",
                              presets: ["limit": 20]),
                    PackSkill(name: "add_record", action: "insert_row", description: "Add a record to a table."),
                    PackSkill(name: "correct_record", action: "update_rows", description: "Change a record found by its primary key."),
                ]),
        ],
        supportsDiscovery: true)

    static let tableInput: JSONValue = [
        "type": "string", "minLength": 1, "description": "Table name in the connection's schema, as list_tables shows it.",
    ]

    static let rowSchema: JSONValue = [
        "type": "object",
        "description": "One row: column name → value. Numerics beyond double precision are strings; timestamps are ISO 8601; json/jsonb are parsed.",
    ]

    static let listTables = ActionSpec(
        name: "list_tables", title: "List tables",
        description: "List the tables and views of the connection's schema with an estimated row count. Start here to learn what the database holds.",
        inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
        outputSchema: [
            "type": "object",
            "required": ["tables"],
            "properties": [
                "tables": [
                    "type": "array",
                    "description": "Tables in name order.",
                    "items": [
                        "type": "object",
                        "required": ["schema", "name", "type", "estimated_rows"],
                        "properties": [
                            "schema": ["type": "string", "description": "Schema the table is in."],
                            "name": ["type": "string", "description": "Table name."],
                            "type": ["type": "string", "description": "table, view, foreign or local temporary."],
                            "estimated_rows": ["type": ["integer", "null"],
                                               "description": "The planner's row estimate; null until the table is first analyzed."],
                        ],
                    ],
                ],
            ],
        ],
        important: true,
        examples: [ActionExample(description: "What tables are there", input: [:])])

    static let selectRows = ActionSpec(
        name: "select_rows", title: "Read rows",
        description: "Read rows of one table, optionally only some columns, filtered (all filters must match, and a filter may test a related table through a foreign key with via), ordered and paged. Use eq filters on the primary key to fetch one row.",
        inputSchema: [
            "type": "object",
            "required": ["table"],
            "additionalProperties": false,
            "properties": [
                "table": tableInput,
                "columns": ["type": "array", "minItems": 1, "uniqueItems": true,
                            "items": ["type": "string", "description": "A column name."],
                            "description": "Columns to return. Default: all."],
                "filters": [
                    "type": "array",
                    "description": "Conditions that every returned row meets.",
                    "items": [
                        "type": "object",
                        "required": ["column", "op"],
                        "additionalProperties": false,
                        "properties": [
                            "column": ["type": "string", "description": "Column to test."],
                            "op": ["type": "string", "enum": ["eq", "neq", "lt", "lte", "gt", "gte", "like", "ilike", "is_null", "in"],
                                   "description": "Comparison. like/ilike take % and _ wildcards; is_null takes true (IS NULL) or false (IS NOT NULL); in takes an array."],
                            "value": ["description": "The value to compare with, as JSON (e.g. 42, \"2024-01-31\", true)."],
                            "via": [
                                "type": "object",
                                "required": ["table", "columns", "related_columns"],
                                "additionalProperties": false,
                                "description": "Test `column` of a related table instead: rows match when a related row (joined by a declared foreign key) meets the condition.",
                                "properties": [
                                    "table": ["type": "string", "minLength": 1, "description": "The related table, in the connection's schema."],
                                    "columns": ["type": "array", "minItems": 1, "items": ["type": "string", "description": "A column of the filtered table."],
                                                "description": "Columns of the filtered table that join, e.g. [\"customer_id\"]."],
                                    "related_columns": ["type": "array", "minItems": 1, "items": ["type": "string", "description": "A column of the related table."],
                                                        "description": "The related table's columns they equal, in the same order, e.g. [\"id\"]."],
                                ],
                            ],
                        ],
                    ],
                ],
                "order_by": [
                    "type": "array",
                    "description": "Sort keys, first one first.",
                    "items": [
                        "type": "object",
                        "required": ["column"],
                        "additionalProperties": false,
                        "properties": [
                            "column": ["type": "string", "description": "Column to sort by."],
                            "direction": ["type": "string", "enum": ["asc", "desc"], "description": "Default: asc."],
                        ],
                    ],
                ],
                "limit": ["type": "integer", "minimum": 1, "maximum": 1000, "description": "Most rows to return. Default: 100."],
                "offset": ["type": "integer", "minimum": 0, "description": "Rows to skip first, for paging. Default: 0."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["rows", "count", "has_more"],
            "properties": [
                "rows": ["type": "array", "items": rowSchema, "description": "The matching rows."],
                "count": ["type": "integer", "description": "Number of rows returned."],
                "has_more": ["type": "boolean", "description": "More rows match: raise offset by count to read them."],
            ],
        ],
        important: true,
        examples: [
            ActionExample(description: "Ten newest orders", input: [
                "table": "orders", "order_by": [["column": "created_at", "direction": "desc"]], "limit": 10,
            ]),
            ActionExample(description: "A customer's orders, found by the customer's email", input: [
                "table": "orders",
                "filters": [["column": "email", "op": "eq", "value": "ada@example.com",
                             "via": ["table": "customers", "columns": ["customer_id"], "related_columns": ["id"]]]],
            ]),
        ])

    static let insertRow = ActionSpec(
        name: "insert_row", title: "Insert a row",
        description: "Insert one row into a table and return it as stored, with defaults and generated ids filled in.",
        inputSchema: [
            "type": "object",
            "required": ["table", "values"],
            "additionalProperties": false,
            "properties": [
                "table": tableInput,
                "values": ["type": "object", "description": "Column name → value. Columns left out get their default."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["row"],
            "properties": ["row": rowSchema],
        ],
        important: true, mutating: true,
        examples: [ActionExample(description: "Add a customer", input: ["table": "customers", "values": ["name": "Ada", "email": "ada@example.com"]])])

    static let updateRows = ActionSpec(
        name: "update_rows", title: "Update a row by primary key",
        description: "Change columns of the row whose primary key is `key`, and return it as stored. `key` must name every primary key column and nothing else.",
        inputSchema: [
            "type": "object",
            "required": ["table", "key", "values"],
            "additionalProperties": false,
            "properties": [
                "table": tableInput,
                "key": ["type": "object", "description": "Primary key column → value, e.g. {\"id\": 42}."],
                "values": ["type": "object", "description": "Column name → new value."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["rows", "count"],
            "properties": [
                "rows": ["type": "array", "items": rowSchema, "description": "The updated row; empty when no row has that key."],
                "count": ["type": "integer", "description": "Number of rows updated (0 or 1)."],
            ],
        ],
        mutating: true,
        examples: [ActionExample(description: "Rename a customer", input: ["table": "customers", "key": ["id": 1], "values": ["name": "Ada L."]])])

    static let runQuery = ActionSpec(
        name: "run_query", title: "Run a read-only SQL query",
        description: "Run one SQL statement in a read-only transaction with the connection's statement timeout. Pass values as $1, $2 placeholders in params, never inside the SQL. Writes are refused with read_only_violation.",
        inputSchema: [
            "type": "object",
            "required": ["sql"],
            "additionalProperties": false,
            "properties": [
                "sql": ["type": "string", "minLength": 1, "maxLength": 100_000, "description": "One SQL statement, e.g. SELECT count(*) FROM orders WHERE status = $1."],
                "params": ["type": "array", "description": "Values for $1, $2, … in order. Arrays are sent as Postgres arrays (for = ANY($1)), objects as JSON.",
                           "items": ["description": "A parameter value."]],
                "max_rows": ["type": "integer", "minimum": 1, "maximum": 10000, "description": "Most rows to return. Default: 1000."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["rows", "count", "truncated"],
            "properties": [
                "rows": ["type": "array", "items": rowSchema, "description": "Result rows; a repeated column name gets a _2, _3 suffix."],
                "count": ["type": "integer", "description": "Number of rows returned."],
                "truncated": ["type": "boolean", "description": "The query produced more than max_rows rows."],
            ],
        ],
        examples: [ActionExample(description: "Orders per status", input: ["sql": "SELECT status, count(*) FROM orders GROUP BY status"])])
}
