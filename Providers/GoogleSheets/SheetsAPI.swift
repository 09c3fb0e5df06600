import PatchbaySDK

/// Google Sheets API v4 calls for one spreadsheet, through the host. Google reports errors
/// as `{"error": {"code", "message", "status"}}`; this turns them into `PluginError`s whose
/// code is the canonical status in lowercase (`invalid_argument`, `not_found`, …).
struct SheetsAPI {
    let http: HostHTTP
    let spreadsheetID: String

    /// Canonical statuses worth trying again later; 5xx answers are retryable too.
    static let retryableStatuses: Set<String> = ["UNAVAILABLE", "RESOURCE_EXHAUSTED", "INTERNAL", "DEADLINE_EXCEEDED", "ABORTED"]

    /// The fields `spreadsheet()` asks for: enough to describe the file and its tabs, none of
    /// the cell data or formatting that would otherwise make the answer large.
    static let metadataFields =
        "spreadsheetId,spreadsheetUrl,properties(title,locale,timeZone),sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))"

    /// `GET spreadsheets/{id}` limited to `metadataFields`.
    func spreadsheet() async throws -> JSONValue {
        try unwrap(await http.get("/spreadsheets/\(spreadsheetID)", query: ["fields": Self.metadataFields]))
    }

    /// `GET spreadsheets/{id}/values/{range}`.
    func values(_ range: String, query: [String: String] = [:]) async throws -> JSONValue {
        try unwrap(await http.get(valuesPath(range), query: query))
    }

    /// `POST spreadsheets/{id}/values/{range}:append`, always inserting new rows so nothing
    /// below the table is overwritten.
    func append(_ range: String, values: [JSONValue], inputOption: String) async throws -> JSONValue {
        let body: JSONValue = ["range": .string(range), "majorDimension": "ROWS", "values": .array(values)]
        return try unwrap(await http.send("POST", valuesPath(range) + ":append", json: body,
                                          query: ["valueInputOption": inputOption, "insertDataOption": "INSERT_ROWS"]))
    }

    /// `PUT spreadsheets/{id}/values/{range}`.
    func update(_ range: String, values: [JSONValue], inputOption: String) async throws -> JSONValue {
        let body: JSONValue = ["range": .string(range), "majorDimension": "ROWS", "values": .array(values)]
        return try unwrap(await http.send("PUT", valuesPath(range), json: body, query: ["valueInputOption": inputOption]))
    }

    /// `POST spreadsheets/{id}/values:batchUpdate`: several ranges written in one request,
    /// which Google applies all together or not at all.
    func batchUpdate(_ data: [JSONValue], inputOption: String) async throws -> JSONValue {
        let body: JSONValue = ["valueInputOption": .string(inputOption), "data": .array(data)]
        return try unwrap(await http.send("POST", "/spreadsheets/\(spreadsheetID)/values:batchUpdate", json: body))
    }

    private func valuesPath(_ range: String) -> String {
        "/spreadsheets/\(spreadsheetID)/values/\(A1Notation.pathSegment(range))"
    }

    private func unwrap(_ response: HTTPResponse) throws -> JSONValue {
        if response.isSuccess { return try response.json() }
        let error = (try? response.json())?["error"]
        let status = error?["status"]?.stringValue
        let message = error?["message"]?.stringValue ?? "Google Sheets answered HTTP \(response.status)"
        let details: JSONValue = ["status": status.map(JSONValue.string) ?? .null, "http_status": .integer(Int64(response.status))]
        if response.status == 429 {
            // The host already waited out Retry-After as far as it would; say so in the
            // code every provider uses for throttling.
            throw PluginError(code: "rate_limited", message: message, retryable: true, upstreamStatus: 429, details: details)
        }
        let retryable = response.status >= 500 || status.map(Self.retryableStatuses.contains) == true
        // Google names the range it could not read in the message; point the agent at it.
        let field = message.hasPrefix("Unable to parse range") ? "range" : nil
        throw PluginError(code: status?.lowercased() ?? "upstream_error", message: message, retryable: retryable,
                          upstreamStatus: response.status, field: field, details: details)
    }
}
