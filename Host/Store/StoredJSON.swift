import Foundation
import PatchbayModel
import PatchbayWire

/// JSON as every store keeps it: TEXT, exactly as encoded, so it reads back byte for byte and
/// `patchbay store copy` moves it unchanged.
extension Store {
    static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try WireCoding.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try WireCoding.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("\(T.self) column does not decode")
        }
    }
}
