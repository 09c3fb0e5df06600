// Scaffolding while the areas are ported: removed once every method is.
extension PostgresStore {
    static let notPorted = StoreError.corrupt("not ported to PostgreSQL yet")
}
