import PatchbaySDK

extension GoogleSheetsProvider {
    static let getSpreadsheet = ActionSpec(
        name: "get_spreadsheet", title: "Describe the spreadsheet",
        description: "Return the connected spreadsheet's title, locale, time zone and its sheets (tabs) with their sizes. Use it to learn which sheet names exist before reading or writing.",
        inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
        outputSchema: [
            "type": "object",
            "required": ["spreadsheet_id", "title", "sheets"],
            "properties": [
                "spreadsheet_id": ["type": "string", "description": "The spreadsheet's id."],
                "title": ["type": "string", "description": "The spreadsheet's title."],
                "locale": ["type": "string", "description": "Locale used to format and parse values, e.g. en_US."],
                "time_zone": ["type": "string", "description": "Time zone of the spreadsheet, e.g. Europe/Paris."],
                "url": ["type": "string", "description": "Link that opens the spreadsheet in a browser."],
                "sheets": [
                    "type": "array", "description": "The sheets (tabs), in display order.",
                    "items": [
                        "type": "object",
                        "required": ["sheet_id", "title"],
                        "properties": [
                            "sheet_id": ["type": "integer", "description": "Numeric id of the sheet, stable across renames."],
                            "title": ["type": "string", "description": "Sheet name, as used in ranges."],
                            "index": ["type": "integer", "description": "Position of the tab, from 0."],
                            "row_count": ["type": "integer", "description": "Rows in the sheet's grid, empty ones included."],
                            "column_count": ["type": "integer", "description": "Columns in the sheet's grid, empty ones included."],
                        ],
                    ],
                ],
            ],
        ],
        important: true,
        examples: [ActionExample(description: "What is in this spreadsheet", input: [:])])

