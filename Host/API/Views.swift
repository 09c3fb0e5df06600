import Foundation
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// How records look to API clients. Secrets have no path into these: a connection shows
/// whether credentials are held, never what they are.
enum Views {
    /// A value type, so one shared style is safe from every thread; creating an
    /// `ISO8601DateFormatter` per timestamp cost more than the rest of a response.
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func time(_ millis: Millis?) -> JSONValue {
        guard let millis else { return .null }
        return .string(Date(timeIntervalSince1970: Double(millis) / 1000).formatted(timestampStyle))
    }

    static func connection(_ record: ConnectionRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "provider": .string(record.provider),
            "label": .string(record.label),
            "config": record.config,
            "status": .string(record.status.rawValue),
            "has_credentials": .bool(record.sealedCredentials != nil),
            "end_user": record.endUser.map(JSONValue.string) ?? .null,
            "created_at": time(record.createdAt),
            "updated_at": time(record.updatedAt),
        ]
    }

    static func execution(_ record: ExecutionRecord) -> JSONValue {
        var view: [String: JSONValue] = [
            "id": .string(record.id),
            "connection_id": .string(record.connectionID),
            "provider": .string(record.provider),
            "action": .string(record.action),
            "status": .string(record.status.rawValue),
            "started_at": time(record.startedAt),
            "finished_at": time(record.finishedAt),
            "duration_ms": record.durationMs.map { .integer(Int64($0)) } ?? .null,
            "requests": .array(record.requests),
            "output": record.output ?? .null,
            "error": .null,
            "trigger": .string(record.trigger.rawValue),
        ]
        view.merge(skillCall(record.skillCall)) { _, new in new }
        if record.recordIncomplete {
            view["record_incomplete"] = .bool(true)
            view["warning"] = .string(ExecutionService.recordIncompleteWarning)
        }
        if let code = record.errorCode {
            var error: [String: JSONValue] = ["code": .string(code), "message": .string(record.errorMessage ?? code)]
            if let retryable = record.retryable { error["retryable"] = .bool(retryable) }
            if let status = record.upstreamStatus { error["upstream_status"] = .integer(Int64(status)) }
            view["error"] = .object(error)
        }
        return .object(view)
    }

    static func page<T>(_ page: Page<T>, _ render: (T) -> JSONValue) -> JSONValue {
        ["data": .array(page.items.map(render)), "next_cursor": page.next.map { .string($0.encoded) } ?? .null]
    }

    /// `key_id` is null for a change made from the CLI; `account_id` is null for one to the whole host.
    static func auditEntry(_ entry: AuditEntry) -> JSONValue {
        [
            "id": .string(entry.id),
            "account_id": entry.accountID.map(JSONValue.string) ?? .null,
            "key_id": entry.keyID.map(JSONValue.string) ?? .null,
            "action": .string(entry.action),
            "target": .string(entry.target),
            "changes": entry.changes,
            "created_at": time(entry.createdAt),
        ]
    }

    static func catalogEntry(_ entry: CatalogService.Entry, detailed: Bool) -> JSONValue {
        let manifest = entry.manifest
        var view: [String: JSONValue] = [
            "id": .string(manifest.id),
            "name": .string(manifest.name),
            "description": .string(manifest.description),
            "category": .string(manifest.category),
            "version": .string(manifest.version),
            "auth_type": .string(manifest.auth.type.rawValue),
            "supports_discovery": .bool(manifest.supportsDiscovery),
            "supports_webhooks": .bool(manifest.webhooks != nil),
            "connected": .bool(entry.connected),
            "oauth": .bool(manifest.oauth != nil),
            "configured": .bool(entry.notConfiguredReason == nil),
            "configured_reason": entry.notConfiguredReason.map(JSONValue.string) ?? .null,
            "status": .string(entry.connected ? "connected" : "available"),
            "action_count": .integer(Int64(manifest.actions.count)),
            "pack_count": .integer(Int64(manifest.packs.count)),
        ]
        guard detailed else { return .object(view) }
        view["credential_fields"] = .array(manifest.credentials.map { field in
            ["name": .string(field.name), "label": .string(field.label), "description": .string(field.description),
             "required": .bool(field.required)]
        })
        view["config_schema"] = manifest.configSchema
        view["webhook_scheme"] = manifest.webhooks.map { .string($0.scheme) } ?? .null
        view["actions"] = .array(manifest.actions.map { action in
            ["name": .string(action.name), "title": .string(action.title), "description": .string(action.description),
             "important": .bool(action.important), "mutating": .bool(action.mutating),
             "input_schema": action.inputSchema, "output_schema": action.outputSchema]
        })
        view["packs"] = .array(manifest.packs.map(pack))
        return .object(view)
    }

    static func pack(_ pack: PackSpec) -> JSONValue {
        ["id": .string(pack.id), "name": .string(pack.name), "description": .string(pack.description),
         "skills": .array(pack.skills.map { skill in
             ["name": .string(skill.name), "action": .string(skill.action), "description": .string(skill.description),
              "presets": .object(skill.presets)]
         })]
    }

    static func schema(_ snapshot: SchemaSnapshot) throws -> JSONValue {
        var view = try JSONValue(encoding: snapshot.schema).objectValue ?? [:]
        view["connection_id"] = .string(snapshot.connectionID)
        view["discovered_at"] = time(snapshot.discoveredAt)
        return .object(view)
    }
}
