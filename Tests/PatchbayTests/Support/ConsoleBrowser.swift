import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Plays a browser against a test host's console: keeps the cookies it is given, sends them
/// back, and never follows a redirect, so a test sees each `Set-Cookie` and `Location`.
/// Unchecked for `cookies`: a browser belongs to one test, which sends its requests one after
/// another, as a person at one browser would; the compiler cannot see that.
final class ConsoleBrowser: @unchecked Sendable {
    struct Reply {
        let status: Int
        let body: String
        let location: String?
        /// Every `Set-Cookie` header of the reply, as sent.
        let setCookies: [String]

        func setCookie(_ name: String) -> String? { setCookies.first { $0.hasPrefix(name + "=") } }
    }

    let baseURL: String
    private(set) var cookies: [String: String] = [:]
    private let client: HTTPClient

    init(baseURL: String) {
        self.baseURL = baseURL
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws { try await client.shutdown() }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil,
                 contentType: String = "application/json") async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        if !cookies.isEmpty {
            request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 10 << 20)
        let setCookies = response.headers["Set-Cookie"]
        for header in setCookies {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard let name = pair.first.map(String.init) else { continue }
            let value = pair.count > 1 ? String(pair[1]) : ""
            // Max-Age=0 tells the browser to drop the cookie.
            cookies[name] = header.contains("Max-Age=0") ? nil : value
        }
        return Reply(status: Int(response.status.code), body: String(buffer: buffer),
                     location: response.headers.first(name: "Location"), setCookies: setCookies)
    }

    /// Form fields in `application/x-www-form-urlencoded`, as an HTML form posts them.
    static func form(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// Opens the sign-in page and posts the key with the page's one-time value.
    @discardableResult
    func signIn(key: String) async throws -> Reply {
        let page = try await request("GET", "/console/login")
        let nonce = try Self.hiddenValue("nonce", in: page.body)
        return try await request("POST", "/console/login", body: Self.form(["key": key, "nonce": nonce]),
                                 contentType: "application/x-www-form-urlencoded")
    }

    /// The CSRF token a signed-in page carries for its scripts.
    func csrfToken() async throws -> String {
        let page = try await request("GET", "/console/catalog")
        guard let range = page.body.range(of: #"<meta name="csrf-token" content="([^"]+)""#, options: .regularExpression) else {
            throw ConsoleBrowserError.missing("csrf-token meta tag")
        }
        return String(page.body[range].split(separator: "\"")[3])
    }

    static func hiddenValue(_ name: String, in html: String) throws -> String {
        guard let range = html.range(of: #"name="\#(name)" value="([^"]+)""#, options: .regularExpression) else {
            throw ConsoleBrowserError.missing("hidden field \(name)")
        }
        return String(html[range].split(separator: "\"")[3])
    }
}

enum ConsoleBrowserError: Error {
    case missing(String)
}
