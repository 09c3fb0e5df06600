import PatchbayWire

extension FakeGoogleSheets {
    /// `GET spreadsheets/{id}`: the spreadsheet resource without grid data, cut down to the
    /// `fields` mask when one is given. Called with the lock held.
    func spreadsheet(_ query: [String: String]) throws -> JSONValue {
        let resource: JSONValue = [
            "spreadsheetId": .string(Self.spreadsheetID),
            "properties": [
                "title": .string(Self.title),
                "locale": .string(Self.locale),
                "autoRecalc": "ON_CHANGE",
                "timeZone": .string(Self.timeZone),
                "defaultFormat": [
                    "backgroundColor": ["red": 1, "green": 1, "blue": 1],
                    "verticalAlignment": "BOTTOM", "wrapStrategy": "OVERFLOW_CELL",
                    "textFormat": ["fontFamily": "arial", "fontSize": 10],
                ],
            ],
            "sheets": .array(sheetList.enumerated().map { index, sheet in
                var properties = sheet.properties.objectValue ?? [:]
                properties["index"] = .integer(Int64(index))
                return ["properties": .object(properties)]
            }),
            "spreadsheetUrl": .string("https://docs.google.com/spreadsheets/d/\(Self.spreadsheetID)/edit"),
        ]
        guard let fields = query["fields"], !fields.isEmpty else { return resource }
        guard let mask = FieldMask.parse(fields) else {
            throw GoogleAPIError.invalidArgument("Invalid field selection \(fields)")
        }
        return mask.apply(to: resource)
    }
}
