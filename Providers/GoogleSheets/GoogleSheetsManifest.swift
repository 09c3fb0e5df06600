public import PatchbaySDK

extension GoogleSheetsProvider {
    public static let manifest = Manifest(
        id: "google_sheets",
        name: "Google Sheets",
        version: "1.0.0",
        category: "data",
        description: "Read, look up, append and update rows in one Google Sheets spreadsheet, with an OAuth access token.",
        baseURL: "https://sheets.googleapis.com/v4",
        allowedHosts: ["sheets.googleapis.com"],
        auth: .bearer("access_token"),
        credentials: [
            CredentialField(
                name: "access_token", label: "Access token",
                description: "A Google OAuth 2.0 access token with the spreadsheets scope (or spreadsheets.readonly for reading only)."),
        ],
        configSchema: [
            "type": "object",
            "required": ["spreadsheet_id"],
            "properties": [
                "spreadsheet_id": [
                    "type": "string", "pattern": "^[A-Za-z0-9_-]{10,}$",
                    "description": "The spreadsheet's id: the part of its URL between /d/ and /edit.",
                ],
                "default_sheet": [
                    "type": "string", "minLength": 1,
                    "description": "Sheet (tab) name used when an action is given no range or sheet, e.g. Customers.",
                ],
            ],
            "additionalProperties": false,
        ],
        actions: [getSpreadsheet, readRange, lookupRows, appendRows, updateRange, updateRows],
        packs: [
            PackSpec(
                id: "sheet-logger", name: "Sheet logger",
                description: "Keep a running log in a sheet: append one row per event and read the log back.",
                skills: [
                    PackSkill(name: "log_row", action: "append_rows",
                              description: "Append entries to the log sheet, as objects keyed by its header row.",
                              presets: ["range": "{{ log_sheet }}", "value_input_option": "USER_ENTERED"]),
                    PackSkill(name: "read_log", action: "read_range",
                              description: "Read the log sheet as rows keyed by its header.",
                              presets: ["range": "{{ log_sheet }}", "header_row": true]),
                ]),
            PackSpec(
                id: "sheet-lookup", name: "Sheet lookup",
                description: "Use a spreadsheet as a small database: find records by a column value, e.g. a customer by email.",
                skills: [
                    PackSkill(name: "describe_spreadsheet", action: "get_spreadsheet",
                              description: "List the spreadsheet's sheets and their sizes."),
                    PackSkill(name: "find_records", action: "lookup_rows",
                              description: "Find the rows of a sheet whose column equals a value.",
                              presets: ["match_case": false]),
                    PackSkill(name: "read_records", action: "read_range",
                              description: "Read a whole sheet as records keyed by its header.",
                              presets: ["header_row": true, "value_render_option": "UNFORMATTED_VALUE"]),
                ]),
        ],
        // Offline access with consent, so a refresh token comes back; PKCE S256.
        // Quotas are per Cloud project (the OAuth app): a 429 RESOURCE_EXHAUSTED pauses the app's calls.
        rateLimits: RateLimitSpec(scope: .app),
        oauth: OAuthSpec(
            authorizeURL: "https://accounts.google.com/o/oauth2/v2/auth", tokenURL: "https://oauth2.googleapis.com/token",
            pkce: true, clientAuth: .body, credential: "access_token", refresh: true,
            defaultScopes: ["https://www.googleapis.com/auth/spreadsheets"],
            authorizeParams: ["access_type": "offline", "prompt": "consent"], promptValues: ["consent", "select_account"]),
        supportsDiscovery: true,
        // Drive push channels carry no signature: the host compares X-Goog-Channel-Token.
        webhooks: WebhookSpec(
            scheme: "google_channel_token",
            verification: WebhookVerification(
                algorithm: .token, signatureHeader: "x-goog-channel-token", channelHeader: "x-goog-channel-id",
                resourceHeader: "x-goog-resource-id", handshakes: [WebhookHandshake(header: "x-goog-resource-state", equals: "sync")])))
}
