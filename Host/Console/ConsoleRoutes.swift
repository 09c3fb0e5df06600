public import Hummingbird
public import PatchbayServices

/// Serves the console under `/console`: the sign-in and sign-out forms, the pages and their
/// assets. The pages hold no data; their scripts read and change everything through the API
/// with the session cookie, so the console can do exactly what the signed-in key can.
public enum ConsoleRoutes {
    public static func add<Context: RequestContext>(to router: Router<Context>, patchbay: Patchbay) {
        let renderer = ConsoleRenderer(oauthCallback: patchbay.settings.publicURL?.oauthCallback)
        let sessions = patchbay.consoleSessions

        router.get("/console") { request, _ -> Response in
            let signedIn = try await ConsoleVisitor.of(request, patchbay: patchbay) != nil
            return .redirect(to: signedIn ? "/console/catalog" : "/console/login")
        }
        router.get("/console/login") { request, _ -> Response in
            if try await ConsoleVisitor.of(request, patchbay: patchbay) != nil { return .redirect(to: "/console/catalog") }
            return signInPage(renderer, request: request, error: nil, status: .ok)
        }
        router.post("/console/login") { request, context -> Response in
            let form = try? await URLEncodedFormDecoder().decode(SignInForm.self, from: request, context: context)
            // The form must repeat the value its page set in a cookie: another site can post
            // the form but cannot read or set that cookie.
            guard let form, let expected = request.cookies[ConsoleCookies.signIn]?.value,
                  (try? ConsoleSessions.check(form.nonce, against: expected)) != nil else {
                return signInPage(renderer, request: request, error: "The sign-in form expired. Please try again.", status: .forbidden)
            }
            let started: (sealed: String, session: ConsoleSession, principal: Principal)
            do {
                started = try await sessions.start(key: form.key)
            } catch let error as ServiceError where error.kind == .unauthenticated {
                return signInPage(renderer, request: request, error: "That API key is not valid.", status: .unauthorized)
            }
            let secure = ConsoleCookies.secure(request)
            var response = Response.redirect(to: "/console/catalog")
            response.setCookie(ConsoleCookies.sessionCookie(started.sealed, maxAge: Int(ConsoleSessions.lifetime / 1000), secure: secure))
            response.setCookie(ConsoleCookies.cleared(ConsoleCookies.signIn, path: "/console", secure: secure))
            return response
        }
        router.post("/console/logout") { request, context -> Response in
            let secure = ConsoleCookies.secure(request)
            guard let cookie = request.cookies[ConsoleCookies.session],
                  let session = try? sessions.open(cookie.value) else {
                var response = Response.redirect(to: "/console/login")
                response.setCookie(ConsoleCookies.cleared(ConsoleCookies.session, path: "/", secure: secure))
                return response
            }
            let form = try? await URLEncodedFormDecoder().decode(SignOutForm.self, from: request, context: context)
            guard (try? ConsoleSessions.check(form?.csrf, against: session.csrfToken)) != nil else {
                throw ServiceError(.forbidden, "csrf_token_invalid", "the sign-out form must carry the session's CSRF token")
            }
            var response = Response.redirect(to: "/console/login")
            response.setCookie(ConsoleCookies.cleared(ConsoleCookies.session, path: "/", secure: secure))
            return response
        }
        router.get("/console/assets/:name") { _, context -> Response in
            guard let asset = ConsoleAssets.all[try context.parameters.require("name")] else {
                throw HTTPError(.notFound)
            }
            return asset.response()
        }
        router.get("/console/:page") { request, context -> Response in
            try await page(renderer, request: request, patchbay: patchbay, name: try context.parameters.require("page"), id: nil)
        }
        router.get("/console/:page/:id") { request, context -> Response in
            try await page(renderer, request: request, patchbay: patchbay, name: try context.parameters.require("page"),
                           id: try context.parameters.require("id"))
        }
    }

    private static func page(_ renderer: ConsoleRenderer, request: Request, patchbay: Patchbay,
                             name: String, id: String?) async throws -> Response {
        guard let visitor = try await ConsoleVisitor.of(request, patchbay: patchbay) else {
            return .redirect(to: "/console/login")
        }
        guard let page = ConsolePage.find(name, takesID: id != nil) else {
            return renderer.message("Not found", "There is no such page in the console.", visitor: visitor, status: .notFound)
        }
        guard visitor.may(page.scope) else {
            return renderer.message("Not allowed", "This API key lacks the \(page.scope.rawValue) scope this page needs.",
                                    visitor: visitor, status: .forbidden)
        }
        return renderer.page(page, visitor: visitor, id: id)
    }

    /// The sign-in form with a fresh one-time value, set in its cookie too.
    private static func signInPage(_ renderer: ConsoleRenderer, request: Request, error: String?,
                                   status: HTTPResponse.Status) -> Response {
        let nonce = ConsoleSessions.token()
        var response = renderer.signIn(nonce: nonce, error: error, status: status)
        response.setCookie(ConsoleCookies.signInCookie(nonce, secure: ConsoleCookies.secure(request)))
        return response
    }
}
