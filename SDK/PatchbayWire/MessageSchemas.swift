public import Foundation

/// A JSON Schema for every message that crosses the plugin boundary, at message version 2
/// (docs/abi.md, sections 5 and 6), written with the keywords `JSONSchema` checks, so authors
/// in any language and the host read the same rules. The host names a plugin's message's
/// violations when it cannot read it, `patchbay plugin test` checks the messages a plugin
/// sends, and `patchbay plugin schemas` writes them out (they are in docs/schemas/).
///
/// They describe what a reader accepts: keys a reader does not know are allowed, as the ABI
/// asks (a newer peer may send them).
public enum MessageSchemas {
    /// Every schema by file name (`<name>.schema.json`), in a stable order.
    public static let all: [(name: String, schema: JSONValue)] = [
        ("manifest", manifest),
        ("call.check", call(for: .check)),
        ("call.invoke", call(for: .invoke)),
        ("call.discover", call(for: .discover)),
        ("call.parse_webhook", call(for: .parseWebhook)),
        ("result.check", checkResult),
        ("result.discover", discoveredSchema),
        ("result.parse_webhook", webhookEvents),
        ("error", error),
        ("http_request", httpRequest),
        ("http_response", httpResponse),
    ]

    /// The schema a method's successful result must match; `invoke`'s is the action's own
    /// `output_schema`.
    public static func result(of method: PluginMethod) -> JSONValue? {
        switch method {
        case .check: return checkResult
        case .discover: return discoveredSchema
        case .parseWebhook: return webhookEvents
        case .invoke: return nil
        }
    }

    /// What is wrong with `data` as a message of `schema`, in words that name the member at
    /// fault; empty when it matches.
    public static func violations(in data: Data, against schema: JSONValue) -> [SchemaViolation] {
        guard let value = try? WireCoding.decode(JSONValue.self, from: data) else {
            return [SchemaViolation(path: "", message: "not valid JSON")]
        }
        return JSONSchema.violations(of: value, against: schema)
    }

    /// The violations of `data`, joined for an error message.
    public static func explain(_ data: Data, against schema: JSONValue) -> String {
        let found = violations(in: data, against: schema)
        return found.isEmpty ? "it does not have the expected shape" : found.map(\.description).joined(separator: "; ")
    }

