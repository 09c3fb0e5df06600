import NIOCore
import PatchbaySDK

/// Postgres' binary `numeric`: digit count, weight (base-10000 exponent of the first digit),
/// sign, display scale, then base-10000 digits. Written out exactly as Postgres prints it.
enum PostgresNumericText {
    /// A JSON number when a Double holds the value exactly enough (15 significant digits or
    /// fewer); otherwise the exact decimal text, so no precision is lost silently.
    static func json(_ buffer: inout ByteBuffer) throws -> JSONValue {
        let text = try string(&buffer)
        let significant = text.filter(\.isNumber).drop(while: { $0 == "0" })
        if let number = Double(text), number.isFinite, significant.count <= 15 {
            if !text.contains("."), let integer = Int64(text) { return .integer(integer) }
            return .number(number)
        }
        return .string(text)
    }

    static func string(_ buffer: inout ByteBuffer) throws -> String {
        guard let count = buffer.readInteger(endianness: .big, as: Int16.self),
              let weight = buffer.readInteger(endianness: .big, as: Int16.self),
              let sign = buffer.readInteger(endianness: .big, as: UInt16.self),
              let scale = buffer.readInteger(endianness: .big, as: Int16.self)
        else { throw PluginError(code: "unreadable_value", message: "the server sent a numeric this plugin could not decode") }
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        default: break
        }
        var digits: [Int16] = []
        for _ in 0..<max(0, Int(count)) {
            guard let digit = buffer.readInteger(endianness: .big, as: Int16.self) else {
                throw PluginError(code: "unreadable_value", message: "the server sent a numeric this plugin could not decode")
            }
            digits.append(digit)
        }
        func group(_ index: Int) -> Int16 { index >= 0 && index < digits.count ? digits[index] : 0 }

        var integer = ""
        if weight >= 0 {
            for index in 0...Int(weight) {
                let part = String(group(index))
                integer += index == 0 ? part : String(repeating: "0", count: 4 - part.count) + part
            }
        } else {
            integer = "0"
        }
        var fraction = ""
        var index = Int(weight) + 1
        while fraction.count < Int(scale) {
            let part = String(group(index))
            fraction += String(repeating: "0", count: 4 - part.count) + part
            index += 1
        }
        fraction = String(fraction.prefix(Int(scale)))
        let magnitude = fraction.isEmpty ? integer : integer + "." + fraction
        return sign == 0x4000 && magnitude.contains(where: { $0 != "0" && $0 != "." }) ? "-" + magnitude : magnitude
    }
}
