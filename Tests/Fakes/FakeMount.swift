/// A fake provider API and the path prefix (also its name in `PATCHBAY_UPSTREAMS`) it is
/// served under.
struct FakeMount: Sendable {
    var name: String
    var fake: any FakeUpstream
}
