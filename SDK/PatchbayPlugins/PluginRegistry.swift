public import Foundation
public import PatchbayWire

/// A plugin the host accepted, reachable through its channel.
public final class LoadedPlugin: Sendable {
    public let manifest: Manifest
    public let path: String
    let channel: any PluginChannel
    private let observer: any PluginObserver
    private let clock: PluginClock

    /// `path` says where the provider came from: a library's file, or the host's own source
    /// of a provider it runs itself (a declarative connector). Every call goes through `observer`,
    /// and its deadline is on `clock`.
    public init(manifest: Manifest, path: String, channel: any PluginChannel, observer: any PluginObserver, clock: PluginClock) {
        self.manifest = manifest
        self.path = path
        self.channel = channel
        self.observer = observer
        self.clock = clock
    }

    public var id: String { manifest.id }

    /// How many completions this plugin sent for calls that were no longer in flight.
    public var ignoredCompletions: Int { channel.ignoredCompletions }

    /// Calls the plugin. Never throws: a failed, timed-out or cancelled call is a `.failure`.
    /// `timeout` is measured on the host's clock.
    public func call(_ method: PluginMethod, _ call: PluginCall, context: PluginCallContext, timeout: Duration) async -> PluginReply {
        await self.call(method, call, context: context, timeout: timeout) { $0 }
    }

    /// Calls `parse_webhook` and reads the events from the same parse that checks the result
    /// against its schema, where `call` would check it and leave the caller to read it again.
    /// The refusals are `call`'s; `.success(nil)` is a result that matches the schema but does
    /// not read as events.
    public func parseWebhook(_ call: PluginCall, context: PluginCallContext, timeout: Duration) async
        -> Result<[WebhookEvent]?, PluginError>
    {
        var context = context
        context.checksResultItself = true
        let check = PluginMessageCheck(plugin: id, observer: observer)
        var events: [WebhookEvent]?
        let reply = await self.call(.parseWebhook, call, context: context, timeout: timeout) { reply in
            guard case .success(let payload) = reply else { return reply }
            switch check.webhookEvents(payload) {
            case .success(let read):
                events = read
                return reply
            case .failure(let refusal):
                return .failure(refusal)
            }
        }
        switch reply {
        case .success: return .success(events)
        case .failure(let error): return .failure(error)
        }
    }

    /// Calls the plugin with payload bytes as they are, e.g. to check how it handles a malformed one.
    /// The observer sees each call (the host makes it a span of the caller's trace).
    public func call(_ method: PluginMethod, payload: Data, context: PluginCallContext, timeout: Duration) async -> PluginReply {
        await self.call(method, payload: payload, context: context, timeout: timeout) { $0 }
    }

    private func call(_ method: PluginMethod, _ call: PluginCall, context: PluginCallContext, timeout: Duration,
                      finish: (PluginReply) -> PluginReply) async -> PluginReply {
        guard let payload = try? WireCoding.encode(call) else {
            return .failure(PluginError(code: "host_error", message: "could not encode the call"))
        }
        return await self.call(method, payload: payload, context: context, timeout: timeout, finish: finish)
    }

    /// `finish` sees the channel's reply within the observed call, so a reply it refuses is
    /// observed as the failure it becomes.
    private func call(_ method: PluginMethod, payload: Data, context: PluginCallContext, timeout: Duration,
                      finish: (PluginReply) -> PluginReply) async -> PluginReply {
        await observer.observeCall(method, plugin: id, context: context) { context in
            finish(await channel.call(method: method, payload: payload, context: context, timeout: timeout, clock: clock))
        }
    }
}

/// One line of `patchbay plugins`: a loaded plugin, or a refused one with its reason.
public struct PluginStatus: Sendable, Equatable {
    public enum State: String, Sendable { case enabled, disabled }
    /// Where the plugin's code runs: in the host's process, or in a worker process of its own.
    public enum Mode: String, Sendable { case inProcess = "in_process", process }

    public var id: String?
    public var name: String?
    public var version: String?
    public var path: String
    public var state: State
    public var reason: String?
    /// For a refused plugin, where it was to run.
    public var isolation: Mode
    /// Times the plugin's worker died since it loaded, and how the last one ended.
    public var crashes = 0
    public var lastCrash: String?
    /// Kept from calls after crashing too often; `reason` says why. Lasts until the host restarts.
    public var quarantined = false
}

