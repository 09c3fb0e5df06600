import Foundation
public import PatchbayWire

/// An in-memory spreadsheet behind a faithful Google Sheets API v4: bearer auth with
/// Google's 401/403 answers, the `{"error": {code, message, status}}` envelope, A1 ranges,
/// field masks, appends that insert rows, and 429 RESOURCE_EXHAUSTED on demand, so a client
/// that works here works against `https://sheets.googleapis.com/v4`.
// Unchecked: `lock` guards every mutable property, which the compiler cannot see.
public final class FakeGoogleSheets: FakeProviderAPI, @unchecked Sendable {
    /// An access token with the `spreadsheets` scope.
    public static let sandboxToken = "ya29.sandbox-patchbay-sheets"
    /// An access token with only `spreadsheets.readonly`: writes answer 403.
    public static let readOnlyToken = "ya29.sandbox-patchbay-readonly"
    public static let spreadsheetID = "1PbSandboxCrm0123456789abcdefXYZ"
    public static let title = "Sandbox CRM"
    public static let locale = "en_US"
    public static let timeZone = "Europe/Paris"

    public let apiPath = "v4"

    let lock = NSLock()
    var sheetList: [GoogleSheet] = GoogleSheetsSeed.sheets

    /// Known tokens and whether each may write, throttling (429 RESOURCE_EXHAUSTED with
    /// `Retry-After`), holds and failures, and the requests received.
    public let controls = FakeControls<Bool>(tokens: [FakeGoogleSheets.sandboxToken: true, FakeGoogleSheets.readOnlyToken: false])

    public init() {}

    // MARK: Tokens and behaviour controls

    /// Makes `token` valid; `canWrite: false` grants only the read-only scope.
    public func addToken(_ token: String, canWrite: Bool = true) {
        controls.addToken(token, grant: canWrite)
    }

    /// The next `count` requests fail with this canonical status, e.g. `UNAVAILABLE` (503)
    /// or `INTERNAL` (500), with Google's usual message for it.
    public func failNext(_ count: Int, status: String) {
        controls.fail(count, error: status)
    }

    // MARK: The spreadsheet

    /// The sheets, in tab order.
    public var sheets: [GoogleSheet] {
        lock.withLock { sheetList }
    }

    /// The cells of the sheet called `title` (empty cells are `.null`), or nil when there is none.
    public func cells(of title: String) -> [[JSONValue]]? {
        lock.withLock { sheetList.first { $0.title == title }?.cells }
    }

    /// Adds a sheet at the end, as "Add sheet" in the UI does, with these cells from A1.
    public func addSheet(_ title: String, cells: [[JSONValue]]) {
        lock.withLock {
            let id = (sheetList.map(\.sheetID).max() ?? 0) + 1
            sheetList.append(GoogleSheet(sheetID: id, title: title, cells: cells))
        }
    }
}
