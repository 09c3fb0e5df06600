public import PatchbayClock
public import PatchbayPlugins

extension PluginClock {
    /// The host's clock as the plugin loader takes it (the SDK names no host module): a
    /// registry made with it sets its calls' deadlines on `clock` and shows its plugins its time.
    public convenience init(_ clock: any HostClock) {
        self.init(wallMillis: { clock.wallMillis }, now: { clock.now }, sleep: { try await clock.sleep(until: $0) })
    }
}