/// Every plugin the host tried to load. The only way the rest of the host reaches a plugin.
// Unchecked: `loaded` and `order` are only read and written under `lock`.
public final class PluginRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: LoadedPlugin] = [:]
    private var order: [PluginStatus] = []
    /// Told what the registry and its plugins' channels do; for the host's own providers too.
    public let observer: any PluginObserver
    /// The host's clock: every call's deadline through this registry is on it, as are an
    /// isolated plugin's restart backoff, crash window and graceful stop, and in-process
    /// plugins read its wall time through `pb_host_clock_now_ms`. A library is loaded once per
    /// process, so every registry that opens it shares the first one's wall time, as it shares
    /// its observer; the deadlines stay each registry's own.
    public let clock: PluginClock

    public init(observer: any PluginObserver, clock: PluginClock = .system) {
        self.observer = observer
        self.clock = clock
    }

    /// Where a plugin's code runs.
    public enum Isolation: Sendable, Equatable {
        /// Loaded into the host process: the fastest calls; a crash in the plugin is a crash of the host.
        case inProcess
        /// Loaded by a `patchbay-plugin-worker` process at this path: a crash fails only the
        /// calls in flight, and the worker is restarted.
        case process(worker: String)
    }

    /// Loads each file in order. A refused plugin is recorded as disabled and the rest go on.
    public func load(paths: [String]) {
        for path in paths { load(path: path) }
    }

    @discardableResult
    public func load(path: String, isolation: Isolation = .inProcess) -> PluginStatus {
        let status: PluginStatus
        let mode: PluginStatus.Mode = isolation == .inProcess ? .inProcess : .process
        do {
            let plugin = try accept(path: path, isolation: isolation)
            status = PluginStatus(id: plugin.id, name: plugin.manifest.name, version: plugin.manifest.version,
                                  path: path, state: .enabled, isolation: mode)
            observer.log(.info, "loaded plugin", metadata: ["plugin": plugin.id, "path": path])
        } catch {
            status = PluginStatus(id: nil, name: nil, version: nil, path: path, state: .disabled, reason: error.description,
                                  isolation: mode)
            observer.log(.error, "refused plugin", metadata: ["path": path, "reason": error.description])
        }
        lock.withLock { order.append(status) }
        return status
    }

    private func accept(path: String, isolation: Isolation) throws(PluginRefusal) -> LoadedPlugin {
        let manifest: Manifest
        let channel: any PluginChannel
        switch isolation {
        case .inProcess:
            let inspected = try PluginLoader.inspect(path: path, observer: observer)
            manifest = inspected.manifest
            // Refuse a duplicate before its init runs, so a second copy never starts.
            if let existing = lock.withLock({ loaded[manifest.id] }) {
                throw .duplicateID(id: manifest.id, loadedFrom: existing.path)
            }
            channel = try PluginLoader.channel(for: inspected, observer: observer, clock: clock)
        case .process(let worker):
            let (processChannel, workerManifest) = try ProcessChannel.start(path: path, workerPath: worker, clock: clock, observer: observer)
            manifest = workerManifest
            channel = processChannel
        }
        let plugin = LoadedPlugin(manifest: manifest, path: path, channel: channel, observer: observer, clock: clock)
        lock.lock()
        defer { lock.unlock() }
        if let existing = loaded[manifest.id] {
            (channel as? ProcessChannel)?.stop()
            throw .duplicateID(id: manifest.id, loadedFrom: existing.path)
        }
        loaded[manifest.id] = plugin
        return plugin
    }

    /// The graceful stop of every plugin: each one's pb_plugin_shutdown runs once (an isolated
    /// plugin's in its worker, which then exits) and no plugin takes calls afterwards. An
    /// in-process plugin is never loaded twice in a process, so this is for a host that is
    /// about to exit.
    public func shutdown() async {
        let plugins = lock.withLock { Array(loaded.values) }
        await withTaskGroup(of: Void.self) { group in
            for plugin in plugins {
                group.addTask { await plugin.channel.shutdown() }
            }
        }
    }

    /// Ends the worker processes of isolated plugins (each shuts its plugin down as it
    /// exits); in-process plugins keep serving.
    public func stopWorkers() {
        for plugin in lock.withLock({ Array(loaded.values) }) {
            (plugin.channel as? ProcessChannel)?.stop()
        }
    }

    public func plugin(_ id: String) -> LoadedPlugin? {
        lock.withLock { loaded[id] }
    }

    /// Enabled plugins, sorted by id.
    public var plugins: [LoadedPlugin] {
        lock.withLock { loaded.values.sorted { $0.id < $1.id } }
    }

    /// Every plugin tried, in load order, with its crashes so far. A plugin quarantined since
    /// it loaded shows as disabled, with why.
    public var statuses: [PluginStatus] {
        lock.withLock {
            order.map { status in
                guard let id = status.id, let channel = loaded[id]?.channel else { return status }
                var current = status
                (current.crashes, current.lastCrash) = channel.crashHistory
                if let reason = channel.quarantineReason {
                    current.state = .disabled
                    current.reason = reason
                    current.quarantined = true
                }
                return current
            }
        }
    }
}

extension PluginRegistry {
    /// The shared libraries to load from a plugins directory. `onlyShipped` restricts the scan to
    /// the shipped providers' names (`libPatchbay*.so`), for the default directory next to the
    /// executable, which a build also fills with other libraries.
    public static func pluginFiles(in directory: String, onlyShipped: Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names
            .filter { $0.hasSuffix(".so") || $0.hasSuffix(".dylib") }
            .filter { !onlyShipped || $0.hasPrefix("libPatchbay") }
            .sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }
}