    static let readRange = ActionSpec(
        name: "read_range", title: "Read a range",
        description: "Read the cells of a range in A1 notation (e.g. Customers!A1:F50, 'My Sheet'!A:C, or a sheet name for the whole sheet). With header_row, the first row is taken as column names and each later row is also returned as an object.",
        inputSchema: [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "range": ["type": "string", "minLength": 1, "maxLength": 500,
                          "description": "A1 range such as Sheet1!A1:D20, 'Q1 Sales'!A:C or just a sheet name. Default: the connection's default sheet."],
                "major_dimension": ["type": "string", "enum": ["ROWS", "COLUMNS"],
                                    "description": "ROWS (default) returns a list of rows; COLUMNS a list of columns."],
                "value_render_option": [
                    "type": "string", "enum": ["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"],
                    "description": "FORMATTED_VALUE (default) returns text as displayed; UNFORMATTED_VALUE returns numbers and booleans as such; FORMULA returns formulas instead of their results.",
                ],
                "header_row": ["type": "boolean",
                               "description": "Treat the range's first row as column names and add `rows`, one object per later row. Only with ROWS."],
                "match": ["type": "object", "additionalProperties": cellSchema,
                          "description": "Keep only the rows whose columns equal these values (header name → value, all must match, compared as displayed text ignoring case unless match_case). Needs header_row; `values` then holds the header and the kept rows."],
                "match_case": ["type": "boolean", "description": "With match: compare letter case too. Default: false."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["range", "major_dimension", "values"],
            "properties": [
                "range": ["type": "string", "description": "The range read, in A1 notation with the sheet name."],
                "major_dimension": ["type": "string", "description": "ROWS or COLUMNS: how `values` is laid out."],
                "values": ["type": "array", "items": lineSchema,
                           "description": "The cells; trailing empty rows and cells are left out."],
                "rows": ["type": "array", "items": recordSchema,
                         "description": "With header_row: each row after the header as an object keyed by column name."],
            ],
        ],
        important: true,
        examples: [
            ActionExample(description: "Read the customers as records", input: ["range": "Customers", "header_row": true]),
            ActionExample(description: "Read the paying customers on the pro plan",
                          input: ["range": "Customers", "header_row": true, "match": ["plan": "pro", "active": true]]),
        ])

    static let lookupRows = ActionSpec(
        name: "lookup_rows", title: "Look up rows",
        description: "Find the rows of a sheet whose column equals a value, e.g. the customer whose email is ada@example.com. The sheet's first row must hold the column names. Returns each match as an object with its row number, which update_range can use.",
        inputSchema: [
            "type": "object",
            "required": ["column", "value"],
            "additionalProperties": false,
            "properties": [
                "sheet": ["type": "string", "minLength": 1, "maxLength": 200,
                          "description": "Sheet (tab) name, e.g. Customers. Default: the connection's default sheet."],
                "column": ["type": "string", "minLength": 1, "maxLength": 200,
                           "description": "Header of the column to search, e.g. email. Compared ignoring case."],
                "value": ["type": ["string", "number", "boolean"],
                          "description": "The value to find, compared with the cell's displayed text."],
                "match_case": ["type": "boolean",
                               "description": "Compare letter case too. Default: false, so Ada@Example.com finds ada@example.com."],
                "limit": ["type": "integer", "minimum": 1, "maximum": 1000, "description": "Most matches to return. Default: 50."],
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["sheet", "column", "matches", "truncated"],
            "properties": [
                "sheet": ["type": "string", "description": "The sheet searched."],
                "column": ["type": "string", "description": "The column searched, as its header spells it."],
                "matches": [
                    "type": "array", "description": "Matching rows, top to bottom.",
                    "items": [
                        "type": "object",
                        "required": ["row_number", "record"],
                        "properties": [
                            "row_number": ["type": "integer", "description": "1-based row number in the sheet (the header is row 1)."],
                            "record": recordSchema,
                        ],
                    ],
                ],
                "truncated": ["type": "boolean", "description": "True when more rows matched than `limit`."],
            ],
        ],
        important: true,
        examples: [ActionExample(description: "Find a customer by email",
                                 input: ["sheet": "Customers", "column": "email", "value": "ada@example.com"])])

    static let appendRows = ActionSpec(
        name: "append_rows", title: "Append rows",
        description: "Add rows after the last row of a table, inserting new rows so nothing below is overwritten. Give each row as a list of cells, or as an object keyed by the sheet's header row (the header must start in column A).",
        inputSchema: [
            "type": "object",
            "required": ["rows"],
            "additionalProperties": false,
            "properties": [
                "range": ["type": "string", "minLength": 1, "maxLength": 500,
                          "description": "The table to append to: a sheet name or an A1 range such as Log!A:D. Default: the connection's default sheet."],
                "rows": [
                    "type": "array", "minItems": 1, "maxItems": 5000,
                    "description": "Rows to add, each a list of cells or an object keyed by column name.",
                    "items": [
                        "anyOf": [
                            ["type": "array", "items": cellSchema, "description": "Cells from the table's first column."],
                            ["type": "object", "additionalProperties": cellOrEmptySchema, "description": "Cells by header name."],
                        ],
                        "description": "One row.",
                    ],
                ],
                "value_input_option": valueInputOptionSchema,
            ],
        ],
        outputSchema: writeResultSchema(extra: [
            "table_range": ["type": ["string", "null"], "description": "The table found before appending; null if the range was empty."],
        ]),
        important: true, mutating: true,
        examples: [ActionExample(description: "Log an event",
                                 input: ["range": "Log", "rows": [["at": "2025-01-31 12:00", "event": "signup", "email": "ada@example.com"]]])])

    static let updateRange = ActionSpec(
        name: "update_range", title: "Update a range",
        description: "Overwrite the cells of a range in A1 notation, starting at its top-left cell. A null cell is left unchanged. Use lookup_rows first to find a row number.",
        inputSchema: [
            "type": "object",
            "required": ["range", "values"],
            "additionalProperties": false,
            "properties": [
                "range": ["type": "string", "minLength": 1, "maxLength": 500,
                          "description": "A1 range to write, e.g. Customers!D3 or Customers!A3:F3."],
                "values": ["type": "array", "minItems": 1, "maxItems": 5000, "items": ["type": "array", "items": cellOrEmptySchema,
                                                                                     "description": "One row of cells."],
                           "description": "Rows of cells to write, from the range's top-left cell."],
                "value_input_option": valueInputOptionSchema,
            ],
        ],
        outputSchema: writeResultSchema(extra: [:]),
        important: false, mutating: true,
        examples: [ActionExample(description: "Change one customer's plan", input: ["range": "Customers!D3", "values": [["pro"]]])])

    static let updateRows = ActionSpec(
        name: "update_rows", title: "Update matching rows",
        description: "Write columns of the rows whose columns equal `match`, e.g. set plan to pro for the customer whose email is ada@example.com. The sheet's first row must hold the column names. No match writes nothing; when several rows match nothing is written (multiple_matches) unless all_matches is true.",
        inputSchema: [
            "type": "object",
            "required": ["match", "values"],
            "additionalProperties": false,
            "properties": [
                "sheet": ["type": "string", "minLength": 1, "maxLength": 200,
                          "description": "Sheet (tab) name, e.g. Customers. Default: the connection's default sheet."],
                "match": ["type": "object", "additionalProperties": cellSchema,
                          "description": "Header name → value; a row matches when every one equals its cell (displayed text, ignoring case unless match_case)."],
                "values": ["type": "object", "additionalProperties": cellSchema,
                           "description": "Header name → the value to write in the matching rows."],
                "match_case": ["type": "boolean", "description": "Compare letter case too. Default: false."],
                "all_matches": ["type": "boolean", "description": "Update every matching row. Default: false, so an ambiguous match writes nothing."],
                "value_input_option": valueInputOptionSchema,
            ],
        ],
        outputSchema: [
            "type": "object",
            "required": ["sheet", "matched", "row_numbers", "updated_cells"],
            "properties": [
                "sheet": ["type": "string", "description": "The sheet searched."],
                "matched": ["type": "integer", "description": "Rows that matched; 0 means nothing was written."],
                "row_numbers": ["type": "array", "items": ["type": "integer", "description": "A 1-based row number."],
                                "description": "The rows written, top to bottom (the header is row 1)."],
                "updated_cells": ["type": "integer", "description": "Cells written."],
            ],
        ],
        important: false, mutating: true,
        examples: [ActionExample(description: "Move a customer to the pro plan",
                                 input: ["sheet": "Customers", "match": ["email": "ada@example.com"], "values": ["plan": "pro"]])])

    // MARK: Shared schemas

    static let cellSchema: JSONValue = ["type": ["string", "number", "boolean"], "description": "A cell value."]

    static let cellOrEmptySchema: JSONValue = [
        "type": ["string", "number", "boolean", "null"], "description": "A cell value; null leaves the cell as it is.",
    ]

    /// A row or a column of cells, as Google returns them.
    static let lineSchema: JSONValue = [
        "type": "array", "items": cellSchema, "description": "One row (or column) of cells.",
    ]

    static let recordSchema: JSONValue = [
        "type": "object", "description": "A row keyed by column name; empty cells are null.",
        "additionalProperties": ["type": ["string", "number", "boolean", "null"], "description": "A cell value."],
    ]

    static let valueInputOptionSchema: JSONValue = [
        "type": "string", "enum": ["RAW", "USER_ENTERED"],
        "description": "USER_ENTERED (default) parses values as if typed in the UI (numbers, dates, formulas); RAW stores them exactly as given.",
    ]

    static func writeResultSchema(extra: [String: JSONValue]) -> JSONValue {
        var properties: [String: JSONValue] = [
            "spreadsheet_id": ["type": "string", "description": "The spreadsheet written to."],
            "updated_range": ["type": "string", "description": "The cells written, in A1 notation."],
            "updated_rows": ["type": "integer", "description": "Rows written."],
            "updated_columns": ["type": "integer", "description": "Columns written."],
            "updated_cells": ["type": "integer", "description": "Cells written."],
        ]
        properties.merge(extra) { _, new in new }
        return [
            "type": "object",
            "required": .array(["spreadsheet_id", "updated_range", "updated_rows", "updated_columns", "updated_cells"]),
            "properties": .object(properties),
        ]
    }
}
