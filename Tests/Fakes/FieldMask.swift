import PatchbayWire

/// A partial-response field mask, the `fields` query parameter of Google APIs:
/// `spreadsheetId,properties(title,locale),sheets.properties(sheetId,title)`. Paths use `.`
/// or `/`, parentheses group sub-fields, and `*` keeps everything at its level. Applied to
/// an array, a mask applies to each element.
struct FieldMask: Equatable {
    /// Selected names and what to keep under each; an empty mask keeps the whole value.
    private var children: [String: FieldMask] = [:]

    static func parse(_ text: String) -> FieldMask? {
        var parser = Parser(characters: Array(text))
        guard let mask = parser.list(), parser.position == parser.characters.count else { return nil }
        return mask
    }

    func apply(to value: JSONValue) -> JSONValue {
        if children.isEmpty || children["*"] != nil { return value }
        switch value {
        case .array(let items):
            return .array(items.map(apply))
        case .object(let object):
            var kept: [String: JSONValue] = [:]
            for (name, mask) in children {
                if let member = object[name] { kept[name] = mask.apply(to: member) }
            }
            return .object(kept)
        default:
            return value
        }
    }

    private mutating func merge(_ path: [String], _ leaf: FieldMask) {
        guard let first = path.first else {
            for (name, mask) in leaf.children { children[name, default: FieldMask()].merge([], mask) }
            return
        }
        var child = children[first] ?? FieldMask()
        child.merge(Array(path.dropFirst()), leaf)
        children[first] = child
    }

    private struct Parser {
        let characters: [Character]
        var position = 0

        /// `item ("," item)*`, stopping before `)` or the end.
        mutating func list() -> FieldMask? {
            var mask = FieldMask()
            repeat {
                guard let (path, leaf) = item() else { return nil }
                mask.merge(path, leaf)
            } while consume(",")
            return mask
        }

        /// `name ([./] name)* ("(" list ")")?`
        mutating func item() -> ([String], FieldMask)? {
            var path: [String] = []
            repeat {
                let start = position
                while position < characters.count, characters[position].isLetter || characters[position].isNumber
                    || characters[position] == "_" || characters[position] == "*" {
                    position += 1
                }
                guard position > start else { return nil }
                path.append(String(characters[start..<position]))
            } while consume(".") || consume("/")
            var leaf = FieldMask()
            if consume("(") {
                guard let inner = list(), consume(")") else { return nil }
                leaf = inner
            }
            return (path, leaf)
        }

        mutating func consume(_ character: Character) -> Bool {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
            return true
        }
    }
}
