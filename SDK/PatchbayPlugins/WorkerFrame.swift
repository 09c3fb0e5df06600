import Foundation
import PatchbayWire

/// One message between the host and a plugin worker process, over the worker's stdin and
/// stdout: a 4-byte big-endian length, then this as JSON. Payloads travel as base64 so a
/// plugin's bytes arrive exactly as it wrote them, even when they are not valid JSON.
struct WorkerFrame: Codable, Sendable {
    enum Kind: String, Codable, Sendable {
        /// worker → host, first: the plugin loaded; `payload` is its manifest.
        case ready
        /// worker → host, first and last: the plugin was refused; `text` says why.
        case refused
        /// host → worker: start call `id` with `method` and `payload`. No secret travels beside the
        /// payload: the host masks the worker's log lines itself.
        case call
        /// host → worker: the host gave up on call `id`.
        case cancel
        /// worker → host: call `id` completed; `ok`, and the result or error in `payload`.
        case complete
        /// worker → host: call `call` asks for HTTP exchange `id`; `payload` is the request.
        case http
        /// host → worker: the response to HTTP exchange `id`.
        case httpResponse = "http_response"
    }

    var kind: Kind
    var id: UInt64?
    var call: UInt64?
    var method: String?
    var payload: Data?
    var ok: Bool?
    var text: String?

    init(_ kind: Kind, id: UInt64? = nil, call: UInt64? = nil, method: String? = nil, payload: Data? = nil,
         ok: Bool? = nil, text: String? = nil) {
        self.kind = kind
        self.id = id
        self.call = call
        self.method = method
        self.payload = payload
        self.ok = ok
        self.text = text
    }
}

/// Writes frames to a file descriptor it owns; safe from any thread.
// Unchecked: `descriptor` is only read and written under `lock`.
final class FrameWriter: @unchecked Sendable {
    private var descriptor: Int32
    private let lock = NSLock()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// False when the other side is gone.
    @discardableResult
    func send(_ frame: WorkerFrame) -> Bool {
        guard let body = try? WireCoding.encode(frame) else { return false }
        var length = UInt32(body.count).bigEndian
        var bytes = Data(bytes: &length, count: 4)
        bytes.append(body)
        return lock.withLock {
            guard descriptor >= 0 else { return false }
            return bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { return false }
                    offset += written
                }
                return true
            }
        }
    }

    /// Closes the descriptor; later sends fail rather than write to a reused descriptor number.
    func close() {
        lock.withLock {
            guard descriptor >= 0 else { return }
            Glibc.close(descriptor)
            descriptor = -1
        }
    }
}

/// Reads frames from a file descriptor, blocking; one reader per descriptor.
struct FrameReader {
    /// Larger frames mean a broken peer, not a big message.
    static let maxFrame = 64 << 20
    let descriptor: Int32

    /// The next frame, or nil at end of input or on anything that is not a frame.
    func next() -> WorkerFrame? {
        guard let header = read(4) else { return nil }
        let length = header.withUnsafeBytes { Int(UInt32(bigEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard length <= Self.maxFrame, let body = read(length) else { return nil }
        return try? WireCoding.decode(WorkerFrame.self, from: body)
    }

    private func read(_ count: Int) -> Data? {
        var data = Data(count: count)
        var offset = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            while offset < count {
                let got = Glibc.read(descriptor, buffer.baseAddress! + offset, count - offset)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return false }
                offset += got
            }
            return true
        }
        return complete ? data : nil
    }
}
