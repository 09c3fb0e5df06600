import Foundation
import PatchbayWire

/// The plugin side of process isolation: `patchbay-plugin-worker PLUGIN.so` loads one plugin
/// with the same loader as the host and serves the host's calls over stdin and stdout.
///
/// stdout carries only frames: the worker keeps a private copy of it for the protocol and
/// points file descriptor 1 at stderr, so whatever the plugin prints goes to the host's log
/// instead of corrupting the stream. If the plugin crashes, only this process dies.
public enum PluginWorker {
    /// Serves until the host closes stdin. `observer` hears the loader and the plugin's log
    /// lines, which it writes to stderr for the host to forward.
    public static func run(arguments: [String], observer: any PluginObserver) -> Never {
        signal(SIGPIPE, SIG_IGN)
        let protocolOut = dup(1)
        dup2(2, 1)
        let writer = FrameWriter(descriptor: protocolOut)

        guard arguments.count == 2 else {
            writer.send(WorkerFrame(.refused, text: "usage: patchbay-plugin-worker PLUGIN.so"))
            exit(2)
        }
        let channel: InProcessChannel
        do {
            let inspected = try PluginLoader.inspect(path: arguments[1], observer: observer)
            // A worker's plugin reads the machine's wall clock: the host's is not sent over the pipe.
            channel = try PluginLoader.channel(for: inspected, observer: observer, clock: .system)
            writer.send(WorkerFrame(.ready, payload: try? WireCoding.encode(inspected.manifest)))
        } catch {
            writer.send(WorkerFrame(.refused, text: error.description))
            exit(3)
        }
        let session = WorkerSession(channel: channel, writer: writer)
        let reader = FrameReader(descriptor: 0)
        while let frame = reader.next() {
            session.handle(frame)
        }
        // The host closed our stdin: it is stopping. The plugin shuts down before the process ends.
        let stopped = DispatchSemaphore(value: 0)
        Task {
            await channel.shutdown()
            stopped.signal()
        }
        stopped.wait()
        exit(0)
    }
}

/// The worker's calls in flight and their HTTP exchanges with the host.
// Unchecked: `calls`, `exchanges` and `nextExchange` are only read and written under `lock`.
private final class WorkerSession: @unchecked Sendable {
    /// The host enforces each call's deadline and sends `cancel`; this only bounds a call the
    /// host has forgotten.
    private static let backstop: Duration = .seconds(3600)

    private let channel: InProcessChannel
    private let writer: FrameWriter
    private let lock = NSLock()
    private var calls: [UInt64: Task<Void, Never>] = [:]
    private var exchanges: [UInt64: CheckedContinuation<HTTPResponseMessage, Never>] = [:]
    private var nextExchange: UInt64 = 0

    init(channel: InProcessChannel, writer: FrameWriter) {
        self.channel = channel
        self.writer = writer
    }

    func handle(_ frame: WorkerFrame) {
        switch frame.kind {
        case .call:
            guard let id = frame.id, let method = frame.method.flatMap(PluginMethod.init(rawValue:)) else { return }
            start(id, method: method, payload: frame.payload ?? Data())
        case .cancel:
            guard let id = frame.id else { return }
            lock.withLock { calls[id] }?.cancel()
        case .httpResponse:
            guard let id = frame.id, let waiting = lock.withLock({ exchanges.removeValue(forKey: id) }) else { return }
            let response = frame.payload.flatMap { try? WireCoding.decode(HTTPResponseMessage.self, from: $0) }
                ?? .failure(PluginError(code: "host_error", message: "the host's HTTP response was unreadable"))
            waiting.resume(returning: response)
        default:
            return
        }
    }

    /// The worker knows no secrets to mask: its log goes to stderr, which the host redacts.
    private func start(_ id: UInt64, method: PluginMethod, payload: Data) {
        let context = PluginCallContext { [self] request in await http(for: id, request) }
        let task = Task { [self] in
            let reply = await channel.call(method: method, payload: payload, context: context, timeout: Self.backstop, clock: .system)
            lock.withLock { _ = calls.removeValue(forKey: id) }
            switch reply {
            case .success(let data):
                writer.send(WorkerFrame(.complete, id: id, payload: data, ok: true))
            case .failure(let error):
                writer.send(WorkerFrame(.complete, id: id, payload: try? WireCoding.encode(error), ok: false))
            }
        }
        lock.withLock { calls[id] = task }
    }

    private func http(for call: UInt64, _ request: HTTPRequestMessage) async -> HTTPResponseMessage {
        await withCheckedContinuation { continuation in
            let id: UInt64 = lock.withLock {
                nextExchange += 1
                exchanges[nextExchange] = continuation
                return nextExchange
            }
            if !writer.send(WorkerFrame(.http, id: id, call: call, payload: try? WireCoding.encode(request))) {
                lock.withLock { _ = exchanges.removeValue(forKey: id) }
                continuation.resume(returning: .failure(PluginError(code: "host_error", message: "the host is gone")))
            }
        }
    }
}
