import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A throwaway nginx (the distribution's package) on a free loopback port, load balancing
/// round-robin over `backends` as docs/deployment.md configures it for replicas: HTTP/1.1
/// keepalive to the backends, no buffering (long-polls and SSE stream through), and a request
/// that cannot reach a backend goes to the next one. Its files (config, logs, temp dirs) live
/// in a temp directory removed by `stop()`.
///
/// One process (`master_process off`, `daemon off`): as root a master would hand the work to
/// workers running as `nobody`, which cannot write the temp directory; one process runs as
/// whoever started the tests.
/// Unchecked for `process`, configured before it starts and afterwards only signalled and
/// waited on; the compiler cannot see that.
final class NginxServer: @unchecked Sendable {
    let port: Int
    let directory: String
    private let process: Process

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, directory: String, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    /// Starts nginx in front of `backends` (`127.0.0.1:port` each) and returns once a request
    /// through it reaches a backend's `/healthz`.
    static func start(backends: [String]) async throws -> NginxServer {
        let executable = try findExecutable()
        let directory = NSTemporaryDirectory() + "patchbay-nginx-" + UUID().uuidString.prefix(8).lowercased()
        for temp in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + temp, withIntermediateDirectories: true)
        }
        let port = try PostgresServer.freePort()
        try configuration(port: port, backends: backends, directory: directory)
            .write(toFile: directory + "/nginx.conf", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // -e: the error log before the config is read; the compiled-in one may not be writable.
        process.arguments = ["-p", directory, "-c", directory + "/nginx.conf", "-e", directory + "/error.log"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: directory + "/stderr.log", contents: nil)
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/stderr.log"))
        process.standardError = stderr
        try process.run()
        // nginx has its own copy now; this process keeps none.
        try? stderr.close()
        let server = NginxServer(port: port, directory: directory, process: process)
        Self.running.insert(server)

        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                let reason = server.log("stderr.log") + server.log("error.log")
                server.stop()
                throw NginxServerError.failed("nginx exited at start: \(reason)")
            }
            var request = HTTPClientRequest(url: server.baseURL + "/healthz")
            request.method = .GET
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)), response.status == .ok {
                return server
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let reason = server.log("error.log")
        server.stop()
        throw NginxServerError.failed("nginx did not answer /healthz through a backend: \(reason)")
    }

    /// Stops nginx at once and removes its directory. Safe to call twice. SIGKILL: nginx keeps
    /// the signal mask of the thread that started it, and a test's threads block SIGTERM.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        Self.running.remove(self)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// How many requests each backend answered (those whose path contains `matching`), from
    /// the access log: a request nginx passed on after a failure counts for the backend that
    /// answered it.
    func requestsPerBackend(matching: String = "") -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in log("access.log").split(separator: "\n") where matching.isEmpty || line.contains(matching) {
            // `$upstream_addr` lists every backend tried, comma-separated, the one that answered last.
            guard let tried = line.split(separator: "|").last, tried != "-",
                  let answered = tried.split(separator: ",").last else { continue }
            counts[answered.trimmingCharacters(in: .whitespaces), default: 0] += 1
        }
        return counts
    }

    func log(_ name: String) -> String {
        (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? ""
    }

    // MARK: Configuration

    static func configuration(port: Int, backends: [String], directory: String) -> String {
        let servers = backends.map { "        server \($0) max_fails=1 fail_timeout=5s;" }.joined(separator: "\n")
        return """
            master_process off;
            daemon off;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format backends '$status $request_method $uri|$upstream_addr';
                access_log \(directory)/access.log backends;
                client_body_temp_path \(directory)/client_body;
                proxy_temp_path \(directory)/proxy;
                fastcgi_temp_path \(directory)/fastcgi;
                uwsgi_temp_path \(directory)/uwsgi;
                scgi_temp_path \(directory)/scgi;
                upstream patchbay {
            \(servers)
                    keepalive 32;
                }
                server {
                    listen 127.0.0.1:\(port);
                    client_max_body_size 10m;
                    location / {
            \(proxySettings.split(separator: "\n").map { "            " + $0 }.joined(separator: "\n"))
                    }
                }
            }
            """
    }

    /// The proxy settings of docs/deployment.md's nginx config, so that what the replica test
    /// runs is what operators are told to run.
    static let proxySettings = """
        proxy_pass http://patchbay;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_buffering off;
        proxy_cache off;
        proxy_connect_timeout 5s;
        proxy_send_timeout 60s;
        proxy_read_timeout 60s;
        proxy_next_upstream error timeout;
        """

    // MARK: Lifecycle

    private static func findExecutable() throws -> String {
        let candidates = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx", "/usr/local/bin/nginx"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw NginxServerError.failed("nginx is needed for the replica tests: install the nginx package")
        }
        return found
    }

    /// Servers still running when the test process exits are stopped then.
    private static let running = RunningServers()
}

/// The nginx processes this test process started and has not stopped.
/// Unchecked because `lock` guards `servers` and `hooked`, which the compiler cannot see.
private final class RunningServers: @unchecked Sendable {
    private let lock = NSLock()
    private var servers: [ObjectIdentifier: NginxServer] = [:]
    private var hooked = false

    func insert(_ server: NginxServer) {
        lock.withLock {
            servers[ObjectIdentifier(server)] = server
            if !hooked {
                hooked = true
                atexit { NginxServer.stopAllAtExit() }
            }
        }
    }

    func remove(_ server: NginxServer) {
        _ = lock.withLock { servers.removeValue(forKey: ObjectIdentifier(server)) }
    }

    var all: [NginxServer] { lock.withLock { Array(servers.values) } }
}

extension NginxServer {
    fileprivate static func stopAllAtExit() {
        for server in running.all { server.stop() }
    }
}

enum NginxServerError: Error {
    case failed(String)
}
