import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PatchbayFakes
import XCTest

/// `serve` refuses what it cannot do with one clear line and exit status: an address it cannot
/// listen on, out-of-range numbers, a missing plugins directory, overrides that are malformed
/// or name no loaded provider. And `keys create` says which data dir it used.
extension CLITests {
    private func freshDirectory() -> String {
        NSTemporaryDirectory() + "patchbay-cli-flags-" + UUID().uuidString
    }

    func testServeOnAPortInUseExitsAtOnceSayingSo() async throws {
        // Any server will do to hold the port: the fakes' one is at hand.
        let holder = try await FakeUpstreams.start()
        let directory = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let started = Date()
        let (status, output) = try run(["serve", "--data-dir", directory, "--port", String(holder.port)], withErrors: true)
        let elapsed = Date().timeIntervalSince(started)
        await holder.stop()
        XCTAssertEqual(status, 1, output)
        XCTAssertTrue(output.contains("Error: cannot listen on 127.0.0.1:\(holder.port): address already in use"), output)
        XCTAssertFalse(output.contains("deinit"), "the HTTP clients are shut down before exiting: \(output)")
        XCTAssertLessThan(elapsed, 8, "no crash and backtrace on the way out")
    }

    func testServeOnAnAddressThatIsNotThisMachinesExitsSayingSo() throws {
        let directory = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
        let (status, output) = try run(["serve", "--data-dir", directory, "--host", "192.0.2.1", "--port", "0"], withErrors: true)
        XCTAssertEqual(status, 1, output)
        XCTAssertTrue(output.contains("Error: cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine"), output)

        let (unknown, unresolved) = try run(["serve", "--data-dir", directory, "--host", "no-such-host.invalid", "--port", "0"],
                                            withErrors: true)
        XCTAssertEqual(unknown, 1, unresolved)
        XCTAssertTrue(unresolved.contains("the host name no-such-host.invalid does not resolve"), unresolved)
    }

