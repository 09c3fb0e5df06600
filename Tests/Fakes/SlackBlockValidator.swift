import Foundation
import PatchbayWire

/// Checks Block Kit and attachment arguments the way `chat.postMessage` does, for the rules
/// that most often trip clients: a JSON array, at most 50 blocks, known block types, and the
/// text objects that section and header blocks require.
enum SlackBlockValidator {
    static let maximumBlocks = 50
    static let blockTypes: Set<String> = [
        "actions", "context", "divider", "file", "header", "image", "input", "markdown",
        "rich_text", "section", "video", "call",
    ]

    /// The blocks of a `blocks` argument (a JSON array, or a string holding one as form
    /// posts send it); nil when absent or empty.
    static func blocks(_ argument: JSONValue?) throws -> [JSONValue]? {
        guard let list = try array(argument, formatError: "invalid_blocks_format") else { return nil }
        var problems: [String] = []
        if list.count > maximumBlocks {
            problems.append("must provide an array with no more than \(maximumBlocks) items [json-pointer:/blocks]")
        }
        for (index, block) in list.enumerated() {
            problems += self.problems(in: block, pointer: "/blocks/\(index)")
        }
        guard problems.isEmpty else {
            throw SlackAPIError("invalid_blocks", extra: [
                "errors": .array(problems.map(JSONValue.string)),
                "response_metadata": ["messages": .array(problems.map { .string("[ERROR] " + $0) })],
            ])
        }
        return list
    }

    /// The attachments of an `attachments` argument; nil when absent or empty.
    static func attachments(_ argument: JSONValue?) throws -> [JSONValue]? {
        guard let list = try array(argument, formatError: "invalid_attachments") else { return nil }
        guard list.allSatisfy({ $0.objectValue != nil }) else { throw SlackAPIError("invalid_attachments") }
        return list
    }

    private static func array(_ argument: JSONValue?, formatError: String) throws -> [JSONValue]? {
        var value = argument
        if case .string(let text) = argument {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
            guard let parsed = try? WireCoding.decode(JSONValue.self, from: Data(text.utf8)) else {
                throw SlackAPIError(formatError)
            }
            value = parsed
        }
        guard let value else { return nil }
        guard case .array(let list) = value else { throw SlackAPIError(formatError) }
        return list.isEmpty ? nil : list
    }

    private static func problems(in block: JSONValue, pointer: String) -> [String] {
        guard let object = block.objectValue else { return ["must be an object [json-pointer:\(pointer)]"] }
        guard let type = object["type"]?.stringValue else { return ["missing required field: type [json-pointer:\(pointer)]"] }
        guard blockTypes.contains(type) else { return ["unsupported type: \(type) [json-pointer:\(pointer)/type]"] }
        var problems: [String] = []
        if let blockID = object["block_id"], (blockID.stringValue?.count ?? 256) > 255 {
            problems.append("must be a string of at most 255 characters [json-pointer:\(pointer)/block_id]")
        }
        switch type {
        case "section":
            if object["text"] == nil && object["fields"] == nil {
                problems.append("must provide either text or fields [json-pointer:\(pointer)]")
            }
            if let text = object["text"] {
                problems += textProblems(text, allowed: ["plain_text", "mrkdwn"], maxLength: 3000, pointer: pointer + "/text")
            }
            if let fields = object["fields"] {
                if let list = fields.arrayValue, !list.isEmpty, list.count <= 10 {
                    for (index, field) in list.enumerated() {
                        problems += textProblems(field, allowed: ["plain_text", "mrkdwn"], maxLength: 2000,
                                                 pointer: "\(pointer)/fields/\(index)")
                    }
                } else {
                    problems.append("must provide an array of 1 to 10 text objects [json-pointer:\(pointer)/fields]")
                }
            }
        case "header":
            if let text = object["text"] {
                problems += textProblems(text, allowed: ["plain_text"], maxLength: 150, pointer: pointer + "/text")
            } else {
                problems.append("missing required field: text [json-pointer:\(pointer)]")
            }
        case "context":
            if (object["elements"]?.arrayValue?.isEmpty ?? true) {
                problems.append("missing required field: elements [json-pointer:\(pointer)]")
            }
        case "actions":
            if (object["elements"]?.arrayValue?.isEmpty ?? true) {
                problems.append("missing required field: elements [json-pointer:\(pointer)]")
            }
        case "image":
            if object["image_url"] == nil && object["slack_file"] == nil {
                problems.append("missing required field: image_url [json-pointer:\(pointer)]")
            }
            if object["alt_text"]?.stringValue == nil {
                problems.append("missing required field: alt_text [json-pointer:\(pointer)]")
            }
        default:
            break
        }
        return problems
    }

    private static func textProblems(_ text: JSONValue, allowed: Set<String>, maxLength: Int, pointer: String) -> [String] {
        guard let object = text.objectValue else { return ["must be a text object [json-pointer:\(pointer)]"] }
        guard let type = object["type"]?.stringValue, allowed.contains(type) else {
            return ["must be one of \(allowed.sorted().joined(separator: ", ")) [json-pointer:\(pointer)/type]"]
        }
        guard let content = object["text"]?.stringValue, !content.isEmpty else {
            return ["must be more than 0 characters [json-pointer:\(pointer)/text]"]
        }
        if content.count > maxLength {
            return ["must be less than \(maxLength + 1) characters [json-pointer:\(pointer)/text]"]
        }
        return []
    }
}
