import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayWire

/// Plays the user's browser in an OAuth flow: opens the consent page (the fake consents at
/// once) and reads where the provider sends the user back, without following it, so a test
/// can follow it, replay it or tamper with it.
enum OAuthBrowser {
    /// The provider's redirect back to the host, from visiting `oauthURL`.
    static func consent(_ oauthURL: String) async throws -> URLComponents {
        let (status, headers, body) = try await get(oauthURL)
        guard status == 302, let location = headers["location"], let components = URLComponents(string: location) else {
            throw TestHostError.unexpected("consent page answered \(status): \(body)")
        }
        return components
    }

    /// What a browser's `Accept` says when it navigates a tab.
    static let navigationAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

    /// Follows a redirect to the host's callback and returns the host's answer; `accept`, when
    /// given, is sent as the `Accept` header.
    static func callback(_ redirect: URLComponents, accept: String? = nil) async throws -> TestHost.Reply {
        let (status, headers, body) = try await get(try XCTUnwrapURL(redirect), accept: accept)
        return TestHost.Reply(status: status, headers: headers, body: body)
    }

    /// The whole round trip: consent, then back to the host.
    static func authorize(_ oauthURL: String) async throws -> TestHost.Reply {
        try await callback(try await consent(oauthURL))
    }

    static func get(_ url: String, accept: String? = nil) async throws -> (Int, [String: String], String) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            var request = HTTPClientRequest(url: url)
            if let accept { request.headers.add(name: "Accept", value: accept) }
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            try await client.shutdown()
            return (Int(response.status.code), headers, String(buffer: body))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// `redirect` with one query parameter replaced (or removed, with nil).
    static func replacing(_ name: String, with value: String?, in redirect: URLComponents) -> URLComponents {
        var copy = redirect
        var items = (copy.queryItems ?? []).filter { $0.name != name }
        if let value { items.append(URLQueryItem(name: name, value: value)) }
        copy.queryItems = items
        return copy
    }

    private static func XCTUnwrapURL(_ components: URLComponents) throws -> String {
        guard let url = components.string else { throw TestHostError.unexpected("bad redirect \(components)") }
        return url
    }
}

extension URLComponents {
    func query(_ name: String) -> String? { queryItems?.first { $0.name == name }?.value }
}
