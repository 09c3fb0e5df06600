import Hummingbird
import PatchbayServices
import PatchbayWire

/// API keys of the caller's account. Managing keys needs `admin`, so a key never mints a stronger one.
enum APIKeyRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let keys = patchbay.apiKeys
        return [
            Endpoint(method: .post, path: "/v1/api-keys", summary: "Create an API key. The key is in this response only.",
                     tag: "api-keys", access: .key(.admin),
                     requestBody: APISchema.object([
                         "scopes": APISchema.array(APISchema.enumeration(Scope.self), minItems: 1),
                         "rate_limit": rateLimit,
                     ], required: ["scopes"]),
                     response: APISchema.ref("APIKeyCreated"), successStatus: 201) { _, context in
                let names = context.input["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let scopes = try Scope.parse(names.joined(separator: ","))
                let issued = try await keys.create(principal: try context.requirePrincipal(), scopes: scopes,
                                                   rateLimit: context.input["rate_limit"]?.intValue)
                var view = Views.apiKey(issued.record).objectValue ?? [:]
                view["key"] = .string(issued.key)
                return JSONResponse.make(.object(view), status: .created)
            },
            Endpoint(method: .get, path: "/v1/api-keys", summary: "The account's API keys: prefix, scopes and dates.",
                     tag: "api-keys", access: .key(.admin), response: APISchema.list(of: APISchema.ref("APIKey"))) { _, context in
                let records = try await keys.list(principal: try context.requirePrincipal())
                return JSONResponse.make(["data": .array(records.map(Views.apiKey))])
            },
            Endpoint(method: .patch, path: "/v1/api-keys/{id}",
                     summary: "Change a key's own rate limit; it applies from the key's next request.",
                     tag: "api-keys", access: .key(.admin),
                     requestBody: APISchema.object(["rate_limit": rateLimit], required: ["rate_limit"]),
                     response: APISchema.ref("APIKey")) { _, context in
                let record = try await keys.setRateLimit(principal: try context.requirePrincipal(), id: try context.parameters.require("id"),
                                                         rateLimit: context.input["rate_limit"]?.intValue)
                return JSONResponse.make(Views.apiKey(record))
            },
            Endpoint(method: .delete, path: "/v1/api-keys/{id}",
                     summary: "Revoke an API key; it stops working at once. The key making the request needs force=true.",
                     tag: "api-keys", access: .key(.admin),
                     parameters: [.query("force", APISchema.boolean, description: "Required to revoke the key making the request.")],
                     response: APISchema.ref("APIKey"), errors: [409]) { request, context in
                let record = try await keys.revoke(principal: try context.requirePrincipal(), id: try context.parameters.require("id"),
                                                   force: RequestInput.query(request, "force") == "true")
                return JSONResponse.make(Views.apiKey(record))
            },
        ]
    }

    /// A key's own budget in a request body; 0 hands it back to the host's.
    private static let rateLimit: JSONValue = [
        "type": "integer", "minimum": 0, "maximum": .integer(Int64(APIRateLimitSettings.maxRequests)),
        "description": "Requests per rate-limit window for this key; 0 uses the host's --api-rate-limit.",
    ]
}
