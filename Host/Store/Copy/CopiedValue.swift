import Crypto
import Foundation
import GRDB
import NIOCore
import PostgresNIO

/// One column's value on its way from SQLite to PostgreSQL, typed by the PostgreSQL column it
/// goes to. Both sides' rows are read into these before they are hashed, so a checksum compares
/// values, not the two databases' encodings of them.
enum CopiedValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case boolean(Bool)
    case text(String)
    case bytes([UInt8])

    /// SQLite keeps whatever it is given in a column, so each value is checked against what
    /// the PostgreSQL column takes: a `retryable` of 2, or text in a BLOB column, stops the copy
    /// rather than being converted into something else.
    init(sqlite value: DatabaseValue, as kind: CopiedColumn.Kind, at place: @autoclosure () -> String) throws {
        switch (value.storage, kind) {
        case (.null, _):
            self = .null
        case (.int64(let number), .integer):
            self = .integer(number)
        case (.int64(let number), .boolean) where number == 0 || number == 1:
            self = .boolean(number == 1)
        case (.string(let string), .text):
            self = .text(string)
        case (.blob(let data), .bytes):
            self = .bytes(Array(data))
        default:
            // The value itself is not named: it may be a key's hash or a sealed secret.
            throw StoreCopyError("\(place()) holds \(Self.describe(value.storage)) in SQLite, which does not fit "
                                 + "PostgreSQL's \(kind.rawValue) column")
        }
    }

    private static func describe(_ storage: DatabaseValue.Storage) -> String {
        switch storage {
        case .null: return "NULL"
        case .int64(let number): return number == 0 || number == 1 ? "an integer" : "the integer \(number)"
        case .double: return "a real number"
        case .string: return "text"
        case .blob: return "a blob"
        }
    }

    /// The value PostgreSQL returned, read as the column's kind.
    init(postgres cell: PostgresCell, as kind: CopiedColumn.Kind) throws {
        switch kind {
        case .integer: self = try cell.decode(Int64?.self).map(CopiedValue.integer) ?? .null
        case .boolean: self = try cell.decode(Bool?.self).map(CopiedValue.boolean) ?? .null
        case .text: self = try cell.decode(String?.self).map(CopiedValue.text) ?? .null
        case .bytes: self = try cell.decode(ByteBuffer?.self).map { CopiedValue.bytes(Array($0.readableBytesView)) } ?? .null
        }
    }

    func bind(to bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case .integer(let number): bindings.append(number)
        case .boolean(let flag): bindings.append(flag)
        case .text(let string): bindings.append(string)
        case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
        }
    }

    /// The canonical rendering a checksum is taken over: a tag, then the value with its length,
    /// so no two different rows render the same bytes.
    func render(into hash: inout SHA256) {
        switch self {
        case .null:
            hash.update(data: [0])
        case .integer(let number):
            hash.update(data: [1])
            withUnsafeBytes(of: number.bigEndian) { hash.update(bufferPointer: $0) }
        case .boolean(let flag):
            hash.update(data: [2, flag ? 1 : 0])
        case .text(let string):
            hash.update(data: [3])
            Self.render(Array(string.utf8), into: &hash)
        case .bytes(let bytes):
            hash.update(data: [4])
            Self.render(bytes, into: &hash)
        }
    }

    private static func render(_ bytes: [UInt8], into hash: inout SHA256) {
        withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { hash.update(bufferPointer: $0) }
        hash.update(data: bytes)
    }
}
