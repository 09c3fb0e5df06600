import Hummingbird
import PatchbayConsole
import PatchbayModel
import PatchbayServices
import PatchbayWire

/// Bring-your-own OAuth apps, authorization of connections, and the provider's redirect back.
enum OAuthRoutes {
    static func endpoints(_ patchbay: Patchbay) -> [Endpoint] {
        let oauth = patchbay.oauth
        return [
            Endpoint(method: .put, path: "/v1/oauth-apps/{provider}",
                     summary: "Set the account's own OAuth app for a provider. The client secret is write-only.",
                     tag: "oauth", access: .key(.integrationsWrite),
                     requestBody: APISchema.object([
                         "client_id": APISchema.id(), "client_secret": APISchema.text(min: 1, max: 2000, description: "Write-only."),
                         "scopes": APISchema.array(APISchema.id(), description: "Defaults to the provider's."),
                         "redirect_uri": APISchema.string(description: "This host's /oauth/callback URL, as registered with the provider. A new app defaults to the one under the host's public URL (serve --public-url); required on a host without one."),
                     ]),
                     response: APISchema.ref("OAuthApp")) { _, context in
                let input = context.input
                let draft = OAuthAppService.Draft(
                    clientID: input["client_id"]?.stringValue, clientSecret: input["client_secret"]?.stringValue,
                    scopes: input["scopes"]?.arrayValue?.compactMap(\.stringValue), redirectURI: input["redirect_uri"]?.stringValue)
                let app = try await oauth.apps.save(principal: try context.requirePrincipal(),
                                                    provider: try context.parameters.require("provider"), draft)
                return JSONResponse.make(Views.oauthApp(app))
            },
            Endpoint(method: .get, path: "/v1/oauth-apps", summary: "The account's OAuth apps.",
                     tag: "oauth", access: .key(.integrationsRead), response: APISchema.list(of: APISchema.ref("OAuthApp"))) { _, context in
                let apps = try await oauth.apps.list(principal: try context.requirePrincipal())
                return JSONResponse.make(["data": .array(apps.map(Views.oauthApp))])
            },
            Endpoint(method: .get, path: "/v1/oauth-apps/{provider}", summary: "One OAuth app, without its secret.",
                     tag: "oauth", access: .key(.integrationsRead), response: APISchema.ref("OAuthApp")) { _, context in
                let app = try await oauth.apps.get(principal: try context.requirePrincipal(),
                                                   provider: try context.parameters.require("provider"))
                return JSONResponse.make(Views.oauthApp(app))
            },
            Endpoint(method: .delete, path: "/v1/oauth-apps/{provider}",
                     summary: "Remove an OAuth app. Its connections keep their tokens but can no longer refresh.",
                     tag: "oauth", access: .key(.integrationsWrite), response: APISchema.view(["deleted": ["const": true]])) { _, context in
                try await oauth.apps.delete(principal: try context.requirePrincipal(), provider: try context.parameters.require("provider"))
                return JSONResponse.make(["deleted": true])
            },
            Endpoint(method: .post, path: "/v1/connections/{id}/authorize",
                     summary: "A new oauth_url for the connection: retry, re-authorize, or re-consent with a prompt.",
                     tag: "oauth", access: .key(.integrationsWrite),
                     requestBody: APISchema.object([
                         "prompt": APISchema.id(description: "One of the provider's prompt values, e.g. select_account."),
                     ]),
                     response: APISchema.ref("Authorization"), errors: [409]) { _, context in
                let authorization = try await oauth.authorize(principal: try context.requirePrincipal(),
                                                              connectionID: try context.parameters.require("id"),
                                                              prompt: context.input["prompt"]?.stringValue)
                return JSONResponse.make(Views.authorization(authorization))
            },
            Endpoint(method: .get, path: "/v1/connections/{id}/auth",
                     summary: "The connection's authorization: status with its reason, token expiry, last refresh.",
                     tag: "oauth", access: .key(.integrationsRead), response: APISchema.ref("ConnectionAuth")) { _, context in
                let (record, auth) = try await oauth.status(principal: try context.requirePrincipal(),
                                                            connectionID: try context.parameters.require("id"))
                return JSONResponse.make(Views.connectionAuth(record, auth))
            },
            Endpoint(method: .get, path: OAuthService.callbackPath,
                     summary: "Where providers send the user back after consent (the redirect URI). Completes the connection. A browser that asks for text/html gets a short page saying what happened in words instead, with the same status.",
                     tag: "oauth", access: .open,
                     parameters: [.query("code"), .query("state"), .query("error"), .query("error_description")],
                     response: APISchema.ref("Connection"), errors: [400, 404, 409, 502],
                     errorBody: APISchema.ref("ProviderError")) { request, _ in
                var query: [String: String] = [:]
                for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
                guard OAuthResultPage.wanted(by: request) else {
                    let record = try await oauth.complete(query: query)
                    try await patchbay.mcpServers.authorized(record)
                    return JSONResponse.make(Views.connection(record))
                }
                // The person's tab: the outcome in words. The tab that started the flow polls the
                // connection, so it updates itself either way.
                do {
                    let record = try await oauth.complete(query: query)
                    try await patchbay.mcpServers.authorized(record)
                    return OAuthResultPage.connected(provider: await oauth.providerName(of: record), label: record.label)
                } catch let error as ServiceError {
                    return OAuthResultPage.failed(provider: nil, message: error.message, status: APIError.status(for: error.kind))
                } catch let error as APIError {
                    return OAuthResultPage.failed(provider: nil, message: error.message, status: error.status)
                }
            },
        ]
    }
}
