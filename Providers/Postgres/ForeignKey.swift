/// A foreign key of the configured schema: `fromColumns` of `fromTable` reference `toColumns` of `toTable`.
struct ForeignKey: Sendable {
    let name: String
    let fromTable: String
    let fromColumns: [String]
    /// Qualified with its schema when it lives outside the configured one.
    let toTable: String
    let toColumns: [String]
}