    func testServeRefusesBadFlagsBeforeCreatingAnything() throws {
        let directory = freshDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--port", "99999"], [:], "--port must be from 1 to 65535, or 0 for a free port (got 99999)"),
            (["--port=-1"], [:], "--port must be from 1 to 65535"),
            (["--plugin-timeout", "0"], [:], "--plugin-timeout must be at least 1 second (got 0)"),
            (["--plugin-timeout=-5"], [:], "--plugin-timeout must be at least 1 second"),
            (["--plugins-dir", directory + "-missing"], [:], "--plugins-dir \(directory)-missing does not exist"),
            (["--upstream", "slack"], [:], #"--upstream: entry "slack" must look like provider=http://host:port/path"#),
            (["--upstream", "slack=ftp://127.0.0.1/x"], [:], #"--upstream: entry "slack=ftp://127.0.0.1/x" must look like"#),
            ([], ["PATCHBAY_UPSTREAMS": "slack=http://127.0.0.1:4010/slack/api,github"],
             #"PATCHBAY_UPSTREAMS: entry "github" must look like"#),
            (["--oauth-endpoint", "=http://127.0.0.1:4010"], [:], #"--oauth-endpoint: entry "=http://127.0.0.1:4010" must look like"#),
            ([], ["PATCHBAY_OAUTH_ENDPOINTS": "slack"], #"PATCHBAY_OAUTH_ENDPOINTS: entry "slack" must look like"#),
            // An override keyed by an origin is scheme, host and port alone.
            (["--upstream", "https://upload.example.com/api=http://127.0.0.1:9000"], [:],
             #"--upstream: entry "https://upload.example.com/api=http://127.0.0.1:9000": https://upload.example.com/api is not an origin"#),
            (["--upstream", "ftp://upload.example.com=http://127.0.0.1:9000"], [:], #"--upstream: entry "ftp://upload.example.com="#),
            (["--upstream", "https://user@upload.example.com=http://127.0.0.1:9000"], [:],
             #"--upstream: entry "https://user@upload.example.com=http://127.0.0.1:9000": https://user@upload.example.com is not an origin"#),
        ] + Self.badPublicURLs.map { url in
            (["--public-url", url], [:], "--public-url: the public URL must be an absolute http or https URL without credentials, query or fragment")
        } + [
            ([], ["PATCHBAY_PUBLIC_URL": "patchbay.example.com"], "PATCHBAY_PUBLIC_URL: the public URL must be an absolute http or https URL"),
            (["--min-free-disk-mb=-1"], [:], "--min-free-disk-mb must be a whole number of MB from 0 (no check) to 16777216, not -1"),
            (["--min-free-disk-mb", "1g"], ["PATCHBAY_MIN_FREE_DISK_MB": "100"], "--min-free-disk-mb must be a whole number of MB"),
            ([], ["PATCHBAY_MIN_FREE_DISK_MB": "16777217"], "PATCHBAY_MIN_FREE_DISK_MB must be a whole number of MB"),
        ]
        for (arguments, environment, message) in cases {
            let (status, output) = try run(["serve", "--data-dir", directory] + arguments, withErrors: true, environment: environment)
            XCTAssertEqual(status, 64, "\(arguments) \(environment): \(output)")
            XCTAssertTrue(output.hasPrefix("Error: " + message), "\(arguments) \(environment): \(output)")
            XCTAssertFalse(output.contains("ServiceError("), output)
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory), "\(arguments): nothing is created")
        }
    }

    /// Not where browsers and providers could reach a host: relative, another scheme, or with
    /// what a path cannot be appended to.
    static let badPublicURLs = ["ftp://patchbay.example.com", "patchbay.example.com", "/oauth", "https://",
                                "https://patchbay.example.com/?tenant=1", "https://patchbay.example.com/#top",
                                "https://user:pw@patchbay.example.com"]

    func testServeRefusesAnOverrideNamingNoLoadedProvider() throws {
        let directory = freshDirectory()
        let plugins = freshDirectory()
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: plugins)
        }
        let slack = ["--plugins-dir", plugins, "--plugin", try BuildProducts.plugin("PatchbaySlack")]
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--upstream", "slakc=http://127.0.0.1:4010/slack/api"], [:],
             #"--upstream names provider "slakc", which no loaded plugin provides (loaded: slack)"#),
            ([], ["PATCHBAY_UPSTREAMS": "slack=http://127.0.0.1:4010/slack/api,github=http://127.0.0.1:4010/github"],
             #"PATCHBAY_UPSTREAMS names provider "github", which no loaded plugin provides (loaded: slack)"#),
            (["--oauth-endpoint", "slak=http://127.0.0.1:4010/slack_oauth"], [:],
             #"--oauth-endpoint names provider "slak", which no loaded plugin provides (loaded: slack)"#),
            (["--egress-limit", "slack=64", "--egress-limit", "shopfy=8"], [:],
             #"--egress-limit names provider "shopfy", which no loaded plugin provides (loaded: slack)"#),
        ]
        for (arguments, environment, message) in cases {
            let (status, output) = try run(["serve", "--data-dir", directory, "--port", "0"] + slack + arguments,
                                           withErrors: true, environment: environment.merging(["LOG_LEVEL": "error"]) { a, _ in a })
            XCTAssertEqual(status, 1, "\(arguments) \(environment): \(output)")
            XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines), "Error: " + message, "one line")
            XCTAssertFalse(FileManager.default.fileExists(atPath: directory), "refused before the data dir is made")
        }
    }

    func testKeysCreatePrintsTheKeyAloneAndTheDataDirOnStderrUnderHome() throws {
        let home = freshDirectory()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        // An empty PATCHBAY_DATA_DIR is unset: the default applies, under $HOME as a shell's ~ is.
        let environment = ["HOME": home, "PATCHBAY_DATA_DIR": ""]
        let (status, key) = try run(["keys", "create", "--account", "home"], environment: environment)
        XCTAssertEqual(status, 0)
        XCTAssertTrue(key.hasPrefix("pb_") && key.hasSuffix("\n") && !key.contains(" "), "stdout is the key alone: \(key)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: home + "/.patchbay/patchbay.sqlite"))

        let (_, both) = try run(["keys", "create", "--account", "home"], withErrors: true, environment: environment)
        XCTAssertTrue(both.contains("created an API key for account home in \(home)/.patchbay\n"), both)

        let (refused, message) = try run(["keys", "create", "--account", "x", "--scopes", "root", "--data-dir", home + "/never"],
                                         withErrors: true)
        XCTAssertEqual(refused, 64)
        XCTAssertTrue(message.hasPrefix("Error: unknown scope \"root\""), message)
        XCTAssertTrue(message.contains("patchbay keys create"), "the usage names the command: \(message)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/never"), "refused before the data dir is made")
    }

    func testServeLiftsTheOpenFileLimitToTheHardLimitAndLogsIt() throws {
        // The hard limit this test runs under is what a child may lift its soft limit to.
        var limit = rlimit()
        XCTAssertEqual(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit), 0)
        let hard = UInt64(limit.rlim_max)
        try XCTSkipUnless(hard > 256, "the hard limit on open files (\(hard)) leaves nothing to lift")
        let directory = freshDirectory()
        let log = directory + ".log"
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: log)
        }
        // A shell lowers the soft limit, as a service manager's default of 1,024 would be, and execs serve.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/bin/sh")
        server.arguments = ["-c", #"ulimit -S -n 256 && exec "$0" serve --data-dir "$1" --port 0"#, patchbay, directory]
        XCTAssertTrue(FileManager.default.createFile(atPath: log, contents: nil))
        server.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var seen = ""
        let deadline = Date().addingTimeInterval(20)
        while !seen.contains("patchbay is serving"), server.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            seen = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        XCTAssertNotNil(seen.range(of: #" open_files=\#(hard)\s"#, options: .regularExpression), seen)
        XCTAssertNotNil(seen.range(of: #" open_files_hard=\#(hard)\s"#, options: .regularExpression), seen)
        let limits = try String(contentsOfFile: "/proc/\(server.processIdentifier)/limits", encoding: .utf8)
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }.map(String.init) ?? limits
        XCTAssertEqual(line.split(separator: " ").filter { !$0.isEmpty }.dropFirst(3).prefix(2).map(String.init),
                       [String(hard), String(hard)], line)
    }
}
