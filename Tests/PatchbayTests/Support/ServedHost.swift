import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayWire

/// The real `patchbay serve` on a data dir of the test's, for tests that kill it and start it
/// again; and the CLI's `keys create` on the same dir. Both run with `environment` added to
/// the test process's own.
/// Unchecked for `process`, which `start` sets and the test then reads and kills; no two tasks
/// use one host at once, which the compiler cannot see.
final class ServedHost: @unchecked Sendable {
    static var executable: String { BuildProducts.directory + "/patchbay" }
    let directory: String
    let environment: [String: String]
    private(set) var process: Process?

    init(directory: String, environment: [String: String] = [:]) {
        self.directory = directory
        self.environment = environment
    }

    private func makeProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        return process
    }

    /// Starts `serve` on a free port, with `arguments` added, and returns its base URL once it
    /// listens. Its log goes to `log`.
    func start(log: String, arguments: [String] = []) throws -> String {
        let process = makeProcess(["serve", "--data-dir", directory, "--port", "0"] + arguments)
        try Data().write(to: URL(fileURLWithPath: log))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The server has its own copy now; this process keeps none.
        try? stderr.close()
        self.process = process
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let seen = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            // ` url=` (or `"url":"` in the JSON log): upstream overrides are logged before it as `base_url`.
            if let range = seen.range(of: #"( url=|"url":")http://127\.0\.0\.1:\d+"#, options: .regularExpression),
               let url = seen[range].range(of: "http://") {
                return String(seen[url.lowerBound..<range.upperBound])
            }
            guard process.isRunning else { throw TestHostError.unexpected("serve exited at start: \(seen)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestHostError.unexpected("serve did not report its URL")
    }

    /// Kills a server still running, as a crash would.
    func kill() {
        if let process, process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// An admin key for `account`, made by `patchbay keys create`.
    func adminKey(account: String) throws -> String {
        try command(["keys", "create", "--account", account, "--scopes", "admin"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs another command on the same data dir; the output is stdout, plus stderr when `withErrors`.
    func command(_ arguments: [String], withErrors: Bool = false) throws -> (status: Int32, output: String) {
        let process = makeProcess(arguments + ["--data-dir", directory])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = withErrors ? pipe : FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func call(_ base: String, _ method: HTTPMethod, _ path: String, key: String, json: JSONValue? = nil,
                     timeout: TimeAmount = .seconds(10)) async throws -> JSONValue {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        if let json { request.body = .bytes(ByteBuffer(bytes: try WireCoding.encode(json))) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 10 << 20)
        guard let json = try? WireCoding.decode(JSONValue.self, from: Data(body.readableBytesView)) else {
            throw TestHostError.unexpected("\(method) \(path): \(response.status) \(String(buffer: body))")
        }
        return json
    }
}
