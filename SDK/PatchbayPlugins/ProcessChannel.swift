// glibc's siginfo_t reaches Swift through the Dispatch overlay's C module, which therefore owns
// its initializer for MemberImportVisibility (a release build refuses `siginfo_t()` without it).
import CDispatch
import Foundation
import PatchbayWire
import Synchronization

/// Calls a plugin that runs in its own worker process (`patchbay-plugin-worker`), so that a
/// plugin that crashes takes down only its worker.
///
/// When the worker dies, every call in flight fails at once with `plugin_crashed`, and a new
/// worker is started after a backoff that doubles with each crash. Calls that arrive meanwhile
/// wait for the new worker, each within its own deadline. A plugin that crashes
/// `maxCrashes` times within `crashWindow` is quarantined: its calls fail with
/// `plugin_quarantined` and the registry lists it as disabled with the reason, until restart.
/// The backoff, the crash window and a graceful stop's patience are measured on the host's
/// clock, which a test moves by hand.
///
/// The worker is a boundary: it starts with an allow-listed environment (never the host's
/// master key), receives no secret beyond what its call's payload carries (raw credentials,
/// only for plugins whose manifest asks for them), and its log lines and stderr are redacted
/// by the host with the secrets of its calls before they reach the host log.
// Unchecked: every stored var is read and written under `lock`.
final class ProcessChannel: PluginChannel, @unchecked Sendable {
    struct Policy: Sendable {
        var maxCrashes = 3
        var crashWindow: Duration = .seconds(60)
        var firstBackoff: Duration = .milliseconds(100)
        var maxBackoff: Duration = .seconds(5)
        /// How long a new worker may take to load the plugin and say so.
        var startTimeout: Duration = .seconds(10)
    }

    let pluginID: String
    private let path: String
    private let workerPath: String
    private let policy: Policy
    private let clock: PluginClock
    private let observer: any PluginObserver
    private let pending: PendingCalls
    private let secrets: CallSecrets
    private let lock = NSLock()
    private var worker: Worker?
    /// Calls that arrived while no worker was running, sent to the next one when it is ready.
    private var waiting: [UInt64: WorkerFrame] = [:]
    /// When each crash within the window happened, on `clock`.
    private var crashes: [ContinuousClock.Instant] = []
    /// The restart waiting out its backoff, until it spawns the next worker; `stop` cancels it.
    private var restart: Task<Void, Never>?
    /// Every crash since the plugin loaded, not only those in the window, and the last one's cause.
    private var crashTotal = 0
    private var lastCrash: String?
    private var quarantine: String?
    private var stopped = false

    /// Starts the first worker and returns the channel with the manifest the worker read.
    static func start(path: String, workerPath: String, policy: Policy = Policy(), clock: PluginClock,
                      observer: any PluginObserver) throws(PluginRefusal) -> (ProcessChannel, Manifest) {
        let secrets = CallSecrets()
        let (worker, manifest) = try Worker.spawn(path: path, workerPath: workerPath, timeout: policy.startTimeout, observer: observer,
                                                  secrets: secrets)
        let channel = ProcessChannel(pluginID: manifest.id, path: path, workerPath: workerPath, policy: policy, clock: clock,
                                     observer: observer, secrets: secrets)
        channel.adopt(worker)
        return (channel, manifest)
    }

    private init(pluginID: String, path: String, workerPath: String, policy: Policy, clock: PluginClock, observer: any PluginObserver,
                 secrets: CallSecrets) {
        self.pluginID = pluginID
        self.path = path
        self.workerPath = workerPath
        self.policy = policy
        self.clock = clock
        self.observer = observer
        self.secrets = secrets
        pending = PendingCalls(plugin: pluginID, observer: observer)
    }

    var ignoredCompletions: Int { pending.ignoredCompletions }

    /// Ends the worker for good: its stdin closes, it exits, and it is not restarted.
    func stop() {
        let (current, backingOff): (Worker?, Task<Void, Never>?) = lock.withLock {
            stopped = true
            defer { restart = nil }
            return (worker, restart)
        }
        backingOff?.cancel()
        current?.closeInput()
        failWaiting(with: Self.crashed("the plugin's worker was stopped"))
    }

