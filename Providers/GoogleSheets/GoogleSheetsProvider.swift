public import PatchbaySDK

@_cdecl("pb_plugin_info")
public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: GoogleSheetsProvider.self) }

/// Google Sheets: one spreadsheet per connection, read and written through the Sheets API v4.
public struct GoogleSheetsProvider: Provider {
    public init() {}

    /// Codes that mean the token or the spreadsheet is wrong, as opposed to the check not running.
    static let connectionProblems: Set<String> = ["unauthenticated", "permission_denied", "not_found"]

    public func check(_ context: ProviderContext) async throws -> CheckResult {
        do {
            let metadata = try await api(context).spreadsheet()
            let title = metadata["properties"]?["title"]?.stringValue ?? "?"
            let sheets = metadata["sheets"]?.arrayValue?.count ?? 0
            return CheckResult(ok: true, message: "Connected to spreadsheet \"\(title)\" (\(sheets) sheets)")
        } catch let error as PluginError where Self.connectionProblems.contains(error.code) {
            return CheckResult(ok: false, message: error.message)
        }
    }

    public func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue {
        let api = try api(context)
        let defaultSheet = context.configString("default_sheet")
        let reads = SheetsReads(api: api, defaultSheet: defaultSheet)
        let writes = SheetsWrites(api: api, defaultSheet: defaultSheet)
        switch action {
        case "get_spreadsheet": return try await reads.getSpreadsheet()
        case "read_range": return try await reads.readRange(input)
        case "lookup_rows": return try await reads.lookupRows(input)
        case "append_rows": return try await writes.appendRows(input)
        case "update_range": return try await writes.updateRange(input)
        case "update_rows": return try await writes.updateRows(input)
        default: throw PluginError.unknownAction(action)
        }
    }

    public func discover(_ context: ProviderContext) async throws -> DiscoveredSchema {
        try await SheetsDiscovery(api: api(context)).schema()
    }

    public func parseWebhook(_ webhook: InboundWebhook, context: ProviderContext) async throws -> [WebhookEvent] {
        try SheetsWebhook.parse(webhook)
    }

    private func api(_ context: ProviderContext) throws -> SheetsAPI {
        // The host validated the config against the manifest, which requires the id.
        guard let id = context.configString("spreadsheet_id") else {
            throw PluginError(code: "invalid_config", message: "the connection has no spreadsheet_id")
        }
        return SheetsAPI(http: context.http, spreadsheetID: id)
    }
}
