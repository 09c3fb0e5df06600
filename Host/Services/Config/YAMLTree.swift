import PatchbayWire
import Yams

/// A YAML document read into JSON values, with the line each value starts on, so that an
/// error names the line of the file as well as the path (`connectors[0].operations[1].path`).
/// Only what JSON can say is accepted: string keys, each once, and no anchors or tags of
/// other types, so the file means the same to every reader.
struct YAMLTree {
    let root: JSONValue
    /// Paths as `DefinitionReader` writes them, to 1-based lines.
    private let lines: [String: Int]

    init(_ text: String) throws {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ServiceError.validation("the file is not valid YAML: \(error)", field: nil)
        }
        var lines: [String: Int] = [:]
        root = try node.map { try Self.value($0, at: "", lines: &lines) } ?? .null
        self.lines = lines
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    func line(of path: String) -> Int? {
        var path = path
        while true {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[""] }
            path = String(path[..<cut])
        }
    }

    private static func value(_ node: Node, at path: String, lines: inout [String: Int]) throws -> JSONValue {
        if let mark = node.mark { lines[path] = mark.line }
        switch node {
        case .scalar(let scalar):
            return try self.scalar(scalar, at: path)
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { index, item in try value(item, at: "\(path)[\(index)]", lines: &lines) })
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, item) in mapping {
                guard case .scalar(let name) = key, key.tag.rawValue == Tag.Name.str.rawValue else {
                    throw ServiceError.validation("\(describe(path)): keys must be strings", field: path)
                }
                let field = DefinitionReader.join(path, name.string)
                if let mark = key.mark { lines[field] = mark.line }
                guard object[name.string] == nil else {
                    throw ServiceError.validation("\(field) appears twice", field: field)
                }
                object[name.string] = try value(item, at: field, lines: &lines)
            }
            return .object(object)
        case .alias:
            throw ServiceError.validation("\(describe(path)): YAML aliases are not supported; write the value out", field: path)
        }
    }

    private static func scalar(_ scalar: Node.Scalar, at path: String) throws -> JSONValue {
        let node = Node.scalar(scalar)
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .str: return .string(scalar.string)
        case .null: return .null
        case .bool:
            if let flag = node.bool { return .bool(flag) }
        case .int:
            if let number = Int64(scalar.string) { return .integer(number) }
            if let number = node.int { return .integer(Int64(number)) }
        case .float:
            if let number = node.float, number.isFinite { return .number(number) }
        default:
            break
        }
        throw ServiceError.validation("\(describe(path)): \"\(scalar.string)\" is not a value JSON can hold (\(node.tag.rawValue))",
                                      field: path)
    }

    private static func describe(_ path: String) -> String { path.isEmpty ? "the document" : path }
}
