import Foundation
import NIOCore
import PatchbaySDK
import PostgresNIO

/// Turns a result cell into JSON. The driver always asks for results in binary format, so each
/// type this reads is decoded from its binary wire form; `reads(_:)` says which ones.
enum CellValue {
    static let bool: UInt32 = 16, bytea: UInt32 = 17, char: UInt32 = 18, name: UInt32 = 19
    static let int8: UInt32 = 20, int2: UInt32 = 21, int4: UInt32 = 23, text: UInt32 = 25, oid: UInt32 = 26
    static let json: UInt32 = 114, float4: UInt32 = 700, float8: UInt32 = 701, unknown: UInt32 = 705
    static let bpchar: UInt32 = 1042, varchar: UInt32 = 1043, date: UInt32 = 1082
    static let timestamp: UInt32 = 1114, timestamptz: UInt32 = 1184, numeric: UInt32 = 1700
    static let uuid: UInt32 = 2950, jsonb: UInt32 = 3802

    static let scalars: Set<UInt32> = [
        bool, bytea, char, name, int8, int2, int4, text, oid, json, float4, float8, unknown,
        bpchar, varchar, date, timestamp, timestamptz, numeric, uuid, jsonb,
    ]
    /// Array types of the scalars above, whose elements decode the same way.
    static let arrays: Set<UInt32> = [
        1000, 1001, 1002, 1003, 1016, 1005, 1007, 1009, 1028, 199, 1021, 1022,
        1014, 1015, 1182, 1115, 1185, 1231, 2951, 3807,
    ]

    static func reads(_ oid: UInt32) -> Bool { scalars.contains(oid) || arrays.contains(oid) }

    static func json(_ cell: PostgresCell) throws -> JSONValue {
        guard var bytes = cell.bytes else { return .null }
        guard cell.format == .binary, reads(cell.dataType.rawValue) else {
            throw PluginError(code: "unsupported_type",
                              message: "column \"\(cell.columnName)\" has a type (oid \(cell.dataType.rawValue)) this plugin cannot read; cast it to text in the query, e.g. \(cell.columnName)::text")
        }
        return try value(&bytes, type: cell.dataType.rawValue)
    }

    private static func value(_ buffer: inout ByteBuffer, type: UInt32) throws -> JSONValue {
        switch type {
        case bool: return .bool(try read(&buffer, as: UInt8.self) != 0)
        case int2: return .integer(Int64(try read(&buffer, as: Int16.self)))
        case int4: return .integer(Int64(try read(&buffer, as: Int32.self)))
        case int8: return .integer(try read(&buffer, as: Int64.self))
        case oid: return .integer(Int64(try read(&buffer, as: UInt32.self)))
        case float4: return float(Double(Float(bitPattern: try read(&buffer, as: UInt32.self))))
        case float8: return float(Double(bitPattern: try read(&buffer, as: UInt64.self)))
        case numeric: return try PostgresNumericText.json(&buffer)
        case uuid: return .string(try uuidString(&buffer))
        case json: return try parsedJSON(buffer.readString(length: buffer.readableBytes) ?? "")
        case jsonb:
            _ = try read(&buffer, as: UInt8.self) // jsonb's binary form is a version byte, then the text
            return try parsedJSON(buffer.readString(length: buffer.readableBytes) ?? "")
        case date: return .string(PostgresTimeText.date(days: try read(&buffer, as: Int32.self)))
        case timestamp: return .string(PostgresTimeText.timestamp(micros: try read(&buffer, as: Int64.self), utc: false))
        case timestamptz: return .string(PostgresTimeText.timestamp(micros: try read(&buffer, as: Int64.self), utc: true))
        case bytea: return .string("\\x" + buffer.readableBytesView.map { String(format: "%02x", $0) }.joined())
        case _ where arrays.contains(type): return try array(&buffer)
        default: return .string(buffer.readString(length: buffer.readableBytes) ?? "")
        }
    }

    /// NaN and the infinities have no JSON number: they are returned as Postgres spells them.
    private static func float(_ number: Double) -> JSONValue {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return .string(number > 0 ? "Infinity" : "-Infinity") }
        return .number(number)
    }

    /// The binary array format: dimensions, a null flag, the element type, each dimension's
    /// length and lower bound, then each element as a length-prefixed value (-1 for NULL).
    private static func array(_ buffer: inout ByteBuffer) throws -> JSONValue {
        let dimensions = Int(try read(&buffer, as: Int32.self))
        _ = try read(&buffer, as: Int32.self)
        let elementOID = try read(&buffer, as: UInt32.self)
        var lengths: [Int] = []
        for _ in 0..<dimensions {
            lengths.append(Int(try read(&buffer, as: Int32.self)))
            _ = try read(&buffer, as: Int32.self)
        }
        func level(_ depth: Int) throws -> JSONValue {
            guard depth < lengths.count else {
                let length = Int(try read(&buffer, as: Int32.self))
                guard length >= 0 else { return .null }
                guard var element = buffer.readSlice(length: length) else { throw malformed }
                return try value(&element, type: elementOID)
            }
            return .array(try (0..<lengths[depth]).map { _ in try level(depth + 1) })
        }
        return dimensions == 0 ? .array([]) : try level(0)
    }

    private static func uuidString(_ buffer: inout ByteBuffer) throws -> String {
        guard let bytes = buffer.readBytes(length: 16) else { throw malformed }
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    private static func parsedJSON(_ text: String) throws -> JSONValue {
        do {
            return try WireCoding.decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw malformed
        }
    }

    private static func read<T: FixedWidthInteger>(_ buffer: inout ByteBuffer, as type: T.Type) throws -> T {
        guard let value = buffer.readInteger(endianness: .big, as: type) else { throw malformed }
        return value
    }

    private static let malformed = PluginError(code: "unreadable_value", message: "the server sent a value this plugin could not decode")
}
