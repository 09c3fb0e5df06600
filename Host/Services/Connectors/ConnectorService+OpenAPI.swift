public import PatchbayModel
public import PatchbayWire

/// Connectors from OpenAPI descriptions: what a document would give, and an import into an
/// existing connector that adds its operations and replaces those of the same name.
extension ConnectorService {
    /// What a parse or an import answers besides the connector: the report of every operation.
    public struct OpenAPIOutcome: Sendable {
        /// For a parse: the definition a connector would get (no namespace or name yet).
        public var definition: JSONValue?
        /// For an import: the connector as it is now.
        public var record: ConnectorRecord?
        public var report: JSONValue
    }

    /// The connector definition a document gives, nothing stored.
    public func parseOpenAPI(principal: Principal, document: JSONValue, filter: JSONValue?) async throws -> OpenAPIOutcome {
        try principal.require(.integrationsWrite)
        let result = try OpenAPIImporter(filter: try OpenAPIImportFilter(filter)).run(document)
        var definition: [String: JSONValue] = ["title": .string(result.title), "operations": .array(result.operations)]
        if !result.description.isEmpty { definition["description"] = .string(result.description) }
        if let base = result.baseURL { definition["base_url"] = .string(base) }
        if let auth = result.auth { definition["auth"] = auth }
        return OpenAPIOutcome(definition: .object(definition), report: result.report.json)
    }

    /// Adds the document's operations to the connector, replacing those of the same name. The
    /// connector keeps its base URL, and its auth unless it had none.
    public func importOpenAPI(principal: Principal, namespace: String, name: String, document: JSONValue,
                              filter: JSONValue?) async throws -> OpenAPIOutcome {
        try principal.require(.integrationsWrite)
        let record = try await owned(principal, namespace, name)
        var definition = record.definition.objectValue ?? [:]
        // JSONValue takes a nil literal as JSON null, so the "no auth" case is spelled out.
        let current: JSONValue? = definition["auth"].flatMap { auth -> JSONValue? in
            auth.isNull || auth["type"]?.stringValue == "none" ? Optional<JSONValue>.none : auth
        }
        let result = try OpenAPIImporter(filter: try OpenAPIImportFilter(filter), auth: current).run(document)
        var report = result.report
        guard !result.operations.isEmpty else { return OpenAPIOutcome(record: record, report: report.json) }

        var operations = definition["operations"]?.arrayValue ?? []
        for operation in result.operations {
            if let index = operations.firstIndex(where: { $0["name"] == operation["name"] }) {
                operations[index] = operation
                report.replaced.append(operation["name"]?.stringValue ?? "")
            } else {
                operations.append(operation)
            }
        }
        guard operations.count <= ConnectorDefinition.maxOperations else {
            throw ServiceError.validation("the import would give \(namespace)/\(name) \(operations.count) operations; a connector holds at most \(ConnectorDefinition.maxOperations): narrow it with filter (tags, paths or operation_ids)",
                                          field: "filter")
        }
        definition["operations"] = .array(operations)
        if case .none = current, let auth = result.auth {
            definition["auth"] = auth
            report.approximated.append(.init(operation: nil, note: "the connector had no auth; it now takes the document's: \(auth["type"]?.stringValue ?? "")"))
        }
        let updated = try await update(principal: principal, namespace: namespace, name: name, definition: .object(definition))
        return OpenAPIOutcome(record: updated, report: report.json)
    }
}