    private static let string: JSONValue = ["type": "string"]
    private static let nonEmpty: JSONValue = ["type": "string", "minLength": 1]
    private static let stringMap: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]
    private static let strings: JSONValue = ["type": "array", "items": ["type": "string"]]

    private static func object(_ title: String, required: [String], _ properties: [String: JSONValue]) -> JSONValue {
        ["title": .string(title), "type": "object", "required": .array(required.map(JSONValue.string)),
         "properties": .object(properties)]
    }

    public static let error = object("PluginError: what a call completes with on PB_STATUS_ERROR", required: ["code"], [
        "code": ["type": "string", "minLength": 1, "description": "machine-readable, e.g. rate_limited"],
        "message": string,
        "retryable": ["type": "boolean"],
        "upstream_status": ["type": "integer", "minimum": 100, "maximum": 599],
        "field": string,
        "details": [:],
    ])

    public static let httpRequest = object("HTTPRequestMessage: pb_host_http_request's request_json", required: ["method", "path"], [
        "method": ["type": "string", "pattern": "^[A-Za-z]+$"],
        "path": nonEmpty,
        "query": stringMap,
        "headers": stringMap,
        "body": ["type": "string", "description": "UTF-8 text"],
        "body_base64": ["type": "string", "pattern": "^[A-Za-z0-9+/]*={0,2}$", "description": "bytes that are not UTF-8 (message version 2)"],
    ])

    public static let httpResponse = object("HTTPResponseMessage: the response_json pb_plugin_http_done_fn receives", required: ["status"], [
        "status": ["type": "integer", "minimum": 0, "maximum": 599],
        "headers": stringMap,
        "body": string,
        "body_base64": ["type": "string", "pattern": "^[A-Za-z0-9+/]*={0,2}$"],
        "error": error,
    ])

    private static let inboundWebhook = object("InboundWebhook", required: ["body"], ["headers": stringMap, "body": string])

    /// The payload of `pb_plugin_call` for `method`: which members each method is sure to find.
    public static func call(for method: PluginMethod) -> JSONValue {
        var required = ["config"]
        switch method {
        case .invoke: required += ["action", "input"]
        case .parseWebhook: required += ["webhook"]
        case .check, .discover: break
        }
        return object("PluginCall for \(method.rawValue)", required: required, [
            "action": ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"],
            "input": ["type": "object"],
            "config": ["type": "object"],
            "credentials": stringMap,
            "webhook": inboundWebhook,
            "checked_addresses": stringMap,
        ])
    }

    public static let checkResult = object("CheckResult: check's result", required: ["ok", "message"], [
        "ok": ["type": "boolean"], "message": string,
    ])

    public static let discoveredSchema: JSONValue = object("DiscoveredSchema: discover's result",
                                                           required: ["objects", "relationships", "operations"], [
        "objects": ["type": "array", "items": object("SchemaObject", required: ["name", "fields"], [
            "name": nonEmpty, "description": string,
            "fields": ["type": "array", "items": object("SchemaField", required: ["name", "type"], [
                "name": nonEmpty,
                "type": ["enum": ["null", "boolean", "integer", "number", "string", "array", "object"]],
                "nullable": ["type": "boolean"], "description": string, "native_type": string, "primary_key": ["type": "boolean"],
            ])],
        ])],
        "relationships": ["type": "array", "items": object("SchemaRelationship",
                                                           required: ["from", "to", "cardinality", "from_fields", "to_fields"], [
            "from": nonEmpty, "to": nonEmpty,
            "cardinality": ["enum": ["one_to_one", "one_to_many", "many_to_one", "many_to_many"]],
            "from_fields": strings, "to_fields": strings,
        ])],
        "operations": ["type": "array", "items": object("SchemaOperation", required: ["object", "kind", "action", "description"], [
            "object": nonEmpty, "kind": ["enum": ["lookup", "list", "create", "update", "delete"]],
            "action": nonEmpty, "description": string,
        ])],
    ])

    public static let webhookEvents: JSONValue = [
        "title": "parse_webhook's result: the events in one webhook",
        "type": "array",
        "items": [
            "type": "object", "required": ["id", "type", "key"],
            "properties": [
                "id": nonEmpty, "type": string, "key": nonEmpty,
                "occurred_at": string,
                "payload": [:],
                "payload_is_body": ["type": "boolean", "description": "since ABI 1.1: the webhook's body is the payload"],
            ],
            "anyOf": [["required": ["payload"]], ["required": ["payload_is_body"]]],
        ],
    ]

    public static let manifest = object("Manifest: pb_plugin_descriptor.manifest_json",
                                        required: ["id", "name", "version", "category", "description", "auth", "actions"], [
        "id": ["type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$"],
        "name": nonEmpty, "version": nonEmpty, "category": nonEmpty, "description": nonEmpty,
        "base_url": string, "base_url_config_field": string, "allowed_hosts": strings,
        "auth": object("AuthScheme", required: ["type"], [
            "type": ["enum": ["none", "bearer", "header", "basic", "query", "plugin"]],
            "credential": string, "header": string, "param": string, "username": string, "password": string,
        ]),
        "credentials": ["type": "array", "items": object("CredentialField", required: ["name"], [
            "name": nonEmpty, "label": string, "description": string, "required": ["type": "boolean"], "pattern": string,
        ])],
        "config_schema": ["type": "object"],
        "network_targets": ["type": "array", "items": object("NetworkTarget", required: ["field", "kind"], [
            "field": nonEmpty, "kind": ["enum": ["url", "postgres_dsn"]],
        ])],
        "actions": ["type": "array", "minItems": 1, "items": object("ActionSpec",
                                                                     required: ["name", "description", "input_schema", "output_schema"], [
            "name": ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"],
            "title": string, "description": nonEmpty,
            "input_schema": ["type": "object"], "output_schema": ["type": "object"],
            "important": ["type": "boolean"], "mutating": ["type": "boolean"],
            "examples": ["type": "array", "items": ["type": "object"]],
            "timeout_ms": ["type": "integer", "minimum": 1, "maximum": 600000],
        ])],
        "packs": ["type": "array", "items": ["type": "object"]],
        "oauth": ["type": "object"],
        "supports_discovery": ["type": "boolean"],
        "webhooks": ["type": "object"],
    ])
}