    /// Stops the worker and waits for it to exit: closing its input is its cue to run the
    /// plugin's shutdown. A worker still running after the plugin's time for that, on the
    /// host's clock, is killed.
    func shutdown() async {
        stop()
        guard let running = lock.withLock({ worker }) else { return }
        let deadline = clock.now() + InProcessChannel.shutdownWait + .seconds(1)
        guard await !OneShot.event(running.onExit, orDeadline: deadline, on: clock) else { return }
        observer.log(.warning, "the plugin's worker did not exit in time: killed", metadata: ["plugin": pluginID])
        running.kill()
    }

    /// Why the plugin no longer takes calls, once quarantined.
    var quarantineReason: String? {
        lock.withLock { quarantine }
    }

    var crashHistory: (count: Int, last: String?) {
        lock.withLock { (crashTotal, lastCrash) }
    }

    func call(method: PluginMethod, payload: Data, context: PluginCallContext, timeout: Duration, clock: PluginClock) async -> PluginReply {
        if let quarantine = quarantineReason {
            return .failure(PluginError(code: "plugin_quarantined", message: quarantine))
        }
        let requestID = RequestIDs.next()
        secrets.begin(requestID, secrets: context.secrets)
        defer { secrets.end(requestID) }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pending.add(requestID, method: method, continuation: continuation, context: context, timeout: timeout,
                            clock: clock) { [weak self] in
                    guard let self else { return }
                    abandon(requestID, with: pending.timeoutReply(requestID, after: timeout, plugin: pluginID))
                }
                send(WorkerFrame(.call, id: requestID, method: method.rawValue, payload: payload), requestID: requestID)
            }
        } onCancel: {
            abandon(requestID, with: .cancelled)
        }
    }

    /// Sends the call to the running worker, or keeps it for the next one while the worker
    /// restarts (its deadline still runs). A send that fails means that worker just died.
    private func send(_ frame: WorkerFrame, requestID: UInt64) {
        var failed: Worker?
        while true {
            let (target, refusal): (Worker?, PluginError?) = lock.withLock {
                if let worker, worker !== failed { return (worker, nil) }
                if let quarantine { return (nil, PluginError(code: "plugin_quarantined", message: quarantine)) }
                if stopped { return (nil, Self.crashed("the plugin's worker was stopped")) }
                waiting[requestID] = frame
                return (nil, nil)
            }
            guard let target else {
                if let refusal { pending.answer(requestID, with: .failure(refusal), isCompletion: false) }
                return
            }
            if target.writer.send(frame) { return }
            failed = target
        }
    }

    private func abandon(_ requestID: UInt64, with reply: PluginReply) {
        guard pending.answer(requestID, with: reply, isCompletion: false) else { return }
        let current: Worker? = lock.withLock {
            // A call given up while waiting for a worker is never sent.
            guard waiting.removeValue(forKey: requestID) == nil else { return nil }
            return worker
        }
        current?.writer.send(WorkerFrame(.cancel, id: requestID))
    }

    /// Answers every call waiting for a worker that will not come.
    private func failWaiting(with error: PluginError) {
        let ids = lock.withLock {
            defer { waiting.removeAll() }
            return Array(waiting.keys)
        }
        for id in ids { pending.answer(id, with: .failure(error), isCompletion: false) }
    }

    // MARK: Frames from the worker

    private func adopt(_ worker: Worker) {
        let (queued, isStopped): ([WorkerFrame], Bool) = lock.withLock {
            self.worker = worker
            defer { waiting.removeAll() }
            return (waiting.sorted { $0.key < $1.key }.map(\.value), stopped)
        }
        // Stopped while this worker started: it is told to exit like the one it replaces, and
        // read until it has, so that it is reaped.
        if isStopped { worker.closeInput() }
        // If this worker dies before they are all sent, they are its calls in flight and fail with it.
        for frame in queued { worker.writer.send(frame) }
        let thread = Thread { [self] in
            while let frame = worker.reader.next() {
                handle(frame, from: worker)
            }
            workerExited(worker)
        }
        thread.name = "patchbay-worker-\(pluginID)"
        thread.start()
    }

    private func handle(_ frame: WorkerFrame, from worker: Worker) {
        switch frame.kind {
        case .complete:
            guard let id = frame.id else { return }
            if !pending.complete(id, ok: frame.ok == true, payload: frame.payload ?? Data()) {
                observer.log(.debug, "ignored a completion for a call that is not in flight", metadata: ["plugin": pluginID, "request_id": "\(id)"])
            }
        case .http:
            guard let id = frame.id else { return }
            let respond: @Sendable (HTTPResponseMessage) -> Void = { response in
                worker.writer.send(WorkerFrame(.httpResponse, id: id, payload: try? WireCoding.encode(response)))
            }
            guard let call = frame.call, pending.send(frame.payload ?? Data(), for: call, deliver: respond) else {
                respond(.failure(PluginError(code: "unknown_call", message: "HTTP request for a call that is not in flight")))
                return
            }
        default:
            return
        }
    }

    // MARK: Crashes

    private func workerExited(_ worker: Worker) {
        let description = Worker.describe(worker.wait())
        let now = clock.now()
        // From here new calls wait for the next worker; only those sent to this one fail. The
        // crash is counted before they are answered, so their callers find it in the plugin's status.
        let counted: (crashes: Int, quarantined: Bool)? = lock.withLock {
            if self.worker === worker { self.worker = nil }
            guard !stopped else { return nil }
            crashes = crashes.filter { now - $0 < policy.crashWindow } + [now]
            crashTotal += 1
            lastCrash = "the worker \(description)"
            if crashes.count >= policy.maxCrashes {
                quarantine = "quarantined after \(crashes.count) crashes within \(policy.crashWindow); last: the worker \(description)"
            }
            return (crashes.count, quarantine != nil)
        }
        guard let counted else { return }
        pending.answerAll(with: .failure(Self.crashed("the plugin's worker process \(description)"))) { [self] id in
            lock.withLock { waiting[id] == nil }
        }
        observer.log(.error, "plugin worker exited", metadata: ["plugin": pluginID, "status": description, "crashes": "\(counted.crashes)"])
        observer.record(.crashed(plugin: pluginID))
        guard !counted.quarantined else {
            observer.log(.error, "plugin quarantined", metadata: ["plugin": pluginID, "reason": quarantineReason ?? ""])
            observer.record(.quarantined(plugin: pluginID))
            failWaiting(with: PluginError(code: "plugin_quarantined", message: quarantineReason ?? "quarantined"))
            return
        }
        let backoff = min(policy.firstBackoff * (1 << min(counted.crashes - 1, 16)), policy.maxBackoff)
        restartWorker(at: now + backoff)
    }

    /// Starts the next worker once the clock reaches `instant`, unless the channel is stopped first.
    private func restartWorker(at instant: ContinuousClock.Instant) {
        lock.withLock {
            guard !stopped else { return }
            restart = Task { [self] in
                guard (try? await clock.sleep(instant)) != nil else { return }
                // Spawning blocks until the new worker reports: it runs on a thread of its own,
                // off the task executors.
                let thread = Thread { [self] in respawn() }
                thread.name = "patchbay-restart-\(pluginID)"
                thread.start()
            }
        }
    }

    private func respawn() {
        guard !lock.withLock({ stopped }) else { return }
        do {
            let (replacement, _) = try Worker.spawn(path: path, workerPath: workerPath, timeout: policy.startTimeout, observer: observer,
                                                    secrets: secrets)
            adopt(replacement)
        } catch {
            let reason = "its worker could not be restarted: \(error)"
            lock.withLock { quarantine = reason }
            observer.log(.error, "plugin quarantined", metadata: ["plugin": pluginID, "reason": "\(error)"])
            observer.record(.quarantined(plugin: pluginID))
            failWaiting(with: PluginError(code: "plugin_quarantined", message: reason))
        }
    }

    private static func crashed(_ message: String) -> PluginError {
        PluginError(code: "plugin_crashed", message: message, retryable: true)
    }
}

