import Foundation
import XCTest

/// `serve --allow-egress` entries and the egress limit are checked before anything starts.
extension CLITests {
    func testServeRefusesAMalformedAllowEgressEntryWithOneLine() throws {
        for entry in ["10.0.0.0/33", "10.0.0.1/8", "db.internal:5432"] {
            let (status, output) = try run(["serve", "--port", "0", "--data-dir", NSTemporaryDirectory() + "never-created",
                                            "--allow-egress", entry], withErrors: true)
            XCTAssertNotEqual(status, 0, entry)
            let lines = output.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, output)
            XCTAssertTrue(output.contains("--allow-egress \"\(entry)\" is not a CIDR block"), output)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "never-created"), "nothing was created")
    }

    func testServeRefusesAConnectionsPerHostLimitBelowOne() throws {
        for value in ["0", "-5"] {
            let (status, output) = try run(["serve", "--port", "0", "--data-dir", NSTemporaryDirectory() + "never-created",
                                            "--egress-connections-per-host=\(value)"], withErrors: true)
            XCTAssertNotEqual(status, 0, value)
            XCTAssertTrue(output.contains("--egress-connections-per-host must be at least 1 (got \(value))"), output)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "never-created"), "nothing was created")
    }

    func testServeRefusesAnEgressLimitThatIsNotProviderEqualsACount() throws {
        for entry in ["slack", "slack=", "=5", "slack=0", "slack=-1", "slack=many", "slack=1.5"] {
            let (status, output) = try run(["serve", "--port", "0", "--data-dir", NSTemporaryDirectory() + "never-created",
                                            "--egress-limit", entry], withErrors: true)
            XCTAssertNotEqual(status, 0, entry)
            XCTAssertTrue(output.contains("--egress-limit \"\(entry)\" is not provider=N with N at least 1"), output)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "never-created"), "nothing was created")
    }

    func testServeReadsAllowEgressFromTheEnvironmentToo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: patchbay)
        process.arguments = ["serve", "--port", "0", "--data-dir", NSTemporaryDirectory() + "never-created"]
        process.environment = ["PATCHBAY_ALLOW_EGRESS": "10.0.0.0/8, 300.0.0.0/8", "HOME": NSTemporaryDirectory()]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 0)
        XCTAssertTrue(output.contains("--allow-egress \"300.0.0.0/8\" is not a CIDR block"), output)
    }
}
