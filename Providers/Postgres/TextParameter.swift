import NIOCore
import PatchbaySDK
import PostgresNIO

/// A bind parameter sent in text format with no declared type (OID 0), so the server infers
/// the type from where the parameter is used (the column it is compared with or stored in)
/// and parses the text as that type: one rule binds integers, uuids, timestamps, numerics
/// and jsonb alike, always as data and never as SQL.
struct TextParameter: PostgresDynamicTypeEncodable {
    let text: String

    var psqlType: PostgresDataType { .null }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}
