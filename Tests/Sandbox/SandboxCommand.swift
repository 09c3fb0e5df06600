import ArgumentParser
import Foundation
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

    @Flag(name: .long, help: "Log each request the fakes receive.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535.")
        }
    }

    func run() async throws {
        let upstreams = try await FakeUpstreams.start(
            port: port, logLevel: verbose ? .info : .warning, stopOnSignals: true)
        upstreams.oauth.registerSandboxApp()
        print(SandboxBanner(upstreams: upstreams).text)
        fflush(stdout)
        // Runs until SIGINT or SIGTERM shuts the server down gracefully.
        try await upstreams.waitUntilStopped()
        print("patchbay-sandbox stopped.")
    }
}