/// One running worker process and the host's ends of its pipes.
private final class Worker: Sendable {
    /// Whether the process was reaped, and what waits for that.
    private struct Exit {
        var reaped = false
        var waiting: [@Sendable () -> Void] = []
    }

    let pid: pid_t
    let writer: FrameWriter
    let reader: FrameReader
    private let output: Int32
    private let exit = Mutex(Exit())

    private init(pid: pid_t, input: Int32, output: Int32) {
        self.pid = pid
        self.output = output
        writer = FrameWriter(descriptor: input)
        reader = FrameReader(descriptor: output)
    }

    /// Starts a worker for the plugin at `path` and waits for its first frame.
    static func spawn(path: String, workerPath: String, timeout: Duration, observer: any PluginObserver,
                      secrets: CallSecrets) throws(PluginRefusal) -> (Worker, Manifest) {
        signal(SIGPIPE, SIG_IGN)
        var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw .workerFailed("could not create pipes: errno \(errno)")
        }
        // The host's ends must not leak into this or any later child.
        for descriptor in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(workerPath), strdup(path), nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment(ProcessInfo.processInfo.environment).map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, workerPath, &actions, nil, argv, envp)
        for descriptor in [stdinPipe[0], stdoutPipe[1], stderrPipe[1]] { close(descriptor) }
        guard spawned == 0 else {
            for descriptor in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] { close(descriptor) }
            throw .workerFailed("could not start \(workerPath): errno \(spawned)")
        }
        let worker = Worker(pid: pid, input: stdinPipe[1], output: stdoutPipe[0])
        forwardLog(from: stderrPipe[0], path: path, observer: observer, secrets: secrets)

        var ready = pollfd(fd: worker.output, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&ready, 1, milliseconds) == 1, let hello = worker.reader.next() else {
            worker.discard()
            throw .workerFailed("the worker did not report within \(timeout)")
        }
        switch hello.kind {
        case .ready:
            guard let data = hello.payload else {
                worker.discard()
                throw .workerFailed("the worker sent no manifest")
            }
            // The worker process runs the plugin's code too: what it reports is checked again here.
            do {
                try PluginMessageCheck.check(manifest: data, observer: observer)
            } catch {
                worker.discard()
                throw error
            }
            guard let manifest = try? WireCoding.decode(Manifest.self, from: data) else {
                worker.discard()
                throw .workerFailed("the worker sent an unreadable manifest")
            }
            return (worker, manifest)
        default:
            worker.discard()
            throw .refusedInWorker(hello.text ?? "the worker refused the plugin")
        }
    }

    /// What a worker may see of the host's environment: where programs and temporary files
    /// are (`PATH`, `TMPDIR`), the user's home (`HOME`, which Foundation and some libraries
    /// read), language, locale and time zone for the text a plugin formats, and `LOG_LEVEL`
    /// so its log follows the host's. Nothing else: not the master key, not the host's
    /// other configuration, not whatever credentials its launcher had in its environment.
    static func environment(_ host: [String: String]) -> [String] {
        let names: Set<String> = ["PATH", "HOME", "TMPDIR", "LANG", "TZ", "LOG_LEVEL"]
        return host.filter { names.contains($0.key) || $0.key.hasPrefix("LC_") }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// The worker's stderr, line by line, into the host log, with its calls' secrets masked.
    private static func forwardLog(from descriptor: Int32, path: String, observer: any PluginObserver, secrets: CallSecrets) {
        let thread = Thread {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    if !line.isEmpty {
                        observer.log(.info, secrets.redact(line), metadata: ["worker": (path as NSString).lastPathComponent])
                    }
                }
            }
        }
        thread.start()
    }

    /// Kills the process; whoever reads its output reaps it once the output ends. Never
    /// signals a reaped process, whose pid may belong to another by now.
    func kill() {
        exit.withLock { exit in
            if !exit.reaped { _ = Glibc.kill(pid, SIGKILL) }
        }
    }

    /// Kills and reaps a worker that never got a reader: one that failed to start.
    func discard() {
        kill()
        _ = wait()
    }

    /// Runs `action` once the process is reaped, at once if it already is.
    func onExit(_ action: @escaping @Sendable () -> Void) {
        let reaped = exit.withLock { exit in
            if !exit.reaped { exit.waiting.append(action) }
            return exit.reaped
        }
        if reaped { action() }
    }

    /// Closing stdin tells the worker to exit; safe to call more than once.
    func closeInput() {
        writer.close()
    }

    /// Waits for the process to end, reaps it and returns its wait status; closes the host's
    /// ends of the pipes. Reaping is done under `exit`'s lock, where `kill` checks it.
    func wait() -> Int32 {
        var ended = siginfo_t()
        while waitid(P_PID, id_t(pid), &ended, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        var status: Int32 = 0
        let waiting = exit.withLock { exit in
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            exit.reaped = true
            defer { exit.waiting = [] }
            return exit.waiting
        }
        closeInput()
        close(output)
        for action in waiting { action() }
        return status
    }

    static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal != 0 { return "was killed by signal \(signal)\(signal == SIGSEGV ? " (segmentation fault)" : "")" }
        return "exited with status \((status >> 8) & 0xff)"
    }
}
