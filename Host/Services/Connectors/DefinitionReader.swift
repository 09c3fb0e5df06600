import PatchbayWire

/// Reads one object of a connector definition, refusing each wrong field with a 400 that names
/// its full path (`operations[2].pagination.type`), and any member it does not know. A
/// configuration file is read with it too, so its messages name paths the same way.
struct DefinitionReader {
    let object: [String: JSONValue]
    /// Where this object sits in the definition: empty at the root.
    let path: String

    /// `root` names the object at the empty path in messages.
    init(_ value: JSONValue?, at path: String, known: Set<String>, root: String = "a connector") throws {
        guard let object = value?.objectValue else {
            throw ServiceError.validation("\(path.isEmpty ? root : path) must be an object", field: path)
        }
        for key in object.keys.sorted() where !known.contains(key) {
            throw ServiceError.validation("\(Self.join(path, key)) is not a field of \(path.isEmpty ? root : path) (known: \(known.sorted().joined(separator: ", ")))",
                                          field: Self.join(path, key))
        }
        self.object = object
        self.path = path
    }

    func field(_ key: String) -> String { Self.join(path, key) }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { object[key].map { !$0.isNull } ?? false }

    func string(_ key: String) throws -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let string = value.stringValue else { throw ServiceError.validation("\(field(key)) must be a string", field: field(key)) }
        try ControlCharacters.refuse(in: string, field: field(key))
        return string
    }

    func requiredString(_ key: String) throws -> String {
        guard let string = try self.string(key), !string.isEmpty else {
            throw ServiceError.validation("\(field(key)) is required", field: field(key))
        }
        return string
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .bool(let flag) = value else { throw ServiceError.validation("\(field(key)) must be true or false", field: field(key)) }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .integer(let number) = value, range.contains(Int(number)) else {
            throw ServiceError.validation("\(field(key)) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                                          field: field(key))
        }
        return Int(number)
    }

    func oneOf<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let raw = try string(key) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw ServiceError.validation("\(field(key)) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))",
                                          field: field(key))
        }
        return value
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let array = value.arrayValue else { throw ServiceError.validation("\(field(key)) must be an array of strings", field: field(key)) }
        return try array.enumerated().map { index, item in
            guard let string = item.stringValue else {
                throw ServiceError.validation("\(field(key))[\(index)] must be a string", field: "\(field(key))[\(index)]")
            }
            return string
        }
    }

    func stringMap(_ key: String) throws -> [String: String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let map = value.objectValue else { throw ServiceError.validation("\(field(key)) must be an object of strings", field: field(key)) }
        return try map.mapValues { item in
            guard let string = item.stringValue else { throw ServiceError.validation("\(field(key)) must be an object of strings", field: field(key)) }
            return string
        }
    }

    /// A JSON Schema, checked to be one the host can enforce.
    func schema(_ key: String) throws -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        let problems = JSONSchema.problems(in: value)
        guard problems.isEmpty else { throw ServiceError.schema(problems, root: field(key)) }
        return value
    }

    /// A JSON pointer (RFC 6901), `""` for the whole document.
    func pointer(_ key: String) throws -> JSONPointer? {
        guard let raw = try string(key) else { return nil }
        guard let pointer = JSONPointer(raw) else {
            throw ServiceError.validation("\(field(key)) must be a JSON pointer such as /data/items", field: field(key))
        }
        return pointer
    }
}
