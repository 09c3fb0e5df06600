/// A column both schemas have, with the PostgreSQL type its values are converted to.
struct CopiedColumn: Equatable {
    /// The PostgreSQL types the schema uses; another type is refused when the copy is planned,
    /// so a new column type gets a conversion before it can be copied.
    enum Kind: String {
        case integer = "bigint"
        case boolean = "boolean"
        case text = "text"
        case bytes = "bytea"

        /// `information_schema.columns.data_type`'s name for the type.
        init?(postgresType: String) {
            switch postgresType {
            case "bigint", "integer", "smallint": self = .integer
            case "boolean": self = .boolean
            case "text", "character varying": self = .text
            case "bytea": self = .bytes
            default: return nil
            }
        }
    }

    let name: String
    let kind: Kind
    /// `GENERATED … AS IDENTITY` in PostgreSQL: its sequence is moved past the copied values.
    let isIdentity: Bool
}
