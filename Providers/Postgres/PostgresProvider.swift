public import PatchbaySDK
import PostgresNIO

@_cdecl("pb_plugin_info")
public func pluginInfo() -> UnsafeRawPointer { PluginExport.info(for: PostgresProvider.self) }

/// Postgres: tables and rows of one schema, over sessions the plugin keeps per connection.
public struct PostgresProvider: Provider {
    public init() {}

    public func check(_ context: ProviderContext) async throws -> CheckResult {
        do {
            return try await PostgresSession.with(context) { session in
                let identity = try await session.catalog("SELECT current_user::text, current_database()::text, version()") {
                    try $0.decode((String, String, String).self)
                }
                guard let (user, database, _) = identity.first else { return CheckResult(ok: false, message: "the server returned no identity") }
                return CheckResult(ok: true, message: "Connected to \(database) as \(user)")
            }
        } catch let error as PluginError {
            return CheckResult(ok: false, message: error.message)
        }
    }

    public func invoke(_ action: String, input: JSONValue, context: ProviderContext) async throws -> JSONValue {
        // run_query runs an agent's own SQL, which may change the session for the calls after it.
        return try await PostgresSession.with(context, resets: action == "run_query") { session in
            switch action {
            case "list_tables":
                try await Catalog.requireSchema(session)
                let tables = try await Catalog.tableSummaries(session).map { table -> JSONValue in
                    ["schema": .string(session.settings.schema), "name": .string(table.name), "type": .string(table.type),
                     "estimated_rows": table.estimatedRows.map(JSONValue.integer) ?? .null]
                }
                return ["tables": .array(tables)]
            case "select_rows": return try await TableActions(session: session).select(input)
            case "insert_row": return try await TableActions(session: session).insert(input)
            case "update_rows": return try await TableActions(session: session).update(input)
            case "run_query": return try await QueryAction(session: session).run(input)
            default: throw PluginError.unknownAction(action)
            }
        }
    }

    /// The host is stopping gracefully: the kept sessions end now, not when the server notices.
    public func shutdown() async {
        await SessionPool.shared.closeAll()
    }

    public func discover(_ context: ProviderContext) async throws -> DiscoveredSchema {
        try await PostgresSession.with(context) { session in
            try await Catalog.requireSchema(session)
            return PostgresDiscovery.schema(tables: try await Catalog.tables(session), foreignKeys: try await Catalog.foreignKeys(session))
        }
    }
}
