/// A fake provider API and the path prefix (also its name in `PATCHBAY_UPSTREAMS`) it is
/// served under.
struct FakeMount: Sendable {
    var name: String
    var fake: any FakeUpstream
    /// Whether a shipped provider plugin talks to it, so that it belongs in the host's upstream
    /// overrides; an API reached only through connectors has no plugin to override.
    var hasPlugin = true
}
