import PatchbaySDK
import Foundation

/// The inputs and outputs every list action shares: how many records, the page size Shopify
/// is asked for, and the cursor to continue from.
enum ShopifyListInputs {
    static let defaultLimit = 50

    static func properties(_ noun: String) -> [String: JSONValue] {
        [
            "limit": ["type": "integer", "minimum": 1, "maximum": 1000,
                      "description": .string("Most \(noun) to return, across pages. Default: \(defaultLimit).")],
            "page_size": ["type": "integer", "minimum": 1, "maximum": .integer(Int64(ShopifyAPI.maximumPageSize)),
                          "description": .string("\(noun.capitalized) per request to Shopify (at most 250). Default: limit, up to 250.")],
            "page_info": ["type": "string", "minLength": 1,
                          "description": .string("next_page_info from an earlier call, to continue that listing. The filters of the first call carry over; filters given with page_info are ignored.")],
        ]
    }

    static func output(_ key: String, items: JSONValue) -> JSONValue {
        [
            "type": "object",
            "required": [.string(key), "next_page_info"],
            "properties": [
                key: ["type": "array", "items": items, "description": "The records, in Shopify's order."],
                "next_page_info": ["type": ["string", "null"],
                                   "description": "Pass as page_info to get more; null when there are no more."],
            ],
        ]
    }

    /// Merges the shared list properties into an action's own input properties.
    static func schema(_ noun: String, _ own: [String: JSONValue], anyOf: JSONValue? = nil) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "object",
            "additionalProperties": false,
            "properties": .object(own.merging(properties(noun)) { own, _ in own }),
        ]
        if let anyOf { schema["anyOf"] = anyOf }
        return .object(schema)
    }

    /// `limit`, `page_size` and `page_info` as given, with defaults.
    static func read(_ input: JSONValue) -> (limit: Int, pageSize: Int?, pageInfo: String?) {
        (input["limit"]?.intValue ?? defaultLimit, input["page_size"]?.intValue, input["page_info"]?.stringValue)
    }
}
