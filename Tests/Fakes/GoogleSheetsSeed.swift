import PatchbayWire

/// The spreadsheet every `FakeGoogleSheets` starts with: a small CRM with customers, their
/// orders and a log tab whose name needs quoting in A1 notation.
enum GoogleSheetsSeed {
    static let customers = GoogleSheet(sheetID: 0, title: "Customers", cells: [
        ["id", "email", "name", "plan", "active", "signup_date"],
        [1, "ada@example.com", "Ada Lovelace", "pro", true, "2024-01-15"],
        [2, "grace@example.com", "Grace Hopper", "team", true, "2024-02-03"],
        [3, "alan@example.com", "Alan Turing", "free", false, "2024-02-20"],
        // No plan chosen yet: an empty cell in the middle of the row.
        [4, "katherine@example.com", "Katherine Johnson", nil, true, "2024-03-11"],
        [5, "edsger@example.com", "Edsger Dijkstra", "pro", true, "2024-04-02"],
        [6, "Barbara@Example.com", "Barbara Liskov", "team", false, "2024-05-27"],
    ])

    static let orders = GoogleSheet(sheetID: 1_843_921_907, title: "Orders", cells: [
        ["id", "customer_id", "total", "status"],
        [1001, 1, 49.5, "paid"],
        [1002, 2, 120, "paid"],
        [1003, 1, 15.25, "refunded"],
        [1004, 5, 300, "pending"],
    ])

    static let activityLog = GoogleSheet(sheetID: 508_114_377, title: "Activity Log", rowCount: 100, columnCount: 4, cells: [
        ["at", "event", "email"],
        ["2025-01-02 09:00", "signup", "ada@example.com"],
    ])

    static let sheets = [customers, orders, activityLog]
}
