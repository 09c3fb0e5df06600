import PatchbaySDK

/// One column of a table as the live catalog describes it.
struct ColumnInfo: Sendable {
    let name: String
    /// The column type's OID, which decides how its values are read back.
    let typeOID: UInt32
    /// The type as Postgres spells it in DDL, e.g. `numeric(10,2)`, `timestamp with time zone`.
    let nativeType: String
    let nullable: Bool
    /// pg_type.typcategory: `A` array, `N` numeric, `B` boolean, `U` user (json lives there too).
    let category: String
    let hasDefault: Bool

    var isArray: Bool { category == "A" }
    var isJSON: Bool { typeOID == CellValue.json || typeOID == CellValue.jsonb }

    /// The JSON Schema type agents see for this column.
    var jsonType: String {
        if isArray { return "array" }
        switch typeOID {
        case CellValue.int2, CellValue.int4, CellValue.int8: return "integer"
        case CellValue.float4, CellValue.float8, CellValue.numeric: return "number"
        case CellValue.bool: return "boolean"
        case CellValue.json, CellValue.jsonb: return "object"
        default: return "string"
        }
    }
}
