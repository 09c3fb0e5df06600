import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP/1.1 server that answers as a test scripts it, one answer per request, with
/// faults a well-behaved fake never shows: a body that stalls halfway, bytes that are not
/// HTTP. It counts the connections still open, so a test can see the client release them.
/// Plain sockets and a thread per connection: a stalled connection holds only its thread.
/// Unchecked because `lock` guards the script, the requests and the connections that the
/// connection threads share, which the compiler cannot see.
final class ScriptedUpstream: @unchecked Sendable {
    enum Answer: Sendable {
        case reply(status: Int, headers: [String: String] = [:], body: String)
        /// Headers announcing a 1000-byte body, a few bytes of it, then nothing until the
        /// client closes the connection.
        case stallMidBody
        /// A line that is not an HTTP status line, then the connection closes.
        case notHTTP
        /// The reply once `count` requests are being answered at once (or after 20 s, so a
        /// client that never sends that many still gets its answers).
        case heldUntil(count: Int, body: String)
        /// The reply after `delay`, like a slow provider.
        case delayed(Duration, body: String)
    }

    struct Request: Sendable {
        let method: String
        let path: String
    }

    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: Int32
    private let lock = NSLock()
    private var script: [Answer] = []
    private var fallback: Answer
    private var received: [Request] = []
    private var clients: Set<Int32> = []
    private var answering = 0
    private var mostAnswering = 0

    /// Starts listening on a free port; requests beyond the script get `fallback`.
    init(fallback: Answer) throws {
        self.fallback = fallback
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 512) == 0 && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else { throw TestHostError.unexpected("scripted upstream: cannot listen, errno \(errno)") }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    /// Queues answers for the next requests, in order.
    func enqueue(_ answer: Answer, count: Int = 1) {
        lock.withLock { script += Array(repeating: answer, count: count) }
    }

    var requests: [Request] { lock.withLock { received } }
    var openConnections: Int { lock.withLock { clients.count } }
    /// The most requests that were being answered at the same time.
    var peakConcurrentRequests: Int { lock.withLock { mostAnswering } }

    /// Connections to this upstream that their client has not closed yet, open or closed by
    /// this side only, as the kernel's table of IPv4 TCP sockets lists them. Once none is left
    /// after `stop()`, no client can send a request on a connection this upstream has cut.
    /// An unreadable table counts as connections left, so a wait on it fails rather than passes.
    var clientEndsOpen: Int {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return .max }
        let remote = String(format: "0100007F:%04X", port)
        // Each row: slot, local address, remote address, state (01 established, 08 close-wait), ...;
        // 127.0.0.1 is written as the little-endian word it is in memory here.
        return table.split(separator: "\n").dropFirst().filter { row in
            let fields = row.split(separator: " ")
            return fields.count > 3 && fields[2] == remote && (fields[3] == "01" || fields[3] == "08")
        }.count
    }

    /// Waits up to `timeout` for `condition`; returns whether it held.
    func wait(for timeout: Duration, until condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Stops listening and cuts every connection; later connections are refused.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        lock.withLock { clients }.forEach { _ = shutdown($0, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            lock.withLock { _ = clients.insert(client) }
            Thread { [self] in serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        defer {
            lock.withLock { _ = clients.remove(client) }
            close(client)
        }
        var buffer = [UInt8]()
        while let request = readRequest(client, buffer: &buffer) {
            let answer: Answer = lock.withLock {
                received.append(request)
                answering += 1
                mostAnswering = max(mostAnswering, answering)
                return script.isEmpty ? fallback : script.removeFirst()
            }
            defer { lock.withLock { answering -= 1 } }
            switch answer {
            case .reply(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                guard write(client, head + "\r\n" + body) else { return }
            case .stallMidBody:
                guard write(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ok\":true,") else { return }
                var byte: UInt8 = 0
                while recv(client, &byte, 1, 0) > 0 {}
                return
            case .notHTTP:
                _ = write(client, "SSH-2.0-OpenSSH_9.6\r\n\r\n")
                return
            case .heldUntil(let count, let body):
                let deadline = ContinuousClock.now + .seconds(20)
                while lock.withLock({ mostAnswering < count }), ContinuousClock.now < deadline { usleep(5000) }
                guard write(client, Self.ok(body)) else { return }
            case .delayed(let delay, let body):
                Thread.sleep(forTimeInterval: Double(delay / .milliseconds(1)) / 1000)
                guard write(client, Self.ok(body)) else { return }
            }
        }
    }

    private static func ok(_ body: String) -> String {
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    /// The next request's line and headers, its body skipped; nil once the client closes.
    private func readRequest(_ client: Int32, buffer: inout [UInt8]) -> Request? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = buffer.firstRange(of: separator) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n")
                let parts = lines[0].split(separator: " ")
                let length = lines.dropFirst().compactMap { line -> Int? in
                    let pair = line.split(separator: ":", maxSplits: 1)
                    guard pair.count == 2, pair[0].lowercased() == "content-length" else { return nil }
                    return Int(pair[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                while buffer.count < end.upperBound + length {
                    let count = recv(client, &chunk, chunk.count, 0)
                    guard count > 0 else { return nil }
                    buffer += chunk[..<count]
                }
                buffer.removeFirst(end.upperBound + length)
                return Request(method: parts.first.map(String.init) ?? "", path: parts.dropFirst().first.map(String.init) ?? "")
            }
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    private func write(_ client: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}
