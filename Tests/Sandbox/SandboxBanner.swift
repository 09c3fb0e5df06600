import Foundation
import PatchbayFakes

/// What the sandbox prints on start: what it is, where each fake lives, and how to point
/// the host at it.
struct SandboxBanner {
    var upstreams: FakeUpstreams
    /// Where the fake OAuth servers send users back to.
    var redirectURI: String

    var text: String {
        let urls = upstreams.baseURLs.sorted { $0.key < $1.key }
        let width = urls.map(\.key.count).max() ?? 0
        var lines: [String] = [
            "",
            "  PATCHBAY SANDBOX: fake provider APIs for local trials.",
            "  These are NOT the real services. Nothing sent here leaves this machine.",
            "",
            "  Fake APIs on http://\(FakeUpstreams.host):\(upstreams.port):",
        ]
        for (name, url) in urls {
            lines.append("    " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + url)
        }
        lines += [
            "",
            "  Sandbox Slack workspace \"\(FakeSlack.teamName)\" (\(FakeSlack.teamID)), bot token:",
            "    \(FakeSlack.sandboxToken)",
            "",
            "  Point the host at the fakes:",
            "    export PATCHBAY_UPSTREAMS=\(upstreams.upstreamsSetting)",
            "    export PATCHBAY_OAUTH_ENDPOINTS=\(upstreams.oauthEndpointsSetting)",
            "",
            "  Fake OAuth servers consent at once for the app \(FakeOAuthServers.sandboxClientID)",
            "    (secret \(FakeOAuthServers.sandboxClientSecret), redirect URI \(redirectURI)).",
            "  Revoke the tokens one of them issued: POST http://\(FakeUpstreams.host):\(upstreams.port)/<provider>_oauth/_sandbox/revoke",
            "",
            "  Press Ctrl-C to stop.",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
