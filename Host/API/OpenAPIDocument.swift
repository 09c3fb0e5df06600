import HTTPTypes
import PatchbayServices
import PatchbayWire

/// Builds the OpenAPI 3.1 document from the endpoint table the router is built from.
enum OpenAPIDocument {
    static func build(_ endpoints: [Endpoint], version: String) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for endpoint in endpoints {
            var parameters: [JSONValue] = endpoint.pathParameters.map { name in
                ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string", "minLength": 1]]
            }
            parameters += endpoint.parameters.map { parameter in
                var fields: [String: JSONValue] = ["name": .string(parameter.name), "in": .string(parameter.location.rawValue),
                                                   "required": .bool(parameter.required), "schema": parameter.schema]
                if let description = parameter.description { fields["description"] = .string(description) }
                return .object(fields)
            }
            if endpoint.idempotent { parameters.append(idempotencyKeyParameter) }
            var operation: [String: JSONValue] = [
                "operationId": .string(operationID(endpoint)),
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
                // An empty body reads as `{}`, so a body whose every field is optional may be left out.
                let required = !(body["required"]?.arrayValue ?? []).isEmpty
                operation["requestBody"] = ["required": .bool(required), "content": ["application/json": ["schema": body]]]
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
                "schemas": .object(APISchema.components),
                "headers": .object(Dictionary(uniqueKeysWithValues: (ResponseHeader.all + [ResponseHeader.allow]).map { header in
                    (header.name.rawName, header.component)
                })),
            ],
        ]
    }

    /// `post_v1_connections_id_actions_action_invoke`: unique, since a method and path are.
    static func operationID(_ endpoint: Endpoint) -> String {
        let words = endpoint.path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return ([endpoint.method.rawValue.lowercased()] + words).joined(separator: "_")
    }

    static let idempotencyKeyParameter: JSONValue = [
        "name": "Idempotency-Key", "in": "header", "required": false,
        "description": "Makes a retry safe: a repeat with the same key and request gets the first answer (Idempotent-Replayed: true) and does nothing again. Kept 24 hours by default; the same key with another request is 422 idempotency_key_reused.",
        "schema": ["type": "string", "minLength": 1, "maxLength": .integer(Int64(IdempotencyService.maxKeyLength)), "pattern": "^[!-~]+$"],
    ]

    private static func responses(_ endpoint: Endpoint) -> JSONValue {
        let error: JSONValue = ["description": "Error envelope", "content": ["application/json": ["schema": endpoint.errorBody]]]
        var responses: [String: JSONValue] = [:]
        var successes = endpoint.otherResponses
        successes[endpoint.successStatus] = endpoint.response
        for (status, schema) in successes {
            guard schema != .null else {
                responses[String(status)] = ["description": "Success, without a body"]
                continue
            }
            var content: [String: JSONValue] = [endpoint.mediaType: ["schema": schema]]
            if endpoint.streams { content["text/event-stream"] = ["schema": ["type": "string"]] }
            responses[String(status)] = ["description": "Success", "content": .object(content)]
        }
        let keyed = endpoint.keyed
        // 429 on every keyed route: the key spent its request budget (`serve --api-rate-limit`).
        // 409 and 422 on idempotent ones: a repeat whose first request still runs after the wait,
        // and a key reused with another request.
        let limits = keyed ? [429] : []
        let repeats = endpoint.idempotent ? [409, 422] : []
        for status in APISchema.commonErrors(keyed: keyed, takesBody: endpoint.requestBody != nil) + endpoint.errors + limits + repeats
        where responses[String(status)] == nil {
            responses[String(status)] = error
        }
        for (status, response) in responses {
            let headers = ResponseHeader.declared(for: endpoint, status: Int(status) ?? 0)
            guard !headers.isEmpty, var fields = response.objectValue else { continue }
            fields["headers"] = .object(Dictionary(uniqueKeysWithValues: headers.map { ($0.name.rawName, $0.reference) }))
            responses[status] = .object(fields)
        }
        return .object(responses)
    }
}
