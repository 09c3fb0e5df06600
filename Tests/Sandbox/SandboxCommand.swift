import ArgumentParser
import Foundation
import Logging
import PatchbayFakes

/// `patchbay-sandbox`: serves the fake provider APIs on loopback so the host can be tried
/// locally without real accounts. Nothing here talks to a real provider.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchbay-sandbox",
        abstract: "Serve fake provider APIs (a SANDBOX, not the real services) on 127.0.0.1 for local trials."
    )

    @Option(name: .long, help: "Port to listen on (0 picks a free one).")
    var port: Int = 4010

    @Option(name: .long, help: "Where the Patchbay host listens: the fake OAuth servers send users back to its /oauth/callback.")
    var hostURL = FakeOAuthServers.defaultHostURL

    @Option(name: .long, help: "Seconds the access tokens the fake OAuth servers issue live (under 120, the host refreshes before every call).")
    var tokenLifetime: Int?

    @Option(name: .long, help: "Milliseconds every fake holds each answer back, like a slow provider (0: answer at once). GET /_sandbox/load tells the requests in flight and the peak.")
    var latencyMs = 0

    @Flag(name: .long, help: "Log each request the fakes receive.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535.")
        }
        guard let url = URL(string: hostURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
              url.query == nil, url.path.isEmpty || url.path == "/"
        else {
            throw ValidationError("--host-url must be the host's base URL, like http://127.0.0.1:9090 (got \(hostURL))")
        }
        guard latencyMs >= 0 else {
            throw ValidationError("--latency-ms must be 0 or more (got \(latencyMs))")
        }
        if let tokenLifetime, tokenLifetime < 1 {
            throw ValidationError("--token-lifetime must be at least 1 second")
        }
    }

    func run() async throws {
        let upstreams = try await FakeUpstreams.start(
            port: port, logLevel: verbose ? .info : .warning, stopOnSignals: true, latency: .milliseconds(latencyMs))
        upstreams.oauth.registerSandboxApp(hostURL: hostURL)
        if let tokenLifetime { upstreams.oauth.setAccessTokenLifetime(tokenLifetime) }
        print(SandboxBanner(upstreams: upstreams, redirectURI: FakeOAuthServers.sandboxRedirectURI(hostURL: hostURL)).text)
        fflush(nil)  // every output stream: the banner must show before the server runs
        // Runs until SIGINT or SIGTERM shuts the server down gracefully.
        try await upstreams.waitUntilStopped()
        print("patchbay-sandbox stopped.")
    }
}
