import PatchbayServices
import PatchbayWire

/// Builds the OpenAPI 3.1 document from the endpoint table the router is built from.
enum OpenAPIDocument {
    static func build(_ endpoints: [Endpoint], version: String) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for endpoint in endpoints {
            var parameters: [JSONValue] = endpoint.pathParameters.map { name in
                ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            parameters += endpoint.queryParameters.map { name in
                ["name": .string(name), "in": "query", "required": false, "schema": ["type": "string"]]
            }
            if endpoint.idempotent { parameters.append(idempotencyKeyParameter) }
            var operation: [String: JSONValue] = [
                "summary": .string(endpoint.summary),
                "tags": [.string(endpoint.tag)],
                "parameters": .array(parameters),
                "responses": responses(endpoint),
            ]
            if case .key(let scope) = endpoint.access {
                operation["security"] = [["apiKey": []]]
                operation["x-required-scope"] = .string(scope.rawValue)
            } else {
                operation["security"] = []
            }
            if let body = endpoint.requestBody {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
            }
            paths[endpoint.path, default: [:]][endpoint.method.rawValue.lowercased()] = .object(operation)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Patchbay API", "version": .string(version),
                     "description": "Integrations host for AI agents. Errors use one envelope: {\"error\": {\"code\", \"message\", \"field\"}}. A method a path does not serve answers 405 with Allow."],
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": [
                "securitySchemes": ["apiKey": ["type": "http", "scheme": "bearer", "description": "An API key from `patchbay keys create`."]],
                "schemas": ["Error": errorSchema],
            ],
        ]
    }

    static let errorSchema: JSONValue = [
        "type": "object",
        "required": ["error"],
        "properties": ["error": [
            "type": "object",
            "required": ["code", "message"],
            "properties": [
                "code": ["type": "string"], "message": ["type": "string"], "field": ["type": "string"],
                "execution_id": ["type": "string"], "retryable": ["type": "boolean"],
            ],
        ]],
    ]

    static let idempotencyKeyParameter: JSONValue = [
        "name": "Idempotency-Key", "in": "header", "required": false,
        "description": "Makes a retry safe: a repeat with the same key and request gets the first answer (Idempotent-Replayed: true) and does nothing again. Kept 24 hours by default; the same key with another request is 422 idempotency_key_reused.",
        "schema": ["type": "string", "minLength": 1, "maxLength": .integer(Int64(IdempotencyService.maxKeyLength)), "pattern": "^[!-~]+$"],
    ]

    private static func responses(_ endpoint: Endpoint) -> JSONValue {
        let error: JSONValue = ["description": "Error envelope", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        var responses: [String: JSONValue] = [String(endpoint.successStatus): ["description": "Success"]]
        if case .key = endpoint.access {
            // 429: the key spent its request budget (`serve --api-rate-limit`).
            for status in ["400", "401", "403", "404", "429"] { responses[status] = error }
        }
        for status in endpoint.otherErrorStatuses { responses[String(status)] = error }
        // A repeat whose first request still runs after the wait, and a key reused with another request.
        if endpoint.idempotent { for status in ["409", "422"] { responses[status] = error } }
        return .object(responses)
    }
}
